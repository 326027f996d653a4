"""The main window: the queue (drop or paste links onto it), the selected item's details, and actions."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QWidget,
)

from pigmeu_desktop import APP_NAME
from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, SubmissionStore
from pigmeu_desktop.core.states import Status, can_transition, transition
from pigmeu_desktop.services.intake import IntakeOutcome, add_text
from pigmeu_desktop.ui.errors import next_step_for, one_line, title_for
from pigmeu_desktop.ui.queue_model import QueueModel

log = logging.getLogger("pigmeu.ui")

def text_from_mime(mime: QMimeData) -> str:
    """What a browser drag or a paste carries, best source first: URL list, then HTML, then plain text."""
    if mime.hasUrls():
        return "\n".join(url.toString() for url in mime.urls())
    if mime.hasHtml():
        return mime.html()
    if mime.hasText():
        return mime.text()
    return ""

class MainWindow(QMainWindow):
    """Queue on the left, details on the right; every action runs async on the qasync loop."""

    def __init__(self, services: Services, store: SubmissionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.store = store
        self._tasks: set[asyncio.Task] = set()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1100, 680)

        self.model = QueueModel(store, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 130)
        header.resizeSection(2, 110)
        header.resizeSection(3, 120)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)

        self.details = QTextBrowser(self)
        self.details.setOpenExternalLinks(True)

        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)

        self.empty_hint = QLabel(self.table)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setEnabled(False)  # drawn in the palette's disabled text colour, light or dark

        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self._current: Submission | None = None
        self._build_actions()
        self.retranslate_ui()

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_did_change())
        self.model.did_reload.connect(self._model_did_reload)
        self.model.schedule_reload()

    # -- actions -----------------------------------------------------------------------------------

    def _action(self, shortcut, slot: Callable[[], None]) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action(QKeySequence.StandardKey.New, self.ask_for_links)
        self.paste_action = self._action(QKeySequence.StandardKey.Paste, self.paste_links)
        self.approve_action = self._action("Ctrl+Return", self.approve_selected)
        self.delete_action = self._action(QKeySequence.StandardKey.Delete, self.delete_selected)
        self.settings_action = self._action(QKeySequence.StandardKey.Preferences, self.open_settings)
        self.quit_action = self._action(QKeySequence.StandardKey.Quit, self.close)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        for action in (self.add_action, self.paste_action, self.approve_action, self.delete_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.filter_box = QComboBox(self)
        self.filter_box.addItem("", None)
        for status in Status:
            self.filter_box.addItem("", status)
        self.filter_box.currentIndexChanged.connect(
            lambda _: self.model.set_status_filter(self.filter_box.currentData())
        )
        self.toolbar.addWidget(self.filter_box)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.settings_action)
        self.addToolBar(self.toolbar)

        self.queue_menu = self.menuBar().addMenu("")
        for action in (self.add_action, self.paste_action, self.approve_action, self.delete_action):
            self.queue_menu.addAction(action)
        self.queue_menu.addSeparator()
        self.queue_menu.addAction(self.quit_action)
        self.tools_menu = self.menuBar().addMenu("")
        self.tools_menu.addAction(self.settings_action)

    def retranslate_ui(self) -> None:
        """Every visible text, set again when the language changes while the app runs."""

        def describe(action: QAction, text: str, tip: str) -> None:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)

        describe(self.add_action, self.tr("Add links…"), self.tr("Type or paste Amazon links, ASINs or ISBNs"))
        describe(self.paste_action, self.tr("Paste links"), self.tr("Add every link found in the clipboard"))
        describe(self.approve_action, self.tr("Approve"), self.tr("Approve the draft for publishing"))
        describe(self.delete_action, self.tr("Delete"), self.tr("Remove the item from the queue (not from WordPress)"))
        describe(self.settings_action, self.tr("Settings…"), self.tr("AI provider, WordPress site, marketplace and more"))
        describe(self.quit_action, self.tr("Quit"), self.tr("Close the window"))
        self.toolbar.setWindowTitle(self.tr("Main"))
        self.queue_menu.setTitle(self.tr("&Queue"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.filter_box.setToolTip(self.tr("Show only items in one state"))
        self.filter_box.setItemText(0, self.tr("All items"))
        for i, status in enumerate(Status, start=1):
            self.filter_box.setItemText(i, self.model.status_label(status))
        self.table.setAccessibleName(self.tr("Queue"))
        self.details.setAccessibleName(self.tr("Item details"))
        self.details.setPlaceholderText(self.tr("Select an item to see what was read from Amazon and its draft."))
        self.empty_hint.setText(self.tr("Drop Amazon links here, or paste them with Ctrl+V.\nASINs and ISBNs work too."))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.model.retranslate()
        self._update_actions(self._current)
        self._model_did_reload()
        if self._current is not None:
            self.details.setHtml(self.details_html(self._current))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_actions(self, sub: Submission | None) -> None:
        # Disabled actions say why in their tooltip, so the editor never wonders.
        if sub is None:
            for action in (self.approve_action, self.delete_action):
                action.setEnabled(False)
                action.setToolTip(self.tr("Select an item first"))
            return
        self.delete_action.setEnabled(True)
        self.delete_action.setToolTip(self.tr("Remove the item from the queue (not from WordPress)"))
        can_approve = can_transition(sub.status, Status.APPROVED) and sub.draft is not None
        self.approve_action.setEnabled(can_approve)
        self.approve_action.setToolTip(
            self.tr("Approve the draft for publishing (Ctrl+Return)")
            if can_approve
            else self.tr("Only an item with a finished draft can be approved (now: %s)")
            % self.model.status_label(sub.status)
        )

    # -- running async work --------------------------------------------------------------------------

    def run(self, coro) -> asyncio.Task:
        """Run a coroutine on the loop, keep a reference, and show a typed failure in the status bar."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if t.cancelled():
                return
            exc = t.exception()
            if isinstance(exc, PigmeuError):
                self.show_error(exc)
            elif exc is not None:
                log.error("unexpected error in a UI task", exc_info=exc)
                self.statusBar().showMessage(self.tr("Unexpected error; details are in the log."), 10000)

        task.add_done_callback(done)
        return task

    def show_error(self, error: PigmeuError) -> None:
        line = one_line(error)
        if line:
            self.statusBar().showMessage(line, 15000)

    # -- intake --------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText() or mime.hasHtml():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        text = text_from_mime(event.mimeData())
        event.acceptProposedAction()
        self.run(self.add_links(text))

    def paste_links(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        text = text_from_mime(mime) if mime is not None else ""
        self.run(self.add_links(text))

    def ask_for_links(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Add links"), self.tr("Amazon links, ASINs or ISBNs (one or many, any separator):")
        )
        if ok and text.strip():
            self.run(self.add_links(text))

    async def add_links(self, text: str) -> list[IntakeOutcome]:
        self.statusBar().showMessage(self.tr("Adding links…"))
        outcomes = await add_text(
            self.store,
            [text],
            default_marketplace=self.services.settings.default_marketplace,
            resolver=self.services.link_resolver,
            created_by=self.services.settings.editor_name or None,
        )
        added = sum(o.result == "added" for o in outcomes)
        dupes = sum(o.result == "duplicate" for o in outcomes)
        rejected = [o for o in outcomes if o.result == "rejected"]
        message = self.tr("%n link(s) added", "", added)
        if dupes:
            message += self.tr(", %n already in the queue", "", dupes)
        if rejected:
            first = rejected[0]
            message += self.tr(", %n rejected", "", len(rejected)) + f" — {title_for(first.code)}: {first.message}"
        self.statusBar().showMessage(message, 15000)
        return outcomes

    # -- selection and details -------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.summary_at(rows[0].row()).id if rows else None

    def _selection_did_change(self) -> None:
        submission_id = self.selected_id()
        if submission_id is None:
            self._current = None
            self.details.clear()
            self._update_actions(None)
            return
        self.run(self._show_details(submission_id))

    async def _show_details(self, submission_id: str) -> None:
        sub = await self.store.get(submission_id)
        if self.selected_id() != submission_id:
            return  # the editor moved on while we were loading
        self._current = sub
        self._update_actions(sub)
        self.details.setHtml(self.details_html(sub))

    def details_html(self, sub: Submission) -> str:
        e = html.escape
        parts = [f"<h2>{e(sub.title or sub.asin)}</h2>"]
        parts.append(f"<p><b>{e(self.tr('Status'))}:</b> {e(self.model.status_label(sub.status))}<br>")
        parts.append(f"<a href='{e(sub.amazon_url)}'>{e(sub.amazon_url)}</a></p>")
        if sub.error:
            parts.append(
                f"<p><b>{e(title_for(sub.error.code))}</b> ({e(sub.error.code)})<br>{e(sub.error.message)}<br>"
                f"<i>{e(next_step_for(sub.error.code, sub.error.next_step))}</i></p>"
            )
        if sub.book:
            b = sub.book
            rows = [
                (self.tr("Authors"), ", ".join(a.name + (f" ({a.role})" if a.role else "") for a in b.authors)),
                (self.tr("Publisher"), b.publisher),
                (self.tr("Published"), b.publication_date.isoformat() if b.publication_date else None),
                (self.tr("Pages"), b.pages),
                (self.tr("ISBN-13"), b.isbn13),
                (self.tr("Price"), f"{b.price.amount} {b.price.currency}" if b.price else None),
            ]
            parts.append("<table>")
            parts += [f"<tr><td><b>{e(k)}</b></td><td>{e(str(v))}</td></tr>" for k, v in rows if v]
            parts.append("</table>")
        if sub.draft and sub.draft.excerpt:
            parts.append(f"<h3>{e(self.tr('Draft'))}</h3><p>{e(sub.draft.excerpt)}</p>")
        return "".join(parts)

    def _model_did_reload(self) -> None:
        count = self.model.rowCount()
        self.empty_hint.setVisible(count == 0)
        self.empty_hint.resize(self.table.viewport().size())
        self.empty_hint.move(self.table.viewport().pos())
        self.count_label.setText(self.tr("%n item(s)", "", count))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self._model_did_reload)

    # -- item actions ------------------------------------------------------------------------------------

    def approve_selected(self) -> None:
        submission_id = self.selected_id()
        if submission_id:
            self.run(self._approve(submission_id))

    async def _approve(self, submission_id: str) -> None:
        sub = await self.store.get(submission_id)
        saved = await self.store.save(transition(sub, Status.APPROVED))
        await self.store.add_activity(
            ActivityEntry(saved.id, utcnow(), "approved", message=self.services.settings.editor_name or None)
        )
        self.statusBar().showMessage(self.tr("Approved: %s") % (saved.title or saved.asin), 8000)
        await self._show_details(saved.id)

    def delete_selected(self) -> None:
        submission_id = self.selected_id()
        if not submission_id:
            return
        row = self.model.summary_at(self.model.row_of(submission_id))
        answer = QMessageBox.question(
            self,
            self.tr("Delete item"),
            self.tr("Remove “%s” from the queue? The WordPress post, if any, is kept.") % (row.title or row.asin),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run(self.store.delete(submission_id))

    def open_settings(self) -> None:
        try:
            from pigmeu_desktop.ui.settings_dialog import open_settings_dialog
        except ImportError:
            self.statusBar().showMessage(self.tr("Settings are not available in this build."), 5000)
            return
        open_settings_dialog(self, self.services)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.model.close()
        for task in list(self._tasks):
            task.cancel()
        super().closeEvent(event)

