"""A window showing what changed between two versions of a prompt or schema, line by line, in colour."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from pigmeu_desktop.core.review import hunk_lines
from pigmeu_desktop.services.llm.prompt_admin import FieldDiff
from pigmeu_desktop.ui.template_highlighter import is_dark

# Removed / added line backgrounds, light and dark (the text keeps the palette's colour).
BACKGROUNDS = {"delete": ("#ffebe9", "#5c1f1f"), "insert": ("#dafbe1", "#1f4a2c")}


def diff_html(diffs: Sequence[FieldDiff], dark: bool, labels: Mapping[str, str] | None = None) -> str:
    """The diff as escaped HTML: each part's name, then its lines marked −, + or unchanged."""
    labels = labels or {}
    parts = []
    for diff in diffs:
        parts.append(f"<h3>{html.escape(labels.get(diff.field, diff.field))}</h3><pre style='margin:0'>")
        for kind, text in hunk_lines(diff.hunks):
            if kind == "equal":
                parts.append(f"  {html.escape(text)}\n")
                continue
            colour = BACKGROUNDS[kind][1 if dark else 0]
            mark = "−" if kind == "delete" else "+"
            parts.append(f"<span style='background-color:{colour}'>{mark} {html.escape(text)}</span>\n")
        parts.append("</pre>")
    return "".join(parts)


class VersionDiffDialog(QDialog):
    """Read-only: the two version numbers in the title, the changes below; Esc closes."""

    def __init__(
        self,
        title: str,
        diffs: Sequence[FieldDiff],
        parent: QWidget | None = None,
        labels: Mapping[str, str] | None = None,  # readable names of the document's parts
    ) -> None:
        super().__init__(parent)
        self.setObjectName("version-diff")
        self.setWindowTitle(title)
        self.summary = QLabel(self)
        self.view = QTextBrowser(self)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        if diffs:
            labels = labels or {}
            self.view.setHtml(diff_html(diffs, is_dark(self.palette()), labels))
            self.summary.setText(
                self.tr("%n part(s) changed: ", "", len(diffs))
                + ", ".join(labels.get(d.field, d.field) for d in diffs)
            )
        else:
            self.summary.setText(self.tr("The two versions are the same."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setShortcut(QKeySequence.StandardKey.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(860, 600)
