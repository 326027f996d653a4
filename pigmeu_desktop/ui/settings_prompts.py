"""The Settings dialog's Prompts page: edit the drafting templates and content schemas as new versions.

Everything it does goes through services/llm/prompt_admin.py (the `pigmeu prompts` command calls the
same functions): validation, versions, restore, reset and diff are not written here again.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.operations import prompts as ops
from pigmeu_desktop.services.llm.prompt_admin import (
    TEMPLATE_FIELDS,
    TEMPLATE_VARIABLES,
    DocumentInfo,
    PromptAdmin,
    SchemaInvalid,
    VersionEntry,
    content_of,
    diff_documents,
)
from pigmeu_desktop.ui.errors import describe
from pigmeu_desktop.ui.settings_controller import SettingsController
from pigmeu_desktop.ui.settings_sections import Section, wrapping_label
from pigmeu_desktop.ui.tasks import TaskRunner
from pigmeu_desktop.ui.template_highlighter import TemplateHighlighter
from pigmeu_desktop.ui.version_diff import VersionDiffDialog

log = logging.getLogger("pigmeu.ui.settings")

OTHER = "__other__"  # a prompt's non-template fields (sections, language, hints), edited as JSON
WHOLE = "__json__"  # a schema, edited whole as JSON
PREVIEW_STATUSES = (
    Status.SCRAPED,
    Status.DRAFTING,
    Status.DRAFTED,
    Status.APPROVED,
    Status.PUBLISHING,
    Status.PUBLISHED,
    Status.FAILED,
)
MIN_SIZE = (1000, 700)  # the dialog grows to this while the page is shown: a template needs room


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


class PromptsSection(Section):
    """Pick a prompt or schema, edit its templates, preview, save as a new version, compare, restore."""

    loaded = Signal()  # the list (and the shown document) was (re)loaded from the store
    saved = Signal(object)  # a VersionEntry
    failed = Signal(object)  # a PigmeuError shown under the editor

    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.services = controller.services
        self.admin: PromptAdmin | None = None
        self.infos: list[DocumentInfo] = []
        self.current: DocumentInfo | None = None
        self.history: list[VersionEntry] = []
        self.edits: dict[str, str] = {}  # field → text typed and not saved yet (kept across field switches)
        self._shown_field = ""
        self._busy = False
        self._discard_warned = False  # Cancel with unsaved text warns once; a second Cancel discards
        self._tasks = TaskRunner(self.show_error)

        self.document = QComboBox(self)
        self.field = QComboBox(self)
        for combo in (self.document, self.field):  # names are long ("Resenha de livro (português) — …")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_row("document", self.document)
        self.add_row("field", self.field)
        self.version_label = wrapping_label(self)
        self.form.addRow("", self.version_label)

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("template-editor")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.highlighter = TemplateHighlighter(self.editor.document())

        # Right: variables, preview, versions.
        self.side = QTabWidget(self)
        self.variables = QTreeWidget(self)
        self.variables.setColumnCount(2)
        self.variables.setRootIsDecorated(False)
        self.variables.itemDoubleClicked.connect(self._insert_variable)
        self.preview_item = QComboBox(self)
        self.preview_button = QPushButton(self)
        self.preview_button.clicked.connect(self.start_preview)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setFont(self.editor.font())
        preview_page = QWidget(self)
        preview_box = QVBoxLayout(preview_page)
        preview_line = QHBoxLayout()
        self.preview_item_label = QLabel(preview_page)
        self.preview_item_label.setBuddy(self.preview_item)
        preview_line.addWidget(self.preview_item_label)
        preview_line.addWidget(self.preview_item, 1)
        preview_line.addWidget(self.preview_button)
        preview_box.addLayout(preview_line)
        preview_box.addWidget(self.preview, 1)
        self.versions = QTreeWidget(self)
        self.versions.setColumnCount(4)
        self.versions.setRootIsDecorated(False)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.versions.itemSelectionChanged.connect(self.update_buttons)
        self.compare_button = QPushButton(self)
        self.compare_button.clicked.connect(self.compare_selected)
        self.restore_button = QPushButton(self)
        self.restore_button.clicked.connect(self.restore_selected)
        versions_page = QWidget(self)
        versions_box = QVBoxLayout(versions_page)
        versions_box.addWidget(self.versions, 1)
        versions_line = QHBoxLayout()
        versions_line.addWidget(self.compare_button)
        versions_line.addWidget(self.restore_button)
        versions_line.addStretch(1)
        versions_box.addLayout(versions_line)
        self.side.addTab(self.variables, "")
        self.side.addTab(preview_page, "")
        self.side.addTab(versions_page, "")

        splitter = QSplitter(self)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.error = wrapping_label(self)
        self.error.setObjectName("prompt-error")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.start_save)
        self.revert_button = QPushButton(self)
        self.revert_button.clicked.connect(self.revert)
        self.reset_button = QPushButton(self)
        self.reset_button.clicked.connect(self.start_reset)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        # Shortcuts work anywhere on the page (the buttons carry Alt+letter mnemonics too).
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.start_save),
            (QKeySequence("Ctrl+Shift+R"), self.start_preview),
            (QKeySequence("Ctrl+Shift+D"), self.compare_selected),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self.document.currentIndexChanged.connect(self._document_changed)
        self.field.currentIndexChanged.connect(self._field_changed)
        self.editor.textChanged.connect(self._text_changed)
        self.retranslate()
        self._first_load: asyncio.Task | None = None  # on first show: the other tabs must not wait for it

    # -- loading ---------------------------------------------------------------------------------
    def _run(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        return self._tasks.run(coro)

    def cancel_tasks(self) -> None:
        self._tasks.cancel_all()

    async def reload(self, select: str | None = None) -> None:
        """(Re)read the list and the shown document's versions; keeps the selection and typed edits."""
        self._busy = True
        self.update_buttons()
        try:
            if self.admin is None:
                self.admin = await ops.open_prompts(self.services)
            self.infos = await ops.list_documents(self.admin)
            language = getattr(self.services.settings, "prompt_language", "")
            first = next((i.id for i in self.infos if i.kind == "prompt" and i.language == language), None)
            wanted = select or (self.current.id if self.current else first)  # drafting's prompt first
            self.document.blockSignals(True)
            self.document.clear()
            for info in self.infos:
                self.document.addItem(self._document_text(info), (info.kind, info.id))
            index = next((i for i, info in enumerate(self.infos) if info.id == wanted), 0)
            self.document.setCurrentIndex(index)
            self.document.blockSignals(False)
            await self._load_document(self.infos[index] if self.infos else None)
            await self._load_preview_items()
        finally:
            self._busy = False
            self.update_buttons()
        self.loaded.emit()

    async def _load_document(self, info: DocumentInfo | None) -> None:
        self.current = info
        self.history = await ops.history(self.admin, info.id, kind=info.kind) if info and self.admin else []
        self.field.blockSignals(True)
        self.field.clear()
        if info is not None and info.kind == "prompt":
            for name in TEMPLATE_FIELDS:
                if name in info.doc or name in ("system", "user_template"):
                    self.field.addItem(self._field_text(name), name)
            self.field.addItem(self._field_text(OTHER), OTHER)
        elif info is not None:
            self.field.addItem(self._field_text(WHOLE), WHOLE)
        self.field.blockSignals(False)
        self._show_field()
        self._fill_versions()
        self._describe_version()

    async def _load_preview_items(self) -> None:
        store = await self.services.store()
        keep = self.preview_item.currentData()
        self.preview_item.clear()
        for summary in await store.list_summaries(limit=200):
            if summary.status in PREVIEW_STATUSES:
                self.preview_item.addItem(summary.title or summary.asin, summary.id)
        self.preview_item.setCurrentIndex(max(0, self.preview_item.findData(keep)))

    # -- what is shown ---------------------------------------------------------------------------
    def _stored_text(self, name: str) -> str:
        doc = content_of(self.current.doc) if self.current else {}
        if name == WHOLE:
            return _json(doc)
        if name == OTHER:
            return _json({k: v for k, v in doc.items() if k not in TEMPLATE_FIELDS})
        value = doc.get(name, "")
        return value if isinstance(value, str) else _json(value)

    def _show_field(self) -> None:
        name = self.field.currentData() or ""
        self._shown_field = ""  # textChanged while filling must not count as an edit
        self.editor.setPlainText(self.edits.get(name, self._stored_text(name)))
        self._shown_field = name
        self.highlighter.set_mode("jinja" if name in TEMPLATE_FIELDS else "json")
        self.editor.setReadOnly(self.current is None)
        self._fill_variables(name)
        self.update_buttons()

    def _fill_variables(self, name: str) -> None:
        self.variables.clear()
        descriptions = self._variable_descriptions()
        for variable in TEMPLATE_VARIABLES.get(name, ()):
            item = QTreeWidgetItem([variable, descriptions.get(variable, "")])
            item.setToolTip(
                0, self.tr("Double-click to insert {{ %1 }} at the cursor.").replace("%1", variable)
            )
            self.variables.addTopLevelItem(item)
        self.variables.resizeColumnToContents(0)

    def _fill_versions(self) -> None:
        self.versions.clear()
        for entry in self.history:
            when = entry.at.replace("T", " ")[:16]
            item = QTreeWidgetItem([f"v{entry.version}", entry.author, when, entry.note])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.version)
            self.versions.addTopLevelItem(item)
        for column in range(3):
            self.versions.resizeColumnToContents(column)

    def _describe_version(self) -> None:
        info = self.current
        if info is None:
            self.version_label.setText(
                self.tr("Loading…")
                if self.admin is None
                else self.tr("Nothing to edit: no prompt is installed.")
            )
            return
        when = info.updated_at.replace("T", " ")[:16]
        text = (
            self.tr("Version %1, saved by %2 on %3.")
            .replace("%1", str(info.version))
            .replace("%2", info.updated_by)
            .replace("%3", when)
        )
        if info.is_default:
            text += " " + self.tr("Same as the shipped default.")
        self.version_label.setText(text)

    # -- editing ---------------------------------------------------------------------------------
    def _document_changed(self) -> None:
        if self.edits:
            # Switching documents would hide unsaved text: keep the editor on this one and say why.
            index = next((i for i, info in enumerate(self.infos) if info is self.current), 0)
            self.document.blockSignals(True)
            self.document.setCurrentIndex(index)
            self.document.blockSignals(False)
            self.show_error(self._unsaved_error())
            return
        index = self.document.currentIndex()
        info = self.infos[index] if 0 <= index < len(self.infos) else None
        self._run(self._load_document(info))

    def _field_changed(self) -> None:
        self._show_field()

    def _text_changed(self) -> None:
        name = self._shown_field
        if not name:
            return
        text = self.editor.toPlainText()
        if text == self._stored_text(name):
            self.edits.pop(name, None)
        else:
            self.edits[name] = text
        self.error.hide()
        self._discard_warned = False
        self.changed.emit()
        self.update_buttons()

    def _insert_variable(self, item: QTreeWidgetItem) -> None:
        if not self.editor.isReadOnly() and self._shown_field in TEMPLATE_FIELDS:
            self.editor.insertPlainText("{{ " + item.text(0) + " }}")
            self.editor.setFocus()

    def revert(self) -> None:
        self.edits.clear()
        self._show_field()
        self.error.hide()
        self.changed.emit()

    def edited_content(self) -> dict[str, Any]:
        """The document as the editor has it now; a JSON part that does not parse is a coded error."""
        assert self.current is not None
        doc = content_of(self.current.doc)
        for name, text in self.edits.items():
            if name in TEMPLATE_FIELDS:
                doc[name] = text
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                code = ErrorCode.SCHEMA_INVALID if name == WHOLE else ErrorCode.PROMPT_INVALID
                raise SchemaInvalid(
                    self.tr("The JSON does not parse (line %1): %2")
                    .replace("%1", str(exc.lineno))
                    .replace("%2", exc.msg),
                    code=code,
                    next_step=self.tr("Fix the JSON on that line (quotes, commas, brackets)."),
                ) from None
            if not isinstance(value, dict):
                raise SchemaInvalid(
                    self.tr("The JSON must be one object ({ … })."), code=ErrorCode.INVALID_INPUT
                )
            if name == WHOLE:
                doc = value
            else:  # the other fields as typed, the templates as they are (typed ones included)
                doc = {**value, **{k: v for k, v in doc.items() if k in TEMPLATE_FIELDS}}
        return doc

    # -- actions ---------------------------------------------------------------------------------
    def why_not_savable(self) -> str:
        if self._busy:
            return self.tr("Wait: the prompts are being loaded or saved.")
        if self.current is None:
            return self.tr("There is nothing to save.")
        if not self.edits:
            return self.tr("Nothing changed since version %1.").replace("%1", str(self.current.version))
        return ""

    def why_not_resettable(self) -> str:
        if self._busy:
            return self.tr("Wait: the prompts are being loaded or saved.")
        if self.current is None or self.admin is None:
            return self.tr("There is nothing to reset.")
        if self.current.is_default:
            return self.tr("This is already the default shipped with the app.")
        if self.edits:
            return self._unsaved_error().message
        return ""

    def selected_versions(self) -> list[int]:
        return sorted(int(i.data(0, Qt.ItemDataRole.UserRole)) for i in self.versions.selectedItems())

    def why_not_comparable(self) -> str:
        if len(self.selected_versions()) not in (1, 2):
            return self.tr("Select one version to compare with the current one, or two to compare them.")
        return ""

    def why_not_restorable(self) -> str:
        chosen = self.selected_versions()
        if self._busy:
            return self.tr("Wait: the prompts are being loaded or saved.")
        if len(chosen) != 1:
            return self.tr("Select one version to restore.")
        if self.current is not None and chosen[0] == self.current.version:
            return self.tr("This is the current version.")
        if self.edits:
            return self._unsaved_error().message
        return ""

    def why_not_previewable(self) -> str:
        if self._shown_field not in TEMPLATE_FIELDS:
            return self.tr("Choose a template to preview it.")
        if self.preview_item.count() == 0:
            return self.tr("No item in the queue has been read from Amazon yet; a sample book is used.")
        return ""

    def update_buttons(self) -> None:
        for button, reason, tip in (
            (self.save_button, self.why_not_savable(), self.tr("Save the text as a new version (Ctrl+S).")),
            (
                self.reset_button,
                self.why_not_resettable(),
                self.tr("Save the default shipped with the app as a new version; older versions stay."),
            ),
            (self.compare_button, self.why_not_comparable(), self.tr("Show what changed (Ctrl+Shift+D).")),
            (
                self.restore_button,
                self.why_not_restorable(),
                self.tr("Save the selected version again as a new version; the ones after it stay."),
            ),
        ):
            button.setEnabled(not reason)
            button.setToolTip(reason or tip)
        self.revert_button.setEnabled(bool(self.edits))
        self.revert_button.setToolTip(
            self.tr("Go back to the saved text of every template changed here.")
            if self.edits
            else self.tr("Nothing to undo: no unsaved changes.")
        )
        previewable = self._shown_field in TEMPLATE_FIELDS
        self.preview_button.setEnabled(previewable)
        reason = self.why_not_previewable()
        self.preview_button.setToolTip(
            self.tr("Render this template as drafting would send it (Ctrl+Shift+R).")
            if previewable and not reason
            else reason
        )

    def start_save(self) -> asyncio.Task | None:
        if self.why_not_savable():
            return None
        return self._run(self._save())

    async def _save(self) -> VersionEntry:
        assert self.current is not None and self.admin is not None
        self._busy = True
        self.update_buttons()
        try:
            content = self.edited_content()
            entry = await ops.save_document(
                self.admin,
                self.current.id,
                content,
                author=ops.author_of(self.services),
                kind=self.current.kind,
                base_version=self.current.version,
            )
        finally:
            self._busy = False
            self.update_buttons()
        self.edits.clear()
        await self.reload(self.current.id)
        self.saved.emit(entry)
        return entry

    def start_reset(self) -> asyncio.Task | None:
        if self.why_not_resettable():
            return None
        return self._run(self._reset())

    async def _reset(self) -> VersionEntry:
        assert self.current is not None and self.admin is not None
        entry = await ops.reset(
            self.admin, self.current.id, author=ops.author_of(self.services), kind=self.current.kind
        )
        await self.reload(self.current.id)
        self.saved.emit(entry)
        return entry

    def restore_selected(self) -> asyncio.Task | None:
        if self.why_not_restorable():
            return None
        return self._run(self._restore(self.selected_versions()[0]))

    async def _restore(self, number: int) -> VersionEntry:
        assert self.current is not None and self.admin is not None
        entry = await ops.restore(
            self.admin, self.current.id, number, author=ops.author_of(self.services), kind=self.current.kind
        )
        await self.reload(self.current.id)
        self.saved.emit(entry)
        return entry

    def compare_selected(self) -> VersionDiffDialog | None:
        if self.why_not_comparable() or self.current is None:
            return None
        chosen = self.selected_versions()
        by_number = {e.version: e for e in self.history}
        if len(chosen) == 1 and chosen[0] == self.current.version:
            older = [n for n in by_number if n < chosen[0]]  # the current one alone: what its save changed
            chosen = [max(older), chosen[0]] if older else chosen * 2
        old = by_number[chosen[0]]
        new = by_number[chosen[1]] if len(chosen) == 2 else by_number[self.current.version]
        title = (
            self.tr("%1: version %2 → version %3")
            .replace("%1", self.current.name)
            .replace("%2", str(old.version))
            .replace("%3", str(new.version))
        )
        labels = {name: self._field_text(name) for name in TEMPLATE_FIELDS}
        dialog = VersionDiffDialog(title, diff_documents(old.doc, new.doc), self, labels)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def start_preview(self) -> asyncio.Task | None:
        if self._shown_field not in TEMPLATE_FIELDS or self.current is None:
            return None
        return self._run(self._preview())

    async def _preview(self) -> str:
        """The template (as typed, not yet saved) rendered for the chosen queue item, off the UI thread."""
        store = await self.services.store()
        text = await ops.preview(
            self.edited_content(), self._shown_field, store, self.preview_item.currentData()
        )
        self.preview.setPlainText(text)
        self.side.setCurrentIndex(1)
        return text

    # -- errors ----------------------------------------------------------------------------------
    def _unsaved_error(self) -> PigmeuError:
        return PigmeuError(
            self.tr("This document has unsaved changes."),
            code=ErrorCode.INVALID_INPUT,
            next_step=self.tr("Save them as a new version (Ctrl+S) or undo them first."),
        )

    def show_error(self, error: PigmeuError) -> None:
        title, message, step = describe(error)
        if not title:
            return
        self.error.setText(
            f"<b>{title}</b> ({error.code}): {message}" + (f"<br><i>{step}</i>" if step else "")
        )
        self.error.setTextFormat(Qt.TextFormat.RichText)
        self.error.show()
        self.failed.emit(error)

    def may_discard(self) -> bool:
        """Closing the dialog without saving: the first time with unsaved text, warn and stay open."""
        if not self.edits or self._discard_warned:
            return True
        self._discard_warned = True
        self.show_error(
            PigmeuError(
                self.tr("This document has unsaved changes."),
                code=ErrorCode.INVALID_INPUT,
                next_step=self.tr(
                    "Save them as a new version (Ctrl+S), or press Cancel again to discard them."
                ),
            )
        )
        return False

    def problem(self) -> tuple[QWidget, str] | None:
        """The dialog's Save closes it: unsaved template text must not vanish with it."""
        if self.edits:
            error = self._unsaved_error()
            return self.editor, f"{error.message} {error.next_step}"
        return None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._first_load is None:
            self._first_load = self._run(self.reload())
        window = self.window()
        if window is not self and (window.width() < MIN_SIZE[0] or window.height() < MIN_SIZE[1]):
            window.resize(max(window.width(), MIN_SIZE[0]), max(window.height(), MIN_SIZE[1]))

    def changeEvent(self, event) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.update_palette(self.palette())
        super().changeEvent(event)

    # -- words -----------------------------------------------------------------------------------
    def _document_text(self, info: DocumentInfo) -> str:
        kind = self.tr("Prompt") if info.kind == "prompt" else self.tr("Content schema")
        return f"{info.name} — {kind} (v{info.version})"

    def _field_text(self, name: str) -> str:
        return {
            "system": self.tr("System instructions"),
            "user_template": self.tr("Whole draft request"),
            "section_template": self.tr("One-section request"),
            "repair_template": self.tr("Repair request (after an invalid answer)"),
            OTHER: self.tr("Sections, language and model hints (JSON)"),
            WHOLE: self.tr("Whole schema (JSON Schema)"),
        }[name]

    def _variable_descriptions(self) -> dict[str, str]:
        return {
            "book": self.tr("The book's facts as an object: book.title, book.authors, book.pages…"),
            "book_json": self.tr("The book's facts as JSON, safe to put between <book_data> tags"),
            "sections": self.tr("The review's sections: each has .key and .heading"),
            "language": self.tr("The prompt's language code (pt-BR, en)"),
            "draft_json": self.tr("The current draft as JSON (one-section requests)"),
            "section": self.tr("The section being rewritten: .key and .heading"),
            "instructions": self.tr('What the editor asked for ("shorter"), may be empty'),
            "errors": self.tr("Why the previous answer was refused"),
        }

    def retranslate(self) -> None:
        super().retranslate()
        self.set_label("document", self.tr("&Document:"))
        self.set_label("field", self.tr("&Part:"))
        self.side.setTabText(0, self.tr("Variables"))
        self.side.setTabText(1, self.tr("Preview"))
        self.side.setTabText(2, self.tr("Versions"))
        self.variables.setHeaderLabels([self.tr("Variable"), self.tr("What it holds")])
        self.versions.setHeaderLabels([self.tr("Version"), self.tr("By"), self.tr("When"), self.tr("Note")])
        self.preview_item_label.setText(self.tr("&With item:"))
        self.preview_item.setToolTip(self.tr("The queue item whose book the preview uses."))
        self.preview_button.setText(self.tr("&Render"))
        self.compare_button.setText(self.tr("&Compare"))
        self.restore_button.setText(self.tr("Res&tore"))
        self.save_button.setText(self.tr("Save as &new version"))
        self.revert_button.setText(self.tr("&Undo changes"))
        self.reset_button.setText(self.tr("Reset to de&fault"))
        self.editor.setPlaceholderText(self.tr("The template's text. {{ variable }} inserts a value."))
        for i in range(self.field.count()):
            self.field.setItemText(i, self._field_text(self.field.itemData(i)))
        for i, info in enumerate(self.infos[: self.document.count()]):
            self.document.setItemText(i, self._document_text(info))
        if self.variables.topLevelItemCount():
            self._fill_variables(self._shown_field)
        self._describe_version()
        self.update_buttons()
