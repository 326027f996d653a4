"""The form sections shared by the first-run wizard and the Settings dialog, each with its own Test."""

from __future__ import annotations

import asyncio
import logging
import shlex
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.marketplaces import MARKETPLACES
from pigmeu_desktop.core.providers import PROVIDERS
from pigmeu_desktop.services.doctor import CheckResult
from pigmeu_desktop.ui.dialogs import Retranslating
from pigmeu_desktop.ui.doctor_view import DoctorView
from pigmeu_desktop.ui.i18n import LANGUAGES
from pigmeu_desktop.ui.settings_controller import Candidate, SettingsController

log = logging.getLogger("pigmeu.ui.settings")

PROMPT_LANGUAGES = ("pt-BR", "en")


def wrapping_label(parent: QWidget) -> QLabel:
    """A word-wrapped label that takes the field column's full width (not its narrow size hint)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    # Top-aligned: the form sizes the row for a narrower wrap than the final one, and a centred
    # label would float in that spare height, detached from the field it explains.
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class Section(Retranslating, QWidget):
    """A form of related settings. Fields set by the environment are shown read-only, with the reason."""

    changed = Signal()

    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        self._env_notes: list[tuple[QWidget, QLabel, str]] = []

    def add_row(self, key: str, widget: QWidget, setting: str | None = None) -> QWidget:
        label = QLabel(self)
        label.setBuddy(widget)  # Alt+letter in the label text moves focus to the field
        self._labels[key] = label
        self.form.addRow(label, widget)
        if setting and (env_name := self.controller.env_override(setting)):
            widget.setEnabled(False)
            note = wrapping_label(self)  # said in words too: a disabled field's tooltip is hard to reach
            self.form.addRow("", note)
            self._env_notes.append((widget, note, env_name))
        return widget

    def set_label(self, key: str, text: str) -> None:
        self._labels[key].setText(text)

    def env_name_of(self, widget: QWidget) -> str | None:
        """The environment variable that sets this field (shown read-only), if one does."""
        return next((name for w, _note, name in self._env_notes if w is widget), None)

    def _env_text(self) -> str:
        return self.tr("Set by the environment variable %s, which wins over this setting. Change it there.")

    def set_tip(self, widget: QWidget, text: str) -> None:
        """A field's tooltip that keeps the environment note first (a plain setToolTip would drop it)."""
        if env_name := self.env_name_of(widget):
            text = (self._env_text() % env_name) + "\n\n" + text
        widget.setToolTip(text)

    def _retranslate_env_notes(self) -> None:
        for widget, note, env_name in self._env_notes:
            widget.setToolTip(self._env_text() % env_name)
            note.setText(self._env_text() % env_name)

    def retranslate(self) -> None:
        self._retranslate_env_notes()

    def candidate(self) -> Candidate:
        return Candidate()

    def problem(self) -> tuple[QWidget, str] | None:
        """The first value that cannot be saved: the field to focus and the reason, in words."""
        return None


