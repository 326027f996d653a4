"""Approve: the editor's sign-off on a draft, after which the queue publishes it."""

from __future__ import annotations

from pigmeu_desktop.core.errors import InvalidTransition
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, SubmissionStore
from pigmeu_desktop.core.states import Status, can_transition, transition
from pigmeu_desktop.services.wordpress.hashing import changed_since_publish


def can_approve(sub: Submission) -> bool:
    """A finished draft can be approved; so can a published post whose draft changed since (the update)."""
    if sub.draft is None:
        return False
    return can_transition(sub.status, Status.APPROVED) or (
        sub.status is Status.PUBLISHED and changed_since_publish(sub)
    )


async def approve(store: SubmissionStore, submission_id: str, *, editor: str | None = None) -> Submission:
    """Move an item to `approved` (a changed published post goes back through review: the queue then
    updates the post, never duplicates it) and record who approved it. invalid_transition otherwise."""
    sub = await store.get(submission_id)
    if not can_approve(sub):
        if sub.status is Status.PUBLISHED and sub.draft is not None:
            raise InvalidTransition(
                "The draft has not changed since it was published.",
                next_step=f"Edit the draft first, or run `pigmeu publish {sub.id[:8]}` to send it again.",
                current=str(sub.status),
            )
        raise InvalidTransition(
            f"Only an item with a finished draft can be approved; this one is '{sub.status}'.",
            next_step="Wait for the draft to be written, then approve it.",
            current=str(sub.status),
        )
    if sub.status is Status.PUBLISHED:
        sub = transition(sub, Status.DRAFTED)
    entry = ActivityEntry(sub.id, utcnow(), "approved", message=editor or None)
    return await store.save(transition(sub, Status.APPROVED), activity=entry)
