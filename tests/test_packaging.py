"""The frozen app's contents (infra/bundle.py), its icons (infra/icons.py), its two names and install files."""

from __future__ import annotations

import configparser
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "infra"))

import bundle  # noqa: E402
import icons  # noqa: E402


def test_data_files_ship_every_runtime_resource_and_no_sources():
    files = {
        Path(src).relative_to(ROOT / "resources").as_posix(): dest for src, dest in bundle.data_files(ROOT)
    }
    assert {
        "icons/pigmeu.svg",
        "translations/pigmeu_pt_BR.qm",
        "translations/pigmeu_en.qm",
        "llm_prices.json",
        "pipelines/default.json",
        "schemas/book-review.json",
    } <= set(files)
    assert any(name.startswith("prompts/") for name in files)
    assert not [n for n in files if n.endswith((".ts", ".py"))]
    assert files["translations/pigmeu_pt_BR.qm"] == "resources/translations"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),  # would pull in all of GTK
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt6Network.dll", False),
        ("libQt6Network.so.6", False),
        ("PySide6/Qt/translations/qtbase_pt_BR.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("libglib-2.0.so.0", False),  # the system's, declared by the .deb
        ("libxcb-cursor.so.0", True),  # often missing on distributions: bundled
        ("libXau-154567c4.so.6.0.0", True),  # Pillow's own copy
        ("libpython3.11.so.1.0", True),
        ("libstdc++.so.6", False),  # the system's: the build machine's would need a newer glibc
        ("playwright/driver/node", True),
        ("spellchecker/resources/pt.json.gz", True),  # a language the editor's spell check offers
        ("spellchecker/resources/ru.json.gz", False),
        ("playwright/driver/package/lib/coreBundle.js", True),
        ("playwright/driver/package/lib/vite/traceViewer/index.html", False),
    ],
)
def test_what_the_bundle_keeps(dest, kept):
    assert bundle.keep(dest) is kept


def test_icons_for_every_os_come_from_the_svg(tmp_path, qapp):
    from PIL import Image

    icons.build(tmp_path)
    with Image.open(tmp_path / "hicolor" / "256x256" / "apps" / "pigmeu-desktop.png") as png:
        assert png.size == (256, 256) and png.getpixel((20, 128))[:3] == (0x2F, 0x6F, 0x5E)  # the SVG's green
        assert png.getpixel((0, 0))[3] == 0  # transparent corner (rounded square)
    with Image.open(tmp_path / "pigmeu.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(tmp_path / "pigmeu.icns") as icns:
        assert icns.format == "ICNS" and (512, 512, 2) in icns.info["sizes"]
    assert (tmp_path / "hicolor" / "scalable" / "apps" / "pigmeu-desktop.svg").exists()


def test_the_program_answers_to_two_names():
    from pigmeu_desktop.frozen import wants_cli

    assert wants_cli("/usr/bin/pigmeu") and wants_cli(r"C:\Program Files\Pigmeu\pigmeu.exe")
    assert not wants_cli("/opt/pigmeu-desktop/pigmeu-desktop") and not wants_cli("pigmeu-desktop.exe")


def test_linux_desktop_entry_and_package_metadata():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "infra" / "packaging" / "linux" / "pigmeu-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert (section["Type"], section["Exec"], section["Icon"], section["Terminal"]) == (
        "Application",
        "pigmeu-desktop",
        "pigmeu-desktop",
        "false",
    )
    assert "Comment[pt_BR]" in section
    control = (ROOT / "infra" / "packaging" / "linux" / "control").read_text(encoding="utf-8")
    depends = control.split("Depends:", 1)[1].split("\nRecommends:", 1)[0]
    assert "chromium" in depends and "libxcb1" in depends and "libglib2.0-0" in depends


def test_the_windows_installer_is_per_user_bilingual_and_upgrades_in_place():
    iss = (ROOT / "infra" / "packaging" / "windows" / "pigmeu.iss").read_text(encoding="utf-8")
    assert (
        "PrivilegesRequired=lowest" in iss and "BrazilianPortuguese.isl" in iss and 'Name: "english"' in iss
    )
    assert "AppId={{" in iss  # a fixed AppId: a new version installs over the old one
    assert "{autodesktop}" in iss and "{group}" in iss and "UninstallDisplayIcon" in iss
    assert "localappdata" not in iss.split("[UninstallDelete]")[-1].lower()  # the editor's data stays