class TestableSection(Section):
    """A section with a Test button that runs its doctor part on the typed values, without blocking."""

    part = ""
    test_finished = Signal(list)

    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.test_button = QPushButton(self)
        self.test_button.clicked.connect(self.start_test)
        self.result_view = DoctorView(self)
        self._task: asyncio.Task[Any] | None = None
        self.changed.connect(self.update_test_button)

    def test_row(self) -> QWidget:
        row = QWidget(self)
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(self.test_button)
        line.addStretch(1)
        box.addLayout(line)
        box.addWidget(self.result_view)
        return row

    def why_not_testable(self) -> str:
        """Empty when Test can run; otherwise the reason, shown as the disabled button's tooltip."""
        return ""

    def update_test_button(self) -> None:
        reason = self.why_not_testable()
        running = self._task is not None and not self._task.done()
        self.test_button.setEnabled(not reason and not running)
        self.test_button.setToolTip(reason or self.tr("Check these values now (nothing is saved)."))

    def start_test(self) -> asyncio.Task[Any] | None:
        if self.why_not_testable() or (self._task is not None and not self._task.done()):
            return None
        self._task = asyncio.ensure_future(self._run_test())
        self.update_test_button()
        return self._task

    async def _run_test(self) -> list[CheckResult]:
        self.result_view.show_running(self.tr("Testing…"))
        try:
            results = await self.controller.test(self.part, self.candidate())
        except PigmeuError as exc:  # the checks turn failures into results; this is what failed before them
            results = [CheckResult.from_error(self.part, exc)]
        except Exception as exc:
            log.exception("the %s test could not run", self.part)
            error = PigmeuError(f"The test could not run ({type(exc).__name__}).", code=ErrorCode.INTERNAL)
            results = [CheckResult.from_error(self.part, error)]
        finally:
            self._task = None
            self.update_test_button()
        self.result_view.show_results(results)
        self.test_finished.emit(results)
        return results

    def cancel_test(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def retranslate(self) -> None:
        super().retranslate()
        self.test_button.setText(self.tr("&Test"))
        self.update_test_button()


class GeneralSection(Section):
    """Language, default marketplace, the editor's name."""

    def __init__(
        self, controller: SettingsController, parent: QWidget | None = None, *, with_name: bool = True
    ):
        super().__init__(controller, parent)
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(controller.value("language"))))
        self.marketplace = QComboBox(self)
        self.marketplace.setEditable(True)
        self.marketplace.addItems(list(MARKETPLACES))
        self.marketplace.setCurrentText(controller.value("default_marketplace"))
        self.editor_name = QLineEdit(controller.value("editor_name"), self)
        self.add_row("language", self.language, "language")
        self.add_row("marketplace", self.marketplace, "default_marketplace")
        if with_name:
            self.add_row("editor_name", self.editor_name, "editor_name")
        else:
            self.editor_name.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.language.currentIndexChanged.connect(self.changed)
        self.marketplace.currentTextChanged.connect(self.changed)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.set_label("language", self.tr("&Language:"))
        self.set_label("marketplace", self.tr("Default &marketplace:"))
        if "editor_name" in self._labels:
            self.set_label("editor_name", self.tr("Your &name:"))
        self.marketplace.setToolTip(self.tr("Used for bare ASINs and ISBNs pasted without a link."))
        self.editor_name.setPlaceholderText(self.tr("Recorded on the revisions you make"))

    def candidate(self) -> Candidate:
        updates = {
            "language": self.language.currentData(),
            "default_marketplace": self.marketplace.currentText().strip().lower().removeprefix("www."),
        }
        if "editor_name" in self._labels:
            updates["editor_name"] = self.editor_name.text().strip()
        return Candidate(updates)


