"""The review window: Source (what Amazon says) beside Draft (what the post will say), checks, AI,
revisions, approve and publish; autosaved within a second, never overwriting someone else's text."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QSplitter,
    QStyle,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop import APP_NAME, operations
from pigmeu_desktop.core.checks import Check, Target, word_count
from pigmeu_desktop.core.editing import effective_book, same_text
from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.merge import CONFLICT_MARKS, merge_drafts
from pigmeu_desktop.core.models import Draft, Revision, Submission, new_id
from pigmeu_desktop.core.ports import SubmissionStore
from pigmeu_desktop.core.providers import PROVIDER_TABLE, SKELETON
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.operations import availability, editing
from pigmeu_desktop.services.llm import AIChoice
from pigmeu_desktop.services.llm.sections import find_section, replace_section
from pigmeu_desktop.services.llm.stream_view import PartialDraft
from pigmeu_desktop.services.spelling import speller_for, supported
from pigmeu_desktop.services.wordpress.content import render_post_html
from pigmeu_desktop.services.wordpress.hashing import changed_since_publish
from pigmeu_desktop.services.wordpress.terms import SiteVocabulary
from pigmeu_desktop.ui.actions import describe_action, make_action
from pigmeu_desktop.ui.errors import next_step_for, title_for
from pigmeu_desktop.ui.formatting import format_datetime
from pigmeu_desktop.ui.queue_model import STATUS_LABELS
from pigmeu_desktop.ui.refusals import refusal_text
from pigmeu_desktop.ui.review.autosave import Autosaver
from pigmeu_desktop.ui.review.check_words import describe, field_label
from pigmeu_desktop.ui.review.conflict_dialog import Choice, ConflictDialog
from pigmeu_desktop.ui.review.diff_view import RevisionsDialog
from pigmeu_desktop.ui.review.fields import CountedLine, TermsLine, split_terms
from pigmeu_desktop.ui.review.find_bar import FindBar
from pigmeu_desktop.ui.review.highlighter import MarkdownHighlighter
from pigmeu_desktop.ui.review.publish_dialog import PublishDialog
from pigmeu_desktop.ui.review.source_pane import SourcePane

if TYPE_CHECKING:
    from pigmeu_desktop.ui.review.team_editing import ReviewTeam

log = logging.getLogger("pigmeu.ui")

CHECKS_DELAY_MS = 250  # checks and preview follow typing after this pause (they run off the UI thread)
PREVIEW_DELAY_MS = 400
STREAM_PAINT_MS = 80  # streamed text reaches the editor this often, not once per token


def _status_label(status: Status) -> str:
    """A state named as the queue names it (its translations)."""
    return QCoreApplication.translate("QueueModel", str(STATUS_LABELS[status]))


class ReviewWindow(QMainWindow):
    """One item at a time; `open_item` switches (saving first). Every action has a shortcut."""

    item_did_load = Signal(str)
    checks_did_update = Signal()
    generation_did_finish = Signal(str)  # "done", "stopped-kept", "stopped-dropped", "failed"
    publish_did_finish = Signal(object)  # the saved Submission, or the PigmeuError

    def __init__(
        self,
        services,
        store: SubmissionStore,
        parent: QWidget | None = None,
        *,
        neighbour: Callable[[str, int], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        # The queue's next (+1) or previous (-1) item after an id, as the queue shows it (filter included).
        self.neighbour = neighbour
        self.store = store
        self.sub: Submission | None = None  # None until an item is loaded (`item` for code that needs one)
        self.base: Draft | None = None  # the stored draft this editor's text started from
        self.session = new_id()
        self.context: editing.EditorContext | None = None
        self.checks: list[Check] = []
        self.fact_screen = editing.FactScreen()
        self._tasks: set[asyncio.Task] = set()
        self._generation: asyncio.Task | None = None
        self._closing = False
        self.team: ReviewTeam | None = None  # team mode: claims, read-only, offline saves (team_editing.py)
        self.setWindowTitle(APP_NAME)
        self.resize(1400, 880)
        self.autosaver = Autosaver(self._save_now, self)
        self.autosaver.did_save.connect(self._did_save)
        self.autosaver.did_fail.connect(self._save_did_fail)
        self._build_source()
        self._build_draft()
        self._build_side()
        splitter = QSplitter(self)
        splitter.addWidget(self.source)
        splitter.addWidget(self.draft_widget)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([330, 760, 310])
        self.setCentralWidget(splitter)
        self._build_actions()
        self._build_status()
        self._checks_timer = QTimer(self, singleShot=True, interval=CHECKS_DELAY_MS)
        self._checks_timer.timeout.connect(lambda: self.run(self.refresh_checks()))
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(lambda: self.run(self.refresh_preview()))
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(lambda: self.run(self._refresh_from_store()))
        self._unsubscribe = store.subscribe(self._store_did_change)
        self.retranslate_ui()
        self._update_actions()

    # -- building --------------------------------------------------------------------------------

    def _build_source(self) -> None:
        self.source = SourcePane(self)
        self.source.field_edited.connect(lambda name, text: self.run(self._save_book_field(name, text)))
        self.source.field_reset.connect(lambda name: self.run(self._reset_book_field(name)))

    def _build_draft(self) -> None:
        self.draft_widget = QWidget(self)
        layout = QVBoxLayout(self.draft_widget)
        self.status_line = QLabel(self.draft_widget)
        self.status_line.setWordWrap(True)
        form = QFormLayout()
        self.title_edit = CountedLine(parent=self.draft_widget)
        self.slug_edit = CountedLine(parent=self.draft_widget)
        self.excerpt_edit = CountedLine(multiline=True, parent=self.draft_widget)
        self.meta_edit = CountedLine(multiline=True, parent=self.draft_widget)
        self.keyword_edit = CountedLine(parent=self.draft_widget)
        self.tags_edit = TermsLine(self.draft_widget)
        self.categories_edit = TermsLine(self.draft_widget)
        self.counted = {
            "title": self.title_edit,
            "slug": self.slug_edit,
            "excerpt": self.excerpt_edit,
            "meta_description": self.meta_edit,
            "focus_keyword": self.keyword_edit,
        }
        self.draft_labels: dict[str, QLabel] = {}
        for name, widget in [
            *self.counted.items(),
            ("tags", self.tags_edit),
            ("categories", self.categories_edit),
        ]:
            label = QLabel(self.draft_widget)
            self.draft_labels[name] = label
            form.addRow(label, widget)
            if isinstance(widget, CountedLine):
                widget.text_changed.connect(self.draft_did_change)
            elif isinstance(widget, TermsLine):
                widget.textEdited.connect(lambda _: self.draft_did_change())
        self.body = QPlainTextEdit(self.draft_widget)
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body.setTabChangesFocus(False)
        self.highlighter = MarkdownHighlighter(self.body.document())
        self.body.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.body.customContextMenuRequested.connect(self._body_menu)
        self.body.textChanged.connect(self._body_did_change)
        self.find_bar = FindBar(self.body, self.draft_widget)
        self.preview = QTextBrowser(self.draft_widget)
        self.preview.setOpenExternalLinks(True)
        self.body_tabs = QTabWidget(self.draft_widget)
        body_page = QWidget()
        body_layout = QVBoxLayout(body_page)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.body, 1)
        body_layout.addWidget(self.find_bar)
        self.body_tabs.addTab(body_page, "")
        self.body_tabs.addTab(self.preview, "")
        self.body_tabs.currentChanged.connect(lambda _: self._preview_timer.start(0))
        self.body_split = QSplitter(Qt.Orientation.Horizontal, self.draft_widget)
        # Side by side: the Markdown and the post as it will read; the tabs hold the same two on small screens.
        self.body_split.addWidget(self.body_tabs)
        # AI bar: what to (re)generate, instructions, provider and model.
        ai = QWidget(self.draft_widget)
        from PySide6.QtWidgets import QHBoxLayout

        ai_row = QHBoxLayout(ai)
        ai_row.setContentsMargins(0, 0, 0, 0)
        self.section_box = QComboBox(ai)
        self.instructions = QLineEdit(ai)
        self.provider_box = QComboBox(ai)
        self.provider_box.addItem("", None)  # the settings' choice (and its fallbacks)
        for provider in PROVIDER_TABLE:
            self.provider_box.addItem(provider.label, provider.name)
        self.provider_box.addItem("", SKELETON)  # no AI: the skeleton to write by hand
        self.model_edit = QLineEdit(ai)
        self.model_edit.setMaximumWidth(160)
        self.generate_button = QToolButton(ai)
        self.stop_button = QToolButton(ai)
        for w in (
            self.section_box,
            self.instructions,
            self.provider_box,
            self.model_edit,
            self.generate_button,
            self.stop_button,
        ):
            ai_row.addWidget(w, 1 if w is self.instructions else 0)
        layout.addWidget(self.status_line)
        layout.addLayout(form)
        layout.addWidget(ai)
        layout.addWidget(self.body_split, 1)

    def _build_side(self) -> None:
        self.side = QTabWidget(self)
        self.checks_list = QListWidget(self.side)
        self.checks_list.setWordWrap(True)
        side = self.fontMetrics().height()
        self.checks_list.setIconSize(QSize(side, side))
        self.checks_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checks_list.itemActivated.connect(self._check_activated)
        self.checks_list.itemClicked.connect(self._check_activated)
        self.revisions_list = QListWidget(self.side)
        self.revisions_list.setWordWrap(True)
        self.revisions_list.itemActivated.connect(lambda _: self.show_revisions())
        self.side.addTab(self.checks_list, "")
        self.side.addTab(self.revisions_list, "")

    def _build_actions(self) -> None:
        self.save_action = make_action(
            self, QKeySequence.StandardKey.Save, lambda: self.run(self.autosaver.flush())
        )
        self.approve_action = make_action(self, "Ctrl+Return", lambda: self.run(self.approve()))
        self.publish_action = make_action(self, "Ctrl+Shift+Return", self.ask_publish)
        self.generate_action = make_action(self, "Ctrl+G", lambda: self.start_generation(None))
        self.section_action = make_action(
            self, "Ctrl+Shift+G", lambda: self.start_generation(self.section_box.currentData())
        )
        self.stop_action = make_action(self, "Ctrl+.", self.stop_generation)
        self.find_action = make_action(
            self, QKeySequence.StandardKey.Find, lambda: self.find_bar.open_find(False)
        )
        self.replace_action = make_action(self, "Ctrl+H", lambda: self.find_bar.open_find(True))
        self.revisions_action = make_action(self, "Ctrl+Shift+R", self.show_revisions)
        self.preview_action = make_action(self, "Ctrl+Shift+V", self.toggle_preview)
        self.close_action = make_action(self, QKeySequence.StandardKey.Close, self.close)
        self.next_action = make_action(self, "Alt+Down", lambda: self.go(+1))
        self.previous_action = make_action(self, "Alt+Up", lambda: self.go(-1))
        self.undo_action = make_action(self, QKeySequence.StandardKey.Undo, self.body.undo)
        self.redo_action = make_action(self, QKeySequence.StandardKey.Redo, self.body.redo)
        for a in (self.undo_action, self.redo_action):
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the text box's own keys do the work
        self.body.undoAvailable.connect(self.undo_action.setEnabled)
        self.body.redoAvailable.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.generate_button.setDefaultAction(self.section_action)
        self.stop_button.setDefaultAction(self.stop_action)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("review-toolbar")
        self.toolbar.setMovable(False)
        toolbar_actions: tuple[QAction | None, ...] = (
            self.save_action,
            self.undo_action,
            self.redo_action,
            None,
            self.approve_action,
            self.publish_action,
            None,
            self.generate_action,
            self.stop_action,
            None,
            self.find_action,
            self.replace_action,
            self.revisions_action,
            self.preview_action,
        )
        for entry in toolbar_actions:
            if entry is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(entry)
        self.addToolBar(self.toolbar)
        self.menu = self.menuBar().addMenu("")
        for a in (
            self.save_action,
            self.undo_action,
            self.redo_action,
            self.approve_action,
            self.publish_action,
            self.generate_action,
            self.section_action,
            self.stop_action,
            self.find_action,
            self.replace_action,
            self.revisions_action,
            self.preview_action,
            self.previous_action,
            self.next_action,
            self.close_action,
        ):
            self.menu.addAction(a)

    def _build_status(self) -> None:
        self.words_label = QLabel(self)
        self.save_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.post_link = QLabel(self)
        self.post_link.setOpenExternalLinks(True)
        self.statusBar().addPermanentWidget(self.post_link)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.save_label)

    def retranslate_ui(self) -> None:
        describe_action(
            self.save_action, self.tr("Save"), self.tr("Save now (the draft is also saved as you type)")
        )
        describe_action(self.undo_action, self.tr("Undo"), self.tr("Undo the last change in the body"))
        describe_action(self.redo_action, self.tr("Redo"), self.tr("Redo the change undone"))
        describe_action(self.approve_action, self.tr("Approve"), self.tr("Approve the draft for publishing"))
        describe_action(
            self.generate_action,
            self.tr("Generate draft"),
            self.tr("Write the whole draft again with the AI (your text stays in the revisions)"),
        )
        describe_action(
            self.section_action,
            self.tr("Regenerate"),
            self.tr("Rewrite the chosen part with the AI; every other part stays as you left it"),
        )
        describe_action(
            self.stop_action, self.tr("Stop"), self.tr("Stop the AI; keep what arrived or drop it")
        )
        describe_action(self.find_action, self.tr("Find…"), self.tr("Find in the body"))
        describe_action(self.replace_action, self.tr("Replace…"), self.tr("Find and replace in the body"))
        describe_action(
            self.revisions_action, self.tr("Revisions…"), self.tr("Compare any two revisions, restore one")
        )
        describe_action(
            self.preview_action, self.tr("Preview"), self.tr("Show or hide the post as it will read")
        )
        describe_action(self.close_action, self.tr("Close"), self.tr("Close the editor (the draft is saved)"))
        describe_action(
            self.next_action, self.tr("Next item"), self.tr("Save and open the next item of the queue")
        )
        describe_action(
            self.previous_action,
            self.tr("Previous item"),
            self.tr("Save and open the previous item of the queue"),
        )
        self._describe_publish()
        self.menu.setTitle(self.tr("&Review"))
        self.toolbar.setWindowTitle(self.tr("Review"))
        for name, label in self.draft_labels.items():
            label.setText(field_label(name))
        self.tags_edit.setPlaceholderText(self.tr("tags, separated by commas"))
        self.categories_edit.setPlaceholderText(self.tr("categories, separated by commas"))
        self.instructions.setPlaceholderText(self.tr("Instructions, e.g. shorter, no spoilers"))
        self.provider_box.setItemText(0, self.tr("Default provider"))
        self.provider_box.setItemText(self.provider_box.count() - 1, self.tr("No AI (skeleton)"))
        self.provider_box.setToolTip(self.tr("Which AI provider writes"))
        self.model_edit.setPlaceholderText(self.tr("default model"))
        self.section_box.setToolTip(self.tr("What to regenerate"))
        self.body_tabs.setTabText(0, self.tr("Markdown"))
        self.body_tabs.setTabText(1, self.tr("Preview"))
        self.body.setAccessibleName(self.tr("Body (Markdown)"))
        self.preview.setAccessibleName(self.tr("Preview as published"))
        self.side.setTabText(0, self.tr("Checks"))
        self.side.setTabText(1, self.tr("Revisions"))
        self.find_bar.retranslate_ui()
        self.source.retranslate_ui()
        if self.team is not None:
            self.team.retranslate()
        self._fill_sections()
        self._show_words()
        if self.sub is not None:
            self.source.show_submission(self.sub)
            self._show_header(self.sub)
            self._show_revisions(self.sub)
            self._show_checks()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.PaletteChange:
            self.highlighter.theme_did_change()
        super().changeEvent(event)

    # -- running coroutines ------------------------------------------------------------------------

    def run(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if t.cancelled() or not shiboken6.isValid(self):
                return
            exc = t.exception()
            if isinstance(exc, PigmeuError):
                self.show_error(exc)
            elif exc is not None:
                log.error("unexpected error in the review window", exc_info=exc)
                self.statusBar().showMessage(self.tr("Unexpected error; details are in the log."), 10000)

        task.add_done_callback(done)
        return task

    def show_error(self, error: PigmeuError, *, dialog: bool = False) -> None:
        line = f"{title_for(error.code)} ({error.code}): {error.message}"
        step = next_step_for(error.code, error.next_step)
        self.statusBar().showMessage(line + (f" — {step}" if step else ""), 20000)
        if dialog:
            box = QMessageBox(
                QMessageBox.Icon.Warning, title_for(error.code), f"{error.message}\n\n{step}", parent=self
            )
            box.setInformativeText(self.tr("Code: %1").replace("%1", str(error.code)))
            box.open()
            self.error_box = box

    # -- loading an item ---------------------------------------------------------------------------

    async def open_item(self, submission_id: str) -> None:
        """Save the item being edited (if any), then show `submission_id`."""
        await self.autosaver.flush()
        sub = await self.store.get(submission_id)
        if self.context is None:
            self.context = await editing.editor_context(self.store, self.services.settings.prompt_language)
            self._fill_sections()
            for name, widget in self.counted.items():
                widget.set_limits(*self.context.limits.get(name, (None, None)))
            self.highlighter.set_placeholders([*self.context.placeholders, *CONFLICT_MARKS])
            if self._site_configured():
                self.run(self._load_site_vocabulary())
        if self.team is not None:
            await self.team.opening(sub.id)  # claimed before it can be typed in (or read-only)
        self.session = new_id()
        self._load(sub)
        self.run(self._load_speller(sub))
        self.item_did_load.emit(sub.id)

    def _load(self, sub: Submission, draft: Draft | None = None) -> None:
        """Show `sub`; the editor's text is `draft` when given (a merge), else the stored draft."""
        self.sub = sub
        self.base = sub.draft
        shown = draft if draft is not None else (sub.draft or Draft())
        self.set_draft(shown)
        self.source.show_submission(sub)
        self._show_header(sub)
        self._show_revisions(sub)
        self._update_actions()
        self.setWindowTitle(f"{sub.title or sub.asin} — {APP_NAME}")
        self.autosaver.resume(dirty=draft is not None)
        self.save_label.setText(
            self.tr("Unsaved")
            if draft is not None
            else self.tr("Saved %1").replace("%1", format_datetime(sub.updated_at))
        )
        self._checks_timer.start(0)
        self._preview_timer.start(0)

    def set_draft(self, draft: Draft) -> None:
        """Fill the fields without it counting as typing (no autosave for a load)."""
        self._loading = True
        try:
            for name, widget in self.counted.items():
                widget.set_text(getattr(draft, name))
            self.tags_edit.setText(", ".join(draft.tags))
            self.categories_edit.setText(", ".join(draft.categories))
            if self.body.toPlainText() != draft.body_markdown:
                self.body.setPlainText(draft.body_markdown)
            self._known_body = draft.body_markdown
        finally:
            self._loading = False
        self._show_words()

    def current_draft(self) -> Draft:
        """The editor's text as a draft (provenance fields from the stored draft)."""
        stored = (self.sub.draft if self.sub else None) or Draft()
        return stored.model_copy(
            update={
                "title": self.title_edit.text(),
                "slug": self.slug_edit.text(),
                "excerpt": self.excerpt_edit.text(),
                "meta_description": self.meta_edit.text(),
                "focus_keyword": self.keyword_edit.text(),
                "body_markdown": self.body.toPlainText(),
                "tags": split_terms(self.tags_edit.text()),
                "categories": split_terms(self.categories_edit.text()),
            }
        )

    def _site_configured(self) -> bool:
        return bool(self.services.env.get("WORDPRESS_URL") or self.services.settings.wordpress_url)

    @property
    def item(self) -> Submission:
        """The open item, for actions that only run once one is loaded (they are disabled before)."""
        if self.sub is None:
            raise PigmeuError("No item is open in the editor.", code=ErrorCode.INVALID_INPUT)
        return self.sub

    async def _load_site_vocabulary(self) -> None:
        """Completion from the site's terms; without them (offline, no rights) tags are typed freely."""
        from pigmeu_desktop.services.wordpress.terms import site_vocabulary

        try:
            vocabulary = self.vocabulary = await site_vocabulary(self.services)
        except PigmeuError as exc:
            log.info("site terms not loaded (%s); tags and categories are typed freely", exc.code)
            return
        self.categories_edit.set_known_terms(list(vocabulary.categories))
        self.tags_edit.set_known_terms(list(vocabulary.tags))

    vocabulary: SiteVocabulary | None = None

    def draft_language(self, sub: Submission) -> str:
        """The language the draft is written in: its prompt's (book-review.en), else the review setting."""
        prompt_id = (sub.draft.prompt_id if sub.draft else None) or ""
        suffix = prompt_id.rsplit(".", 1)[-1] if "." in prompt_id else ""
        return suffix if supported(suffix) else self.services.settings.prompt_language

    async def _load_speller(self, sub: Submission) -> None:
        speller = await speller_for(self.draft_language(sub))
        if speller is None:
            return
        book = effective_book(sub)
        if book is not None:  # the book's own names are right even when no dictionary knows them
            words = [book.title, book.subtitle or "", book.publisher or "", *(a.name for a in book.authors)]
            speller.learn(w for text in words for w in text.split())
        self.highlighter.set_speller(speller)

    def _fill_sections(self) -> None:
        current = self.section_box.currentData()
        self.section_box.clear()
        self.section_box.addItem(self.tr("Whole draft"), None)
        for key, heading in self.context.sections if self.context else ():
            self.section_box.addItem(self.tr("Section: %1").replace("%1", heading), key)
        for key in ("title", "excerpt", "meta_description", "focus_keyword"):
            self.section_box.addItem(field_label(key), key)
        index = self.section_box.findData(current)
        self.section_box.setCurrentIndex(max(0, index))

    # -- source pane --------------------------------------------------------------------------------

    def _store_did_change(self, change) -> None:
        """Someone wrote this item (the queue's steps, another window, `pigmeu`): show it if we can."""
        if self.sub is not None and self.item.id in change.ids and not self.autosaver.saving:
            self._refresh_timer.start()  # a burst of writes reads the item once

    async def _refresh_from_store(self) -> None:
        if self.sub is None or self._generation is not None:
            return
        try:
            fresh = await self.store.get(self.item.id)
        except PigmeuError:
            return  # deleted or unreachable: the next save says so
        if self.sub is None or fresh.id != self.item.id or fresh.version == self.sub.version:
            return
        if same_text(fresh.draft, self.base):
            self._adopt(fresh)  # status, post, book: the text is as we have it
            self.source.show_submission(fresh)
            self._show_revisions(fresh)
        elif not self.autosaver.dirty and not self.autosaver.saving and not self.autosaver.paused:
            # New text from elsewhere and nothing unsaved here: show it, keeping the editor's place.
            cursor, scroll = self.body.textCursor().position(), self.body.verticalScrollBar().value()
            self._load(fresh)
            moved = self.body.textCursor()
            moved.setPosition(min(cursor, len(self.body.toPlainText())))
            self.body.setTextCursor(moved)
            self.body.verticalScrollBar().setValue(scroll)
            self.statusBar().showMessage(
                self.tr("The draft was updated elsewhere; showing the new text."), 8000
            )
        # With unsaved text here, the next save finds the change and asks (conflict dialog).

    async def _save_book_field(self, name: str, text: str) -> None:
        saved = await editing.save_book_field(self.store, self.item.id, name, text)
        self._adopt(saved)
        self.source.show_submission(saved)

    async def _reset_book_field(self, name: str) -> None:
        saved = await editing.reset_book_field(self.store, self.item.id, name)
        self._adopt(saved)
        self.source.show_submission(saved)

    def _adopt(self, saved: Submission) -> None:
        """A write of ours (book field, approve, publish) that did not touch the draft text."""
        if self.sub is not None and saved.id == self.item.id:
            self.sub = saved
            if same_text(saved.draft, self.base):
                self.base = saved.draft
            self._show_header(saved)
            self._update_actions()

    # -- typing ---------------------------------------------------------------------------------------

    _loading = False
    _known_body = ""

    def _body_did_change(self) -> None:
        # Re-colouring (spelling, facts) also emits textChanged; only a real change of the text counts.
        text = self.body.toPlainText()
        if text == self._known_body:
            return
        self._known_body = text
        self._show_words()
        self.draft_did_change()

    def spelling_menu(self, position) -> QMenu:
        """The text box's own menu, with spelling suggestions for a misspelt word at the top."""
        menu = self.body.createStandardContextMenu(position)
        cursor = self.body.cursorForPosition(position)
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        word = cursor.selectedText()
        speller = self.highlighter.speller
        if speller is None or len(word) < 3 or not word.isalpha() or speller.known(word):
            return menu
        actions = menu.actions()
        if not actions:
            return menu
        first = actions[0]
        suggestions = speller.suggestions(word)
        at = QTextCursor(cursor)  # the word right-clicked, replaced by the suggestion chosen
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.triggered.connect(lambda _=False, s=suggestion: at.insertText(s))
            menu.insertAction(first, action)
        if not suggestions:
            none = QAction(self.tr("No suggestions"), menu)
            none.setEnabled(False)
            menu.insertAction(first, none)
        menu.insertSeparator(first)
        return menu

    def _body_menu(self, position) -> None:
        menu = self.spelling_menu(position)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.body.viewport().mapToGlobal(position))

    def draft_did_change(self) -> None:
        if self._loading or self.sub is None or self._generation is not None:
            return
        self.autosaver.changed()
        self.save_label.setText(self.tr("Unsaved"))
        self._checks_timer.start()
        self._preview_timer.start()

    def _show_words(self) -> None:
        count = word_count(self.body.toPlainText())
        self.words_label.setText(self.tr("%n word(s)", "", count))

    async def _save_now(self) -> Submission:
        self.save_label.setText(self.tr("Saving…"))
        draft = self.current_draft()
        return await editing.save_draft(
            self.store,
            self.item.id,
            draft,
            base=self.base,
            author=self.services.settings.editor_name or "",
            session=self.session,
            current=self.sub,
        )

    def _did_save(self, saved: Submission) -> None:
        if self.sub is None or saved.id != self.item.id:
            return
        self.sub = saved
        self.base = saved.draft
        self.save_label.setText(self.tr("Saved %1").replace("%1", format_datetime(saved.updated_at)))
        self._show_header(saved)
        self._show_revisions(saved)
        self._update_actions()
        if self.team is not None:
            self.team.saved(saved)  # kept on this computer while the team database is down: says so

    def _save_did_fail(self, error: PigmeuError) -> None:
        if isinstance(error, editing.DraftMoved):
            self.save_label.setText(self.tr("Changed elsewhere"))
            self.open_conflict(error.theirs)
            return
        self.save_label.setText(self.tr("Not saved"))
        self.show_error(error)
        # A failed save (disk full, server down) keeps the text here and tries again shortly.
        QTimer.singleShot(3000, lambda: self.autosaver.resume())

    # -- conflict -------------------------------------------------------------------------------------

    def open_conflict(self, theirs: Submission) -> ConflictDialog:
        last = theirs.revisions[-1] if theirs.revisions else None
        who = (last.author or self.tr("someone")) if last else self.tr("someone")
        if last is not None:
            who += ", " + format_datetime(last.at)
        dialog = ConflictDialog(self.current_draft(), theirs.draft or Draft(), who, self)
        dialog.finished.connect(lambda _: self.run(self._resolve_conflict(dialog, theirs)))
        self.conflict_dialog = dialog
        dialog.open()
        return dialog

    async def _resolve_conflict(self, dialog: ConflictDialog, theirs: Submission) -> None:
        mine = self.current_draft()
        author = self.services.settings.editor_name or ""
        if dialog.choice is Choice.KEEP_MINE:
            saved = await editing.take_over_draft(
                self.store, theirs.id, mine, author=author, session=self.session
            )
            self._load(saved)
            self.statusBar().showMessage(self.tr("Your text was saved; theirs is in the revisions."), 10000)
        elif dialog.choice is Choice.TAKE_THEIRS:
            self.session = new_id()
            self._load(await self.store.get(theirs.id))
            self.statusBar().showMessage(self.tr("Their text is loaded; yours was not saved."), 10000)
        elif dialog.choice is Choice.MERGE:
            merged = merge_drafts(self.base or Draft(), mine, theirs.draft or Draft())
            self.session = new_id()
            self._load(await self.store.get(theirs.id), draft=merged.draft)
            if merged.conflicts:
                names = ", ".join(field_label(f) for f in merged.conflicts)
                self.statusBar().showMessage(
                    self.tr(
                        "Merged. Clashes in %1 are marked <<<<<<< mine … >>>>>>> theirs: keep one side."
                    ).replace("%1", names),
                    20000,
                )
        else:  # closed without choosing: keep the text here, unsaved, and ask again on the next save
            self.autosaver.resume()

    # -- checks and preview ---------------------------------------------------------------------------

    def compute_checks(self, draft: Draft) -> list[Check]:
        """The checks for `draft` now (a worker thread; approve runs them too, not waiting for the timer)."""
        return editing.checks_for(self.item, draft, self.context, self.services.settings, self.fact_screen)

    async def refresh_checks(self) -> None:
        if self.sub is None:
            return
        draft = self.current_draft()
        checks = await asyncio.to_thread(self.compute_checks, draft)  # the facts screen reads the whole body
        if self.current_draft() != draft:
            self._checks_timer.start()  # typed meanwhile: these results are already old
            return
        self.checks = checks
        self.highlighter.set_facts([str(c.params["text"]) for c in checks if c.key == "unbacked_fact"])
        self._show_checks()
        self.checks_did_update.emit()

    def _show_checks(self) -> None:
        self.checks_list.clear()
        for check in self.checks:
            item = QListWidgetItem(self._check_icon(check.level), describe(check), self.checks_list)
            item.setData(Qt.ItemDataRole.UserRole, check)
            item.setToolTip(self.tr("Click to go there") if check.target else "")
        blocking = sum(c.level == "blocking" for c in self.checks)
        warnings = sum(c.level == "warning" for c in self.checks)
        self.side.setTabText(
            0, self.tr("Checks") + (f" ({blocking + warnings})" if blocking + warnings else " ✓")
        )

    def _check_icon(self, level: str):
        """The style's own icons (they follow the theme), not emoji a font may lack."""
        icon = {
            "blocking": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "ok": QStyle.StandardPixmap.SP_DialogApplyButton,
        }[level]
        return self.style().standardIcon(icon)

    def _check_activated(self, item: QListWidgetItem) -> None:
        check: Check = item.data(Qt.ItemDataRole.UserRole)
        if check is not None and check.target is not None:
            self.jump_to(check.target)

    def jump_to(self, target: Target) -> None:
        if target.field == "body_markdown":
            self.body_tabs.setCurrentIndex(0)
            cursor = self.body.textCursor()
            cursor.setPosition(min(target.start, len(self.body.toPlainText())))
            cursor.setPosition(min(target.end, len(self.body.toPlainText())), QTextCursor.MoveMode.KeepAnchor)
            self.body.setTextCursor(cursor)
            self.body.centerCursor()
            self.body.setFocus()
            return
        widget = self.counted.get(target.field)
        if widget is not None:
            widget.edit.setFocus()
        elif target.field == "tags":
            self.tags_edit.setFocus()

    async def refresh_preview(self) -> None:
        # Laying out a long post takes ~90 ms on the UI thread: only while the preview is on screen.
        if self.sub is None or not self.preview.isVisible():
            return
        settings = self.services.settings
        body = self.body.toPlainText()
        rendered = await asyncio.to_thread(
            render_post_html,
            body,
            submission_id=self.item.id,
            product_url=self.sub.amazon_url,
            affiliate_tags=dict(settings.affiliate_tags),
            disclosure_text=settings.disclosure_text,
        )
        position = self.preview.verticalScrollBar().value()
        title = html.escape(self.title_edit.text())
        self.preview.setHtml(f"<h2>{title}</h2>{rendered.html}")  # sanitised by the publisher's allow-list
        self.preview.verticalScrollBar().setValue(position)

    def toggle_preview(self) -> None:
        self.body_tabs.setCurrentIndex(1 - self.body_tabs.currentIndex())

    # -- header, revisions ----------------------------------------------------------------------------

    def _show_header(self, sub: Submission) -> None:
        parts = [_status_label(sub.status)]
        if sub.draft and sub.draft.model:
            parts.append(self.tr("written by %1").replace("%1", sub.draft.model))
        if changed_since_publish(sub):
            parts.append("<b>" + html.escape(self.tr("Changed since publish")) + "</b>")
        if sub.wordpress and sub.wordpress.link:
            link = html.escape(sub.wordpress.link)
            post_word = self.tr("Post")
            parts.append(f"<a href='{link}'>{html.escape(post_word)} #{sub.wordpress.post_id} ↗</a>")
        self.status_line.setText(" · ".join(parts))
        self.status_line.setOpenExternalLinks(True)
        self._describe_publish()

    def describe_revision(self, revision: Revision) -> str:
        kinds = {
            "ai": self.tr("AI"),
            "edit": self.tr("edited"),
            "restore": self.tr("restored"),
            "ai-partial": self.tr("AI, stopped"),
            "merge": self.tr("merged"),
        }
        kind = kinds.get(revision.kind or "", "")
        who = revision.author or self.tr("editor")
        text = f"#{revision.n} · {format_datetime(revision.at)} · {who}"
        if kind:
            text += f" · {kind}"
        if revision.restored_from:
            text += " " + self.tr("(from #%1)").replace("%1", str(revision.restored_from))
        return text

    def _show_revisions(self, sub: Submission) -> None:
        self.revisions_list.clear()
        for revision in reversed(sub.revisions):
            item = QListWidgetItem(self.describe_revision(revision), self.revisions_list)
            item.setData(Qt.ItemDataRole.UserRole, revision.n)

    def show_revisions(self) -> RevisionsDialog | None:
        if self.sub is None or not self.sub.revisions:
            return None
        dialog = RevisionsDialog(self.sub.revisions, self.describe_revision, self)
        selected = self.revisions_list.currentItem()
        if selected is not None:
            n = selected.data(Qt.ItemDataRole.UserRole)
            dialog.select(n, self.sub.revisions[-1].n)
        dialog.accepted.connect(lambda: self.run(self.restore(dialog.chosen())))
        self.revisions_dialog = dialog
        dialog.open()
        return dialog

    async def restore(self, n: int) -> None:
        await self.autosaver.flush()
        saved = await editing.restore_revision(
            self.store, self.item.id, n, author=self.services.settings.editor_name or ""
        )
        self.session = new_id()
        self._load(saved)
        self.statusBar().showMessage(
            self.tr("Revision %1 restored as a new revision.").replace("%1", str(n)), 10000
        )

    # -- approve and publish ----------------------------------------------------------------------------

    def _update_actions(self) -> None:
        self._enable_actions()
        if self.team is not None:
            self.team.restrict_actions()  # a teammate's item: read-only here

    def _enable_actions(self) -> None:
        sub = self.sub
        generating = self._generation is not None
        has = sub is not None
        for action in (
            self.save_action,
            self.approve_action,
            self.publish_action,
            self.generate_action,
            self.section_action,
            self.revisions_action,
        ):
            action.setEnabled(has and not generating)
        self.stop_action.setEnabled(generating)
        self.stop_action.setToolTip(
            self.tr("Stop the AI (Ctrl+.)") if generating else self.tr("Nothing is being generated")
        )
        if sub is None:
            return
        # The queue's rule and words for why not (operations/availability.py, ui/refusals.py).
        refused = availability.refusal(availability.Action.APPROVE, sub)
        self.approve_action.setEnabled(self.approve_action.isEnabled() and refused is None)
        self.approve_action.setToolTip(
            self.tr("Approve the draft for publishing (Ctrl+Return)")
            if refused is None
            else refusal_text(refused, _status_label)
        )
        refused = availability.refusal(availability.Action.PUBLISH, sub)
        if refused is not None:
            self.publish_action.setEnabled(False)
            self.publish_action.setToolTip(
                refusal_text(refused, _status_label) + " — " + self.tr("approve it first (Ctrl+Return)")
            )
        if sub.book is None:
            for action in (self.generate_action, self.section_action):
                action.setEnabled(False)
                action.setToolTip(self.tr("The Amazon page has not been read yet"))
        if not sub.revisions:
            self.revisions_action.setEnabled(False)
            self.revisions_action.setToolTip(self.tr("No revisions yet"))

    def _describe_publish(self) -> None:
        update = bool(self.sub and self.sub.wordpress and self.sub.wordpress.post_id)
        text = self.tr("Update post") if update else self.tr("Publish…")
        self.publish_action.setText(text)
        if self.sub is None or operations.can_publish(self.sub):
            self.publish_action.setToolTip(
                (
                    self.tr("Send the changes to the same WordPress post")
                    if update
                    else self.tr("Send the post to WordPress")
                )
                + " (Ctrl+Shift+Return)"
            )

    async def approve(self) -> Submission | None:
        if self.sub is None:
            return None
        await self.autosaver.flush()
        checks = await asyncio.to_thread(self.compute_checks, self.current_draft())
        try:
            saved = await operations.approve(
                self.store, self.item.id, editor=self.services.settings.editor_name or None, checks=checks
            )
        except operations.ApprovalRefused as exc:
            stop = next(c for c in checks if c.level == "blocking")
            self.checks = checks
            self._show_checks()
            if stop.target is not None:
                self.jump_to(stop.target)
            self.approval_box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Cannot approve yet"), describe(stop), parent=self
            )
            self.approval_box.setInformativeText(next_step_for(exc.code, exc.next_step))
            self.approval_box.open()
            return None
        self._adopt(saved)
        self.statusBar().showMessage(self.tr("Approved. Publish when ready (Ctrl+Shift+Return)."), 10000)
        if self.team is not None:
            self.team.saved(saved, approved=True)
        return saved

    def ask_publish(self) -> PublishDialog | None:
        if self.sub is None or not operations.can_publish(self.sub):
            return None
        settings = self.services.settings
        site = self.services.env.get("WORDPRESS_URL") or settings.wordpress_url or ""
        update = bool(self.sub.wordpress and self.sub.wordpress.post_id)
        sub = self.sub.model_copy(update={"draft": self.current_draft()})
        zone = self.vocabulary.zone if self.vocabulary else None
        dialog = PublishDialog(
            sub,
            default_status=settings.default_post_status,
            site=site,
            zone_name=zone,
            update=update,
            parent=self,
        )
        dialog.accepted.connect(lambda: self.run(self.publish(dialog.status(), dialog.date())))
        self.publish_dialog = dialog
        dialog.open()
        return dialog

    async def publish(self, status: str, date: str | None) -> Submission | None:
        await self.autosaver.flush()
        self.progress.setValue(0)
        self.progress.show()
        self.post_link.clear()

        def progress(fraction: float | None, message: str) -> None:
            if fraction is not None:
                self.progress.setValue(round(fraction * 100))
            self.statusBar().showMessage(message, 5000)

        try:
            saved = await operations.publish(
                self.services, self.item.id, status=status, date=date, progress=progress
            )
        except PigmeuError as exc:
            self.progress.hide()
            self.show_error(exc, dialog=True)
            self._adopt(await self.store.get(self.item.id))
            self.publish_did_finish.emit(exc)
            return None
        self.progress.hide()
        self._adopt(saved)
        link = saved.wordpress.link if saved.wordpress else None
        if link:
            e = html.escape
            open_word = self.tr("Open the post")
            self.post_link.setText(f"<a href='{e(link)}'>{e(open_word)} ↗</a>")
        ref = saved.wordpress
        self.statusBar().showMessage(
            self.tr("Sent to WordPress: post %1 (%2).")
            .replace("%1", str(ref.post_id if ref else ""))
            .replace("%2", str(ref.status if ref else "")),
            15000,
        )
        self.publish_did_finish.emit(saved)
        return saved

    # -- AI ---------------------------------------------------------------------------------------------

    def start_generation(self, section: str | None) -> asyncio.Task | None:
        if self.sub is None or self._generation is not None or self.sub.book is None:
            return None
        task = self.run(self._generate(section))
        self._generation = task
        self._update_actions()
        return task

    async def _generate(self, section: str | None) -> None:
        await self.autosaver.flush()
        self.autosaver.pause()
        before = self.current_draft()
        partial = PartialDraft()
        span = (
            find_section(before.body_markdown, dict(self.context.sections).get(section, ""))
            if (section and self.context and section in dict(self.context.sections))
            else None
        )
        field = "markdown" if section else "body_markdown"
        self.body.setReadOnly(True)
        self._streamed_body = before.body_markdown
        painter = QTimer(self, interval=STREAM_PAINT_MS)

        def paint() -> None:
            text = partial.field(field)
            if not text:
                return
            if section is None:
                body = text
            elif span is not None:
                body = replace_section(before.body_markdown, span, text)
            else:
                return  # a text field (title, excerpt…): shown when it is done
            if body != self._streamed_body:
                self._streamed_body = body
                self._loading = True
                try:
                    bar = self.body.verticalScrollBar()
                    position = bar.value()
                    self.body.setPlainText(body)
                    self._known_body = body
                    bar.setValue(position)
                finally:
                    self._loading = False

        def on_attempt(*_args) -> None:
            partial.reset()

        painter.timeout.connect(paint)
        painter.start()
        self.statusBar().showMessage(self.tr("Writing…"))
        outcome = "failed"
        try:
            saved = await editing.regenerate(
                self.services,
                self.item.id,
                before,
                section=section,
                instructions=self.instructions.text() or None,
                ai=AIChoice(
                    provider=self.provider_box.currentData(),
                    model=self.model_edit.text().strip() or None,
                    on_token=partial.feed,
                    on_attempt=on_attempt,
                ),
            )
            outcome = "done"
        except asyncio.CancelledError:
            if self._closing or not shiboken6.isValid(self):
                raise  # the window is going away: nothing to ask
            painter.stop()
            paint()
            outcome = await self._after_stop(before, section)
            return
        except PigmeuError as exc:
            self.set_draft(before)
            self.show_error(exc, dialog=True)
            return
        finally:
            if not shiboken6.isValid(self):
                return  # noqa: B012 - the window was deleted under a cancelled generation
            painter.stop()
            self.body.setReadOnly(False)
            self._generation = None
            self._update_actions()
            self.generation_did_finish.emit(outcome)
        self.session = new_id()
        self._load(saved)
        self.statusBar().showMessage(
            self.tr("New text written; the previous one is in the revisions."), 10000
        )

    def go(self, step: int) -> asyncio.Task | None:
        """The next or previous item of the queue (this one is saved first)."""
        if self.sub is None or self.neighbour is None or self._generation is not None:
            return None
        target = self.neighbour(self.item.id, step)
        if target is None:
            self.statusBar().showMessage(self.tr("No more items in this direction."), 3000)
            return None
        return self.run(self.open_item(target))

    async def _save_then_close(self) -> None:
        try:
            if self.autosaver.paused:
                # A conflict is still open: keep this text as a revision beside theirs (never over it).
                await editing.keep_text_aside(
                    self.store,
                    self.item.id,
                    self.current_draft(),
                    author=self.services.settings.editor_name or "",
                )
                self.autosaver.dirty = False
            else:
                await self.autosaver.flush()
        finally:
            self.close()

    def stop_generation(self) -> None:
        if self._generation is not None:
            self._generation.cancel()

    async def _after_stop(self, before: Draft, section: str | None) -> str:
        """Stopped: ask whether to keep what arrived (as a revision) or drop it."""
        arrived = self.body.toPlainText()
        if arrived == before.body_markdown:
            self.autosaver.resume()
            return "stopped-dropped"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Generation stopped"),
            self.tr("Keep the text that arrived so far?"),
            parent=self,
        )
        keep = box.addButton(self.tr("Keep as a revision"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Drop it"), QMessageBox.ButtonRole.RejectRole)
        self.stop_box = box
        future: asyncio.Future = asyncio.get_running_loop().create_future()

        def answered(_result: int) -> None:
            if not future.done():
                future.set_result(box.clickedButton() is keep)

        box.finished.connect(answered)
        box.open()
        kept = await asyncio.shield(future)
        if kept:
            draft = before.model_copy(update={"body_markdown": arrived})
            saved = await editing.keep_partial_generation(
                self.store, self.item.id, draft, author=self.services.settings.editor_name or ""
            )
            self.session = new_id()
            self._load(saved)
            return "stopped-kept"
        self.set_draft(before)
        self.autosaver.resume()
        return "stopped-dropped"

    # -- closing --------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = self.sub is not None and (self.autosaver.dirty or self.autosaver.saving)
        if not self._closing and unsaved:
            event.ignore()  # save first, then close for real
            self._closing = True
            self.run(self._save_then_close())
            return
        self._closing = True
        self._unsubscribe()
        if self.team is not None:
            self.team.closed()  # lets go of the claim
        if self._generation is not None:
            self._generation.cancel()
        for timer in (self._checks_timer, self._preview_timer, self._refresh_timer):
            timer.stop()
        self.autosaver.pause()
        for task in list(self._tasks):
            if task is not asyncio.current_task():
                task.cancel()
        super().closeEvent(event)
