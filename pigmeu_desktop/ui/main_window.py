"""The main window: the queue (drop or paste links onto it), the selected item's details, and actions."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)

from pigmeu_desktop import APP_NAME, operations
from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import SubmissionStore
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.guard import internal_error
from pigmeu_desktop.jobs.executor import Executor
from pigmeu_desktop.operations import availability
from pigmeu_desktop.operations.availability import Action
from pigmeu_desktop.services.intake import IntakeOutcome
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.actions import describe_action, make_action, tooltip_with_keys
from pigmeu_desktop.ui.details_pane import DetailsPane, render_preview
from pigmeu_desktop.ui.errors import one_line, title_for
from pigmeu_desktop.ui.formatting import format_datetime
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.job_bridge import JobBridge
from pigmeu_desktop.ui.queue_model import QueueModel
from pigmeu_desktop.ui.refusals import refusal_text
from pigmeu_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from pigmeu_desktop.services.scraping.browser import VisibleSession
    from pigmeu_desktop.ui.app_menus import AppMenus
    from pigmeu_desktop.ui.review.window import ReviewWindow

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

    def __init__(
        self,
        services: Services,
        store: SubmissionStore,
        executor: Executor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.store = store
        self.app_menus: AppMenus | None = None  # the File and Help menus, installed by the application
        self._store_settings = _store_settings_of(services.settings)  # what `store` was opened with
        self.executor = executor
        # Anything unexpected goes through the app's guard: logged with its traceback, the log file named.
        self._tasks = TaskRunner(self.show_error, internal=lambda exc: internal_error(exc, services.paths))
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
        # Not ResizeToContents: that measures up to 1,000 rows' dates on every reset (300 ms with 10,000
        # items, so every status filter lagged); one formatted date sizes the column just as well.
        header.resizeSection(4, self.fontMetrics().horizontalAdvance(format_datetime(utcnow()) + "0000"))

        self.details = DetailsPane(self.model.status_label, self)

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
        self.work_label = QLabel(self)
        self.work_bar = QProgressBar(self)
        self.work_bar.setRange(0, 0)  # busy indicator: steps report their own percentages on their rows
        self.work_bar.setMaximumWidth(120)
        self.work_bar.setTextVisible(False)
        self.work_bar.hide()
        self.statusBar().addPermanentWidget(self.work_label)
        self.statusBar().addPermanentWidget(self.work_bar)
        self.stop_all_button = QToolButton(self)  # beside the busy bar: where the editor sees work running
        self.stop_all_button.setAutoRaise(True)
        self.stop_all_button.hide()
        self.statusBar().addPermanentWidget(self.stop_all_button)
        self.statusBar().addPermanentWidget(self.count_label)
        self._working: dict[str, str] = {}  # id → step, for steps running now
        # The scraper's visible session while the editor solves a captcha.
        self._captcha_window: VisibleSession | None = None
        self._current: Submission | None = None
        self.team = None  # team mode: presence and edit claims (ui/team_presence.py) attach here
        self._build_actions()
        self.stop_all_button.setDefaultAction(self.stop_all_action)
        self.retranslate_ui()

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_did_change())
        self.table.doubleClicked.connect(lambda _: self.review_selected())
        self.table.activated.connect(
            lambda _: self.review_selected()
        )  # Enter on a row (and a platform's single-click activation)
        self.review_window: ReviewWindow | None = None
        self.model.did_reload.connect(self._model_did_reload)
        self.model.reload_failed.connect(self.show_error)
        self.model.schedule_reload()
        self.bridge = JobBridge(self)
        self.bridge.job_started.connect(self._job_did_start)
        self.bridge.job_progressed.connect(self._job_did_progress)
        self.bridge.job_finished.connect(self._job_did_finish)
        self.bridge.job_failed.connect(self._job_did_fail)
        self._unobserve = executor.add_observer(self.bridge) if executor is not None else None
        self._unwatch_settings = services.watch_settings(self._settings_did_change)

    # -- actions -----------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.add_action = make_action(self, QKeySequence.StandardKey.New, self.ask_for_links)
        self.paste_action = make_action(self, QKeySequence.StandardKey.Paste, self.paste_links)
        self.approve_action = make_action(self, "Ctrl+Return", self.approve_selected)
        self.review_action = make_action(self, "Ctrl+E", self.review_selected)
        self.delete_action = make_action(self, QKeySequence.StandardKey.Delete, self.delete_selected)
        self.retry_action = make_action(self, "Ctrl+R", self.retry_selected)
        self.stop_action = make_action(self, "Ctrl+.", self.stop_selected)
        self.stop_all_action = make_action(self, "Ctrl+Shift+.", self.stop_all)
        self.captcha_action = make_action(self, "Ctrl+Shift+C", self.solve_captcha)
        self.pause_action = make_action(self, "Ctrl+Shift+P", self.toggle_pause)
        self.pause_action.setCheckable(True)
        self.settings_action = make_action(
            self, QKeySequence.StandardKey.Preferences, self.open_settings, "Ctrl+,"
        )
        self.quit_action = make_action(self, QKeySequence.StandardKey.Quit, self.close, "Ctrl+Q")

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        # The queue's actions, in the same order on the toolbar and in the Queue menu.
        queue_actions = (
            self.add_action,
            self.paste_action,
            self.review_action,
            self.approve_action,
            self.retry_action,
            self.stop_action,
            self.captcha_action,
            self.delete_action,
        )
        self.toolbar.addActions(queue_actions)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.pause_action)
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
        self.queue_menu.addActions(queue_actions)
        # Stop all sits in the menu after Stop; on screen it is the button beside the busy bar.
        self.queue_menu.insertAction(self.captcha_action, self.stop_all_action)
        self.queue_menu.addSeparator()
        self.queue_menu.addAction(self.pause_action)
        self.queue_menu.addSeparator()
        self.queue_menu.addAction(self.quit_action)
        self.tools_menu = self.menuBar().addMenu("")
        self.tools_menu.addAction(self.settings_action)

    def retranslate_ui(self) -> None:
        """Every visible text, set again when the language changes while the app runs."""
        describe_action(
            self.add_action, self.tr("Add links…"), self.tr("Type or paste Amazon links, ASINs or ISBNs")
        )
        describe_action(
            self.paste_action, self.tr("Paste links"), self.tr("Add every link found in the clipboard")
        )
        describe_action(self.approve_action, self.tr("Approve"), self.tr("Approve the draft for publishing"))
        describe_action(
            self.review_action,
            self.tr("Review…"),
            self.tr(
                "Open the item in the editor: Amazon's data beside the draft (also Enter or double-click)"
            ),
        )
        describe_action(
            self.delete_action,
            self.tr("Delete"),
            self.tr("Remove the item from the queue (not from WordPress)"),
        )
        describe_action(self.retry_action, self.tr("Retry"), self.tr("Run the failed or stopped step again"))
        describe_action(self.stop_action, self.tr("Stop"), self.tr("Stop the step running on this item"))
        describe_action(
            self.stop_all_action,
            self.tr("Stop all"),
            self.tr("Stop every running step and pause the queue; resume it to carry on"),
        )
        describe_action(
            self.captcha_action,
            self.tr("Solve captcha…"),
            self.tr("Open the page in a browser window to pass Amazon's bot check once"),
        )
        self._describe_pause()
        describe_action(
            self.settings_action,
            self.tr("Settings…"),
            self.tr("AI provider, WordPress site, marketplace and more"),
        )
        describe_action(self.quit_action, self.tr("Quit"), self.tr("Close the window"))
        self.toolbar.setWindowTitle(self.tr("Main"))
        self.queue_menu.setTitle(self.tr("&Queue"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.filter_box.setToolTip(self.tr("Show only items in one state"))
        self.filter_box.setItemText(0, self.tr("All items"))
        for i, status in enumerate(Status, start=1):
            self.filter_box.setItemText(i, self.model.status_label(status))
        self.table.setAccessibleName(self.tr("Queue"))
        self.details.retranslate_ui()
        self.empty_hint.setText(
            self.tr("Drop Amazon links here, or paste them with Ctrl+V.\nASINs and ISBNs work too.")
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.model.retranslate()
        self._update_actions(self._current)
        if self.team is not None:
            self.team.retranslate()
        self._show_work()
        self._model_did_reload()

    def _describe_pause(self) -> None:
        """The pause button says what pressing it does now."""
        if self.pause_action.isChecked():
            describe_action(self.pause_action, self.tr("Resume queue"), self.tr("Start queued work again"))
        else:
            describe_action(
                self.pause_action,
                self.tr("Pause queue"),
                self.tr("Start no new work; steps already running finish"),
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_actions(self, sub: Submission | None) -> None:
        # Disabled actions say why in their tooltip, so the editor never wonders.
        if self.executor is None:
            for action in (self.retry_action, self.stop_action, self.pause_action, self.captcha_action):
                action.setEnabled(False)
                action.setToolTip(self.tr("Background processing is off in this window"))
        if sub is None:
            for action in (
                self.approve_action,
                self.review_action,
                self.delete_action,
                self.retry_action,
                self.stop_action,
                self.captcha_action,
            ):
                action.setEnabled(False)
                action.setToolTip(self.tr("Select an item first"))
            if self.team is not None:
                self.team.restrict_actions(sub)
            return
        running_here = sub.id in self._working
        # The rules are operations/availability's (the CLI refuses by them); the window says them in words.
        if self.executor is not None:
            self._allow(self.retry_action, Action.RETRY, sub, self.tr("Run the failed or stopped step again"))
            self._allow(
                self.stop_action,
                Action.STOP,
                sub,
                self.tr("Stop the step running on this item"),
                running_here=running_here,
            )
            captcha = (sub.error is not None and sub.error.code == "captcha") or self.executor.scrape_paused(
                sub.marketplace
            )
            self.captcha_action.setEnabled(captcha and self._captcha_window is None)
            self.captcha_action.setToolTip(
                self.tr("Open the page in a browser window to pass Amazon's bot check once (Ctrl+Shift+C)")
                if captcha and self._captcha_window is None
                else self.tr("The captcha window is already open")
                if self._captcha_window is not None
                else self.tr("Amazon has not asked for a bot check on this item's store")
            )
        # The editor confirms a delete (a step running elsewhere does not keep the item then).
        self._allow(
            self.delete_action,
            Action.DELETE,
            sub,
            self.tr("Remove the item from the queue (not from WordPress)"),
            force=True,
        )
        self.review_action.setEnabled(True)
        self.review_action.setToolTip(self.review_action.statusTip() + " (Ctrl+E)")
        # A published post whose draft changed since is approved again to send the update.
        self._allow(self.approve_action, Action.APPROVE, sub, self.tr("Approve the draft for publishing"))
        if self.team is not None:  # a teammate's item: read-only here
            self.team.restrict_actions(sub)

    def _allow(self, action: QAction, what: Action, sub: Submission, tip: str, **context: bool) -> None:
        """Enable `action` as the shared rule allows `what` on `sub`; disabled, its tooltip says why."""
        refused = availability.refusal(what, sub, jobs=self.executor, **context)
        action.setEnabled(refused is None)
        if refused is not None:
            action.setToolTip(refusal_text(refused, self.model.status_label))
        else:
            action.setToolTip(tooltip_with_keys(action, tip))

    # -- running async work --------------------------------------------------------------------------

    def run(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run a coroutine on the loop; a typed failure is shown in the status bar."""
        return self._tasks.run(coro)

    def show_error(self, error: PigmeuError) -> None:
        line = one_line(error)
        if line:
            self.statusBar().showMessage(line, 15000)

    # -- intake --------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText() or mime.hasHtml():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
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
        settings = self.services.settings
        result = await operations.add_links(
            self.store,
            [text],
            default_marketplace=settings.default_marketplace,
            resolver=self.services.link_resolver,
            editor=settings.editor_name or None,
        )
        rejected = result.rejected
        message = self.tr("%n link(s) added", "", result.added)
        if result.duplicates:
            message += self.tr(", %n already in the queue", "", result.duplicates)
        if rejected:
            first = rejected[0]
            message += (
                self.tr(", %n rejected", "", len(rejected))
                + f" — {title_for(first.code or '')}: {first.message}"
            )
        self.statusBar().showMessage(message, 15000)
        return result.outcomes

    # -- selection and details -------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.summary_at(rows[0].row()).id if rows else None

    def _selection_did_change(self) -> None:
        submission_id = self.selected_id()
        if submission_id is None:
            self._current = None
            self.details.show_nothing()
            self._update_actions(None)
            return
        self.run(self._show_details(submission_id))

    async def _show_details(self, submission_id: str) -> None:
        details = await operations.show(self.store, submission_id)
        sub = details.submission
        preview = await render_preview(sub, self.services.settings)
        if self.selected_id() != submission_id:
            return  # the editor moved on while we were loading
        self._current = sub
        self._update_actions(sub)
        self.details.show_item(sub, details.activity, preview)

    def _model_did_reload(self) -> None:
        count = self.model.rowCount()
        self.empty_hint.setVisible(count == 0)
        self.empty_hint.resize(self.table.viewport().size())
        self.empty_hint.move(self.table.viewport().pos())
        # "0 item" is what pt-BR's plural rule gives for zero; an empty queue reads better in words.
        self.count_label.setText(self.tr("%n item(s)", "", count) if count else self.tr("No items"))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._model_did_reload)

    # -- item actions ------------------------------------------------------------------------------------

    def approve_selected(self) -> None:
        submission_id = self.selected_id()
        if submission_id:
            self.run(self._approve(submission_id))

    async def _approve(self, submission_id: str) -> None:
        saved = await operations.approve(self.store, submission_id, editor=self._editor())
        self.statusBar().showMessage(self.tr("Approved: %s") % (saved.title or saved.asin), 8000)
        await self._show_details(saved.id)

    def review_selected(self) -> None:
        """Open (or switch) the review editor on the selected item; it saves the previous item first."""
        submission_id = self.selected_id()
        if not submission_id:
            return
        from pigmeu_desktop.ui.review.window import ReviewWindow

        if self.review_window is None:
            # Team mode: saves kept on disk while the database is down; claims and read-only (team_presence).
            store = self.team.editor_store() if self.team is not None else self.store
            self.review_window = ReviewWindow(self.services, store, neighbour=self._neighbour)
            if self.team is not None:
                self.team.attach_review(self.review_window)
        self.review_window.show()
        self.review_window.raise_()
        self.review_window.activateWindow()
        self.run(self.review_window.open_item(submission_id))

    def _neighbour(self, submission_id: str, step: int) -> str | None:
        """The item `step` rows away in the queue as shown (filter included); it becomes the selection."""
        row = self.model.row_of(submission_id)
        if row is None or not 0 <= row + step < self.model.rowCount():
            return None
        self.table.selectRow(row + step)
        return self.model.summary_at(row + step).id

    def delete_selected(self) -> None:
        submission_id = self.selected_id()
        if not submission_id:
            return
        row_number = self.model.row_of(submission_id)
        if row_number is None:
            return  # gone meanwhile (deleted in another window)
        row = self.model.summary_at(row_number)
        answer = QMessageBox.question(
            self,
            self.tr("Delete item"),
            self.tr("Remove “%s” from the queue? The WordPress post, if any, is kept.")
            % (row.title or row.asin),
        )
        if answer == QMessageBox.StandardButton.Yes:
            # The editor confirmed: a step running on it (here or in another app) does not keep it.
            self.run(operations.delete(self.store, submission_id, force=True, jobs=self.executor))

    def retry_selected(self) -> None:
        submission_id = self.selected_id()
        if submission_id and self.executor is not None:
            self.run(self._retry(submission_id))

    async def _retry(self, submission_id: str) -> None:
        sub = await operations.retry(self.store, submission_id, editor=self._editor(), jobs=self.executor)
        self.statusBar().showMessage(self.tr("Trying again: %s") % (sub.title or sub.asin), 8000)
        await self._show_details(submission_id)

    def _editor(self) -> str | None:
        """Who is acting, for the item's history (Settings → General → Your name)."""
        return self.services.settings.editor_name or None

    def stop_selected(self) -> None:
        submission_id = self.selected_id()
        if submission_id and self.executor is not None:
            self.run(self._stop(submission_id))

    async def _stop(self, submission_id: str) -> None:
        await operations.stop(
            self.store,
            submission_id,
            editor=self._editor(),
            jobs=self.executor,
            running_here=submission_id in self._working,
        )
        self.statusBar().showMessage(self.tr("Stopped. Press Retry (Ctrl+R) to start it again."), 8000)
        await self._show_details(submission_id)

    def stop_all(self) -> None:
        """Every running step stops (its page or stream closed) and the queue pauses; Resume carries on."""
        if self.executor is None:
            return
        stopped = len(self._working)  # what the editor saw running; queued items simply wait
        operations.stop_all(self.executor)
        self.pause_action.setChecked(True)
        self._describe_pause()
        self.statusBar().showMessage(
            self.tr(
                "Stopped %n step(s); the queue is paused. Resume it (Ctrl+Shift+P) to carry on.", "", stopped
            ),
            15000,
        )
        self._show_work()

    def solve_captcha(self) -> None:
        submission_id = self.selected_id()
        if submission_id and self.executor is not None and self._captcha_window is None:
            self.run(self._solve_captcha(submission_id))

    async def _solve_captcha(self, submission_id: str) -> None:
        sub = await self.store.get(submission_id)
        self.statusBar().showMessage(
            self.tr("Solve the check in the browser window, then close it; scraping resumes by itself."),
            30000,
        )
        session = self._captcha_window = await operations.open_captcha_window(self.services, sub.amazon_url)
        self._update_actions(self._current)
        try:
            await session.closed  # closing the window lifts the marketplace's pause
        finally:
            self._captcha_window = None
        sub = await self.store.get(submission_id)
        # Every item of this store that stopped on the bot check goes again, not only the selected one.
        await operations.release_captcha_items(
            self.store, sub.marketplace, editor=self._editor(), jobs=self.executor
        )
        self.statusBar().showMessage(self.tr("Thanks! Scraping of %s resumes.") % sub.marketplace, 8000)
        await self._show_details(submission_id)

    def toggle_pause(self) -> None:
        if self.executor is None:
            return
        if self.pause_action.isChecked():
            self.executor.pause()
            self.statusBar().showMessage(self.tr("Queue paused: nothing new starts until you resume."), 8000)
        else:
            self.executor.resume()
            self.statusBar().showMessage(self.tr("Queue resumed."), 5000)
        self._describe_pause()
        self._show_work()

    # -- executor events (queued to the UI thread by the bridge) ---------------------------------------

    def _job_did_start(self, submission_id: str, step: str) -> None:
        self._working[submission_id] = step
        self.model.set_progress(submission_id, None, "")
        self._show_work()

    def _job_did_progress(self, submission_id: str, fraction, message: str) -> None:
        self.model.set_progress(submission_id, fraction, message)

    def _job_did_finish(self, submission_id: str, step: str) -> None:
        self._job_ended(submission_id)

    def _job_did_fail(self, submission_id: str, step: str, code: str, message: str, retry_in) -> None:
        self._job_ended(submission_id)
        if code == "cancelled":
            return
        line = f"{title_for(code)}: {message}"
        if retry_in is not None:
            line += " — " + self.tr("trying again in %s s") % round(retry_in)
        self.statusBar().showMessage(line, 15000)

    def _job_ended(self, submission_id: str) -> None:
        self._working.pop(submission_id, None)
        self.model.clear_progress(submission_id)
        self._show_work()
        if submission_id == self.selected_id():
            self.run(self._show_details(submission_id))

    def _show_work(self) -> None:
        busy = len(self._working)
        self.work_bar.setVisible(busy > 0)
        self.stop_all_button.setVisible(busy > 0)
        self.stop_all_action.setEnabled(busy > 0)
        self.stop_all_action.setToolTip(
            self.tr("Stop every running step and pause the queue (Ctrl+Shift+.)")
            if busy
            else self.tr("Nothing is running")
        )
        paused = self.executor is not None and self.executor.paused
        text = self.tr("%n working", "", busy) if busy else ""
        if paused:
            text = (text + " · " if text else "") + self.tr("paused")
        self.work_label.setText(text)

    def open_settings(self) -> None:
        from pigmeu_desktop.ui.settings_dialog import open_settings_dialog

        open_settings_dialog(self, self.services)

    def _settings_did_change(self, old: Settings, new: Settings) -> None:
        """Saved settings, as every running part hears of them (Services.watch_settings): the interface
        switches language at once; the queue's database is opened once, so a change there waits for a
        restart, and says so."""
        if new.language != old.language:
            app = QApplication.instance()
            if app is not None:
                install_translator(app, new.language)
        if _store_settings_of(new) != self._store_settings:
            self.statusBar().showMessage(
                self.tr("Team mode settings are saved; they take effect when you restart Pigmeu."), 30000
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._unwatch_settings()
        if self.review_window is not None:
            self.review_window.close()  # saves its unsaved text first
        if self._unobserve is not None:
            self._unobserve()
            self._unobserve = None
        self.model.close()
        self._tasks.cancel_all()
        super().closeEvent(event)


def _store_settings_of(settings: Settings) -> tuple:
    """The settings the queue's store is opened with (app.open_store): team mode and its servers."""
    return (settings.team_mode, settings.mongodb_uri, settings.mongo_db_name, settings.redis_url)