class SecretField(QLineEdit):
    """A password field that never shows what is stored: empty means "keep the stored value"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setClearButtonEnabled(True)


class LlmSection(TestableSection):
    """AI provider, model, OpenAI-compatible server address, the provider's key; with `advanced`
    (the Settings dialog, not the wizard) also the fallback providers and the language of reviews."""

    part = "llm"

    def __init__(
        self, controller: SettingsController, parent: QWidget | None = None, *, advanced: bool = False
    ) -> None:
        super().__init__(controller, parent)
        self.advanced = advanced
        self.provider = QComboBox(self)
        for code in ("", *PROVIDERS):  # "": no provider, skeleton drafts
            self.provider.addItem("", code)
        self.provider.setCurrentIndex(max(0, self.provider.findData(controller.value("llm_provider"))))
        self.models = {name: controller.value(p.model_field) for name, p in PROVIDERS.items()}
        self.model = QLineEdit(self)
        self.base_url = QLineEdit(controller.value("openai_base_url"), self)
        self.key = SecretField(self)
        self.key_status = wrapping_label(self)
        self.add_row("provider", self.provider, "llm_provider")
        self.add_row("model", self.model)
        self.add_row("base_url", self.base_url, "openai_base_url")
        self.add_row("key", self.key)
        self.form.addRow("", self.key_status)
        self.form.addRow("", self.test_row())  # Test checks the provider above, not the fallbacks below
        self.fallback = QLineEdit(", ".join(controller.value("llm_fallback")), self)
        self.prompt_language = QComboBox(self)
        languages = list(PROMPT_LANGUAGES)
        if (stored := controller.value("prompt_language")) not in languages:
            languages.append(stored)  # a language set in the file by hand stays as it is
        for code in languages:
            self.prompt_language.addItem(code, code)
        self.prompt_language.setCurrentIndex(self.prompt_language.findData(stored))
        if advanced:
            self.add_row("fallback", self.fallback, "llm_fallback")
            self.add_row("prompt_language", self.prompt_language, "prompt_language")
        else:
            self.fallback.hide()
            self.prompt_language.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self._shown_provider = self.current_provider()
        self.model.setText(self.models.get(self._shown_provider, ""))
        self.provider.currentIndexChanged.connect(self._provider_changed)
        for edit in (self.model, self.base_url, self.key, self.fallback):
            edit.textChanged.connect(self.changed)
        self.retranslate()
        self._provider_changed()

    def current_provider(self) -> str:
        return self.provider.currentData() or ""

    def _provider_changed(self) -> None:
        if self._shown_provider in self.models:
            self.models[self._shown_provider] = self.model.text().strip()
        provider = self.current_provider()
        self._shown_provider = provider
        self.model.setText(self.models.get(provider, ""))
        self.model.setEnabled(bool(provider))
        self.key.setEnabled(bool(provider) and not self.controller.secret_in_env(_key_name(provider) or ""))
        self.base_url.setVisible(provider == "openai")
        self._labels["base_url"].setVisible(provider == "openai")
        self.key.clear()
        self._update_key_status()
        self.changed.emit()

    def _update_key_status(self) -> None:
        provider = self.current_provider()
        key_name = _key_name(provider)
        if not key_name:
            self.key_status.setText(self.tr("Without a provider, drafts are skeletons you fill in by hand."))
        elif self.controller.secret_in_env(key_name):
            self.key_status.setText(self.tr("The key comes from the environment variable %s.") % key_name)
        else:
            stored = self.controller.has_stored_secret(key_name)
            if stored is None:
                self.key_status.setText(
                    self.tr("The system keyring is not available: the key cannot be saved.")
                )
            elif stored:
                self.key_status.setText(
                    self.tr("A key is saved in the system keyring. Type a new one to replace it.")
                )
            else:
                self.key_status.setText(self.tr("The key is kept in the system keyring, never in a file."))

    def why_not_testable(self) -> str:
        provider = self.current_provider()
        if not provider:
            return self.tr("Choose a provider first.")
        key_name = PROVIDERS[provider].key_name
        has_key = bool(self.key.text().strip()) or self.controller.secret_in_env(key_name)
        # A local OpenAI-compatible server (Ollama...) often needs no key at all.
        keyless_server = provider == "openai" and bool(self.base_url.text().strip())
        if not has_key and not keyless_server and not self.controller.has_stored_secret(key_name):
            return self.tr("Enter the API key first.")
        return ""

    def candidate(self) -> Candidate:
        provider = self.current_provider()
        if provider in self.models:
            self.models[provider] = self.model.text().strip()
        updates: dict[str, Any] = {"llm_provider": provider, "openai_base_url": self.base_url.text().strip()}
        updates.update({PROVIDERS[p].model_field: m for p, m in self.models.items() if m})
        secrets = {PROVIDERS[provider].key_name: self.key.text().strip()} if provider else {}
        if self.advanced:
            updates["llm_fallback"] = self.fallback_providers()
            updates["prompt_language"] = self.prompt_language.currentData()
        return Candidate(updates, secrets)

    def fallback_providers(self) -> list[str]:
        """The typed list, in order, without repeats ("groq, mistral" or "groq mistral")."""
        names = self.fallback.text().replace(",", " ").lower().split()
        return list(dict.fromkeys(names))

    def problem(self) -> tuple[QWidget, str] | None:
        if not self.advanced or self.env_name_of(self.fallback):
            return None
        unknown = [n for n in self.fallback_providers() if n not in PROVIDERS]
        if unknown:
            return self.fallback, self.tr("Unknown fallback provider %1: use one of %2.").replace(
                "%1", ", ".join(unknown)
            ).replace("%2", ", ".join(PROVIDERS))
        return None

    def retranslate(self) -> None:
        super().retranslate()
        names = {"": self.tr("None (skeleton drafts)"), **{name: p.label for name, p in PROVIDERS.items()}}
        for i in range(self.provider.count()):
            self.provider.setItemText(i, names[self.provider.itemData(i)])
        self.set_label("provider", self.tr("AI &provider:"))
        self.set_label("model", self.tr("&Model:"))
        self.set_label("base_url", self.tr("Server &address:"))
        self.set_label("key", self.tr("API &key:"))
        self.base_url.setPlaceholderText(
            self.tr("Empty for OpenAI; e.g. http://localhost:11434/v1 for Ollama")
        )
        self.key.setPlaceholderText(self.tr("Paste the key (leave empty to keep the saved one)"))
        self._update_key_status()
        if self.advanced:
            self.set_label("fallback", self.tr("&Fallback providers:"))
            self.set_label("prompt_language", self.tr("Review &language:"))
            self.fallback.setPlaceholderText(self.tr("e.g. groq, mistral"))
            self.set_tip(
                self.fallback,
                self.tr(
                    "Tried in this order when the main provider fails (only those with a key). "
                    "Separate the names with commas."
                ),
            )
            language_names = {"pt-BR": self.tr("Portuguese (Brazil)"), "en": self.tr("English")}
            for i in range(self.prompt_language.count()):
                code = self.prompt_language.itemData(i)
                self.prompt_language.setItemText(i, language_names.get(code, code))
            self.set_tip(self.prompt_language, self.tr("The language the AI writes reviews in."))


class WordPressSection(TestableSection):
    """Site address, user, application password, and where to create one."""

    part = "wordpress"

    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.site = QLineEdit(controller.value("wordpress_url"), self)
        self.user = QLineEdit(controller.value("wordpress_username"), self)
        self.password = SecretField(self)
        self.password.setEnabled(not controller.secret_in_env("WORDPRESS_PASSWORD"))
        self.profile_link = wrapping_label(self)
        self.profile_link.setOpenExternalLinks(True)
        # Links reachable with Tab and opened with Enter (keyboard users), as well as clicked.
        self.profile_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.password_status = wrapping_label(self)
        self.add_row("site", self.site, "wordpress_url")
        self.add_row("user", self.user, "wordpress_username")
        self.add_row("password", self.password)
        self.form.addRow("", self.password_status)
        self.form.addRow("", self.profile_link)
        self.form.addRow("", self.test_row())
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        for edit in (self.site, self.user, self.password):
            edit.textChanged.connect(self.changed)
        self.site.textChanged.connect(self._update_link)
        self.site.editingFinished.connect(self._update_password_status)
        self.user.editingFinished.connect(self._update_password_status)
        self.retranslate()

    def site_url(self) -> str:
        site = self.site.text().strip().rstrip("/")
        if site and "://" not in site:
            site = "https://" + site
        return site

    def profile_url(self) -> str:
        return (
            f"{self.site_url()}/wp-admin/profile.php#application-passwords-section" if self.site_url() else ""
        )

    def _update_link(self) -> None:
        url = self.profile_url()
        if url:
            self.profile_link.setText(
                self.tr(
                    'Create an application password on <a href="%s">your profile page</a> '
                    "(Users → Profile → Application Passwords)."
                )
                % url
            )
            self.profile_link.setToolTip(url)
        else:
            self.profile_link.setText(
                self.tr(
                    "Enter the site address to get the link to the page where application passwords are created."
                )
            )
            self.profile_link.setToolTip("")

    def _update_password_status(self) -> None:
        if self.controller.secret_in_env("WORDPRESS_PASSWORD"):
            text = self.tr("The password comes from the environment variable WORDPRESS_PASSWORD.")
        else:
            stored = self.controller.has_stored_secret(
                "WORDPRESS_PASSWORD", self.site_url(), self.user.text().strip()
            )
            if stored is None:
                text = self.tr("The system keyring is not available: the password cannot be saved.")
            elif stored:
                text = self.tr("A password for this user is saved in the system keyring.")
            else:
                text = self.tr(
                    "Use an application password, not your login password. It is kept in the system keyring."
                )
        self.password_status.setText(text)
        self.changed.emit()

    def why_not_testable(self) -> str:
        if not self.site_url():
            return self.tr("Enter the site address first.")
        if not self.user.text().strip():
            return self.tr("Enter the WordPress user first.")
        typed = bool(self.password.text().strip()) or self.controller.secret_in_env("WORDPRESS_PASSWORD")
        if not typed and not self.controller.has_stored_secret(
            "WORDPRESS_PASSWORD", self.site_url(), self.user.text().strip()
        ):
            return self.tr("Enter the application password first.")
        return ""

    def candidate(self) -> Candidate:
        return Candidate(
            {"wordpress_url": self.site_url(), "wordpress_username": self.user.text().strip()},
            {"WORDPRESS_PASSWORD": self.password.text().strip()},
        )

    def retranslate(self) -> None:
        super().retranslate()
        self.set_label("site", self.tr("&Site address:"))
        self.set_label("user", self.tr("&User:"))
        self.set_label("password", self.tr("Application &password:"))
        self.site.setPlaceholderText("https://blog.example.com")
        self.password.setPlaceholderText(
            self.tr("xxxx xxxx xxxx xxxx xxxx xxxx (leave empty to keep the saved one)")
        )
        self._update_link()
        self._update_password_status()


def seconds_box(parent: QWidget, minimum: float, maximum: float, value: float) -> QDoubleSpinBox:
    """A spin box in seconds; its suffix is set by the section's retranslate()."""
    box = QDoubleSpinBox(parent)
    box.setDecimals(1)
    box.setRange(minimum, maximum)
    box.setSingleStep(0.5)
    box.setValue(value)
    box.setAccelerated(True)
    return box


