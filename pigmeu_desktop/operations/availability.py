"""Which action an item allows now, and if not, why: the window's enabled actions and the CLI's refusals.

One rule per action. `refusal()` answers None (allowed) or a `Refusal`: a stable `reason` the window turns
into a translated tooltip, and the coded error (English message, next step) the use case raises and the
CLI prints. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pigmeu_desktop.core import states
from pigmeu_desktop.core.errors import ErrorCode, InvalidTransition
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import JobControl
from pigmeu_desktop.core.states import WORKING_STATES, Status, Step
from pigmeu_desktop.services.wordpress.hashing import changed_since_publish


class Action(StrEnum):
    APPROVE = "approve"
    RETRY = "retry"
    STOP = "stop"
    DELETE = "delete"
    PUBLISH = "publish"
    DRAFT = "draft"
    SCRAPE = "scrape"


class Reason(StrEnum):
    """Why an action is refused; the window has one translated sentence for each."""

    NOT_DRAFTED = "not_drafted"
    UNCHANGED_SINCE_PUBLISH = "unchanged_since_publish"
    NOT_FAILED = "not_failed"
    NOTHING_RUNNING = "nothing_running"
    RUNNING_ELSEWHERE = "running_elsewhere"
    NOT_APPROVED = "not_approved"
    NOT_SCRAPED = "not_scraped"
    STEP_NOT_POSSIBLE = "step_not_possible"


@dataclass(frozen=True, slots=True)
class Refusal:
    """An action the item does not allow now: why (`reason`), and the error the use case raises."""

    action: Action
    reason: Reason
    status: Status
    message: str
    next_step: str = ""
    code: ErrorCode = ErrorCode.INVALID_TRANSITION

    def error(self) -> InvalidTransition:
        return InvalidTransition(
            self.message, code=self.code, next_step=self.next_step or None, current=self.status.value
        )


def refusal(
    action: Action,
    sub: Submission,
    *,
    jobs: JobControl | None = None,
    running_here: bool = False,
    force: bool = False,
) -> Refusal | None:
    """None when `sub` allows `action` now, else why not. `jobs` is this process's queue (an item it
    holds, the editor stopped: it can be retried, not stopped again); `running_here` says a step runs
    on the item in this process (before its status shows it); `force` is a delete the editor confirmed."""
    status = Status(sub.status)
    held = jobs is not None and jobs.is_held(sub.id)

    def refuse(reason: Reason, message: str, next_step: str = "") -> Refusal:
        return Refusal(action, reason, status, message, next_step)

    short = sub.id[:8]
    if action is Action.APPROVE:
        if status is Status.PUBLISHED and sub.draft is not None and not changed_since_publish(sub):
            return refuse(
                Reason.UNCHANGED_SINCE_PUBLISH,
                "The draft has not changed since it was published.",
                f"Edit the draft first, or run `pigmeu publish {short}` to send it again.",
            )
        if not states.can_approve(sub):
            return refuse(
                Reason.NOT_DRAFTED,
                f"Only a drafted item can be approved; this one is '{status}'"
                + ("" if sub.draft is not None else " and has no draft")
                + ".",
                _approve_next_step(status),
            )
    elif action is Action.RETRY:
        if status is not Status.FAILED and not held:
            return refuse(
                Reason.NOT_FAILED, f"Only a failed or stopped item can be retried; this one is '{status}'."
            )
    elif action is Action.STOP:
        if held or not (running_here or status in WORKING_STATES):
            return refuse(
                Reason.NOTHING_RUNNING,
                f"Nothing is running on item {short}; it is '{status}'.",
                "Only a step that is running can be stopped (scraping, drafting or publishing).",
            )
    elif action is Action.DELETE:
        leased = status in WORKING_STATES and sub.lease is not None and sub.lease.until > utcnow()
        if leased and not running_here and not force:
            return refuse(
                Reason.RUNNING_ELSEWHERE,
                f"Item {short} is {status} right now.",
                "Wait for the step to finish or cancel it, or use --force.",
            )
    elif action is Action.PUBLISH:
        retry = status is Status.FAILED and sub.error is not None and sub.error.step == Step.PUBLISH.value
        if status not in (Status.APPROVED, Status.PUBLISHED) and not retry:
            return refuse(
                Reason.NOT_APPROVED,
                f"Only approved items can be published; this one is '{status}'.",
                f"Review the draft and run `pigmeu approve {short}` first.",
            )
    elif action is Action.DRAFT and sub.book is None:
        return refuse(Reason.NOT_SCRAPED, "This item has no scraped book data yet.", "Scrape the item first.")
    if action in (Action.DRAFT, Action.SCRAPE) and not states.can_start(sub, Step(action.value)):
        return refuse(Reason.STEP_NOT_POSSIBLE, f"Cannot {action} an item that is '{status}'.")
    return None


def raise_if_refused(refused: Refusal | None) -> None:
    """Raise the coded error (invalid_transition) of a refusal, if there is one."""
    if refused is not None:
        raise refused.error()


def _approve_next_step(status: Status) -> str:
    if status is Status.APPROVED:
        return "It is already approved: the queue publishes it."
    if status is Status.FAILED:
        return "Retry the failed step first; approve once the draft is written."
    return "Wait until the item is drafted, review the draft, then approve it."
