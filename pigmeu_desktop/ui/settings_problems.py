"""At start-up, the settings that were refused (a bad value in the file or the environment): said, not dropped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from pigmeu_desktop.settings.problems import SettingProblem
from pigmeu_desktop.ui.dialogs import open_window_modal
from pigmeu_desktop.ui.errors import title_for


def show_settings_problems(
    parent: QWidget, problems: list[SettingProblem], open_settings: Callable[[], None]
) -> QMessageBox | None:
    """A window-modal warning listing each refused value (where it was written, which setting, why), with
    the next step and a button that opens Settings; None when there is nothing to say. The app goes on
    with the defaults meanwhile: a bad preference must not keep an editor from the queue."""
    if not problems:
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, title_for("invalid_input"), "", parent=parent)
    box.setObjectName("settingsProblems")
    box.setText(
        QCoreApplication.translate(
            "SettingsProblems", "Some settings could not be used; Pigmeu uses their defaults for now."
        )
    )
    # Plain text: a value from a hand-edited file is data, never markup.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        "\n".join(f"• {problem.line()}" for problem in problems)
        + "\n\n"
        + QCoreApplication.translate(
            "SettingsProblems",
            "Open Settings to choose a valid value and save, or correct or unset the environment "
            "variable named.",
        )
    )
    settings_button = box.addButton(
        QCoreApplication.translate("SettingsProblems", "Open Settings…"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(settings_button)

    def finished() -> None:
        if box.clickedButton() is settings_button:
            open_settings()

    box.finished.connect(finished)
    return open_window_modal(box)
