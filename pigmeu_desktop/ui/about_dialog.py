"""Help → About: the version, where the data and logs are, and the versions of Qt, Python and Playwright."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop import APP_NAME, __version__
from pigmeu_desktop.paths import AppPaths, resources_dir


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "—"


def about_facts(paths: AppPaths) -> list[tuple[str, str]]:
    """(label key, value) pairs shown and copied; labels are translated by the dialog."""
    bundle = " (bundle)" if getattr(sys, "frozen", False) else ""
    return [
        ("version", f"{__version__}{bundle}"),
        ("data", str(paths.data_dir)),
        ("logs", str(paths.log_dir)),
        ("config", str(paths.config_dir)),
        ("qt", f"Qt {qVersion()} · PySide6 {pyside_version}"),
        ("python", f"Python {platform.python_version()} · {platform.system()} {platform.release()}"),
        ("playwright", f"Playwright {_dist_version('playwright')}"),
    ]


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        self.paths = paths
        self.facts = about_facts(paths)
        labels = {
            "version": self.tr("Version"),
            "data": self.tr("Data folder"),
            "logs": self.tr("Log folder"),
            "config": self.tr("Settings folder"),
            "qt": self.tr("Qt"),
            "python": self.tr("Python"),
            "playwright": self.tr("Browser automation"),
        }
        icon = QLabel(self)
        icon.setPixmap(QIcon(str(resources_dir() / "icons" / "pigmeu.svg")).pixmap(64, 64))
        title = QLabel(APP_NAME, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        blurb = QLabel(self.tr("Amazon book links → review drafts → WordPress."), self)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, value in self.facts:
            label = QLabel(value, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = label
            form.addRow(labels[key] + ":", label)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy these facts, to paste in a message to support"))
        self.copy_button.clicked.connect(self.copy)
        self.open_data = QPushButton(self.tr("Open data folder"), self)
        self.open_data.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir)))
        )
        self.open_logs = QPushButton(self.tr("Open log folder"), self)
        self.open_logs.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir)))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (self.copy_button, self.open_data, self.open_logs):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(blurb, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def text(self) -> str:
        return "\n".join(f"{key}: {value}" for key, value in [("app", APP_NAME), *self.facts])

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
