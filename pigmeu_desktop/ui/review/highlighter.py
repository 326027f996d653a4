"""Markdown colouring, spelling marks and "fact to check" marks for the body editor, block by block."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from pigmeu_desktop.services.spelling import Speller

_HEADING = re.compile(r"^#{1,6}\s.*$")
_QUOTE = re.compile(r"^\s*>.*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_STRONG = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")
_EMPHASIS = re.compile(r"(?<![*\w])\*[^*\n]+\*(?!\*)|(?<![_\w])_[^_\n]+_(?!_)")
_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")
_CODE = re.compile(r"`[^`\n]+`")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _format(color: QColor | None = None, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color is not None:
        fmt.setForeground(color)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours come from the palette (link colour, disabled text), so light and dark themes both read well."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.speller: Speller | None = None
        self.facts: tuple[str, ...] = ()
        self.placeholders: tuple[str, ...] = ()
        self._build_formats()

    def _build_formats(self) -> None:
        palette = QGuiApplication.palette()
        accent = palette.color(QPalette.ColorRole.Link)
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self.heading = _format(accent, bold=True)
        self.quote = _format(muted, italic=True)
        self.marker = _format(accent)
        self.strong = _format(bold=True)
        self.emphasis = _format(italic=True)
        self.link = _format(accent)
        self.link.setFontUnderline(True)
        self.code = _format(muted)
        self.code.setFontFamilies(["monospace"])
        self.misspelt = QTextCharFormat()
        self.misspelt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.misspelt.setUnderlineColor(QColor("#d33"))
        self.fact = QTextCharFormat()
        fact_bg = (
            QColor("#8a6d00")
            if palette.color(QPalette.ColorRole.Base).lightness() < 128
            else QColor("#fff0a8")
        )
        self.fact.setBackground(fact_bg)
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        self.placeholder = QTextCharFormat()
        self.placeholder.setBackground(QColor("#7a1f1f") if dark else QColor("#ffc9c9"))
        self.placeholder.setFontWeight(QFont.Weight.Bold)

    def theme_did_change(self) -> None:
        self._build_formats()
        self.rehighlight()

    def set_speller(self, speller: Speller | None) -> None:
        self.speller = speller
        self.rehighlight()

    def set_placeholders(self, markers: Sequence[str]) -> None:
        """Skeleton placeholders and merge markers: what blocks approval stands out in the text."""
        self.placeholders = tuple(m for m in markers if m.strip())
        self.rehighlight()

    def set_facts(self, facts: Sequence[str]) -> None:
        """Mark these facts; only the paragraphs where a mark appears or goes are painted again."""
        facts = tuple(f for f in facts if f.strip())
        if facts == self.facts:
            return
        changed = set(facts) ^ set(self.facts)
        self.facts = facts
        block = self.document().firstBlock()
        while block.isValid():
            text = block.text()
            if any(f in text for f in changed):
                self.rehighlightBlock(block)
            block = block.next()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if _HEADING.match(text):
            self.setFormat(0, len(text), self.heading)
        elif _QUOTE.match(text):
            self.setFormat(0, len(text), self.quote)
        else:
            marker = _LIST.match(text)
            if marker:
                self.setFormat(0, marker.end(), self.marker)
            for pattern, fmt in (
                (_STRONG, self.strong),
                (_EMPHASIS, self.emphasis),
                (_CODE, self.code),
                (_LINK, self.link),
            ):
                for m in pattern.finditer(text):
                    self.setFormat(m.start(), m.end() - m.start(), fmt)
        speller = self.speller
        if speller is not None and not text.lstrip().startswith(("#", "<")):
            links = [m.span() for m in _LINK.finditer(text)]
            for m in _WORD.finditer(text):
                word = m.group(0)
                # Capitalised words are names more often than typos; links' addresses are not prose.
                if len(word) < 3 or word[0].isupper() or any(s <= m.start() < e for s, e in links):
                    continue
                if not speller.known(word):
                    fmt = QTextCharFormat(self.format(m.start()))
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
                    fmt.setUnderlineColor(QColor("#d33"))
                    self.setFormat(m.start(), len(word), fmt)
        for placeholder_text in self.placeholders:
            start = text.find(placeholder_text)
            while start >= 0:
                self.setFormat(start, len(placeholder_text), self.placeholder)
                start = text.find(placeholder_text, start + len(placeholder_text))
        for fact in self.facts:
            start = text.find(fact)
            while start >= 0:
                fmt = QTextCharFormat(self.format(start))
                fmt.setBackground(self.fact.background())
                self.setFormat(start, len(fact), fmt)
                start = text.find(fact, start + len(fact))
