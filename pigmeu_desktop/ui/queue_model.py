"""Table model of the queue: summaries from the store, refreshed from change events, never polled."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.ports import Change, SubmissionStore, SubmissionSummary
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.ui.formatting import format_datetime

log = logging.getLogger("pigmeu.ui")

# Status names as the editor reads them; marked for lupdate here, translated in status_label().
STATUS_LABELS = {
    Status.QUEUED: QT_TRANSLATE_NOOP("QueueModel", "Queued"),
    Status.SCRAPING: QT_TRANSLATE_NOOP("QueueModel", "Reading page…"),
    Status.SCRAPED: QT_TRANSLATE_NOOP("QueueModel", "Page read"),
    Status.DRAFTING: QT_TRANSLATE_NOOP("QueueModel", "Writing draft…"),
    Status.DRAFTED: QT_TRANSLATE_NOOP("QueueModel", "Draft ready"),
    Status.APPROVED: QT_TRANSLATE_NOOP("QueueModel", "Approved"),
    Status.PUBLISHING: QT_TRANSLATE_NOOP("QueueModel", "Publishing…"),
    Status.PUBLISHED: QT_TRANSLATE_NOOP("QueueModel", "Published"),
    Status.FAILED: QT_TRANSLATE_NOOP("QueueModel", "Failed"),
}


class QueueModel(QAbstractTableModel):
    """Rows are SubmissionSummary objects (a few hundred bytes each), so 10,000 items scroll smoothly.

    Store changes arrive as events; they are coalesced by a short timer into one reload, so a burst of
    writes (a paste of 1,000 links, a running pipeline) repaints a few times a second at most.
    """

    COLUMNS: tuple[str, ...] = ("status", "title", "asin", "marketplace", "updated_at")
    did_reload = Signal()
    reload_failed = Signal(object)  # the PigmeuError that stopped a reload

    def __init__(self, store: SubmissionStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[SubmissionSummary] = []
        # Live progress of running steps, by id: (fraction or None, message). Cleared when a step ends.
        self._progress: dict[str, tuple[float | None, str]] = {}
        self._row_by_id: dict[str, int] = {}
        self._status_filter: Status | None = None
        self._all: list[SubmissionSummary] | None = None
        self._changes_seen = 0
        self._holder_of: Callable[[str], str | None] | None = None  # team mode: who has an item
        self._reload_task: asyncio.Task | None = None
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(100)
        self._coalesce.timeout.connect(self.schedule_reload)
        self._unsubscribe = store.subscribe(self._store_did_change)

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return (
                self.tr("Status"),
                self.tr("Title"),
                self.tr("ASIN"),
                self.tr("Store"),
                self.tr("Updated"),
                self.tr("With"),
            )[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "status":
                progress = self._progress.get(row.id)
                if progress is not None and progress[0] is not None:
                    return f"{self.status_label(row.status)} {round(progress[0] * 100)}%"
                return self.status_label(row.status)
            if column == "title":
                return row.title or self.tr("(page not read yet)")
            if column == "updated_at":
                return format_datetime(row.updated_at)
            if column == "holder":
                editor = self._holder_of(row.id) if self._holder_of else None
                return editor or (self.tr("worker on %s") % row.worker if row.worker else "")
            return getattr(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "status" and row.id in self._progress and self._progress[row.id][1]:
                return self._progress[row.id][1]
            if column == "status" and row.error_code:
                return self.tr("Failed with code: %s") % row.error_code
            return row.amazon_url
        if role == Qt.ItemDataRole.ForegroundRole and column == "title" and not row.title:
            # The placeholder colour of the current palette: right in light and dark themes alike.
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def show_holders(self, holder_of: Callable[[str], str | None]) -> None:
        """Team mode: a last column says who has each item (the editor reviewing it)."""
        self.beginResetModel()
        self.COLUMNS = (*QueueModel.COLUMNS, "holder")
        self._holder_of = holder_of
        self.endResetModel()

    def holders_changed(self) -> None:
        if self._rows and "holder" in self.COLUMNS:
            column = self.COLUMNS.index("holder")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def status_label(self, status: Status) -> str:
        return self.tr(str(STATUS_LABELS[status]))

    def set_progress(self, submission_id: str, fraction: float | None, message: str) -> None:
        self._progress[submission_id] = (fraction, message)
        self._repaint_status(submission_id)

    def clear_progress(self, submission_id: str) -> None:
        if self._progress.pop(submission_id, None) is not None:
            self._repaint_status(submission_id)

    def progress_of(self, submission_id: str) -> tuple[float | None, str] | None:
        return self._progress.get(submission_id)

    def _repaint_status(self, submission_id: str) -> None:
        row = self.row_of(submission_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def retranslate(self) -> None:
        """Repaint every row after a language change (status names and placeholders are translated)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))

    # -- data ------------------------------------------------------------------------------------

    def summary_at(self, row: int) -> SubmissionSummary:
        return self._rows[row]

    def set_status_filter(self, status: Status | None) -> None:
        self._status_filter = status
        self.schedule_reload()

    def _store_did_change(self, change: Change) -> None:
        self._all = None  # the cached list is stale from now on
        self._changes_seen += 1
        self._coalesce.start()

    def schedule_reload(self) -> None:
        # Keep a reference to the task: an unreferenced task may be garbage-collected mid-flight.
        if self._reload_task is None or self._reload_task.done():
            self._reload_task = asyncio.ensure_future(self.reload())
            self._reload_task.add_done_callback(self._reload_done)
        else:
            self._coalesce.start()

    def _reload_done(self, task: asyncio.Task[None]) -> None:
        """A failed reload (the team database gone, say) is told, not lost in an unawaited task; the
        rows shown stay as they were, and the next change or filter tries again."""
        if task.cancelled() or task.exception() is None:
            return
        exc = task.exception()
        if not isinstance(exc, PigmeuError):
            log.error("the queue could not be reloaded", exc_info=exc)
            exc = PigmeuError("The queue could not be reloaded.", code=ErrorCode.INTERNAL)
        self.reload_failed.emit(exc)

    async def reload(self) -> None:
        # The whole queue is read once and kept until the store changes, so switching the status
        # filter is a list comprehension (a few ms for 10,000 rows) instead of a database round trip.
        everything = self._all
        if everything is None:
            seen = self._changes_seen
            everything = await self._store.list_summaries()
            if seen == self._changes_seen:  # nothing changed while reading: safe to keep
                self._all = everything
        wanted = self._status_filter
        rows = everything if wanted is None else [r for r in everything if r.status == wanted]
        if [r.id for r in rows] == [r.id for r in self._rows]:
            # Same rows in the same order (the common case while a pipeline runs): repaint only the
            # rows that changed, so selection and scroll position stay where the editor left them.
            changed = [i for i, (old, new) in enumerate(zip(self._rows, rows, strict=False)) if old != new]
            self._rows = rows
            for i in changed:
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
        else:
            self.beginResetModel()
            self._rows = rows
            self._row_by_id = {r.id: i for i, r in enumerate(rows)}
            self.endResetModel()
        self.did_reload.emit()

    def row_of(self, submission_id: str) -> int | None:
        return self._row_by_id.get(submission_id)

    def close(self) -> None:
        self._coalesce.stop()
        self._unsubscribe()
        if self._reload_task is not None and not self._reload_task.done():
            self._reload_task.cancel()
