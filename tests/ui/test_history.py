"""The details pane's history: each stored activity line in words, newest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pigmeu_desktop.core.ports import ActivityEntry
from pigmeu_desktop.ui.history import SHOWN, describe, history_lines

T0 = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def entry(event, step=None, **kw) -> ActivityEntry:
    return ActivityEntry("s1", kw.pop("at", T0), event, step, **kw)


def test_each_event_reads_as_a_sentence():
    assert describe(entry("added")) == "Added to the queue"
    assert describe(entry("step_finished", "scrape")) == "Book data read from Amazon"
    assert describe(entry("step_finished", "publish")) == "Published to WordPress"
    assert describe(entry("approved", message="Ana")) == "Approved by Ana"
    assert describe(entry("retried")) == "Retry requested"
    assert describe(entry("step_dropped", "scrape", message="drafted")) == (
        "Retry of reading the Amazon page dropped: the item had moved on"
    )


def test_a_failure_names_the_error_and_its_message():
    line = describe(
        entry("step_failed", "scrape", code="captcha", message="Amazon asked for a captcha on amazon.com.br.")
    )
    assert (
        line
        == "Reading the Amazon page failed: Amazon asked for a bot check — Amazon asked for a captcha on amazon.com.br."
    )
    assert describe(
        entry("step_interrupted", "draft", code="cancelled", message="stopped by the editor")
    ) == ("Drafting was stopped (stopped by the editor)")
    assert describe(entry("step_interrupted", "scrape", code="cancelled", message="cancelled")) == (
        "Reading the Amazon page was stopped"  # the editor pressed Stop: nothing more to say
    )


def test_an_event_from_a_newer_version_is_shown_as_stored():
    assert describe(entry("regenerated_section", "draft")) == "regenerated_section (draft)"


def test_newest_first_and_only_the_latest_few():
    entries = [entry("added", at=T0 + timedelta(minutes=i)) for i in range(SHOWN + 5)]
    lines = history_lines(entries)
    assert len(lines) == SHOWN
    assert lines[0][0] == history_lines([entries[-1]])[0][0]  # the newest time first
