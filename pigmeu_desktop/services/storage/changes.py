"""Change events of a store: listeners hear what each committed write changed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from pigmeu_desktop.core.listeners import Listeners
from pigmeu_desktop.core.ports import Change, ChangeKind, ChangeListener

log = logging.getLogger("pigmeu.storage")


class ChangeHub:
    """Fan committed changes out to listeners; a broken listener never breaks the write it heard about."""

    def __init__(self) -> None:
        self._listeners = Listeners[Change]("change listener", log)

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        return self._listeners.add(listener)

    def notify(self, kind: ChangeKind, ids: Sequence[str]) -> None:
        if not ids:
            return
        self._listeners.emit(Change(kind, tuple(ids)))

    def notify_anything(self) -> None:
        """Anything may have changed (the team feed was down): an UPDATED change naming no ids."""
        self._listeners.emit(Change(ChangeKind.UPDATED, ()))
