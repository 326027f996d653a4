"""The frozen app's contents (infra/bundle.py), its icons (infra/icons.py), its two names and install files."""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "infra"))

import bundle  # noqa: E402
import icons  # noqa: E402
import icu_data  # noqa: E402


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
        ("libjpeg.so.62", False),  # only the system's gdk-pixbuf linked it
        ("libjpeg-6dc8d115.so.62.4.0", True),  # Pillow's own copy
        ("libzstd.so.1", True),  # QtCore links it
        ("playwright/driver/node", True),
        ("spellchecker/resources/pt.json.gz", True),  # a language the editor's spell check offers
        ("spellchecker/resources/ru.json.gz", False),
        ("playwright/driver/package/lib/coreBundle.js", True),
        ("playwright/driver/package/lib/vite/traceViewer/index.html", False),
        ("playwright/driver/package/lib/webp_codec.wasm", False),  # WebP screenshots only
        ("playwright/driver/package/lib/entry/oopBrowserDownload.js", True),  # the first-run download
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("PySide6/Qt/plugins/wayland-graphics-integration-client/libvulkan-server.so", False),
        ("PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6", False),
        ("openai-3.63.0.dist-info/RECORD", False),
        ("openai-3.63.0.dist-info/METADATA", True),  # `pigmeu doctor` reads the versions
        ("jsonschema/benchmarks/issue232/issue.json", False),
        ("jsonschema_specifications/schemas/draft7/metaschema.json", True),
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


def test_package_metadata_keeps_the_fields_version_lookups_read():
    from email import message_from_string

    text = "Metadata-Version: 2.4\nName: redis\nVersion: 8.2.0\nRequires-Dist: async-timeout\n\n# redis-py\n\nLong readme.\n"
    trimmed = bundle.metadata_headers(text)
    assert "readme" not in trimmed
    parsed = message_from_string(trimmed)
    assert (parsed["Name"], parsed["Version"], parsed["Requires-Dist"]) == ("redis", "8.2.0", "async-timeout")


def test_the_program_answers_to_two_names():
    from pigmeu_desktop.frozen import wants_cli

    assert wants_cli("/usr/bin/pigmeu") and wants_cli(r"C:\Program Files\Pigmeu\pigmeu.exe")
    assert not wants_cli("/opt/pigmeu-desktop/pigmeu-desktop") and not wants_cli("pigmeu-desktop.exe")


def test_a_frozen_program_starts_its_workers_through_its_own_entry_point():
    from pigmeu_desktop.jobs.worker_launch import FROZEN_WORKER_ARG, worker_command

    # A frozen executable has no `-m`: `pigmeu worker` restarts the bundle with an internal first argument.
    assert worker_command(frozen=True, executable="/opt/pigmeu-desktop/pigmeu-desktop") == [
        "/opt/pigmeu-desktop/pigmeu-desktop",
        FROZEN_WORKER_ARG,
    ]
    assert worker_command(frozen=False, executable="/usr/bin/python3")[1:] == [
        "-m",
        "pigmeu_desktop.jobs.worker_main",
    ]
    # The bundle's entry point sends that argument to the worker, whichever name the program runs under.
    entry = (
        "import sys; from pigmeu_desktop.frozen import main; "
        f"sys.argv = ['/opt/pigmeu-desktop/pigmeu-desktop', {FROZEN_WORKER_ARG!r}, '--help']; main()"
    )
    run = subprocess.run([sys.executable, "-c", entry], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("usage: pigmeu-worker") and "--queues" in run.stdout


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


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("icudt73l/pt.res", True),
        ("icudt73l/pt_PT.res", True),
        ("icudt73l/en_GB.res", True),
        ("icudt73l/root.res", True),
        ("icudt73l/de.res", False),
        ("icudt73l/zh_Hant_TW.res", False),
        ("icudt73l/coll/pt.res", True),
        ("icudt73l/coll/zh.res", False),
        ("icudt73l/coll/de__PHONEBOOK.res", False),
        ("icudt73l/coll/ucadata.icu", True),  # the root collation every locale starts from
        ("icudt73l/zone/res_index.res", True),
        ("icudt73l/zone/ja.res", False),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/brkitr/en.res", False),  # break iterators: Qt breaks text itself
        ("icudt73l/lang/pt.res", False),  # display names: Qt has its own
        ("icudt73l/curr/pt.res", False),
        ("icudt73l/unames.icu", False),
        ("icudt73l/translit/root.res", False),
    ],
)
def test_what_the_icu_data_keeps(item, kept):
    assert icu_data.keep(item) is kept


_ICU_PROBE = """
import json
from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringDecoder, QTimeZone
words = ["édito", "Edição", "livro", "Álvaro", "avião", "zebra", "Ótimo", "ovo"]
when = QDateTime.fromSecsSinceEpoch(1764900000)
out = {}
for loc in ("pt_BR", "en_US", "de_DE"):
    locale = QLocale(loc)
    out[loc] = {
        "sorted": sorted(words, key=QCollator(locale).sortKey),
        "zones": [QTimeZone(z).displayName(when, QTimeZone.NameType.LongName, locale)
                  for z in (b"America/Sao_Paulo", b"Europe/Lisbon", b"Asia/Tokyo")],
        "upper": locale.toUpper("ação istanbul"),
    }
out["codecs"] = [QStringDecoder(name).isValid() for name in ("windows-1252", "ISO-8859-15", "Shift_JIS", "KOI8-R")]
print(json.dumps(out))
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Qt uses the system's ICU on Windows and macOS"
)
def test_slimmed_icu_data_answers_qt_like_the_full_one_in_the_apps_languages(tmp_path):
    import PySide6

    full = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    package = icu_data.read_package(full)[1]
    assert icu_data.join(*icu_data.split(package)) == package  # read and written back byte for byte
    items_before = icu_data.split(package)[1]
    slim = tmp_path / full.name
    shutil.copy(full, slim)
    before, after = icu_data.slim_library(slim)
    assert after < before / 2
    items_after = icu_data.split(icu_data.read_package(slim)[1])[1]
    assert items_after == [(name, data) for name, data in items_before if icu_data.keep(name, data)]

    def probe(preload: Path | None) -> dict:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
        if preload is not None:
            env["LD_PRELOAD"] = str(preload)  # the slim library stands in for PySide6's own
        run = subprocess.run(
            [sys.executable, "-c", _ICU_PROBE], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(run.stdout)

    with_full, with_slim = probe(None), probe(slim)
    assert with_slim["pt_BR"] == with_full["pt_BR"] and with_slim["en_US"] == with_full["en_US"]
    assert with_slim["pt_BR"]["zones"][0] == "Horário Padrão de Brasília"
    assert with_full["codecs"] == [True] * 4
    assert with_slim["codecs"] == [True, True, False, True]  # single-byte codecs stay, Shift_JIS goes
    kept_codecs = [name for name, _ in items_after if name.endswith(".cnv")]
    assert "icudt73l/ibm-5348_P100-1997.cnv" in kept_codecs  # windows-1252
    assert "icudt73l/gb18030.cnv" not in kept_codecs
    # Another language reads the default locale's names (English here), as ICU falls back.
    assert with_slim["de_DE"]["zones"] == with_full["en_US"]["zones"]
    assert with_slim["de_DE"]["sorted"] == with_full["de_DE"]["sorted"]
