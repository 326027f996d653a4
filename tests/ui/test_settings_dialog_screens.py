"""Screenshots of the wizard and the Settings dialog (offscreen here; a real window under Xvfb for review).

Review run: `Xvfb :99 -screen 0 1280x800x24 -nolisten tcp &` then
`DISPLAY=:99 QT_QPA_PLATFORM=xcb PIGMEU_SCREENSHOTS=/tmp/screens pytest tests/ui/test_settings_dialog_screens.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.settings_dialog import SettingsDialog
from pigmeu_desktop.ui.wizard import FirstRunWizard

pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints")]


def distinct_colours(image) -> int:
    step = max(1, image.width() // 40)
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    )


@pytest.mark.parametrize("language", ["pt_BR", "en"])
def test_screenshots(qtbot, qapp, qloop, run_async, tmp_path, language, monkeypatch):
    from tests.support.fake_openai import FakeOpenAI

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")  # shows the "keyring not available" note
    out = Path(os.environ.get("PIGMEU_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    install_translator(qapp, language)
    services = Services(
        AppPaths.under(tmp_path / "home").ensure(),
        Settings(language=language),
        {"WORDPRESS_URL": "https://blog.example.com"},
    )
    shots: list[Path] = []
    try:
        with FakeOpenAI() as server:
            wizard = FirstRunWizard(services)
            qtbot.addWidget(wizard)
            wizard.show()
            qtbot.waitExposed(wizard)
            shots.append(out / f"wizard-1-welcome-{language}.png")
            wizard.grab().save(str(shots[-1]))
            wizard.next()
            llm = wizard.llm
            llm.provider.setCurrentIndex(llm.provider.findData("openai"))
            llm.base_url.setText(server.base_url)
            llm.key.setText("sk-wrong-key-0000000000000")
            with qtbot.waitSignal(llm.test_finished, timeout=20_000):
                llm.test_button.click()
            shots.append(out / f"wizard-2-ai-test-{language}.png")
            wizard.grab().save(str(shots[-1]))
            wizard.next()
            wizard.wordpress.user.setText("ana")
            shots.append(out / f"wizard-3-wordpress-{language}.png")
            wizard.grab().save(str(shots[-1]))
            wizard.close()

            dialog = SettingsDialog(services)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            dialog.llm.fallback.setText("groq, mistral")
            dialog.publishing.tags.item(0, 1).setText("pigmeu-20")
            dialog.browser.args.setText("--lang=pt-BR")
            names = ["general", "ai", "wordpress", "publishing", "browser", "jobs", "team", "prompts"]
            assert dialog.tabs.count() == len(names)
            for index, name in enumerate(names):
                dialog.tabs.setCurrentIndex(index)
                shots.append(out / f"settings-{index + 1}-{name}-{language}.png")
                dialog.grab().save(str(shots[-1]))
            dialog.publishing.tags.item(1, 1).setText("my blog")
            assert dialog.save() is None  # refused: the tab with the bad tag shows, with the reason
            shots.append(out / f"settings-4-publishing-refused-{language}.png")
            dialog.grab().save(str(shots[-1]))
            dialog.close()
    finally:
        install_translator(qapp, "en")
        run_async(services.aclose())
    from PySide6.QtGui import QImage

    for shot in shots:
        image = QImage(str(shot))
        assert image.width() >= 600 and image.height() >= 400, shot
        assert distinct_colours(image) > 10, f"{shot} looks blank"
