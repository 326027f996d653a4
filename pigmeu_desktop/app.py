"""Composition root: builds each service once, on first use, and passes dependencies down."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, TypeVar

from pigmeu_desktop.core.ports import SubmissionStore
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings

if TYPE_CHECKING:
    from pigmeu_desktop.services.intake import ShortLinkResolver
    from pigmeu_desktop.services.llm.drafter import Drafter
    from pigmeu_desktop.services.scraping.scraper import Scraper
    from pigmeu_desktop.services.secrets.store import KeyringSecretStore
    from pigmeu_desktop.services.sync.presence import PresenceService
    from pigmeu_desktop.services.wordpress.publisher import WordPressPublisher

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


SettingsListener = Callable[[Settings, Settings], None]
"""Told (old, new) when saved settings take effect."""


class Closable(Protocol):
    async def aclose(self) -> None: ...


_Closable = TypeVar("_Closable", bound=Closable)


class Services:
    """Everything the CLI and the GUI use, built lazily so a command only pays for what it touches.

    There is no global instance: the GUI and each CLI invocation create their own and pass it down.
    It provides core/ports.StepContext; parts are typed against that protocol (or the narrower
    Context), never against this class, so nothing below the composition root imports it.
    """

    def __init__(self, paths: AppPaths, settings: Settings, env: Mapping[str, str] | None = None) -> None:
        self.paths = paths
        self.settings = settings
        self.env: Mapping[str, str] = dict(os.environ if env is None else env)
        self._store: SubmissionStore | None = None
        self._closers: list[Closable] = []
        self._settings_watchers: list[SettingsListener] = []
        self._presence: PresenceService | None = None  # team mode's PresenceService, made by presence()

    def watch_settings(self, listener: SettingsListener) -> Callable[[], None]:
        """Call `listener(old, new)` whenever saved settings take effect; returns a function that stops it.

        The one way a saved change reaches running code: the scraper (browser, delay), the executor
        (limits) and the window (language, team mode) each watch; the rest reads `settings` when used.
        """
        self._settings_watchers.append(listener)

        def stop() -> None:
            with contextlib.suppress(ValueError):
                self._settings_watchers.remove(listener)

        return stop

    def apply_settings(self, settings: Settings) -> None:
        """New effective settings (Settings → Save, the first-run wizard): every watcher hears of them."""
        old, self.settings = self.settings, settings
        for listener in list(self._settings_watchers):
            try:
                listener(old, settings)
            except Exception:  # one broken watcher must not keep the others on old settings
                log.exception("a settings watcher failed")

    async def store(self) -> SubmissionStore:
        if self._store is None:
            from pigmeu_desktop.services.storage import open_store

            self._store = await open_store(self)
        return self._store

    async def presence(self) -> PresenceService | None:
        """Team mode's presence and edit claims (services/sync/presence.py); None outside team mode or
        without Redis. Started on first use; Redis down is not an error (the service says OFFLINE)."""
        if self._presence is None and self.settings.team_mode and self.settings.redis_url:
            from pigmeu_desktop.services.sync import create_presence

            self._presence = await create_presence(self)
        return self._presence

    @cached_property
    def secrets(self) -> KeyringSecretStore:
        from pigmeu_desktop.services.secrets import create_secret_store

        return create_secret_store(self)

    @cached_property
    def link_resolver(self) -> ShortLinkResolver:
        from pigmeu_desktop.services.intake import ShortLinkResolver

        return ShortLinkResolver()

    @cached_property
    def scraper(self) -> Scraper:
        from pigmeu_desktop.services.scraping import apply_settings, create_scraper

        scraper = self._track(create_scraper(self))
        # It holds a browser and a politeness clock built from the settings: it is told of changes.
        self.watch_settings(lambda _old, _new: apply_settings(scraper, self))
        return scraper

    @cached_property
    def drafter(self) -> Drafter:
        from pigmeu_desktop.services.llm import create_drafter

        return self._track(create_drafter(self))

    @cached_property
    def publisher(self) -> WordPressPublisher:
        from pigmeu_desktop.services.wordpress import create_publisher

        return self._track(create_publisher(self))

    def _track(self, service: _Closable) -> _Closable:
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
