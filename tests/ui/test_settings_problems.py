"""The start-up warning for refused settings: what it lists, that it is plain text, and its Settings button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from pigmeu_desktop.settings.problems import SettingProblem
from pigmeu_desktop.ui.settings_problems import show_settings_problems

PROBLEMS = [
    SettingProblem(
        "default_marketplace",
        "/home/ana/.config/pigmeu/settings.json",
        "'<b>evil.com</b>' is not an Amazon marketplace; the default is used",
    ),
    SettingProblem("wordpress_url", "WORDPRESS_URL (environment)", "not an address; it is not used"),
]


def _labels(box: QMessageBox) -> list[QLabel]:
    return [label for label in box.findChildren(QLabel) if label.text()]


def test_nothing_refused_shows_nothing(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    assert show_settings_problems(parent, [], lambda: None) is None


def test_each_refused_value_is_listed_as_text_and_settings_opens_from_the_box(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    opened: list[bool] = []
    box = show_settings_problems(parent, PROBLEMS, lambda: opened.append(True))
    assert box is not None and box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal
    text = box.informativeText()
    assert "settings.json: default_marketplace: '<b>evil.com</b>'" in text
    assert "WORDPRESS_URL (environment): wordpress_url" in text
    # A value from a hand-edited file is data: shown literally, never as markup.
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in _labels(box))
    settings_button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    settings_button.click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert opened == [True]


def test_close_does_not_open_settings(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    opened: list[bool] = []
    box = show_settings_problems(parent, PROBLEMS, lambda: opened.append(True))
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert opened == []
