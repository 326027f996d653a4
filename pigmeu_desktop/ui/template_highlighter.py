"""Syntax colours for prompt templates (Jinja2 tags, variables, comments, data tags) and JSON documents."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication

# (pattern, colour role); later rules paint over earlier ones within a line.
JINJA_RULES = (
    (r"</?[A-Za-z_][\w-]*>", "tag"),  # <book_data> blocks the prompt wraps data in
    (r"\{\{.*?\}\}", "expression"),
    (r"\{%.*?%\}", "statement"),
    (r"\b(?:for|in|if|elif|else|endif|endfor|set|not|and|or|is|loop)\b(?=[^{}]*[%}]\})", "keyword"),
    (r"(?<=\{\{)\s*[A-Za-z_]\w*|(?<=\{%)\s*[A-Za-z_]\w*", "name"),
    (r"\{#.*?#\}", "comment"),
)
JSON_RULES = (
    (r"-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b|\btrue\b|\bfalse\b|\bnull\b", "keyword"),
    (r'"(?:[^"\\]|\\.)*"', "string"),
    (r'"(?:[^"\\]|\\.)*"(?=\s*:)', "name"),
)
# Light and dark variants: chosen from the palette, so the text stays readable in either theme.
COLOURS = {
    "expression": ("#0b6bcb", "#6cb6ff"),
    "statement": ("#8a3ffc", "#c197ff"),
    "keyword": ("#b3261e", "#ff8a80"),
    "name": ("#006b3d", "#7ee2a8"),
    "comment": ("#6e6e6e", "#9e9e9e"),
    "tag": ("#8a5a00", "#ffcc66"),
    "string": ("#006b3d", "#7ee2a8"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class TemplateHighlighter(QSyntaxHighlighter):
    """Colours a Jinja2 template ("jinja") or a JSON text ("json"); follows the light/dark palette."""

    def __init__(self, document: QTextDocument, mode: str = "jinja") -> None:
        super().__init__(document)
        self.mode = mode
        self._formats: dict[str, QTextCharFormat] = {}
        self.update_palette()

    def set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.mode = mode
            self.rehighlight()

    def update_palette(self, palette: QPalette | None = None) -> None:
        palette = palette or QApplication.palette()
        dark = is_dark(palette)
        self._formats = {}
        for role, (light_colour, dark_colour) in COLOURS.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(dark_colour if dark else light_colour))
            if role in ("statement", "keyword"):
                fmt.setFontWeight(QFont.Weight.Bold)
            if role == "comment":
                fmt.setFontItalic(True)
            self._formats[role] = fmt
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        rules = JINJA_RULES if self.mode == "jinja" else JSON_RULES
        for pattern, role in rules:
            for match in re.finditer(pattern, text):
                self.setFormat(match.start(), match.end() - match.start(), self._formats[role])
