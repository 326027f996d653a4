"""Publish confirmation: WordPress draft, publish now or schedule (site time), and what will be sent."""

from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.services.wordpress.schedule import default_schedule_time, zone_named


class PublishDialog(QDialog):
    def __init__(
        self,
        sub: Submission,
        *,
        default_status: str,
        site: str,
        zone_name: str | None,
        update: bool,
        parent: QWidget | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.sub = sub
        self.site = site
        self.zone_name = zone_name
        self.is_update = update  # `update` is QWidget.update(): a repaint, not ours to shadow
        self.draft_radio, self.publish_radio, self.future_radio = (
            QRadioButton(self),
            QRadioButton(self),
            QRadioButton(self),
        )
        self.group = QButtonGroup(self)
        for i, radio in enumerate((self.draft_radio, self.publish_radio, self.future_radio)):
            self.group.addButton(radio, i)
        {"publish": self.publish_radio, "future": self.future_radio}.get(
            default_status, self.draft_radio
        ).setChecked(True)
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        # The field is the site's wall-clock time (date() sends it without an offset), so it starts there.
        start = default_schedule_time(zone_named(zone_name), now or datetime.now(UTC))
        self.when.setDateTime(
            QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute))
        )
        self.zone_label = QLabel(self)
        self.summary = QTextBrowser(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        schedule_row = QHBoxLayout()
        schedule_row.addWidget(self.future_radio)
        schedule_row.addWidget(self.when)
        schedule_row.addWidget(self.zone_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.draft_radio)
        layout.addWidget(self.publish_radio)
        layout.addLayout(schedule_row)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.buttons)
        self.group.idToggled.connect(lambda *_: self.refresh())
        self.when.dateTimeChanged.connect(lambda *_: self.refresh())
        self.resize(560, 480)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Update post") if self.is_update else self.tr("Publish"))
        self.draft_radio.setText(self.tr("As a WordPress draft (finish it in WordPress)"))
        self.publish_radio.setText(self.tr("Publish now"))
        self.future_radio.setText(self.tr("Schedule for"))
        self.zone_label.setText(
            self.tr("site time (%1)").replace("%1", self.zone_name or self.tr("the site's zone"))
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Update post") if self.is_update else self.tr("Publish")
        )
        self.refresh()

    def status(self) -> str:
        return ("draft", "publish", "future")[self.group.checkedId()]

    def date(self) -> str | None:
        """The scheduled time as the site's local time (no offset: the publisher reads it in the site's zone)."""
        if self.status() != "future":
            return None
        return self.when.dateTime().toString("yyyy-MM-ddTHH:mm")

    def refresh(self) -> None:
        self.when.setEnabled(self.status() == "future")
        d = self.sub.draft
        e = html.escape
        status_words = {
            "draft": self.tr("WordPress draft"),
            "publish": self.tr("published now"),
            "future": self.tr("scheduled for %1").replace(
                "%1", self.when.dateTime().toString("yyyy-MM-dd HH:mm")
            ),
        }
        cover = (
            self.tr("the book's cover")
            if (self.sub.book and (self.sub.book.cover_path or self.sub.book.cover_url))
            else self.tr("none (no cover)")
        )
        rows = [
            (self.tr("Site"), self.site),
            (self.tr("Title"), d.title if d else ""),
            (self.tr("Status"), status_words[self.status()]),
            (self.tr("Categories"), ", ".join(d.categories) if d else ""),
            (self.tr("Tags"), ", ".join(d.tags) if d else ""),
            (self.tr("Featured image"), cover),
            (self.tr("Slug"), d.slug if d else ""),
        ]
        if self.is_update and self.sub.wordpress and self.sub.wordpress.post_id:
            rows.insert(1, (self.tr("Post"), f"#{self.sub.wordpress.post_id}"))
        heading = self.tr("What will be sent")
        self.summary.setHtml(
            f"<h4>{e(heading)}</h4><table>"
            + "".join(f"<tr><td><b>{e(k)}</b>&nbsp;&nbsp;</td><td>{e(v)}</td></tr>" for k, v in rows)
            + "</table>"
        )
