"""The Settings dialog in pt_BR: its new sections are in the catalog, translated, with unique mnemonics."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths, resources_dir
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.settings_dialog import SettingsDialog
from tests.ui.test_wizard_translations import TS, messages

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

# test_wizard_translations.py checks the sections the wizard shares; these are the dialog's own.
DIALOG_CONTEXTS = {
    "PublishingSection",
    "JobsSection",
    "BrowserSection",
    "LlmSection",
    "SettingsDialog",
    "PromptsSection",
}


def test_dialog_sections_are_all_in_the_catalog_and_translated(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    ui = sorted(str(p) for p in (resources_dir().parent / "pigmeu_desktop" / "ui").glob("settings_*.py"))
    subprocess.run(
        [str(lupdate), "-no-obsolete", "-locations", "none", *ui, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    have, want = messages(TS), messages(fresh)
    wanted = {key for key in want if key[0] in DIALOG_CONTEXTS}
    assert {"PublishingSection", "JobsSection"} <= {ctx for ctx, _ in wanted}
    assert sorted(wanted - set(have)) == [], "run resources/translations/build.py and translate"
    unfinished = sorted(key for key in wanted if have[key].get("type") == "unfinished" or not have[key].text)
    assert unfinished == []


@pytest.fixture
def portuguese(qapp):
    install_translator(qapp, "pt_BR")
    yield
    install_translator(qapp, "en")


def test_the_dialog_speaks_portuguese_with_unique_mnemonics(
    qtbot, qloop, run_async, tmp_path, portuguese, monkeypatch
):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    services = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), {})
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    try:
        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        assert tabs == [
            "Geral",
            "Provedor de IA",
            "WordPress",
            "Publicação",
            "Navegador",
            "Tarefas",
            "Equipe",
            "Prompts",
        ]
        assert dialog.publishing.status.itemText(0).startswith("Rascunho")
        assert dialog.jobs.auto_publish.text() == "Enviar ao WordPress como rascunho &sem revisão"
        assert dialog.llm.prompt_language.currentText() == "Português (Brasil)"
        for section in dialog.sections():
            texts = [w.text() for w in section.findChildren(QLabel) if w.buddy() is not None]
            texts += [w.text() for w in section.findChildren(QAbstractButton)]
            letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
            assert len(letters) == len(set(letters)), (type(section).__name__, texts)
        dialog.publishing.tags.item(0, 1).setText("minha tag")
        assert dialog.save() is None
        assert dialog.error.text().startswith("A tag de afiliado de amazon.com.br não é válida")
    finally:
        dialog.close()
        run_async(services.aclose())
