"""The Settings dialog: sources of values, Test buttons running doctor parts without blocking, Save."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFormLayout, QLabel

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.secrets import KeyringSecretStore
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import load_settings, save_settings
from pigmeu_desktop.ui.settings_dialog import SettingsDialog
from tests.support.qt_teardown import close_if_alive

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    """Save installs the saved language (pt_BR by default); later tests expect the source language."""
    yield
    from pigmeu_desktop.ui.i18n import install_translator

    install_translator(qapp, "en")


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
        close_if_alive(dialog)
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


# -- Browser extras, Publishing, Jobs, AI fallback/language ----------------------------------------


def fill_new_fields(dialog: SettingsDialog) -> None:
    browser, publishing, jobs, llm = dialog.browser, dialog.publishing, dialog.jobs, dialog.llm
    browser.args.setText('--lang=pt-BR --proxy-bypass-list="a b"')
    browser.min_delay.setValue(1.5)
    browser.timeout.setValue(45)
    browser.enrich.setChecked(True)
    assert browser.low_priority.isChecked()  # on by default: the window stays smooth
    browser.low_priority.setChecked(False)
    publishing.tags.item(0, publishing.TAG).setText(" blog-20 ")
    publishing.tags.item(1, publishing.TAG).setText("pigmeu-21")
    publishing.disclosure.setPlainText("Linha um.\nLinha dois.")
    publishing.status.setCurrentIndex(publishing.status.findData("future"))
    jobs.limits["scrape_concurrency"].setValue(4)
    jobs.limits["draft_concurrency"].setValue(5)
    jobs.limits["publish_concurrency"].setValue(2)
    jobs.auto_publish.setChecked(True)
    llm.fallback.setText("groq, Mistral groq")
    llm.prompt_language.setCurrentIndex(llm.prompt_language.findData("en"))


def test_new_fields_round_trip_through_the_file_and_reach_the_running_app(make_dialog, paths, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    dialog = make_dialog()
    scraper = dialog.controller.services.scraper  # built, as in the running app (no browser started)
    assert dialog.publishing.tags.item(0, 0).text() == "amazon.com.br"  # the Brazilian store first
    assert not dialog.jobs.auto_publish.isChecked()  # off by default: everything stops for review
    fill_new_fields(dialog)
    emitted: list[Settings] = []
    dialog.saved.connect(emitted.append)
    assert dialog.save() is not None and not dialog.isVisible()

    stored = load_settings(paths.settings_file)
    assert stored.browser_args == '--lang=pt-BR --proxy-bypass-list="a b"'
    assert (stored.scrape_min_delay_s, stored.scrape_timeout_s, stored.enrich_from_open_data) == (
        1.5,
        45,
        True,
    )
    assert stored.affiliate_tags == {"amazon.com.br": "blog-20", "amazon.com": "pigmeu-21"}
    assert stored.disclosure_text == "Linha um.\nLinha dois."
    assert stored.default_post_status == "future"
    assert (stored.scrape_concurrency, stored.draft_concurrency, stored.publish_concurrency) == (4, 5, 2)
    assert stored.auto_publish_draft is True
    assert stored.llm_fallback == ["groq", "mistral"] and stored.prompt_language == "en"
    # The running app and whoever listens (the main window → executor.set_limit) get the new values.
    assert dialog.controller.services.settings.scrape_concurrency == 4
    assert [s.draft_concurrency for s in emitted] == [5]
    # ...and the running scraper: no restart needed for the browser settings.
    assert stored.browser_low_priority is False
    assert (scraper.politeness.min_delay_s, scraper.browser.timeout_s) == (1.5, 45)
    assert scraper.browser.config.extra_args == ("--lang=pt-BR", "--proxy-bypass-list=a b")
    assert scraper.browser.low_priority is False

    again = make_dialog()
    assert again.browser.args.text() == '--lang=pt-BR --proxy-bypass-list="a b"'
    assert (again.browser.min_delay.value(), again.browser.timeout.value()) == (1.5, 45)
    assert again.browser.enrich.isChecked() and not again.browser.low_priority.isChecked()
    assert again.publishing.typed_tags() == {"amazon.com.br": "blog-20", "amazon.com": "pigmeu-21"}
    assert again.publishing.disclosure.toPlainText() == "Linha um.\nLinha dois."
    assert again.publishing.status.currentData() == "future"
    assert [
        again.jobs.limits[s].value()
        for s in ("scrape_concurrency", "draft_concurrency", "publish_concurrency")
    ] == [4, 5, 2]
    assert again.jobs.auto_publish.isChecked()
    assert again.llm.fallback.text() == "groq, mistral"
    assert again.llm.prompt_language.currentData() == "en"


def test_a_tag_for_a_store_not_listed_is_kept(make_dialog, paths, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    dialog = make_dialog(settings=Settings(affiliate_tags={"amazon.se": "blogse-21"}))
    assert dialog.publishing.typed_tags() == {"amazon.se": "blogse-21"}
    assert dialog.save() is not None
    assert load_settings(paths.settings_file).affiliate_tags == {"amazon.se": "blogse-21"}


@pytest.mark.parametrize(
    ("section", "bad", "good", "words"),
    [
        ("publishing", "my blog-20", "blog-20", ["amazon.com.br", "my blog-20", "blog-20"]),
        ("publishing", "blog", "blog-20", ["amazon.co.uk", "blog-20"]),
        ("llm", "groq, gpt4", "groq", ["gpt4", "openai, groq, mistral"]),
        ("browser", '--user-agent="Mozilla', '--user-agent="Mozilla 5"', ["quote"]),
    ],
)
def test_invalid_input_is_refused_with_the_reason_and_nothing_saved(
    make_dialog, paths, monkeypatch, section, bad, good, words
):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    dialog = make_dialog()
    set_text = {
        "publishing": dialog.publishing.tags.item(2 if bad == "blog" else 0, 1).setText,
        "llm": dialog.llm.fallback.setText,
        "browser": dialog.browser.args.setText,
    }[section]
    dialog.general.editor_name.setText("Bia")  # a valid change elsewhere must not be saved either
    set_text(bad)
    emitted: list[Settings] = []
    dialog.saved.connect(emitted.append)
    assert dialog.save() is None
    assert dialog.isVisible() and dialog.error.isVisible()
    for word in words:
        assert word in dialog.error.text()
    assert dialog.tabs.currentWidget() is getattr(dialog, section)  # the field to fix is in view
    assert not paths.settings_file.exists() and emitted == []
    assert dialog.controller.services.settings.editor_name == ""
    set_text(good)  # the editor fixes it: the reason goes, and Save now works
    assert not dialog.error.isVisible()
    assert dialog.save() is not None and load_settings(paths.settings_file).editor_name == "Bia"


def test_browser_args_from_the_environment_are_read_only_and_not_saved(make_dialog, paths, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    dialog = make_dialog({"PIGMEU_BROWSER_ARGS": '--broken "quote'}, Settings(browser_args="--stored"))
    args = dialog.browser.args
    assert args.text() == '--broken "quote' and not args.isEnabled()
    tip = args.toolTip()
    assert "PIGMEU_BROWSER_ARGS" in tip and "--disable-features" in tip  # env note first, warning kept
    notes = [w.text() for w in dialog.browser.findChildren(QLabel) if "PIGMEU_BROWSER_ARGS" in w.text()]
    assert notes, "the environment note is said in words next to the field"
    assert dialog.save() is not None  # the environment's value is not ours to refuse
    assert load_settings(paths.settings_file).browser_args == "--stored"


def test_spin_boxes_offer_exactly_the_schema_bounds(make_dialog, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    jobs = make_dialog().jobs
    bounds = {s: (b.minimum(), b.maximum()) for s, b in jobs.limits.items()}
    assert bounds == {
        "scrape_concurrency": (1, 8),
        "draft_concurrency": (1, 16),
        "publish_concurrency": (1, 4),
    }
    assert "without review" in jobs.auto_publish.text().replace("&", "")
    assert "approve" in jobs.auto_publish_note.text()


def test_tag_table_model_and_keyboard(make_dialog, qtmodeltester, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    tags = make_dialog().publishing.tags
    qtmodeltester.check(tags.model())
    assert not tags.tabKeyNavigation()  # Tab leaves the table; arrows move between cells
    assert not tags.item(0, 0).flags() & Qt.ItemFlag.ItemIsEditable
    assert tags.item(0, 1).flags() & Qt.ItemFlag.ItemIsEditable


def test_mnemonics_are_unique_within_each_tab(make_dialog, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    dialog = make_dialog()
    for section in dialog.sections():
        texts = [w.text() for w in section.findChildren(QLabel) if w.buddy() is not None]
        texts += [w.text() for w in section.findChildren(QAbstractButton)]
        letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
        assert len(letters) == len(set(letters)), (type(section).__name__, texts)


def test_the_wizard_form_stays_short(paths, qtbot, monkeypatch):
    from pigmeu_desktop.ui.settings_controller import SettingsController
    from pigmeu_desktop.ui.settings_sections import LlmSection

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    section = LlmSection(SettingsController(Services(paths, Settings(llm_fallback=["groq"]), {})))
    qtbot.addWidget(section)
    updates = section.candidate().updates
    assert "llm_fallback" not in updates and "prompt_language" not in updates  # the wizard keeps them


def test_a_test_that_cannot_run_says_why_where_its_results_go(make_dialog, qtbot, monkeypatch):
    from pigmeu_desktop.core.errors import ErrorCode, StoreError

    dialog = make_dialog(settings=Settings(language="en"))
    section = dialog.browser

    async def cannot_run(part, candidate):
        raise StoreError("The data folder is read-only.", code=ErrorCode.STORE_UNAVAILABLE)

    monkeypatch.setattr(dialog.controller, "test", cannot_run)
    task = section.start_test()
    assert task is not None
    qtbot.waitUntil(task.done)
    (result,) = section.result_view.results
    assert result.code == "store_unavailable"
    shown = section.result_view.findChild(QLabel, "doctor-fail").text()
    assert shown.startswith("Database unavailable: The data folder is read-only.")  # title once, then why
    assert section.test_button.isEnabled()  # not stuck on "Testing…"


def test_a_refused_value_is_explained_in_the_editors_language(make_dialog, qapp):
    from pigmeu_desktop.ui.i18n import install_translator

    dialog = make_dialog(settings=Settings(language="pt_BR"))
    install_translator(qapp, "pt_BR")
    dialog.jobs.limits["scrape_concurrency"].setMaximum(99)
    dialog.jobs.limits["scrape_concurrency"].setValue(50)  # the schema allows at most 8
    assert dialog.save() is None and dialog.error.isVisible()
    text = dialog.error.text()
    assert text.startswith("Valor inválido: scrape_concurrency") and "Confira o valor" in text, text
