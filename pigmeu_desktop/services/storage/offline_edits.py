"""The team store as an editor's window sees it: saves kept on disk while MongoDB is down (save_or_queue)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, StoreError
from pigmeu_desktop.core.models import Draft, Submission
from pigmeu_desktop.core.ports import (
    ActivityEntry,
    AddOutcome,
    ChangeListener,
    NewLink,
    SubmissionStore,
    SubmissionSummary,
)
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.services.storage.outbox import Outbox, SaveOutcome, save_or_queue


class OfflineEditsStore:
    """A SubmissionStore over the team store whose `save` is `save_or_queue`.

    The editor's use cases (operations.editing.save_draft, operations.approve...) run on it unchanged:
    while the database is down a save is kept in the outbox and returned as the editor left it, and
    `get` answers with that kept copy (or the last copy read) so the open item stays editable. The
    OutboxSyncer sends the kept edits later through the store's own version check; `on_queued` pokes it.
    Everything else is the team store's.
    """

    def __init__(self, store: SubmissionStore, outbox: Outbox, *, on_queued: Callable[[], None]) -> None:
        self.inner = store
        self.outbox = outbox
        self._on_queued = on_queued
        self._last: Submission | None = None  # the item last read or saved here (the one open)
        self._bases: dict[str, Draft | None] = {}  # the draft as the database had it when saves began waiting

    def waiting(self, submission_id: str) -> bool:
        """An edit of this item is kept on this computer, not yet in the team database."""
        return self.outbox.local_copy(submission_id) is not None

    def conflicted(self, submission_id: str) -> bool:
        """The kept edit met a teammate's newer version when it was sent: the editor must choose."""
        return self.outbox.state_of(submission_id) == "conflict"

    def offline_base(self, submission_id: str) -> Draft | None:
        """The draft the kept edits started from (for a merge), when this session saw it; else None."""
        return self._bases.get(submission_id)

    def forget(self, submission_id: str) -> None:
        """The editor took the kept edit back into the window (to resolve a conflict there)."""
        self.outbox.discard(submission_id)
        self._bases.pop(submission_id, None)

    async def get(self, submission_id: str) -> Submission:
        if (kept := self.outbox.local_copy(submission_id)) is not None:
            return kept  # the newest text is this editor's, waiting here
        try:
            sub = await self.inner.get(submission_id)
        except StoreError as exc:
            last = self._last
            if exc.code is ErrorCode.STORE_UNAVAILABLE and last is not None and last.id == submission_id:
                return last
            raise
        self._last = sub
        return sub

    async def save(self, submission: Submission, *, activity: ActivityEntry | None = None) -> Submission:
        was_waiting = self.waiting(submission.id)
        outcome, saved = await save_or_queue(self.inner, self.outbox, submission, activity=activity)
        if outcome is SaveOutcome.QUEUED:
            if not was_waiting:
                last = self._last
                self._bases[submission.id] = (
                    last.draft if last is not None and last.id == submission.id else None
                )
            self._on_queued()
        self._last = saved
        return saved

    # -- the rest is the team store's --------------------------------------------------------------

    async def add_links(self, links: Sequence[NewLink], *, created_by: str | None = None) -> list[AddOutcome]:
        return await self.inner.add_links(links, created_by=created_by)

    async def find_by_url(self, amazon_url: str) -> Submission | None:
        return await self.inner.find_by_url(amazon_url)

    async def list_summaries(
        self, *, status: Status | None = None, limit: int | None = None, offset: int = 0
    ) -> list[SubmissionSummary]:
        return await self.inner.list_summaries(status=status, limit=limit, offset=offset)

    async def count(self, *, status: Status | None = None) -> int:
        return await self.inner.count(status=status)

    async def delete(self, submission_id: str) -> None:
        await self.inner.delete(submission_id)

    async def add_activity(self, entry: ActivityEntry) -> None:
        await self.inner.add_activity(entry)

    async def list_activity(self, submission_id: str) -> list[ActivityEntry]:
        return await self.inner.list_activity(submission_id)

    async def get_document(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        return await self.inner.get_document(collection, doc_id)

    async def list_documents(self, collection: str) -> list[dict[str, Any]]:
        return await self.inner.list_documents(collection)

    async def put_document(self, collection: str, doc: dict[str, Any]) -> None:
        await self.inner.put_document(collection, doc)

    async def insert_document(self, collection: str, doc: dict[str, Any]) -> None:
        await self.inner.insert_document(collection, doc)

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        return self.inner.subscribe(listener)

    async def check_integrity(self) -> str:
        return await self.inner.check_integrity()

    async def close(self) -> None:
        """The team store belongs to the app, which closes it; this view holds nothing of its own."""
