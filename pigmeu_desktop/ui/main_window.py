"""The main window: the queue (drop or paste links onto it), the selected item's details, and actions."""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Callable, Sequence

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
    QProgressBar,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QWidget,
)

from pigmeu_desktop import APP_NAME
from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, SubmissionStore
from pigmeu_desktop.core.review import source_facts
from pigmeu_desktop.core.states import WORKING_STATES, Status, Step, can_transition, retry_target, transition
from pigmeu_desktop.jobs.executor import Executor
from pigmeu_desktop.services.intake import IntakeOutcome, add_text
from pigmeu_desktop.services.wordpress.content import render_post_html
from pigmeu_desktop.services.wordpress.hashing import changed_since_publish
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.errors import next_step_for, one_line, title_for
from pigmeu_desktop.ui.formatting import format_date, format_price
from pigmeu_desktop.ui.history import history_lines
from pigmeu_desktop.ui.job_bridge import JobBridge
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
        self._store_settings = _store_settings_of(services.settings)  # what `store` was opened with
        self.executor = executor
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
        self._captcha_window = None  # the scraper's visible session while the editor solves a captcha
        self._current: Submission | None = None
        self._current_activity: list[ActivityEntry] = []
        self._current_preview: str | None = None  # the draft's body as the post will show it
        self._build_actions()
        self.stop_all_button.setDefaultAction(self.stop_all_action)
        self.retranslate_ui()

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_did_change())
        self.model.did_reload.connect(self._model_did_reload)
        self.model.schedule_reload()
        self.bridge = JobBridge(self)
        self.bridge.job_started.connect(self._job_did_start)
        self.bridge.job_progressed.connect(self._job_did_progress)
        self.bridge.job_finished.connect(self._job_did_finish)
        self.bridge.job_failed.connect(self._job_did_fail)
        self._unobserve = executor.add_observer(self.bridge) if executor is not None else None

    # -- actions -----------------------------------------------------------------------------------

    def _action(self, shortcut, slot: Callable[[], None], fallback: str | None = None) -> QAction:
        """An action with the platform's standard keys, or `fallback` where the platform has none
        (Preferences is Cmd+, on macOS but unbound on Linux and Windows)."""
        action = QAction(self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            keys = QKeySequence.keyBindings(shortcut) or ([QKeySequence(fallback)] if fallback else [])
            action.setShortcuts(keys)
        else:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action(QKeySequence.StandardKey.New, self.ask_for_links)
        self.paste_action = self._action(QKeySequence.StandardKey.Paste, self.paste_links)
        self.approve_action = self._action("Ctrl+Return", self.approve_selected)
        self.delete_action = self._action(QKeySequence.StandardKey.Delete, self.delete_selected)
        self.retry_action = self._action("Ctrl+R", self.retry_selected)
        self.stop_action = self._action("Ctrl+.", self.stop_selected)
        self.stop_all_action = self._action("Ctrl+Shift+.", self.stop_all)
        self.captcha_action = self._action("Ctrl+Shift+C", self.solve_captcha)
        self.pause_action = self._action("Ctrl+Shift+P", self.toggle_pause)
        self.pause_action.setCheckable(True)
        self.settings_action = self._action(QKeySequence.StandardKey.Preferences, self.open_settings, "Ctrl+,")
        self.quit_action = self._action(QKeySequence.StandardKey.Quit, self.close, "Ctrl+Q")

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        for action in (self.add_action, self.paste_action, self.approve_action, self.retry_action,
                       self.stop_action, self.captcha_action, self.delete_action):
            self.toolbar.addAction(action)
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
        for action in (self.add_action, self.paste_action, self.approve_action, self.retry_action,
                       self.stop_action, self.stop_all_action, self.captcha_action, self.delete_action):
            self.queue_menu.addAction(action)
        self.queue_menu.addSeparator()
        self.queue_menu.addAction(self.pause_action)
        self.queue_menu.addSeparator()
        self.queue_menu.addAction(self.quit_action)
        self.tools_menu = self.menuBar().addMenu("")
        self.tools_menu.addAction(self.settings_action)

    def retranslate_ui(self) -> None:
        """Every visible text, set again when the language changes while the app runs."""
        _describe(self.add_action, self.tr("Add links…"), self.tr("Type or paste Amazon links, ASINs or ISBNs"))
        _describe(self.paste_action, self.tr("Paste links"), self.tr("Add every link found in the clipboard"))
        _describe(self.approve_action, self.tr("Approve"), self.tr("Approve the draft for publishing"))
        _describe(self.delete_action, self.tr("Delete"), self.tr("Remove the item from the queue (not from WordPress)"))
        _describe(self.retry_action, self.tr("Retry"), self.tr("Run the failed or stopped step again"))
        _describe(self.stop_action, self.tr("Stop"), self.tr("Stop the step running on this item"))
        _describe(self.stop_all_action, self.tr("Stop all"),
                 self.tr("Stop every running step and pause the queue; resume it to carry on"))
        _describe(self.captcha_action, self.tr("Solve captcha…"),
                 self.tr("Open the page in a browser window to pass Amazon's bot check once"))
        self._describe_pause()
        _describe(self.settings_action, self.tr("Settings…"), self.tr("AI provider, WordPress site, marketplace and more"))
        _describe(self.quit_action, self.tr("Quit"), self.tr("Close the window"))
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
        self._show_work()
        self._model_did_reload()
        if self._current is not None:
            self.details.setHtml(self.details_html(self._current, self._current_activity, self._current_preview))

    def _describe_pause(self) -> None:
        """The pause button says what pressing it does now."""
        if self.pause_action.isChecked():
            _describe(self.pause_action, self.tr("Resume queue"), self.tr("Start queued work again"))
        else:
            _describe(self.pause_action, self.tr("Pause queue"), self.tr("Start no new work; steps already running finish"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
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
            for action in (self.approve_action, self.delete_action, self.retry_action, self.stop_action,
                           self.captcha_action):
                action.setEnabled(False)
                action.setToolTip(self.tr("Select an item first"))
            return
        if self.executor is not None:
            held = self.executor.is_held(sub.id)
            can_retry = sub.status is Status.FAILED or held
            self.retry_action.setEnabled(can_retry)
            self.retry_action.setToolTip(
                self.tr("Run the failed or stopped step again (Ctrl+R)")
                if can_retry
                else self.tr("Only a failed or stopped item can be retried")
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
            running = sub.id in self._working or sub.status in WORKING_STATES
            self.stop_action.setEnabled(running and not held)
            self.stop_action.setToolTip(
                self.tr("Stop the step running on this item (Ctrl+.)")
                if running and not held
                else self.tr("Nothing is running on this item")
            )
        self.delete_action.setEnabled(True)
        self.delete_action.setToolTip(self.tr("Remove the item from the queue (not from WordPress)"))
        # A published post whose draft changed since is approved again to send the update.
        can_approve = sub.draft is not None and (
            can_transition(sub.status, Status.APPROVED)
            or (sub.status is Status.PUBLISHED and changed_since_publish(sub))
        )
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
                from pigmeu_desktop.ui.crash_dialog import report_unexpected

                if not report_unexpected(exc, "UI task"):  # the crash dialog, when the app installed one
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
        activity = await self.store.list_activity(sub.id)
        preview = await self._preview_of(sub)
        if self.selected_id() != submission_id:
            return  # the editor moved on while we were loading
        same_item = self._current is not None and self._current.id == sub.id
        self._current, self._current_activity, self._current_preview = sub, activity, preview
        self._update_actions(sub)
        scroll = self.details.verticalScrollBar()
        position = scroll.value()
        self.details.setHtml(self.details_html(sub, activity, preview))
        if same_item:  # an update of the item being read: stay where the editor was reading
            scroll.setValue(position)

    async def _preview_of(self, sub: Submission) -> str | None:
        """The draft's body rendered and sanitised exactly as publishing will send it (affiliate links,
        disclosure), in a worker thread: a long review takes tens of milliseconds to render."""
        if sub.draft is None or not sub.draft.body_markdown:
            return None
        settings = self.services.settings
        rendered = await asyncio.to_thread(
            render_post_html,
            sub.draft.body_markdown,
            submission_id=sub.id,
            product_url=sub.amazon_url,
            affiliate_tags=dict(settings.affiliate_tags),
            disclosure_text=settings.disclosure_text,
        )
        return _demote_headings(rendered.html)

    def details_html(
        self, sub: Submission, activity: Sequence[ActivityEntry] = (), preview_html: str | None = None
    ) -> str:
        e = html.escape
        parts = [f"<h2>{e(sub.title or sub.asin)}</h2>"]
        # tr() outside f-strings: lupdate does not look inside them.
        status_word, post_word, draft_word = self.tr("Status"), self.tr("WordPress post"), self.tr("Draft")
        changed_word, changed_hint = self.tr("Changed since publish"), self.tr("approve it again to update the post")
        parts.append(f"<p><b>{e(status_word)}:</b> {e(self.model.status_label(sub.status))}<br>")
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
                (self.tr("Published"), format_date(b.publication_date) if b.publication_date else None),
                (self.tr("Pages"), b.pages),
                (self.tr("ISBN-13"), b.isbn13),
                (self.tr("Price"), format_price(b.price.amount, b.price.currency) if b.price else None),
            ]
            parts.append("<table>")
            parts += [f"<tr><td><b>{e(k)}</b></td><td>{e(str(v))}</td></tr>" for k, v in rows if v]
            parts.append("</table>")
        if sub.wordpress and sub.wordpress.link:
            link = e(sub.wordpress.link)
            parts.append(f"<p><b>{e(post_word)}:</b> <a href='{link}'>{link}</a>")
            if changed_since_publish(sub):
                parts.append(
                    f"<br><b>{e(changed_word)}</b> — {e(changed_hint)}"
                )
            parts.append("</p>")
        if sub.draft and (sub.draft.excerpt or preview_html):
            parts.append(f"<h3>{e(draft_word)}</h3>")
            if sub.draft.excerpt:
                parts.append(f"<p><i>{e(sub.draft.excerpt)}</i></p>")
            if preview_html:
                parts.append(f"<div>{preview_html}</div>")  # sanitised by the post renderer's allow-list
            labels = ((self.tr("Tags"), sub.draft.tags), (self.tr("Categories"), sub.draft.categories))
            parts += [f"<p><b>{e(label)}:</b> {e(', '.join(values))}</p>" for label, values in labels if values]
        if sub.draft and sub.book:
            covered_word, check_word = self.tr("From the page, in the draft"), self.tr("To check (not in the page data)")
            facts = source_facts(sub.book, sub.draft)
            marks = " · ".join(f"{e(f.value)} {'✓' if f.in_draft else '✗'}" for f in facts)
            parts.append(f"<p><b>{e(covered_word)}:</b> {marks}</p>")
            if sub.draft.ungrounded:
                parts.append(f"<p><b>{e(check_word)}:</b> {e(', '.join(sub.draft.ungrounded))}</p>")
        if activity:
            history_word = self.tr("History")
            parts.append(f"<h3>{e(history_word)}</h3><table>")
            parts += [f"<tr><td>{e(when)}&nbsp;&nbsp;</td><td>{e(what)}</td></tr>" for when, what in history_lines(activity)]
            parts.append("</table>")
        return "".join(parts)

    def _model_did_reload(self) -> None:
        count = self.model.rowCount()
        self.empty_hint.setVisible(count == 0)
        self.empty_hint.resize(self.table.viewport().size())
        self.empty_hint.move(self.table.viewport().pos())
        # "0 item" is what pt-BR's plural rule gives for zero; an empty queue reads better in words.
        self.count_label.setText(self.tr("%n item(s)", "", count) if count else self.tr("No items"))

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
        if sub.status is Status.PUBLISHED:
            sub = transition(sub, Status.DRAFTED)  # back through review; the post is updated, never duplicated
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

    def retry_selected(self) -> None:
        submission_id = self.selected_id()
        if submission_id and self.executor is not None:
            self.run(self._retry(submission_id))

    async def _retry(self, submission_id: str) -> None:
        sub = await self._release(submission_id)
        self.statusBar().showMessage(self.tr("Trying again: %s") % (sub.title or sub.asin), 8000)
        await self._show_details(submission_id)

    async def _release(self, submission_id: str) -> Submission:
        """Put a failed item back at its step's start and let the executor take it (or a stopped one) again."""
        sub = await self.store.get(submission_id)
        if sub.status is Status.FAILED:
            sub = await self.store.save(transition(sub, retry_target(sub)))
            editor = self.services.settings.editor_name or None
            await self.store.add_activity(ActivityEntry(sub.id, utcnow(), "retried", message=editor))
        self.executor.release(submission_id)
        return sub

    def stop_selected(self) -> None:
        submission_id = self.selected_id()
        if submission_id and self.executor is not None:
            self.executor.cancel(submission_id)
            self.statusBar().showMessage(self.tr("Stopped. Press Retry (Ctrl+R) to start it again."), 8000)
            self.run(self._show_details(submission_id))

    def stop_all(self) -> None:
        """Every running step stops (its page or stream closed) and the queue pauses; Resume carries on."""
        if self.executor is None:
            return
        stopped = len(self._working)  # what the editor saw running; queued items simply wait
        self.executor.cancel_all()
        self.pause_action.setChecked(True)
        self._describe_pause()
        self.statusBar().showMessage(
            self.tr("Stopped %n step(s); the queue is paused. Resume it (Ctrl+Shift+P) to carry on.", "", stopped),
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
            self.tr("Solve the check in the browser window, then close it; scraping resumes by itself."), 30000
        )
        self._captcha_window = await self.services.scraper.open_visible(sub.amazon_url)
        self._update_actions(self._current)
        try:
            await self._captcha_window.closed  # closing the window lifts the marketplace's pause
        finally:
            self._captcha_window = None
        sub = await self.store.get(submission_id)
        # Every item of this store that stopped on the bot check goes again, not only the selected one.
        for row in await self.store.list_summaries(status=Status.FAILED):
            if row.error_code == "captcha" and row.marketplace == sub.marketplace:
                await self._release(row.id)
        self.executor.request_scan()
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
            self.tr("Stop every running step and pause the queue (Ctrl+Shift+.)") if busy else self.tr("Nothing is running")
        )
        paused = self.executor is not None and self.executor.paused
        text = self.tr("%n working", "", busy) if busy else ""
        if paused:
            text = (text + " · " if text else "") + self.tr("paused")
        self.work_label.setText(text)

    def open_settings(self) -> None:
        try:
            from pigmeu_desktop.ui.settings_dialog import open_settings_dialog
        except ImportError:
            self.statusBar().showMessage(self.tr("Settings are not available in this build."), 5000)
            return
        dialog = open_settings_dialog(self, self.services)
        dialog.saved.connect(self._settings_did_save)

    def _settings_did_save(self, settings) -> None:
        """New limits reach the running executor at once; everything else is read where it is used,
        except the queue's database, which is opened once: a change there waits for a restart."""
        if _store_settings_of(settings) != self._store_settings:
            self.statusBar().showMessage(
                self.tr("Team mode settings are saved; they take effect when you restart Pigmeu."), 30000
            )
        if self.executor is None:
            return
        for step, limit in (
            (Step.SCRAPE, settings.scrape_concurrency),
            (Step.DRAFT, settings.draft_concurrency),
            (Step.PUBLISH, settings.publish_concurrency),
        ):
            self.executor.set_limit(step, limit)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._unobserve is not None:
            self._unobserve()
            self._unobserve = None
        self.model.close()
        for task in list(self._tasks):
            task.cancel()
        super().closeEvent(event)


def _store_settings_of(settings: Settings) -> tuple:
    """The settings the queue's store is opened with (app.open_store): team mode and its servers."""
    return (settings.team_mode, settings.mongodb_uri, settings.mongo_db_name, settings.redis_url)


def _describe(action: QAction, text: str, tip: str) -> None:
    """An action's text, status tip and tooltip (with its shortcut)."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setText(text)
    action.setStatusTip(tip)
    action.setToolTip(f"{tip} ({keys})" if keys else tip)


_HEADING = re.compile(r"(</?)h([1-6])\b", re.IGNORECASE)


def _demote_headings(post_html: str) -> str:
    """The post's own headings sit under the item's title in the details pane: h1-h2 → h4, h3 → h5, rest h6."""
    return _HEADING.sub(lambda m: f"{m.group(1)}h{min(6, max(4, int(m.group(2)) + 2))}", post_html)
