"""First-run wizard: language and marketplace, AI provider + key, WordPress site + user + app password."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.dialogs import Retranslating, open_window_modal
from pigmeu_desktop.ui.errors import paragraph
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.settings_controller import Candidate, SettingsController, merge_candidates
from pigmeu_desktop.ui.settings_sections import (
    GeneralSection,
    LlmSection,
    Section,
    TestableSection,
    WordPressSection,
)

log = logging.getLogger("pigmeu.ui.settings")


def needs_first_run(paths: AppPaths) -> bool:
    """No settings file yet: the editor has never finished (or skipped) the wizard."""
    return not paths.settings_file.exists()


class SectionPage(Retranslating, QWizardPage):
    """A wizard page showing one section, with a translated title and subtitle."""

    def __init__(self, section: Section, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self._title, self._subtitle = title, subtitle
        layout = QVBoxLayout(self)
        layout.addWidget(section)
        self.retranslate()

    def retranslate(self) -> None:
        # The texts are marked in FirstRunWizard (one lupdate context); translate them through it.
        self.setTitle(QApplication.translate("FirstRunWizard", self._title))
        self.setSubTitle(QApplication.translate("FirstRunWizard", self._subtitle))


class DonePage(Retranslating, QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("All set"))
        self.summary.setText(
            self.tr(
                "Press Finish to save. Preferences go to the settings file; keys and passwords go to the "
                "system keyring only. Everything can be changed later in Settings, and `pigmeu doctor` "
                "checks the whole set-up."
            )
        )


class FirstRunWizard(Retranslating, QWizard):
    """Saves on Finish; a keyring problem keeps the wizard open with the reason and the fix."""

    saved = Signal(object)  # the new effective Settings

    # Marked for lupdate in this class's context; the pages translate them when the language changes.
    TITLES = (
        (
            QT_TRANSLATE_NOOP("FirstRunWizard", "Welcome"),
            QT_TRANSLATE_NOOP(
                "FirstRunWizard",
                "Choose the interface language and the Amazon store your links usually come from.",
            ),
        ),
        (
            QT_TRANSLATE_NOOP("FirstRunWizard", "AI provider"),
            QT_TRANSLATE_NOOP(
                "FirstRunWizard",
                "The AI writes the first draft of each review. You can skip this and write drafts by hand.",
            ),
        ),
        (
            QT_TRANSLATE_NOOP("FirstRunWizard", "WordPress"),
            QT_TRANSLATE_NOOP(
                "FirstRunWizard",
                "Where approved reviews are published. Use an application password, never your login password.",
            ),
        ),
    )

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first-run-wizard")
        self.setWizardStyle(
            QWizard.WizardStyle.ClassicStyle
        )  # the same look on every OS (and in screenshots)
        self.controller = SettingsController(services)
        self.general = GeneralSection(self.controller, with_name=True)
        self.llm = LlmSection(self.controller)
        self.wordpress = WordPressSection(self.controller)
        self.section_pages = [
            SectionPage(section, str(title), str(subtitle), self)
            for section, (title, subtitle) in zip(
                (self.general, self.llm, self.wordpress), self.TITLES, strict=True
            )
        ]
        for page in self.section_pages:
            self.addPage(page)
        self.done_page = DonePage(self)
        self.addPage(self.done_page)
        self.general.language.currentIndexChanged.connect(self._language_changed)
        self.resize(680, 520)
        self.retranslate()

    def _language_changed(self) -> None:
        """Switch the interface at once, so the rest of the wizard is in the chosen language."""
        app = QApplication.instance()
        if app is not None:
            install_translator(app, self.general.language.currentData())

    def candidate(self) -> Candidate:
        return merge_candidates(section.candidate() for section in (self.general, self.llm, self.wordpress))

    def accept(self) -> None:
        try:
            settings: Settings = self.controller.save(self.candidate())
        except PigmeuError as exc:
            self.done_page.error.setText(paragraph(exc))
            self.done_page.error.setVisible(True)
            return
        self.saved.emit(settings)
        super().accept()

    def done(self, result: int) -> None:
        for section in (self.llm, self.wordpress):
            if isinstance(section, TestableSection):
                section.cancel_test()
        super().done(result)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up Pigmeu Copilot"))


def open_first_run_wizard(parent: QWidget | None, services: Services) -> FirstRunWizard:
    return open_window_modal(FirstRunWizard(services, parent))
