"""The conflict dialog: the stored draft moved under the editor; keep mine, take theirs, or merge by hand."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pigmeu_desktop.core.models import Draft
from pigmeu_desktop.ui.review.diff_view import DiffPanes


class Choice(StrEnum):
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"
    MERGE = "merge"


class ConflictDialog(QDialog):
    """Shows theirs (left) against mine (right); nothing is saved until the editor chooses."""

    def __init__(self, mine: Draft, theirs: Draft, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: Choice | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.panes = DiffPanes(self)
        self.buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        self.keep_button = self.buttons.addButton("", role.AcceptRole)
        self.theirs_button = self.buttons.addButton("", role.DestructiveRole)
        self.merge_button = self.buttons.addButton("", role.ActionRole)
        self.keep_button.clicked.connect(lambda: self._choose(Choice.KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self._choose(Choice.TAKE_THEIRS))
        self.merge_button.clicked.connect(lambda: self._choose(Choice.MERGE))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.panes, 1)
        layout.addWidget(self.buttons)
        self.who = who
        self.mine, self.theirs = mine, theirs
        self.resize(1000, 620)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Draft changed elsewhere"))
        self.intro.setText(
            self.tr(
                "While you were editing, this draft was changed elsewhere (%1). Nothing is lost: "
                "both versions are kept in the revisions. Choose which text to continue with."
            ).replace("%1", self.who)
        )
        self.keep_button.setText(self.tr("Keep mine"))
        self.keep_button.setToolTip(self.tr("Save your text; theirs stays in the revision list"))
        self.theirs_button.setText(self.tr("Take theirs"))
        self.theirs_button.setToolTip(
            self.tr("Load their text; yours stays in this dialog's history only if you merge")
        )
        self.merge_button.setText(self.tr("Merge by hand"))
        self.merge_button.setToolTip(
            self.tr(
                "Both texts in the editor: changes on one side are applied, clashes are marked for you to pick"
            )
        )
        self.panes.show_diff(
            self.theirs, self.mine, self.tr("Theirs (stored)"), self.tr("Mine (in the editor)")
        )

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
