"""Callbacks that hear one kind of event: added with a way to remove them, and kept apart from the sender."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

Event = TypeVar("Event")


class Listeners(Generic[Event]):
    """A broken listener is logged (as "`what` failed") and never stops the others or the sender."""

    def __init__(self, what: str, log: logging.Logger) -> None:
        self._what = what
        self._log = log
        self._listeners: list[Callable[[Event], None]] = []

    def add(self, listener: Callable[[Event], None]) -> Callable[[], None]:
        """Start calling `listener`; the function returned stops it (twice is harmless)."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def emit(self, event: Event) -> None:
        log = self._log
        for listener in list(self._listeners):  # a listener may remove itself (or another) while it runs
            try:
                listener(event)
            except Exception:
                log.exception("%s failed", self._what)
