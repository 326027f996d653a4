"""The publish dialog's schedule starts from tomorrow in the site's zone, whatever the computer's zone."""

from __future__ import annotations

from datetime import UTC, datetime

from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.ui.review.publish_dialog import PublishDialog
from tests.ui.review.conftest import make_book, make_draft


def dialog(qtbot, zone: str | None) -> PublishDialog:
    sub = Submission(
        amazon_url="https://www.amazon.com.br/dp/8535914846",
        asin="8535914846",
        marketplace="amazon.com.br",
        book=make_book(),
        draft=make_draft(),
    )
    box = PublishDialog(
        sub,
        default_status="future",
        site="https://blog.example.com",
        zone_name=zone,
        update=False,
        now=datetime(2026, 12, 5, 20, 30, tzinfo=UTC),
    )
    qtbot.addWidget(box)
    return box


def test_the_schedule_starts_tomorrow_in_the_site_zone(qtbot):
    # 20:30 UTC is already 05:30 on the 6th in Tokyo: "tomorrow" there is the 7th.
    tokyo = dialog(qtbot, "Asia/Tokyo")
    assert tokyo.status() == "future" and tokyo.date() == "2026-12-07T06:00"
    assert "Asia/Tokyo" in tokyo.zone_label.text()
    assert "scheduled for 2026-12-07 06:00" in tokyo.summary.toPlainText()
    assert dialog(qtbot, "UTC-3").date() == "2026-12-06T18:00"
