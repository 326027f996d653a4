"""The File menu (export / import a backup) and the Help menu (browser set-up, About), added to the window."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from pigmeu_desktop.operations.backup import (
    ExportReport,
    ImportReport,
    default_backup_name,
    export_backup,
    import_backup,
)
from pigmeu_desktop.ui.actions import describe_action, make_action

if TYPE_CHECKING:
    from pigmeu_desktop.ui.main_window import MainWindow

log = logging.getLogger("pigmeu.ui")


class AppMenus(QObject):
    """Owns the extra menus of a main window; texts follow the interface language."""

    def __init__(self, window: MainWindow, services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.export_action = make_action(window, "Ctrl+Shift+E", self.ask_export)
        self.import_action = make_action(window, "Ctrl+Shift+I", self.ask_import)
        self.browser_action = make_action(window, None, self.open_browser_setup)
        self.about_action = make_action(window, None, self.open_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        bar = window.menuBar()
        self.file_menu = QMenu(window)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.import_action)
        first = bar.actions()[0] if bar.actions() else None
        bar.insertMenu(first, self.file_menu) if first else bar.addMenu(self.file_menu)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.browser_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self.retranslate()
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.help_menu.setTitle(self.tr("&Help"))
        for action, text, tip in (
            (
                self.export_action,
                self.tr("Export backup…"),
                self.tr(
                    "Save the queue, drafts, revisions, history, prompts and settings in one file (no passwords or keys)"
                ),
            ),
            (
                self.import_action,
                self.tr("Import backup…"),
                self.tr(
                    "Merge a backup file into this queue; for items in both, the newer revisions are kept"
                ),
            ),
            (
                self.browser_action,
                self.tr("Set up the browser…"),
                self.tr("Download Chromium or choose the Chrome or Edge used to read Amazon pages"),
            ),
            (
                self.about_action,
                self.tr("About Pigmeu…"),
                self.tr("Version, data and log folders, and the versions of the parts"),
            ),
        ):
            describe_action(action, text, tip)

    # -- backup ---------------------------------------------------------------------------------------

    def ask_export(self) -> None:
        start = str(Path.home() / default_backup_name())
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export backup"), start, self.tr("Backup (*.json)")
        )
        if path:
            self.window.run(self.export_to(Path(path)))

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import backup"), str(Path.home()), self.tr("Backup (*.json);;All files (*)")
        )
        if path:
            self.window.run(self.import_from(Path(path)))

    async def export_to(self, path: Path) -> ExportReport:
        self.window.statusBar().showMessage(self.tr("Exporting…"))
        report = await export_backup(self.window.store, self.services.paths, path)
        self.window.statusBar().showMessage(
            self.tr("Exported %n item(s) to %1", "", report.items).replace("%1", str(report.path)), 15000
        )
        return report

    async def import_from(self, path: Path) -> ImportReport:
        self.window.statusBar().showMessage(self.tr("Importing…"))
        report = await import_backup(self.window.store, self.services.paths, path)
        if report.settings:
            from pigmeu_desktop.settings.loader import load_effective

            # The environment still wins over what the file brought (refused values were shown at start).
            effective = load_effective(self.services.paths, self.services.env, read_dotenv=False)
            self.services.apply_settings(effective.settings)
        self.window.statusBar().clearMessage()
        self.show_import_report(path, report)
        return report

    def show_import_report(self, path: Path, report: ImportReport) -> QMessageBox:
        lines = [
            self.tr("%n new item(s) added", "", len(report.added)),
            self.tr("%n item(s) updated with newer revisions from the file", "", len(report.updated)),
            self.tr("%n item(s) kept: this queue had the same or newer revisions", "", len(report.kept)),
        ]
        if report.conflicts:
            lines.append(
                self.tr("%n item(s) left alone: they changed while importing", "", len(report.conflicts))
            )
        lines.append(
            self.tr("%n history entries, %1 prompts or schemas, %2 settings", "", report.history_added)
            .replace("%1", str(report.documents))
            .replace("%2", str(len(report.settings)))
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Backup imported"),
            self.tr("Imported %1:").replace("%1", path.name) + "\n\n• " + "\n• ".join(lines),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("import-report")
        box.open()
        return box

    # -- help -----------------------------------------------------------------------------------------

    def open_about(self):
        from pigmeu_desktop.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.services.paths, self.window)
        dialog.open()
        return dialog

    def open_browser_setup(self):
        from pigmeu_desktop.ui.browser_setup_dialog import open_browser_setup

        return open_browser_setup(self.window, self.services)


def install_app_menus(window: MainWindow, services) -> AppMenus:
    menus = AppMenus(window, services)
    window.app_menus = menus  # kept with the window (tests and the start-up check reach it there)
    return menus


def browser_check_needed(services) -> bool:
    """No Chromium-family browser anywhere: the start-up shows the browser set-up dialog."""
    from pigmeu_desktop.services.scraping.browser_setup import browser_missing
    from pigmeu_desktop.services.scraping.discovery import BrowserConfig

    try:
        return browser_missing(BrowserConfig.from_services(services), services.env)
    except Exception:
        log.warning("browser check failed", exc_info=True)
        return False
