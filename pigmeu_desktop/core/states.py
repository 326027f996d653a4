"""The status machine (ARCHITECTURE.md, "Status machine"): the only code that changes a submission's status."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pigmeu_desktop.core.errors import InvalidTransition

if TYPE_CHECKING:
    from pigmeu_desktop.core.models import ErrorInfo, Submission


class Status(StrEnum):
    QUEUED = "queued"
    SCRAPING = "scraping"
    SCRAPED = "scraped"
    DRAFTING = "drafting"
    DRAFTED = "drafted"
    APPROVED = "approved"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"


class Step(StrEnum):
    SCRAPE = "scrape"
    DRAFT = "draft"
    PUBLISH = "publish"


# The working state each step holds under a lease, and where an interrupted step goes back to.
WORKING_STATE = {Step.SCRAPE: Status.SCRAPING, Step.DRAFT: Status.DRAFTING, Step.PUBLISH: Status.PUBLISHING}
STEP_OF_WORKING = {v: k for k, v in WORKING_STATE.items()}
START_OF_STEP = {Step.SCRAPE: Status.QUEUED, Step.DRAFT: Status.SCRAPED, Step.PUBLISH: Status.APPROVED}
WORKING_STATES = frozenset(WORKING_STATE.values())

S = Status
ALLOWED: dict[Status, frozenset[Status]] = {
    S.QUEUED: frozenset({S.SCRAPING}),
    S.SCRAPING: frozenset({S.SCRAPED, S.FAILED, S.QUEUED}),
    # A scraped item may be scraped again (the editor asks for fresh data) or drafted.
    S.SCRAPED: frozenset({S.DRAFTING, S.QUEUED}),
    S.DRAFTING: frozenset({S.DRAFTED, S.FAILED, S.SCRAPED}),
    # Regenerating goes back through drafting; an item can be re-scraped until it is approved.
    S.DRAFTED: frozenset({S.APPROVED, S.DRAFTING, S.QUEUED}),
    S.APPROVED: frozenset({S.PUBLISHING, S.DRAFTED, S.DRAFTING}),
    # publishing → approved is the way back when a lease expires or the editor cancels.
    S.PUBLISHING: frozenset({S.PUBLISHED, S.FAILED, S.APPROVED}),
    # A published post can be updated (publishing again) or reworked (regenerated, then re-approved).
    S.PUBLISHED: frozenset({S.PUBLISHING, S.DRAFTING, S.DRAFTED}),
    S.FAILED: frozenset({S.QUEUED, S.SCRAPED, S.APPROVED}),
}


def can_transition(current: Status, target: Status) -> bool:
    return target in ALLOWED[current]


def transition(
    submission: Submission,
    target: Status,
    *,
    now: datetime | None = None,
    error: ErrorInfo | None = None,
) -> Submission:
    """Return a copy of `submission` moved to `target`; raise InvalidTransition if the move is illegal.

    Leaving a working state drops the lease; entering `failed` needs the error that caused it;
    any other move clears the previous error.
    """
    from pigmeu_desktop.core.models import utcnow

    current = Status(submission.status)
    if not can_transition(current, target):
        raise InvalidTransition(
            f"Cannot move an item from '{current}' to '{target}'.",
            current=str(current),
            target=str(target),
        )
    if target is Status.FAILED and error is None:
        raise InvalidTransition("A failed item needs the error that caused it.")
    update: dict = {"status": target, "updated_at": now or utcnow()}
    update["error"] = error if target is Status.FAILED else None
    if target not in WORKING_STATES:
        update["lease"] = None
    return submission.model_copy(update=update)


def can_start(submission: Submission, step: Step) -> bool:
    """Can `step` start on the item: its working state is one move away, or two through the step's start
    (a failed item through the start of the step that failed)? The step runner routes it that way."""
    current = Status(submission.status)
    working = WORKING_STATE[step]
    if can_transition(current, working):
        return True
    if current is Status.FAILED:
        if submission.error is None:
            return False
        via = START_OF_STEP[Step(submission.error.step)]
    else:
        via = START_OF_STEP[step]
    return can_transition(current, via) and can_transition(via, working)


def retry_target(submission: Submission) -> Status:
    """Where a failed item goes back to: the start of the step that failed."""
    if submission.status is not Status.FAILED or submission.error is None:
        raise InvalidTransition("Only a failed item can be retried.", current=str(submission.status))
    return START_OF_STEP[Step(submission.error.step)]


def interrupted_target(status: Status) -> Status:
    """Where an item held in a working state goes when its lease expired (crash, kill) or it is cancelled."""
    return START_OF_STEP[STEP_OF_WORKING[status]]


# The editor's sign-off. Only a finished draft is approved: an item whose scrape failed has nothing to
# approve (approving it lost the scrape error at publish). A published post being revised goes back to
# drafted and is approved again (its post is updated, never duplicated).
APPROVABLE = frozenset({Status.DRAFTED, Status.PUBLISHED})


def can_approve(submission: Submission) -> bool:
    return submission.draft is not None and Status(submission.status) in APPROVABLE


def approve(submission: Submission, *, now: datetime | None = None) -> Submission:
    """Return a copy of `submission` moved to `approved`; InvalidTransition (with the next step) otherwise.

    The window and the CLI both approve through this function.
    """
    status = Status(submission.status)
    if not can_approve(submission):
        # The use case refuses first, with the reason and next step (operations/availability.py).
        raise InvalidTransition(
            f"Only a drafted item can be approved; this one is '{status}'.",
            current=str(status),
            target=str(Status.APPROVED),
        )
    if status is Status.PUBLISHED:
        submission = transition(submission, Status.DRAFTED, now=now)
    return transition(submission, Status.APPROVED, now=now)
