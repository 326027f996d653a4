"""Change events of a store: listeners hear what each committed write changed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from pigmeu_desktop.core.ports import Change, ChangeKind, ChangeListener

log = logging.getLogger("pigmeu.storage")


class ChangeHub:
    """Fan committed changes out to listeners; a broken listener never breaks the write it heard about."""

    def __init__(self) -> None:
        self._listeners: list[ChangeListener] = []

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def notify(self, kind: ChangeKind, ids: Sequence[str]) -> None:
        if not ids:
            return
        self._fan_out(Change(kind, tuple(ids)))

    def notify_anything(self) -> None:
        """Anything may have changed (the team feed was down): an UPDATED change naming no ids."""
        self._fan_out(Change(ChangeKind.UPDATED, ()))

    def _fan_out(self, change: Change) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                log.exception("change listener failed")
