"""The queue's controls: retry a failed or stopped item, stop one step, stop everything, lift a captcha."""

from __future__ import annotations

from pigmeu_desktop.core.errors import ErrorCode
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, JobControl, SubmissionStore
from pigmeu_desktop.core.states import Status, retry_target, transition
from pigmeu_desktop.operations.availability import Action, refusal, require


def can_retry(sub: Submission, jobs: JobControl | None = None) -> bool:
    """A failed item can be retried; so can one the editor stopped in this process (held by `jobs`)."""
    return refusal(Action.RETRY, sub, jobs=jobs) is None


async def retry(
    store: SubmissionStore,
    submission_id: str,
    *,
    editor: str | None = None,
    jobs: JobControl | None = None,
) -> Submission:
    """Put a failed item back at the start of the step that failed (and let `jobs` take a stopped one
    again); the queue picks it up from there. invalid_transition for anything else."""
    sub = await store.get(submission_id)
    require(Action.RETRY, sub, jobs=jobs)
    if sub.status is Status.FAILED:
        entry = ActivityEntry(sub.id, utcnow(), "retried", message=editor or None)
        sub = await store.save(transition(sub, retry_target(sub)), activity=entry)
    if jobs is not None:
        jobs.release(sub.id)
    return sub


def stop(jobs: JobControl, submission_id: str) -> bool:
    """Stop the step running on one item (it goes back to its step's start and waits for a retry).
    Returns whether anything was running or waiting."""
    return jobs.cancel(submission_id)


def stop_all(jobs: JobControl) -> int:
    """Stop every running step and pause the queue; returns how many jobs were stopped."""
    return jobs.cancel_all()


async def release_captcha_items(
    store: SubmissionStore, marketplace: str, *, editor: str | None = None, jobs: JobControl | None = None
) -> list[str]:
    """After the editor solved Amazon's check: every item of that store that failed on it goes again."""
    released = []
    for row in await store.list_summaries(status=Status.FAILED):
        if row.error_code == ErrorCode.CAPTCHA and row.marketplace == marketplace:
            await retry(store, row.id, editor=editor, jobs=jobs)
            released.append(row.id)
    if jobs is not None:
        jobs.request_scan()
    return released
