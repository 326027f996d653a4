"""The Settings dialog's Jobs section: how many scrapes, drafts and publishes run at once; review or not."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QVBoxLayout, QWidget

from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.settings_controller import Candidate, SettingsController
from pigmeu_desktop.ui.settings_sections import Section, wrapping_label

CONCURRENCY = ("scrape_concurrency", "draft_concurrency", "publish_concurrency")


def schema_bounds(setting: str) -> tuple[int, int]:
    """The (ge, le) bounds the schema declares, so the spin box can never offer a refused value."""
    low, high = 1, 99
    for rule in Settings.model_fields[setting].metadata:
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    return low, high


class JobsSection(Section):
    """Work at once per step, and whether drafts go to WordPress without a review."""

    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.limits: dict[str, QSpinBox] = {}
        for setting in CONCURRENCY:
            box = QSpinBox(self)
            box.setRange(*schema_bounds(setting))
            box.setValue(controller.value(setting))
            self.limits[setting] = box
            self.add_row(setting, box, setting)
        self.auto_publish = QCheckBox(self)
        self.auto_publish.setChecked(controller.value("auto_publish_draft"))
        self.add_row("auto_publish_draft", self.auto_publish, "auto_publish_draft")
        self.auto_publish_note = wrapping_label(self)
        self.form.addRow("", self.auto_publish_note)
        # Team mode: where the steps run. Workers read the same Jobs limits for their own concurrency.
        self.where = QComboBox(self)
        self.where.addItems(["", ""])
        self.where.setCurrentIndex(1 if controller.value("send_steps_to_workers") else 0)
        self.add_row("send_steps_to_workers", self.where, "send_steps_to_workers")
        self.where.currentIndexChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        for box in self.limits.values():
            box.valueChanged.connect(self.changed)
        self.auto_publish.toggled.connect(self.changed)
        self.retranslate()

    def candidate(self) -> Candidate:
        updates: dict[str, object] = {s: box.value() for s, box in self.limits.items()}
        updates["auto_publish_draft"] = self.auto_publish.isChecked()
        updates["send_steps_to_workers"] = self.where.currentIndex() == 1
        return Candidate(updates)

    def retranslate(self) -> None:
        super().retranslate()
        self.set_label("scrape_concurrency", self.tr("&Scrapes at once:"))
        self.set_label("draft_concurrency", self.tr("&Drafts at once:"))
        self.set_label("publish_concurrency", self.tr("&Publishes at once:"))
        self.set_label("auto_publish_draft", self.tr("Review:"))
        tips = {
            "scrape_concurrency": self.tr(
                "Amazon pages read at the same time. More is faster but uses more memory, and Amazon "
                "shows captchas sooner."
            ),
            "draft_concurrency": self.tr(
                "Reviews the AI writes at the same time (your provider may limit this)."
            ),
            "publish_concurrency": self.tr("Posts sent to WordPress at the same time."),
        }
        for setting, box in self.limits.items():
            low, high = box.minimum(), box.maximum()
            self.set_tip(
                box,
                tips[setting]
                + " "
                + self.tr("From %1 to %2.").replace("%1", str(low)).replace("%2", str(high)),
            )
        self.set_label("send_steps_to_workers", self.tr("Steps &run:"))
        self.where.setItemText(0, self.tr("Here, on this computer"))
        self.where.setItemText(1, self.tr("On the team's workers"))
        team = self.controller.value("team_mode")
        self.where.setEnabled(team)
        self.set_tip(
            self.where,
            self.tr(
                "In team mode, scraping, drafting and publishing can run on the team's worker machines "
                "(pigmeu worker) instead of this computer. Takes effect at the next start."
            )
            if team
            else self.tr("Only in team mode (Settings → Team)."),
        )
        self.auto_publish.setText(self.tr("Send to WordPress as a draft &without review"))
        self.auto_publish_note.setText(
            self.tr(
                "Off (recommended): each review stops at “Draft ready” until you approve it here. On: as soon "
                "as the AI has written it, it goes to WordPress as a draft, never published; you review it "
                "there instead."
            )
        )
