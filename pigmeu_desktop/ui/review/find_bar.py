"""Find and replace in the body editor (Ctrl+F, Ctrl+H): a bar under the text, Esc closes it."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget


class FindBar(QWidget):
    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.find_edit = QLineEdit(self)
        self.replace_edit = QLineEdit(self)
        self.next_button = QPushButton(self)
        self.replace_button = QPushButton(self)
        self.replace_all_button = QPushButton(self)
        self.status = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        for w in (
            self.find_edit,
            self.next_button,
            self.replace_edit,
            self.replace_button,
            self.replace_all_button,
            self.status,
        ):
            layout.addWidget(w)
        self.find_edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)
        QShortcut(QKeySequence("Esc"), self).activated.connect(self.close_bar)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.find_edit.setPlaceholderText(self.tr("Find"))
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.next_button.setText(self.tr("Next"))
        self.replace_button.setText(self.tr("Replace"))
        self.replace_all_button.setText(self.tr("Replace all"))

    def open_find(self, replace: bool = False) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for w in (self.replace_edit, self.replace_button, self.replace_all_button):
            w.setVisible(replace)
        self.show()
        (self.replace_edit if replace and self.find_edit.text() else self.find_edit).setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()

    def find_next(self) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        found = self.editor.find(needle)
        if not found:  # wrap around
            cursor = self.editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.editor.setTextCursor(cursor)
            found = self.editor.find(needle)
        self.status.setText("" if found else self.tr("Not found"))
        return found

    def replace_one(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.selectedText() == self.find_edit.text() and self.find_edit.text():
            cursor.insertText(self.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        needle, new = self.find_edit.text(), self.replace_edit.text()
        if not needle:
            return 0
        doc = self.editor.document()
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()  # one undo step for the whole replacement
        count = 0
        found = doc.find(needle, 0, QTextDocument.FindFlag.FindCaseSensitively)
        while not found.isNull():
            found.insertText(new)
            count += 1
            found = doc.find(needle, found.position(), QTextDocument.FindFlag.FindCaseSensitively)
        cursor.endEditBlock()
        self.status.setText(self.tr("%n replaced", "", count))
        return count
