"""Why an action is disabled, in the interface's language: one sentence per reason of operations/availability."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pigmeu_desktop.core.states import Status
from pigmeu_desktop.operations.availability import Reason, Refusal

# Each takes the item's state, as the queue shows it, for %s.
_TEXTS: dict[Reason, object] = {
    Reason.NOT_DRAFTED: QT_TRANSLATE_NOOP(
        "refusals", "Only an item with a finished draft can be approved (now: %s)"
    ),
    Reason.UNCHANGED_SINCE_PUBLISH: QT_TRANSLATE_NOOP(
        "refusals", "The draft has not changed since it was published; edit it first (now: %s)"
    ),
    Reason.NOT_FAILED: QT_TRANSLATE_NOOP(
        "refusals", "Only a failed or stopped item can be retried (now: %s)"
    ),
    Reason.NOTHING_RUNNING: QT_TRANSLATE_NOOP("refusals", "Nothing is running on this item (now: %s)"),
    Reason.RUNNING_ELSEWHERE: QT_TRANSLATE_NOOP(
        "refusals", "A step is running on this item in another app (now: %s)"
    ),
    Reason.NOT_APPROVED: QT_TRANSLATE_NOOP("refusals", "Only an approved item can be published (now: %s)"),
    Reason.NOT_SCRAPED: QT_TRANSLATE_NOOP(
        "refusals", "The item has no book data yet; scrape it first (now: %s)"
    ),
    Reason.STEP_NOT_POSSIBLE: QT_TRANSLATE_NOOP("refusals", "Not possible while the item is %s"),
}


def refusal_text(refused: Refusal, status_label: Callable[[Status], str]) -> str:
    """The tooltip of an action `refused` disables; `status_label` names the state as the queue does."""
    return QCoreApplication.translate("refusals", str(_TEXTS[refused.reason])) % status_label(refused.status)
