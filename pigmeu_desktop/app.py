"""Composition root: builds each service once, on first use, and passes dependencies down."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from pigmeu_desktop.core.ports import SubmissionStore
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings

log = logging.getLogger("pigmeu.app")

# How often the interpreter hands the GIL between threads (default 5 ms). Parsing, validation and the AI
# stream run on worker threads; a shorter interval bounds how long the event loop (the UI) waits behind them.
RESPONSIVE_SWITCH_INTERVAL_S = 0.001


def prefer_responsive_loop() -> None:
    """Tune the process for a smooth event loop: called by the GUI and by `pigmeu run`, not by library code."""
    import sys

    sys.setswitchinterval(RESPONSIVE_SWITCH_INTERVAL_S)


def freeze_startup_heap() -> None:
    """Take every object alive now out of the garbage collector's sight (`gc.freeze`).

    Why: a full collection walks every tracked object, in whatever thread triggers it, holding the
    GIL. After the imports that is ~150,000 objects: measured 70-360 ms of frozen event loop per full
    collection on a 2-core machine. Modules, classes and settings live as long as the process, so the
    collector never needs to look at them again. Only the young generations are collected first (cheap);
    the rare cyclic garbage already in the old one stays, which costs a little memory, never a stall.
    Called by the GUI and `pigmeu run` once the step modules are imported, not by library code.
    """
    import gc

    gc.collect(1)
    gc.freeze()


class Services:
    """Everything the CLI and the GUI use, built lazily so a command only pays for what it touches.

    There is no global instance: the GUI and each CLI invocation create their own and pass it down.
    Service packages expose `create_*(services)` factories that read what they need from here.
    """

    def __init__(self, paths: AppPaths, settings: Settings, env: Mapping[str, str] | None = None) -> None:
        self.paths = paths
        self.settings = settings
        self.env: Mapping[str, str] = dict(os.environ if env is None else env)
        self._store: SubmissionStore | None = None
        self._closers: list[Any] = []
        self._presence: Any = None  # team mode's PresenceService, made by presence()

    def apply_settings(self, settings: Settings) -> None:
        """New effective settings (saved in Settings): services already running pick them up.

        The drafter and the publisher read `self.settings` at each call; the scraper holds a browser
        and a politeness clock, so it is told. The store (team mode) needs a restart: the main window says so.
        """
        self.settings = settings
        if "scraper" in self.__dict__:  # built (cached_property): nothing to tell otherwise
            from pigmeu_desktop.services.scraping import apply_settings

            apply_settings(self.scraper, self)

    async def store(self) -> SubmissionStore:
        if self._store is None:
            from pigmeu_desktop.services.storage import open_store

            self._store = await open_store(self)
        return self._store

    async def presence(self):
        """Team mode's presence and edit claims (services/sync/presence.py); None outside team mode or
        without Redis. Started on first use; Redis down is not an error (the service says OFFLINE)."""
        if self._presence is None and self.settings.team_mode and self.settings.redis_url:
            from pigmeu_desktop.services.sync import create_presence

            self._presence = await create_presence(self)
        return self._presence

    @cached_property
    def secrets(self):
        from pigmeu_desktop.services.secrets import create_secret_store

        return create_secret_store(self)

    @cached_property
    def link_resolver(self):
        from pigmeu_desktop.services.intake import ShortLinkResolver

        return ShortLinkResolver()

    @cached_property
    def scraper(self):
        from pigmeu_desktop.services.scraping import create_scraper

        return self._track(create_scraper(self))

    @cached_property
    def drafter(self):
        from pigmeu_desktop.services.llm import create_drafter

        return self._track(create_drafter(self))

    @cached_property
    def publisher(self):
        from pigmeu_desktop.services.wordpress import create_publisher

        return self._track(create_publisher(self))

    def _track(self, service: Any) -> Any:
        if hasattr(service, "aclose"):
            self._closers.append(service)
        return service

    async def aclose(self) -> None:
        """Close services in reverse order of creation; one failing close does not stop the others."""
        for service in reversed(self._closers):
            with contextlib.suppress(Exception):
                await service.aclose()
        self._closers.clear()
        if self._presence is not None:
            await self._presence.aclose()
            self._presence = None
        if self._store is not None:
            await self._store.close()
            self._store = None