class BrowserSection(TestableSection):
    """Which browser scrapes Amazon (empty: found automatically), how, how politely, and open data."""

    part = "browser"

    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.path = QLineEdit(controller.value("browser_path"), self)
        self.args = QLineEdit(controller.value("browser_args"), self)
        self.proxy = QLineEdit(controller.value("proxy"), self)
        # No upper bound in the schema; ten minutes is far past any useful page wait or pause.
        self.min_delay = seconds_box(self, 0.0, 600.0, controller.value("scrape_min_delay_s"))
        self.timeout = seconds_box(self, 1.0, 600.0, controller.value("scrape_timeout_s"))
        self.low_priority = QCheckBox(self)
        self.low_priority.setChecked(controller.value("browser_low_priority"))
        self.enrich = QCheckBox(self)
        self.enrich.setChecked(controller.value("enrich_from_open_data"))
        self.add_row("path", self.path, "browser_path")
        self.add_row("args", self.args, "browser_args")
        self.add_row("proxy", self.proxy, "proxy")
        self.add_row("min_delay", self.min_delay, "scrape_min_delay_s")
        self.add_row("timeout", self.timeout, "scrape_timeout_s")
        self.add_row("low_priority", self.low_priority, "browser_low_priority")
        self.add_row("enrich", self.enrich, "enrich_from_open_data")
        self.form.addRow("", self.test_row())
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.path.textChanged.connect(self.changed)
        self.args.textChanged.connect(self.changed)
        self.retranslate()

    def candidate(self) -> Candidate:
        return Candidate(
            {
                "browser_path": self.path.text().strip(),
                "browser_args": self.args.text().strip(),
                "proxy": self.proxy.text().strip(),
                "scrape_min_delay_s": self.min_delay.value(),
                "scrape_timeout_s": self.timeout.value(),
                "browser_low_priority": self.low_priority.isChecked(),
                "enrich_from_open_data": self.enrich.isChecked(),
            }
        )

    def problem(self) -> tuple[QWidget, str] | None:
        if self.env_name_of(self.args):
            return None  # the environment's value is not ours to save (nor to refuse)
        try:
            shlex.split(self.args.text())  # what the browser launcher does (scraping/discovery.py)
        except ValueError:
            return self.args, self.tr("The browser arguments have an unclosed quote.")
        return None

    def retranslate(self) -> None:
        super().retranslate()
        self.set_label("path", self.tr("&Browser:"))
        self.set_label("args", self.tr("Browser &arguments:"))
        self.set_label("proxy", self.tr("Pro&xy:"))
        self.set_label("min_delay", self.tr("Minimum &delay:"))
        self.set_label("timeout", self.tr("Page time&out:"))
        self.set_label("low_priority", self.tr("Priority:"))
        self.set_label("enrich", self.tr("Book data:"))
        self.path.setPlaceholderText(self.tr("Empty: find Chromium, Chrome or Edge automatically"))
        self.args.setPlaceholderText(self.tr("e.g. --lang=pt-BR --window-size=1280,800"))
        self.set_tip(
            self.args,
            self.tr(
                "Extra command-line arguments for the browser, split like a shell does (quote values "
                "with spaces). Do not add a second --disable-features: it replaces the one Playwright "
                "passes and breaks it."
            ),
        )
        self.proxy.setPlaceholderText("http://host:3128")
        suffix = " " + self.tr("s", "seconds")
        for box in (self.min_delay, self.timeout):
            box.setSuffix(suffix)
        self.set_tip(
            self.min_delay,
            self.tr(
                "Seconds to wait between two pages of the same Amazon store. Shorter waits bring captchas."
            ),
        )
        self.set_tip(self.timeout, self.tr("Seconds before a page that has not loaded counts as a timeout."))
        self.low_priority.setText(self.tr("Run the browser at &low priority"))
        self.set_tip(
            self.low_priority,
            self.tr(
                "Keeps this window smooth while pages load. Turn it off if pages load slowly while other "
                "programs keep the computer busy."
            ),
        )
        self.enrich.setText(self.tr("&Fill missing fields from Open Library / Google Books"))
        self.set_tip(
            self.enrich,
            self.tr(
                "Only the ISBN is sent to these public services, and only when the Amazon page lacks a field."
            ),
        )


