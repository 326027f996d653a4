"""Autosave: the draft is saved within a second of any change, even while typing never pauses."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from pigmeu_desktop.core.errors import PigmeuError

log = logging.getLogger("pigmeu.ui")

QUIET_MS = 600  # a pause in typing this long saves
MAX_WAIT_MS = 900  # and no change waits longer than this, so a kill loses at most the last second


class Autosaver(QObject):
    """Calls `save()` (a coroutine) after a pause in changes, or at the latest MAX_WAIT_MS after the first
    unsaved change; one save at a time, and changes made during a save are saved next."""

    did_save = Signal(object)  # what save() returned
    did_fail = Signal(object)  # the PigmeuError; saving pauses until resume()

    def __init__(self, save: Callable[[], Awaitable[object]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.dirty = False
        self.paused = False
        self._task: asyncio.Task | None = None
        self._quiet = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._deadline = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._quiet.timeout.connect(self._due)
        self._deadline.timeout.connect(self._due)

    def changed(self) -> None:
        self.dirty = True
        self._quiet.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def pause(self) -> None:
        self.paused = True
        self._quiet.stop()
        self._deadline.stop()

    def resume(self, *, dirty: bool | None = None) -> None:
        self.paused = False
        if dirty is not None:
            self.dirty = dirty
        if self.dirty:
            self.changed()

    @property
    def saving(self) -> bool:
        return self._task is not None and not self._task.done()

    def _due(self) -> None:
        self._quiet.stop()
        self._deadline.stop()
        if self.dirty and not self.paused and not self.saving:
            self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        self.dirty = False
        try:
            result = await self._save()
        except PigmeuError as exc:
            self.dirty = True
            if not shiboken6.isValid(self):
                raise
            self.pause()
            self.did_fail.emit(exc)
            return
        except asyncio.CancelledError:
            self.dirty = True
            raise
        except Exception:
            self.dirty = True
            log.exception("autosave failed")
            self.pause()
            return
        if not shiboken6.isValid(self):
            return  # the window closed while this save ran: the text is saved, nobody to tell
        self.did_save.emit(result)
        if self.dirty and not self.paused:
            self.changed()  # typed during the save: next save within the same bounds

    async def flush(self) -> None:
        """Save now if anything is unsaved (switching items, closing); waits for a save in flight."""
        self._quiet.stop()
        self._deadline.stop()
        if self._task is not None and not self._task.done():
            await asyncio.shield(self._task)
        if self.dirty and not self.paused:
            self._task = asyncio.ensure_future(self._run())
            await asyncio.shield(self._task)
