"""Approve: the editor's sign-off on a draft, after which the queue publishes it."""

from __future__ import annotations

from collections.abc import Sequence

from pigmeu_desktop.core import states
from pigmeu_desktop.core.checks import Check, blocking
from pigmeu_desktop.core.errors import InvalidTransition
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, SubmissionStore
from pigmeu_desktop.operations.availability import Action, raise_if_refused, refusal


def can_approve(sub: Submission) -> bool:
    """The core rule (a drafted item, or a published post under revision), and for a published post
    only when its draft changed since (the update)."""
    return refusal(Action.APPROVE, sub) is None


class ApprovalRefused(InvalidTransition):
    """A blocking check (a placeholder or merge marker left in the draft) stops the approval."""


async def approve(
    store: SubmissionStore, submission_id: str, *, editor: str | None = None, checks: Sequence[Check] = ()
) -> Submission:
    """Move an item to `approved` (a changed published post goes back through review: the queue then
    updates the post, never duplicates it) and record who approved it, in the same write.
    invalid_transition otherwise (an item whose scrape failed has nothing to approve), and while one of
    `checks` (operations.editing.draft_checks) blocks: the reason is in the message."""
    stopping = blocking(checks)
    if stopping:
        first = stopping[0]
        raise ApprovalRefused(
            f"Cannot approve: {first.params.get('text', first.key)!s} is still in the draft.",
            next_step="Write the text in place of the placeholder (the checks panel jumps there), then approve.",
            check=first.key,
        )
    sub = await store.get(submission_id)
    raise_if_refused(refusal(Action.APPROVE, sub))  # invalid_transition with the reason and the next step
    approved = states.approve(sub)
    entry = ActivityEntry(sub.id, utcnow(), "approved", message=editor or None)
    return await store.save(approved, activity=entry)
