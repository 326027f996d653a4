"""pt_BR catalog: the settings/wizard strings are all in the .ts and translated; the committed .qm is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pigmeu_desktop.paths import resources_dir

TS = resources_dir() / "translations" / "pigmeu_pt_BR.ts"
EN_TS = TS.with_name("pigmeu_en.ts")  # plural forms only
# The settings/wizard forms must be complete; other windows' new strings are reported by build.py.
STRICT_CONTEXTS = {
    "Section",
    "TestableSection",
    "GeneralSection",
    "LlmSection",
    "WordPressSection",
    "BrowserSection",
    "PublishingSection",
    "JobsSection",
    "TeamSection",
    "SettingsDialog",
    "FirstRunWizard",
    "DonePage",
}
BUILD = resources_dir() / "translations" / "build.py"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name"), msg.findtext("source")): msg.find("translation")
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def test_every_ui_string_is_in_the_catalog_and_translated(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    ui = sorted(str(p) for p in (resources_dir().parent / "pigmeu_desktop" / "ui").glob("*.py"))
    subprocess.run(
        [str(lupdate), "-no-obsolete", "-locations", "none", *ui, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    have, want = messages(TS), messages(fresh)
    missing = sorted(key for key in set(want) - set(have) if key[0] in STRICT_CONTEXTS)
    assert missing == [], (
        f"run: python {BUILD.relative_to(resources_dir().parent)} and translate {missing[:5]}"
    )
    unfinished = [
        key for key, tr in have.items() if key[0] in STRICT_CONTEXTS and tr.get("type") == "unfinished"
    ]
    assert unfinished == []


@pytest.mark.parametrize("ts", [TS, EN_TS], ids=["pt_BR", "en"])
def test_committed_qm_matches_the_ts(tmp_path, ts):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease not installed")
    qm = tmp_path / "check.qm"
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == ts.with_suffix(".qm").read_bytes(), (
        "rebuild the .qm: resources/translations/build.py"
    )


def test_every_plural_message_has_its_english_forms():
    """English shows "%n item(s)" as written unless the plural-only en catalog gives "1 item" / "2 items"."""
    plural = {key for key, tr in messages(TS).items() if tr.find("numerusform") is not None}
    english = messages(EN_TS)
    assert plural and plural <= set(english), "run resources/translations/build.py"
    for key in plural:
        forms = [f.text for f in english[key].findall("numerusform")]
        assert english[key].get("type") != "unfinished" and len(forms) == 2 and all(forms), key


def test_install_translator_switches_and_back(qapp):
    from PySide6.QtCore import QCoreApplication

    from pigmeu_desktop.ui.i18n import install_translator, normalize_language

    try:
        assert len(install_translator(qapp, "pt-BR")) == 2  # ours + Qt's own (wizard/dialog buttons)
        assert QCoreApplication.translate("SettingsDialog", "Settings") == "Configurações"
        assert QCoreApplication.translate("MainWindow", "%n item(s)", "", 2) == "2 itens"
        assert len(install_translator(qapp, "en")) == 1  # plural forms only
        assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"
        assert QCoreApplication.translate("MainWindow", "%n item(s)", "", 1) == "1 item"
        assert QCoreApplication.translate("MainWindow", "%n item(s)", "", 2) == "2 items"
        assert QCoreApplication.translate("MainWindow", "%n link(s) added", "", 3) == "3 links added"
    finally:
        install_translator(qapp, "en")
    assert normalize_language("pt") == "pt_BR" and normalize_language("fr") == "en"
