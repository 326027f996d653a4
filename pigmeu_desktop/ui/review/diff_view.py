"""Side-by-side diff of two revisions: old on the left, new on the right, changed words marked."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop.core.models import Draft, Revision
from pigmeu_desktop.core.review import FieldChange, diff_drafts, diff_text
from pigmeu_desktop.ui.review.check_words import field_label


def _colors() -> tuple[str, str]:
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return ("#5c1f24", "#1e4d2b") if dark else ("#ffd7d5", "#ccffd8")


def _refined(hunks):
    """Changed lines of the body compared again word by word, so a fixed typo marks one word, not a paragraph.

    Only where the lines are still mostly alike: a rewritten paragraph reads better marked whole than
    speckled with the few words ("de", "a") it happens to share with the old one.
    """
    for hunk in hunks:
        if hunk.kind == "replace" and len(hunk.old) + len(hunk.new) <= 400:
            words = diff_text("".join(hunk.old), "".join(hunk.new), by="word")
            kept = sum(len("".join(h.old)) for h in words if h.kind == "equal")
            if kept >= 0.5 * max(len("".join(hunk.old)), len("".join(hunk.new))):
                yield from words
                continue
        yield hunk


def sides_html(changes: Sequence[FieldChange]) -> tuple[str, str]:
    """HTML of the old and the new side: removed text marked on the left, added text on the right."""
    removed_bg, added_bg = _colors()
    e = html.escape
    left: list[str] = []
    right: list[str] = []
    for change in changes:
        label = e(field_label(change.field))
        left.append(f"<h4>{label}</h4>")
        right.append(f"<h4>{label}</h4>")
        if change.hunks:
            old_parts, new_parts = [], []
            for hunk in _refined(change.hunks):
                old, new = e("".join(hunk.old)), e("".join(hunk.new))
                if hunk.kind == "equal":
                    old_parts.append(old)
                    new_parts.append(new)
                else:
                    if old:
                        old_parts.append(f"<span style='background:{removed_bg}'>{old}</span>")
                    if new:
                        new_parts.append(f"<span style='background:{added_bg}'>{new}</span>")
            left.append("<div style='white-space:pre-wrap'>" + "".join(old_parts) + "</div>")
            right.append("<div style='white-space:pre-wrap'>" + "".join(new_parts) + "</div>")
        else:
            left.append(
                "<p>"
                + ", ".join(f"<span style='background:{removed_bg}'>−{e(x)}</span>" for x in change.removed)
                + "</p>"
            )
            right.append(
                "<p>"
                + ", ".join(f"<span style='background:{added_bg}'>+{e(x)}</span>" for x in change.added)
                + "</p>"
            )
    return "".join(left), "".join(right)


class DiffPanes(QWidget):
    """Two read-only panes showing one comparison; used by the revisions dialog and the conflict dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left_title, self.right_title = QLabel(self), QLabel(self)
        self.left, self.right = QTextBrowser(self), QTextBrowser(self)
        splitter = QSplitter(self)
        for title, view in ((self.left_title, self.left), (self.right_title, self.right)):
            box = QWidget(splitter)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(title)
            column.addWidget(view)
            splitter.addWidget(box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        # Scroll together, so the same place shows on both sides.
        self.left.verticalScrollBar().valueChanged.connect(self.right.verticalScrollBar().setValue)
        self.right.verticalScrollBar().valueChanged.connect(self.left.verticalScrollBar().setValue)
        self.changes: tuple[FieldChange, ...] = ()

    def show_diff(self, old: Draft, new: Draft, left_title: str, right_title: str) -> None:
        self.changes = diff_drafts(old, new)
        self.left_title.setText(left_title)
        self.right_title.setText(right_title)
        if not self.changes:
            same = self.tr("No differences.")
            self.left.setHtml(f"<p><i>{html.escape(same)}</i></p>")
            self.right.setHtml(f"<p><i>{html.escape(same)}</i></p>")
            return
        left, right = sides_html(self.changes)
        self.left.setHtml(left)
        self.right.setHtml(right)


class RevisionsDialog(QDialog):
    """Pick two revisions and see what changed; restore the left one as a new revision."""

    def __init__(self, revisions: Sequence[Revision], describe, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.revisions = list(revisions)
        self.describe = describe
        self.old_box, self.new_box = QComboBox(self), QComboBox(self)
        for box in (self.old_box, self.new_box):
            for revision in self.revisions:
                box.addItem(describe(revision), revision.n)
        self.panes = DiffPanes(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.accept)
        top = QHBoxLayout()
        self.old_label, self.new_label = QLabel(self), QLabel(self)
        top.addWidget(self.old_label)
        top.addWidget(self.old_box, 1)
        top.addWidget(self.new_label)
        top.addWidget(self.new_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.panes, 1)
        layout.addWidget(self.buttons)
        self.old_box.setCurrentIndex(max(0, len(self.revisions) - 2))
        self.new_box.setCurrentIndex(len(self.revisions) - 1)
        self.old_box.currentIndexChanged.connect(self.refresh)
        self.new_box.currentIndexChanged.connect(self.refresh)
        self.resize(1100, 700)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Revisions"))
        self.old_label.setText(self.tr("Compare"))
        self.new_label.setText(self.tr("with"))
        self.restore_button.setText(self.tr("Restore the left revision"))
        self.restore_button.setToolTip(
            self.tr("Its text becomes the draft again, as a new revision; nothing is lost")
        )

    def revision(self, n: int) -> Revision:
        return next(r for r in self.revisions if r.n == n)

    def select(self, old_n: int, new_n: int) -> None:
        self.old_box.setCurrentIndex(self.old_box.findData(old_n))
        self.new_box.setCurrentIndex(self.new_box.findData(new_n))
        self.refresh()

    def refresh(self) -> None:
        old, new = self.revision(self.old_box.currentData()), self.revision(self.new_box.currentData())
        self.panes.show_diff(old.draft, new.draft, self.describe(old), self.describe(new))

    def chosen(self) -> int:
        return self.old_box.currentData()
