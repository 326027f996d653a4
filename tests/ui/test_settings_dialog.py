"""The Settings dialog: sources of values, Test buttons running doctor parts without blocking, Save."""
# ruff: noqa: F811 - pytest fixtures imported from tests/support are "redefined" as test arguments

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.secrets import KeyringSecretStore
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import load_settings, save_settings
from pigmeu_desktop.ui.settings_dialog import SettingsDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    return AppPaths.under(tmp_path / "home").ensure()


@pytest.fixture
def make_dialog(qtbot, paths, qloop, run_async):
    made: list[tuple[SettingsDialog, Services]] = []

    def _make(env: dict[str, str] | None = None, settings: Settings | None = None) -> SettingsDialog:
        if settings is not None:
            save_settings(paths.settings_file, settings)
        services = Services(paths, load_settings(paths.settings_file), env or {})
        dialog = SettingsDialog(services)
        qtbot.addWidget(dialog)
        dialog.show()
        made.append((dialog, services))
        return dialog

    yield _make
    for dialog, services in made:
        dialog.close()
        run_async(services.aclose())


def test_environment_overrides_are_shown_read_only_with_the_reason(make_dialog):
    dialog = make_dialog(
        {"WORDPRESS_URL": "https://env.example", "OPENAI_API_KEY": "sk-env-000000000000000"},
        Settings(wordpress_url="https://stored.example", llm_provider="openai"),
    )
    site = dialog.wordpress.site
    assert site.text() == "https://env.example" and not site.isEnabled()
    assert "WORDPRESS_URL" in site.toolTip()
    assert dialog.wordpress.user.isEnabled()
    assert not dialog.llm.key.isEnabled()
    assert "OPENAI_API_KEY" in dialog.llm.key_status.text()


def test_every_field_has_a_keyboard_mnemonic_buddy(make_dialog):
    dialog = make_dialog()
    for section in dialog.sections():
        form: QFormLayout = section.form
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item else None
            if isinstance(label, QLabel) and label.text():
                assert label.buddy() is not None, label.text()


def test_test_buttons_explain_why_they_are_disabled(make_dialog, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    dialog = make_dialog()
    llm = dialog.llm
    assert not llm.test_button.isEnabled() and "provider" in llm.test_button.toolTip()
    llm.provider.setCurrentIndex(llm.provider.findData("groq"))
    assert not llm.test_button.isEnabled() and "key" in llm.test_button.toolTip()
    llm.key.setText("gsk_typed000000000000000")
    assert llm.test_button.isEnabled()
    wp = dialog.wordpress
    assert not wp.test_button.isEnabled() and "site" in wp.test_button.toolTip()
    wp.site.setText("blog.example.com")
    wp.user.setText("ana")
    assert "password" in wp.test_button.toolTip()
    assert (
        'href="https://blog.example.com/wp-admin/profile.php#application-passwords-section"'
        in wp.profile_link.text()
    )
    assert not dialog.team.test_button.isEnabled() and "team mode" in dialog.team.test_button.toolTip()


def test_llm_test_uses_the_typed_key_without_saving_it(make_dialog, qtbot, paths):
    from tests.support.fake_openai import DEFAULT_KEY, FakeOpenAI

    with FakeOpenAI() as server:
        dialog = make_dialog()
        llm = dialog.llm
        llm.provider.setCurrentIndex(llm.provider.findData("openai"))
        llm.base_url.setText(server.base_url)
        llm.key.setText("sk-typed-but-wrong-0000000000")
        with qtbot.waitSignal(llm.test_finished, timeout=20_000) as blocker:
            llm.test_button.click()
            assert not llm.test_button.isEnabled()  # one test at a time; the UI keeps running meanwhile
        [result] = blocker.args[0]
        assert result.status == "fail" and result.code == "llm_auth"
        assert "OPENAI_API_KEY" in llm.result_view.text()

        llm.key.setText(DEFAULT_KEY)
        with qtbot.waitSignal(llm.test_finished, timeout=20_000) as blocker:
            llm.test_button.click()
        assert [r.status for r in blocker.args[0]] == ["ok"]
    assert not paths.settings_file.exists()  # Test saves nothing


@pytest.mark.keyring
def test_save_writes_preferences_to_the_file_and_secrets_to_the_keyring(make_dialog, paths, secret_service):
    dialog = make_dialog()
    dialog.general.language.setCurrentIndex(dialog.general.language.findData("en"))
    dialog.general.marketplace.setCurrentText("www.amazon.de")
    dialog.llm.provider.setCurrentIndex(dialog.llm.provider.findData("mistral"))
    dialog.llm.model.setText("mistral-large-latest")
    dialog.llm.key.setText("mistral-dialog-secret-123")
    dialog.wordpress.site.setText("https://blog.example/")
    dialog.wordpress.user.setText("ana")
    dialog.wordpress.password.setText("Ab12 Cd34 Ef56 Gh78 Ij90 Kl12")
    try:
        settings = dialog.save()
        assert settings is not None and not dialog.isVisible()
        stored = load_settings(paths.settings_file)
        assert (stored.language, stored.default_marketplace, stored.llm_provider) == (
            "en",
            "amazon.de",
            "mistral",
        )
        assert (
            stored.mistral_model == "mistral-large-latest" and stored.wordpress_url == "https://blog.example"
        )
        text = paths.settings_file.read_text()
        assert "mistral-dialog-secret" not in text and "Ab12" not in text
        keyring = KeyringSecretStore({})
        assert keyring.get("MISTRAL_API_KEY") == "mistral-dialog-secret-123"
        assert keyring.wordpress_password("https://blog.example", "ana") == "Ab12 Cd34 Ef56 Gh78 Ij90 Kl12"
        assert dialog.controller.services.settings.llm_provider == "mistral"  # the running app sees it
    finally:
        from PySide6.QtWidgets import QApplication

        from pigmeu_desktop.ui.i18n import install_translator

        install_translator(QApplication.instance(), "en")
        keyring = KeyringSecretStore({})
        keyring.delete("MISTRAL_API_KEY")
        keyring.delete_wordpress_password("https://blog.example", "ana")


def test_save_without_keyring_keeps_the_dialog_open_with_the_fix(make_dialog, paths, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    dialog = make_dialog()
    dialog.llm.provider.setCurrentIndex(dialog.llm.provider.findData("openai"))
    dialog.llm.key.setText("sk-nowhere-to-keep-000000000")
    dialog.general.editor_name.setText("Bia")
    assert dialog.save() is None
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "gnome-keyring" in dialog.error.text()
    assert load_settings(paths.settings_file).editor_name == "Bia"  # preferences were not lost
    assert "sk-nowhere" not in json.dumps(json.loads(paths.settings_file.read_text()))


def test_keyring_unavailable_is_said_next_to_the_key(make_dialog, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    dialog = make_dialog(settings=Settings(llm_provider="groq"))
    assert "not available" in dialog.llm.key_status.text()
