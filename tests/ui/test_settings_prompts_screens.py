"""Screenshots of Settings → Prompts in English and pt-BR, light and dark (a real window under Xvfb for review).

Review run: `Xvfb :99 -screen 0 1400x900x24 -nolisten tcp &` then
`DISPLAY=:99 QT_QPA_PLATFORM=xcb PIGMEU_SCREENSHOTS=/tmp/screens pytest tests/ui/test_settings_prompts_screens.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.ports import NewLink
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.settings_dialog import SettingsDialog
from tests.services.llm.conftest import AMAZON_URL, ASIN, make_book
from tests.support.qt_teardown import close_if_alive
from tests.ui.test_settings_dialog_screens import distinct_colours

pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints")]


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#2f65ca"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#353535"),
        (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
        (QPalette.ColorRole.PlaceholderText, "#9e9e9e"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize(("language", "theme"), [("en", "light"), ("pt_BR", "light"), ("en", "dark")])
def test_prompts_page_screenshots(qtbot, qapp, qloop, run_async, tmp_path, language, theme):
    out = Path(os.environ.get("PIGMEU_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    install_translator(qapp, language)
    original, style = qapp.palette(), qapp.style().name()
    if theme == "dark":
        qapp.setStyle("Fusion")
        qapp.setPalette(dark_palette())
    services = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(editor_name="Ana"), {})

    async def prepare() -> None:
        from pigmeu_desktop.services.llm.prompt_admin import create_prompt_admin

        store = await services.store()
        [outcome] = await store.add_links([NewLink(AMAZON_URL, ASIN, "amazon.com.br", AMAZON_URL)])
        sub = await store.get(outcome.id)
        await store.save(sub.model_copy(update={"status": Status.SCRAPED, "book": make_book()}))
        admin = await create_prompt_admin(services)
        _kind, doc = await admin.resolve("book-review.pt-BR")
        text = doc["user_template"].replace("Lembre:", "Cite {{ book.title }} no título.\n\nLembre:")
        await admin.save_template("book-review.pt-BR", "user_template", text, author="Ana")

    run_async(prepare())
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    shots: list[Path] = []
    try:
        dialog.show()
        page = dialog.prompts
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            dialog.tabs.setCurrentWidget(page)
        qtbot.waitExposed(dialog)
        page.field.setCurrentIndex(page.field.findData("user_template"))
        page.start_preview()
        qtbot.waitUntil(lambda: "Sidarta" in page.preview.toPlainText(), timeout=10_000)
        shots.append(out / f"settings-prompts-preview-{language}-{theme}.png")
        dialog.grab().save(str(shots[-1]))
        page.side.setCurrentIndex(2)
        page.versions.topLevelItem(0).setSelected(True)
        page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
        page.editor.insertPlainText("\n{{ book_json ")
        page.start_save()
        qtbot.waitUntil(page.error.isVisible, timeout=10_000)
        shots.append(out / f"settings-prompts-refused-{language}-{theme}.png")
        dialog.grab().save(str(shots[-1]))
        page.revert()
        diff = page.compare_selected()
        qtbot.waitExposed(diff)
        shots.append(out / f"settings-prompts-diff-{language}-{theme}.png")
        diff.grab().save(str(shots[-1]))
        diff.close()
    finally:
        close_if_alive(dialog)
        install_translator(qapp, "en")
        if theme == "dark":
            qapp.setStyle(style)
            qapp.setPalette(original)
        run_async(services.aclose())
    for shot in shots:
        image = QImage(str(shot))
        assert image.width() >= 600 and image.height() >= 400, shot
        assert distinct_colours(image) > 10, f"{shot} looks blank"
