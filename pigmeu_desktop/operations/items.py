"""Look at and remove items: the queue's list, one item with its history, delete."""

from __future__ import annotations

from dataclasses import dataclass

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.ports import ActivityEntry, JobControl, SubmissionStore, SubmissionSummary
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.operations.availability import Action, raise_if_refused, refusal
from pigmeu_desktop.services.wordpress.hashing import changed_since_publish


def parse_status(value: str | None) -> Status | None:
    """A status name as typed (any case), None for none; invalid_input with the valid names otherwise."""
    if not value:
        return None
    try:
        return Status(value.strip().lower())
    except ValueError:
        raise PigmeuError(
            f"Unknown status '{value}'.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Use one of: " + ", ".join(s.value for s in Status),
        ) from None


async def list_items(
    store: SubmissionStore, *, status: Status | None = None, limit: int | None = None
) -> list[SubmissionSummary]:
    """The queue, newest first."""
    return await store.list_summaries(status=status, limit=limit)


@dataclass(frozen=True, slots=True)
class ItemDetails:
    """One item as the editor reads it: the document, its history, and whether the post is behind."""

    submission: Submission
    activity: list[ActivityEntry]
    changed_since_publish: bool


async def show(store: SubmissionStore, submission_id: str) -> ItemDetails:
    """One item (an id or a unique prefix of it) with its history; no_such_item when absent."""
    sub = await store.get(submission_id)
    activity = await store.list_activity(sub.id)
    return ItemDetails(sub, activity, changed_since_publish(sub))


async def delete(
    store: SubmissionStore,
    submission_id: str,
    *,
    force: bool = False,
    jobs: JobControl | None = None,
) -> Submission:
    """Remove an item from the queue (never from WordPress); returns what was removed.

    A step this process runs on it is stopped first. One another process runs (a live lease) is
    refused with invalid_transition unless `force`.
    """
    sub = await store.get(submission_id)
    ours = jobs is not None and jobs.cancel(sub.id)
    raise_if_refused(refusal(Action.DELETE, sub, running_here=ours, force=force))
    await store.delete(sub.id)
    return sub
