"""The first-run wizard: language switch, AI key and WordPress Test buttons, Finish saving to file + keyring."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.secrets import KeyringSecretStore
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import load_settings
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.wizard import FirstRunWizard, needs_first_run
from tests.support.qt_teardown import close_if_alive

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    return AppPaths.under(tmp_path / "home").ensure()


@pytest.fixture
def english(qapp):
    """Tests start in English and leave the app in English, whatever language they switch to."""
    install_translator(qapp, "en")
    yield
    install_translator(qapp, "en")


@pytest.fixture
def make_wizard(qtbot, paths, qloop, run_async, english):
    made: list[tuple[FirstRunWizard, Services]] = []

    def _make(env: dict[str, str] | None = None) -> FirstRunWizard:
        services = Services(paths, Settings(), env or {})
        wizard = FirstRunWizard(services)
        qtbot.addWidget(wizard)
        wizard.show()
        made.append((wizard, services))
        return wizard

    yield _make
    for wizard, services in made:
        close_if_alive(wizard)
        run_async(services.aclose())


def test_first_run_is_needed_until_settings_exist(paths):
    assert needs_first_run(paths)
    paths.settings_file.write_text("{}")
    assert not needs_first_run(paths)


def test_choosing_a_language_switches_the_wizard_at_once(make_wizard):
    wizard = make_wizard()
    general = wizard.general
    general.language.setCurrentIndex(general.language.findData("en"))
    assert wizard.windowTitle() == "Set up Pigmeu Copilot"
    assert wizard.currentPage().title() == "Welcome"
    general.language.setCurrentIndex(general.language.findData("pt_BR"))
    QApplication.processEvents()
    assert wizard.windowTitle() == "Configurar o Pigmeu Copilot"
    assert wizard.currentPage().title() == "Boas-vindas"
    assert wizard.llm.test_button.text() == "&Testar"
    assert "Informe" in wizard.wordpress.test_button.toolTip()
    general.language.setCurrentIndex(general.language.findData("en"))
    QApplication.processEvents()
    assert wizard.currentPage().title() == "Welcome"


@pytest.mark.keyring
def test_walk_through_and_finish_saves_everything(make_wizard, paths, secret_service):
    wizard = make_wizard()
    wizard.general.language.setCurrentIndex(wizard.general.language.findData("en"))
    wizard.general.marketplace.setCurrentText("amazon.com")
    wizard.next()
    assert wizard.currentPage().section is wizard.llm
    wizard.llm.provider.setCurrentIndex(wizard.llm.provider.findData("groq"))
    wizard.llm.key.setText("gsk_wizard0000000000000000")
    wizard.next()
    assert wizard.currentPage().section is wizard.wordpress
    wizard.wordpress.site.setText("http://127.0.0.1:8080")
    wizard.wordpress.user.setText("editor")
    wizard.wordpress.password.setText("Wz12 Ab34 Cd56 Ef78 Gh90 Ij12")
    assert "http://127.0.0.1:8080/wp-admin/profile.php" in wizard.wordpress.profile_link.text()
    wizard.next()
    assert wizard.currentPage() is wizard.done_page
    try:
        wizard.accept()
        assert not wizard.isVisible()
        settings = load_settings(paths.settings_file)
        assert (settings.default_marketplace, settings.llm_provider, settings.wordpress_username) == (
            "amazon.com",
            "groq",
            "editor",
        )
        assert "gsk_wizard" not in paths.settings_file.read_text()
        keyring = KeyringSecretStore({})
        assert keyring.get("GROQ_API_KEY") == "gsk_wizard0000000000000000"
        assert (
            keyring.wordpress_password("http://127.0.0.1:8080/", "editor") == "Wz12 Ab34 Cd56 Ef78 Gh90 Ij12"
        )
        assert not needs_first_run(paths)
    finally:
        keyring = KeyringSecretStore({})
        keyring.delete("GROQ_API_KEY")
        keyring.delete_wordpress_password("http://127.0.0.1:8080", "editor")


def test_finish_without_keyring_stays_open_and_says_why(make_wizard, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    wizard = make_wizard()
    wizard.next()
    wizard.llm.provider.setCurrentIndex(wizard.llm.provider.findData("openai"))
    wizard.llm.key.setText("sk-wizard-nowhere-0000000000")
    wizard.next()
    wizard.next()
    wizard.accept()
    assert wizard.isVisible()
    assert wizard.done_page.error.isVisible() and "gnome-keyring" in wizard.done_page.error.text()


@pytest.mark.wordpress
@pytest.mark.slow
def test_wordpress_test_button_against_the_real_site(make_wizard, qtbot, wordpress_site):
    wizard = make_wizard()
    wizard.next()
    wizard.next()
    wp = wizard.wordpress
    wp.site.setText(wordpress_site.url)
    wp.user.setText(wordpress_site.admin.login)
    wp.password.setText("Xx11 Yy22 Zz33 Ww44 Vv55 Uu66")
    with qtbot.waitSignal(wp.test_finished, timeout=30_000) as blocker:
        wp.test_button.click()
    [result] = blocker.args[0]
    assert result.status == "fail" and result.code == "wp_auth"

    wp.password.setText(wordpress_site.admin.app_password)
    with qtbot.waitSignal(wp.test_finished, timeout=30_000) as blocker:
        wp.test_button.click()
    [result] = blocker.args[0]
    assert result.status in ("ok", "warn") and wordpress_site.admin.login in result.message
    assert wp.result_view.isVisible()