class TeamSection(TestableSection):
    """Team mode: the shared MongoDB + Redis instead of the local database."""

    part = "team"

    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.team_mode = QCheckBox(self)
        self.team_mode.setChecked(controller.value("team_mode"))
        self.mongodb_uri = QLineEdit(controller.value("mongodb_uri"), self)
        self.mongo_db_name = QLineEdit(controller.value("mongo_db_name"), self)
        self.redis_url = QLineEdit(controller.value("redis_url"), self)
        self.mongodb_password = SecretField(self)
        self.redis_password = SecretField(self)
        self.add_row("team_mode", self.team_mode, "team_mode")
        self.add_row("mongodb_uri", self.mongodb_uri, "mongodb_uri")
        self.add_row("mongo_db_name", self.mongo_db_name, "mongo_db_name")
        self.add_row("mongodb_password", self.mongodb_password)
        self.add_row("redis_url", self.redis_url, "redis_url")
        self.add_row("redis_password", self.redis_password)
        self.form.addRow("", self.test_row())
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.team_mode.toggled.connect(self.changed)
        self.retranslate()

    def why_not_testable(self) -> str:
        return "" if self.team_mode.isChecked() else self.tr("Turn team mode on to test the team servers.")

    def candidate(self) -> Candidate:
        return Candidate(
            {
                "team_mode": self.team_mode.isChecked(),
                "mongodb_uri": self.mongodb_uri.text().strip(),
                "mongo_db_name": self.mongo_db_name.text().strip() or "pigmeu",
                "redis_url": self.redis_url.text().strip(),
            },
            {
                "MONGODB_PASSWORD": self.mongodb_password.text().strip(),
                "REDIS_PASSWORD": self.redis_password.text().strip(),
            },
        )

    def retranslate(self) -> None:
        super().retranslate()
        self.team_mode.setText(self.tr("Share the queue with the team (MongoDB + Redis)"))
        self.set_label("team_mode", self.tr("Team mode:"))
        self.set_label("mongodb_uri", self.tr("Mongo&DB address:"))
        self.set_label("mongo_db_name", self.tr("Data&base:"))
        self.set_label("mongodb_password", self.tr("MongoDB password:"))
        self.set_label("redis_url", self.tr("&Redis address:"))
        self.set_label("redis_password", self.tr("Redis password:"))
        self.mongodb_uri.setPlaceholderText("mongodb://user@host:27017")
        self.redis_url.setPlaceholderText("redis://host:6379/0")


def _key_name(provider: str) -> str | None:
    """The secret a provider's key is kept under; None for no provider (skeleton drafts)."""
    entry = PROVIDERS.get(provider)
    return entry.key_name if entry is not None else None
