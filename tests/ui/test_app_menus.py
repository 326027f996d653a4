"""The File and Help menus: export and import a backup from the window, About, browser set-up."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.app_menus import install_app_menus
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.main_window import MainWindow
from tests.support.qt_teardown import close_if_alive

pytestmark = pytest.mark.gui


@pytest.fixture
def make_window(qtbot, qapp, tmp_path, run_async):
    install_translator(qapp, "en")
    made = []

    def make(name: str):
        services = Services(AppPaths.under(tmp_path / name).ensure(), Settings(), env={})
        store = run_async(services.store())
        window = MainWindow(services, store)
        menus = install_app_menus(window, services)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.count_label.text() != "")
        made.append((window, services))
        return window, menus

    yield make
    for window, services in made:
        close_if_alive(window)
        run_async(services.aclose())


def test_file_menu_comes_first_and_help_last_with_shortcuts_and_tips(make_window):
    window, menus = make_window("a")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "&File" and titles[-1] == "&Help"
    assert menus.export_action.shortcut().toString() == "Ctrl+Shift+E"
    assert "no passwords or keys" in menus.export_action.toolTip()
    assert "(Ctrl+Shift+I)" in menus.import_action.toolTip()


def test_export_from_one_window_and_import_into_another_reports_what_was_merged(
    qtbot, make_window, run_async, tmp_path
):
    source, source_menus = make_window("laptop")
    run_async(source.add_links("8565042472 B0011UCPM4"))
    qtbot.waitUntil(lambda: source.model.rowCount() == 2)
    backup = tmp_path / "backup.json"
    report = run_async(source_menus.export_to(backup))
    assert report.items == 2 and "Exported 2 items" in source.statusBar().currentMessage()

    target, target_menus = make_window("desktop")
    run_async(target.add_links("8565042472"))
    qtbot.waitUntil(lambda: target.model.rowCount() == 1)
    report = run_async(target_menus.import_from(backup))
    assert (len(report.added), len(report.kept)) == (1, 1)
    qtbot.waitUntil(lambda: target.model.rowCount() == 2)  # the queue shows the merged item by itself
    box = target.findChild(QMessageBox, "import-report")
    qtbot.waitUntil(box.isVisible)
    assert "1 new item added" in box.text() and "1 item kept" in box.text()
    box.close()


def test_a_refused_backup_shows_its_coded_reason_in_the_status_bar(qtbot, make_window, tmp_path):
    window, menus = make_window("a")
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "pigmeu-backup", "format_version": 99}', encoding="utf-8")
    window.run(menus.import_from(newer))
    qtbot.waitUntil(lambda: "Backup from a newer version" in window.statusBar().currentMessage())


def test_help_opens_about_with_versions_and_folders(qtbot, make_window):
    window, menus = make_window("a")
    dialog = menus.open_about()
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text()
    assert str(window.services.paths.log_dir) in text and "Playwright" in text and "Qt 6." in text
    dialog.close()
