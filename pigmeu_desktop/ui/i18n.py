"""Interface language: installs the app's QTranslator (resources/translations) and Qt's own for pt_BR / en."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pigmeu_desktop.paths import resources_dir

log = logging.getLogger("pigmeu.ui")

# Each language named in itself, so an editor finds theirs whatever language is showing.
LANGUAGES: dict[str, str] = {"pt_BR": "Português (Brasil)", "en": "English"}
SOURCE_LANGUAGE = "en"  # the strings in the code are English
CATALOG = "pigmeu"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def normalize_language(language: str | None) -> str:
    language = (language or "").replace("-", "_")
    if language in LANGUAGES:
        return language
    if language.lower().startswith("pt"):
        return "pt_BR"
    return SOURCE_LANGUAGE


def install_translator(app: QCoreApplication, language: str | None) -> list[QTranslator]:
    """Switch `app` to `language`: remove what an earlier call installed, install the new catalogs.

    Widgets then get a LanguageChange event and retranslate. Returns the installed translators (kept
    on the app, since Qt does not own them). English is the source language: its catalog holds only
    plural forms ("%n item(s)" -> "1 item"), and Qt's own words need none.
    """
    for old in getattr(app, "_pigmeu_translators", []):
        app.removeTranslator(old)
    language = normalize_language(language)
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"{CATALOG}_{language}", str(translations_dir())):
        installed.append(ours)
    else:
        log.warning("no %s translation in %s; showing English", language, translations_dir())
    if language != SOURCE_LANGUAGE:
        qt = QTranslator(app)  # Qt's own words: wizard buttons, standard dialog buttons, context menus
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            installed.append(qt)
    for translator in installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    app._pigmeu_translators = installed  # type: ignore[attr-defined]
    return installed
