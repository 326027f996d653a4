"""The queue's controls: retry a failed or stopped item, stop one step, stop everything, lift a captcha."""

from __future__ import annotations

from pigmeu_desktop.core.errors import ErrorCode, StoreConflict
from pigmeu_desktop.core.models import ErrorInfo, Submission, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, JobControl, SubmissionStore
from pigmeu_desktop.core.states import STEP_OF_WORKING, WORKING_STATES, Status, retry_target, transition
from pigmeu_desktop.operations.availability import Action, raise_if_refused, refusal


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
    raise_if_refused(refusal(Action.RETRY, sub, jobs=jobs))
    if sub.status is Status.FAILED:
        entry = ActivityEntry(sub.id, utcnow(), "retried", message=editor or None)
        sub = await store.save(transition(sub, retry_target(sub)), activity=entry)
    if jobs is not None:
        jobs.release(sub.id)
    return sub


async def stop(
    store: SubmissionStore,
    submission_id: str,
    *,
    editor: str | None = None,
    jobs: JobControl | None = None,
    running_here: bool = False,
) -> Submission:
    """Stop the step running on one item; it waits for a retry. invalid_transition when nothing runs.

    A step this process runs (`jobs`) is cancelled: its page or stream closes, the item goes back to
    the step's start and is held until Retry. A step another process runs (`pigmeu run`, another app)
    cannot be reached: the item is taken from it and marked failed with `cancelled`, which Retry
    undoes; that process finds its lease gone at its next renewal and drops its result.
    """
    for _ in range(3):
        sub = await store.get(submission_id)
        raise_if_refused(refusal(Action.STOP, sub, jobs=jobs, running_here=running_here))
        if jobs is not None and jobs.cancel(sub.id):
            return sub
        if sub.status not in WORKING_STATES:  # started here but not saved yet: the cancel above held it
            return sub
        step = STEP_OF_WORKING[sub.status].value
        info = ErrorInfo(step=step, code=ErrorCode.CANCELLED.value, message="Stopped by the editor.")
        entry = ActivityEntry(sub.id, utcnow(), "stopped", step=step, message=editor or None)
        try:
            return await store.save(transition(sub, Status.FAILED, error=info), activity=entry)
        except StoreConflict:
            continue  # the step saved meanwhile (progress, or its end): read it again
    raise StoreConflict(
        f"Item {submission_id[:8]} kept changing while it was being stopped.",
        next_step="Try again.",
    )


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
