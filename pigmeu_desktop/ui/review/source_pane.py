"""The Source pane: what Amazon says (cover, every book field, description, link, open-data sources),
with the editor's corrections marked "edited" and a reset back to the scraped value."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop.core.editing import BOOK_FIELDS, book_field_text, effective_book
from pigmeu_desktop.core.models import Submission

COVER_HEIGHT = 220


class SourcePane(QScrollArea):
    """Emits `field_edited(name, text)` when the editor leaves a changed field, `field_reset(name)` on reset."""

    field_edited = Signal(str, str)
    field_reset = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        box = QWidget()
        self.setWidget(box)
        layout = QVBoxLayout(box)
        self.heading = QLabel(box)
        self.cover = QLabel(box)
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover.setMinimumHeight(180)
        self.cover.setFrameShape(QLabel.Shape.StyledPanel)
        self.amazon_link = QLabel(box)
        self.amazon_link.setOpenExternalLinks(True)  # the system browser
        self.amazon_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.marks: dict[str, QToolButton] = {}
        self.labels: dict[str, QLabel] = {}
        for name, kind in BOOK_FIELDS.items():
            row = QWidget(box)
            line = QVBoxLayout(row) if kind == "longtext" else QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            if kind == "longtext":
                long_text = QPlainTextEdit(box)
                long_text.setTabChangesFocus(True)
                edit: QLineEdit | QPlainTextEdit = long_text
                edit.setMinimumHeight(140)
                edit.installEventFilter(self)  # a long text is saved when the editor leaves it
            else:
                edit = QLineEdit(box)
                edit.editingFinished.connect(lambda n=name: self._field_done(n))
            reset = QToolButton(box)
            reset.clicked.connect(lambda _=False, n=name: self.field_reset.emit(n))
            reset.hide()
            line.addWidget(edit, 1)
            line.addWidget(reset)
            self.labels[name] = QLabel(box)
            self.edits[name] = edit
            self.marks[name] = reset
            form.addRow(self.labels[name], row)
        self.sources = QLabel(box)
        self.sources.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.cover)
        layout.addWidget(self.amazon_link)
        layout.addLayout(form)
        layout.addWidget(self.sources)
        layout.addStretch(1)
        self.sub: Submission | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText("<b>" + html.escape(self.tr("Source: what Amazon says")) + "</b>")
        labels = {
            "title": self.tr("Title"),
            "subtitle": self.tr("Subtitle"),
            "authors": self.tr("Authors"),
            "publisher": self.tr("Publisher"),
            "publication_date": self.tr("Published"),
            "language": self.tr("Language"),
            "pages": self.tr("Pages"),
            "binding": self.tr("Format"),
            "isbn10": self.tr("ISBN-10"),
            "isbn13": self.tr("ISBN-13"),
            "description": self.tr("Description"),
        }
        for name, label in self.labels.items():
            label.setText(labels[name])
            self.marks[name].setText(self.tr("edited · reset"))
            self.marks[name].setToolTip(
                self.tr(
                    "Your correction is kept when the page is read again; "
                    "click to go back to the value read from Amazon"
                )
            )
        self.edits["authors"].setToolTip(self.tr("Names separated by ;"))
        self.edits["publication_date"].setPlaceholderText("2024-03-31")
        if self.sub is not None:
            self.show_submission(self.sub)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # QScrollArea filters its own viewport's events too, from before `edits` exists.
        edits = getattr(self, "edits", None)
        if edits and watched is edits.get("description") and event.type() == QEvent.Type.FocusOut:
            self._field_done("description")
        return super().eventFilter(watched, event)

    def _text(self, name: str) -> str:
        edit = self.edits[name]
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def _field_done(self, name: str) -> None:
        if self.sub is None or self.sub.book is None:
            return
        text = self._text(name)
        if text != book_field_text(effective_book(self.sub), name):
            self.field_edited.emit(name, text)

    def show_submission(self, sub: Submission) -> None:
        self.sub = sub
        e = html.escape
        open_word = self.tr("Open on Amazon")
        self.amazon_link.setText(f"<a href='{e(sub.amazon_url)}'>{e(open_word)} ↗</a>")
        self.amazon_link.setToolTip(sub.amazon_url)
        book = sub.book
        pixmap = QPixmap(book.cover_path) if book and book.cover_path else QPixmap()
        if not pixmap.isNull():
            self.cover.setPixmap(
                pixmap.scaledToHeight(COVER_HEIGHT, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.cover.setPixmap(QPixmap())
            self.cover.setText(self.tr("No cover downloaded"))
        shown = effective_book(sub)
        for name, edit in self.edits.items():
            text = book_field_text(shown, name)
            if self._text(name) != text:
                if isinstance(edit, QPlainTextEdit):
                    edit.setPlainText(text)
                else:
                    edit.setText(text)
            edit.setEnabled(book is not None)
            self.marks[name].setVisible(name in sub.book_edits)
        if book and book.sources:
            lines = [
                f"{self.labels[k].text() if k in self.labels else k}: {v}"
                for k, v in sorted(book.sources.items())
            ]
            self.sources.setText(self.tr("Filled from open data:") + " " + "; ".join(lines))
        elif book:
            self.sources.setText(self.tr("Every field was read from the Amazon page."))
        else:
            self.sources.setText(self.tr("The page has not been read yet."))
