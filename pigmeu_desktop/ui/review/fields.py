"""Draft pane fields: one-line texts with a length counter against the schema's limits, term lists."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget


class CountedLine(QWidget):
    """A line (or short multi-line text) and "42 / 160" beside it, in red past the limit."""

    text_changed = Signal()

    def __init__(self, *, multiline: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit: QLineEdit | QPlainTextEdit
        if multiline:
            self.edit = QPlainTextEdit(self)
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 3 + 12)
            self.edit.textChanged.connect(self._did_change)
        else:
            self.edit = QLineEdit(self)
            self.edit.textEdited.connect(lambda _: self._did_change())
        self.counter = QLabel(self)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.counter.setMinimumWidth(self.counter.fontMetrics().horizontalAdvance("000 / 000") + 6)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.counter)
        self.low: int | None = None
        self.high: int | None = None
        self._loading = False

    def text(self) -> str:
        return self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()

    def set_text(self, text: str) -> None:
        """Load a value without it counting as the editor's change."""
        self._loading = True
        try:
            if isinstance(self.edit, QPlainTextEdit):
                self.edit.setPlainText(text)
            else:
                self.edit.setText(text)
        finally:
            self._loading = False
        self.update_counter()

    def set_limits(self, low: int | None, high: int | None) -> None:
        self.low, self.high = low, high
        self.update_counter()

    def _did_change(self) -> None:
        self.update_counter()
        if not self._loading:
            self.text_changed.emit()

    def update_counter(self) -> None:
        size = len(self.text())
        self.counter.setText(f"{size} / {self.high}" if self.high else str(size))
        bad = (self.high is not None and size > self.high) or (self.low is not None and size < self.low)
        self.counter.setForegroundRole(self.counter.foregroundRole())
        self.counter.setStyleSheet("color: #d33;" if bad else "")


def split_terms(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class TermsLine(QLineEdit):
    """Comma-separated tags or categories; completes the term being typed from the site's terms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert)
        self.textEdited.connect(self._complete)

    def set_known_terms(self, terms: list[str]) -> None:
        self._model.setStringList(sorted(set(terms), key=str.casefold))

    def known_terms(self) -> list[str]:
        return self._model.stringList()

    def _current(self) -> str:
        return self.text()[: self.cursorPosition()].rsplit(",", 1)[-1].strip()

    def _complete(self, _text: str) -> None:
        prefix = self._current()
        if not prefix or not self._model.stringList():
            popup = self._completer.popup()
            if popup is not None:
                popup.hide()
            return
        self._completer.setCompletionPrefix(prefix)
        self._completer.complete()

    def _insert(self, term: str) -> None:
        head = self.text()[: self.cursorPosition()].rsplit(",", 1)
        tail = self.text()[self.cursorPosition() :]
        before = (head[0] + ", ") if len(head) == 2 else ""
        self.setText(
            before + term + (tail if tail.startswith(",") else ", " + tail.lstrip(", ") if tail else "")
        )
        self.textEdited.emit(self.text())
