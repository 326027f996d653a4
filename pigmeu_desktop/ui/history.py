"""An item's activity history in words, newest first, for the details pane."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pigmeu_desktop.core.ports import ActivityEntry
from pigmeu_desktop.ui.errors import title_for
from pigmeu_desktop.ui.formatting import format_datetime

CONTEXT = "History"
SHOWN = 20  # the details pane is for now, `pigmeu show ID` lists everything

# Whole sentences per (event, step): words do not compose across languages (gender, word order).
SENTENCES = {
    ("added", None): QT_TRANSLATE_NOOP("History", "Added to the queue"),
    ("step_finished", "scrape"): QT_TRANSLATE_NOOP("History", "Book data read from Amazon"),
    ("step_finished", "draft"): QT_TRANSLATE_NOOP("History", "Draft written"),
    ("step_finished", "publish"): QT_TRANSLATE_NOOP("History", "Published to WordPress"),
    ("step_failed", "scrape"): QT_TRANSLATE_NOOP("History", "Reading the Amazon page failed"),
    ("step_failed", "draft"): QT_TRANSLATE_NOOP("History", "Drafting failed"),
    ("step_failed", "publish"): QT_TRANSLATE_NOOP("History", "Publishing failed"),
    ("step_interrupted", "scrape"): QT_TRANSLATE_NOOP("History", "Reading the Amazon page was stopped"),
    ("step_interrupted", "draft"): QT_TRANSLATE_NOOP("History", "Drafting was stopped"),
    ("step_interrupted", "publish"): QT_TRANSLATE_NOOP("History", "Publishing was stopped"),
    ("step_dropped", "scrape"): QT_TRANSLATE_NOOP(
        "History", "Retry of reading the Amazon page dropped: the item had moved on"
    ),
    ("step_dropped", "draft"): QT_TRANSLATE_NOOP(
        "History", "Retry of drafting dropped: the item had moved on"
    ),
    ("step_dropped", "publish"): QT_TRANSLATE_NOOP(
        "History", "Retry of publishing dropped: the item had moved on"
    ),
    ("approved", None): QT_TRANSLATE_NOOP("History", "Approved"),
    ("retried", None): QT_TRANSLATE_NOOP("History", "Retry requested"),
}
# Events whose message is the editor's name.
BY_EDITOR = {"approved", "retried"}
BY_EDITOR_SENTENCE = QT_TRANSLATE_NOOP("History", "%1 by %2")  # "Approved by Ana"


def _t(text: object) -> str:
    """`text` is a literal marked with QT_TRANSLATE_NOOP (typed `object` by PySide6)."""
    return QCoreApplication.translate(CONTEXT, str(text))


def describe(entry: ActivityEntry) -> str:
    """One line: what happened (and who, or which error), without the time."""
    sentence = SENTENCES.get((entry.event, entry.step)) or SENTENCES.get((entry.event, None))
    text = _t(sentence) if sentence else entry.event + (f" ({entry.step})" if entry.step else "")
    if entry.event in BY_EDITOR and entry.message:
        return _t(BY_EDITOR_SENTENCE).replace("%1", text).replace("%2", entry.message)
    if entry.code and entry.event == "step_failed":
        return f"{text}: {title_for(entry.code)} — {entry.message or entry.code}"
    if entry.message and entry.event == "step_interrupted" and entry.message != entry.code:
        return f"{text} ({entry.message})"
    return text


def history_lines(entries: Sequence[ActivityEntry]) -> list[tuple[str, str]]:
    """(when, what) for the newest `SHOWN` entries, newest first."""
    newest = sorted(entries, key=lambda e: e.at, reverse=True)[:SHOWN]
    return [(format_datetime(e.at), describe(e)) for e in newest]
