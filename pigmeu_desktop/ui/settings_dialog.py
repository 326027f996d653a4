"""The Settings dialog: General, AI, WordPress, Publishing, Browser, Jobs, Team, Prompts; Test runs a doctor part."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.dialogs import Retranslating, open_window_modal
from pigmeu_desktop.ui.errors import paragraph
from pigmeu_desktop.ui.settings_controller import Candidate, SettingsController, merge_candidates
from pigmeu_desktop.ui.settings_jobs import JobsSection
from pigmeu_desktop.ui.settings_prompts import PromptsSection
from pigmeu_desktop.ui.settings_publishing import PublishingSection
from pigmeu_desktop.ui.settings_sections import (
    BrowserSection,
    GeneralSection,
    LlmSection,
    Section,
    TeamSection,
    TestableSection,
    WordPressSection,
)

log = logging.getLogger("pigmeu.ui.settings")


class SettingsDialog(Retranslating, QDialog):
    """Edits preferences and secrets. Save writes settings to the file and secrets to the keyring."""

    # The new effective Settings, after the file is written and services.settings updated. The main
    # window applies what a running executor holds itself (set_limit for the *_concurrency values).
    saved = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.controller = SettingsController(services)
        self.general = GeneralSection(self.controller, self)
        self.llm = LlmSection(self.controller, self, advanced=True)
        self.wordpress = WordPressSection(self.controller, self)
        self.publishing = PublishingSection(self.controller, self)
        self.browser = BrowserSection(self.controller, self)
        self.jobs = JobsSection(self.controller, self)
        self.team = TeamSection(self.controller, self)
        self.prompts = PromptsSection(self.controller, self)
        self.tabs = QTabWidget(self)
        for section in self.sections():
            self.tabs.addTab(section, "")
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        for section in self.sections():
            section.changed.connect(self._hide_error)  # a refusal's reason goes once the field is edited
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, 480)
        self.retranslate()

    def sections(self) -> list[Section]:
        return [
            self.general,
            self.llm,
            self.wordpress,
            self.publishing,
            self.browser,
            self.jobs,
            self.team,
            self.prompts,
        ]

    def candidate(self) -> Candidate:
        return merge_candidates(section.candidate() for section in self.sections())

    def save(self) -> Settings | None:
        """Save and close; on a keyring or validation problem, say so and stay open (nothing typed is lost)."""
        for section in self.sections():
            if found := section.problem():
                widget, reason = found
                self.tabs.setCurrentWidget(section)  # the field to fix is in view, with the reason below
                widget.setFocus()
                self.show_error(reason, "")
                return None
        try:
            settings = self.controller.save(self.candidate())
        except PigmeuError as exc:  # a value the schema refuses, or the keyring refusing a secret
            self.show_error(paragraph(exc), "")
            return None
        # The running parts (the window's language among them) heard of the change from the controller's save.
        self.saved.emit(settings)
        self.accept()
        return settings

    def _hide_error(self) -> None:
        self.error.setVisible(False)

    def show_error(self, message: str, next_step: str) -> None:
        self.error.setText(message + (f"\n{next_step}" if next_step else ""))
        self.error.setVisible(True)

    def reject(self) -> None:  # Cancel, Esc, the window's close button
        if not self.prompts.may_discard():
            self.tabs.setCurrentWidget(self.prompts)  # its note says: save, undo, or cancel again
            return
        super().reject()

    def done(self, result: int) -> None:
        for section in self.sections():
            if isinstance(section, TestableSection):
                section.cancel_test()
        self.prompts.cancel_tasks()
        super().done(result)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        titles = [
            self.tr("General"),
            self.tr("AI provider"),
            self.tr("WordPress"),
            self.tr("Publishing"),
            self.tr("Browser"),
            self.tr("Jobs"),
            self.tr("Team"),
            self.tr("Prompts"),
        ]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)


def open_settings_dialog(parent: QWidget | None, services: Services) -> SettingsDialog:
    """Open the dialog window-modal (the main window's event loop keeps running its jobs)."""
    return open_window_modal(SettingsDialog(services, parent))
