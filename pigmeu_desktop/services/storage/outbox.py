"""Edits saved while the team database is down: kept in a local file, sent when it answers again."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from pigmeu_desktop.core.errors import ErrorCode, StoreConflict, StoreError
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, SubmissionStore

log = logging.getLogger("pigmeu.storage")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending (
    submission_id TEXT PRIMARY KEY,   -- one pending edit per item: the latest local state
    base_version INTEGER NOT NULL,    -- the version the edit was made on (the conflict rule's input)
    doc TEXT NOT NULL,                -- the submission as JSON (Submission.to_doc)
    activity TEXT,                    -- the history lines to record with it, as a JSON list
    queued_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',  -- pending | conflict
    stored_version INTEGER            -- for a conflict: the version someone else wrote meanwhile
)
"""


class SaveOutcome(StrEnum):
    SAVED = "saved"  # written to the team database now
    QUEUED = "queued"  # the database is down: kept on disk, sent when it is back


@dataclass(frozen=True, slots=True)
class PendingEdit:
    submission: Submission
    base_version: int
    state: str
    stored_version: int | None


@dataclass(frozen=True, slots=True)
class SyncReport:
    sent: int
    conflicts: int
    still_pending: int
    unavailable: bool  # stopped because the database went away again


class Outbox:
    """A small SQLite file (WAL, synchronous=FULL) of edits not yet in the team database.

    A second edit of an item still pending replaces the first but keeps its base version: the edit as a
    whole was made on that version, so the conflict rule still compares against what the editor saw.
    An edit that meets a newer version when sent is kept, marked `conflict`, never written over it.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # an edit reported as kept survives a power cut
        self._db.execute(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def put(self, submission: Submission, activity: ActivityEntry | None = None) -> None:
        row = self._db.execute(
            "SELECT base_version, activity FROM pending WHERE submission_id = ? AND state = 'pending'",
            (submission.id,),
        ).fetchone()
        base = row[0] if row else submission.version
        # Every history line waits with the edit (an edit, then an approve: both reach the history).
        lines = [*_activity_lines(row[1] if row else None), *([_activity_dict(activity)] if activity else [])]
        self._db.execute(
            "INSERT OR REPLACE INTO pending (submission_id, base_version, doc, activity, queued_at, state)"
            " VALUES (?, ?, ?, ?, ?, 'pending')",
            (
                submission.id,
                base,
                json.dumps(submission.to_doc()),
                json.dumps(lines) if lines else None,
                utcnow().isoformat(),
            ),
        )

    def pending(self) -> list[PendingEdit]:
        rows = self._db.execute(
            "SELECT doc, base_version, state, stored_version FROM pending ORDER BY queued_at"
        ).fetchall()
        return [
            PendingEdit(Submission.from_doc(json.loads(doc)), base, state, stored)
            for doc, base, state, stored in rows
        ]

    def local_copy(self, submission_id: str) -> Submission | None:
        """The item as this editor left it, when an edit of it waits here (shown instead of the server's)."""
        row = self._db.execute("SELECT doc FROM pending WHERE submission_id = ?", (submission_id,)).fetchone()
        return Submission.from_doc(json.loads(row[0])) if row else None

    def state_of(self, submission_id: str) -> str | None:
        """`pending`, `conflict` (it met a newer version when sent), or None (nothing kept here)."""
        row = self._db.execute(
            "SELECT state FROM pending WHERE submission_id = ?", (submission_id,)
        ).fetchone()
        return row[0] if row else None

    def counts(self) -> tuple[int, int]:
        """(pending, conflicts)."""
        rows = dict(self._db.execute("SELECT state, COUNT(*) FROM pending GROUP BY state").fetchall())
        return rows.get("pending", 0), rows.get("conflict", 0)

    def discard(self, submission_id: str) -> None:
        """The editor reloaded a conflicting item and redid (or dropped) the change."""
        self._db.execute("DELETE FROM pending WHERE submission_id = ?", (submission_id,))

    async def sync(self, store: SubmissionStore) -> SyncReport:
        """Send pending edits in the order they were made, through the store's own version check.

        The editor may go on editing while an edit is on its way: that newer edit replaces the row, so
        only the row as it was sent is deleted; a newer one stays, now based on the version just written
        (it continues the same editor's work) and without the history lines already recorded.
        """
        sent = conflicts = 0
        for edit in self.pending():
            if edit.state != "pending":
                continue
            row = self._db.execute(
                "SELECT doc, base_version, activity, queued_at FROM pending"
                " WHERE submission_id = ? AND state = 'pending'",
                (edit.submission.id,),
            ).fetchone()
            if row is None:
                continue
            doc, base, raw_lines, queued_at = row
            lines = [_activity_entry(line) for line in _activity_lines(raw_lines)]
            first, more = (lines[0], lines[1:]) if lines else (None, [])
            submission = Submission.from_doc(json.loads(doc))
            try:
                saved = await store.save(submission.model_copy(update={"version": base}), activity=first)
            except StoreConflict as exc:
                conflicts += 1
                stored = exc.details.get("stored_version")
                self._db.execute(
                    "UPDATE pending SET state = 'conflict', stored_version = ? WHERE submission_id = ?",
                    (stored, submission.id),
                )
                log.warning("offline edit of %s met a newer version; kept for the editor", submission.id)
                continue
            except StoreError as exc:
                if exc.code is ErrorCode.STORE_UNAVAILABLE:
                    pending, _ = self.counts()
                    return SyncReport(sent, conflicts, pending, True)
                raise
            # The row as it was sent (its time alone could repeat within a millisecond).
            gone = self._db.execute(
                "DELETE FROM pending WHERE submission_id = ? AND state = 'pending' AND queued_at = ?"
                " AND doc = ? AND activity IS ?",
                (submission.id, queued_at, doc, raw_lines),
            ).rowcount
            if not gone:  # edited again while this was on its way: the newer edit builds on it
                newer = self._db.execute(
                    "SELECT activity FROM pending WHERE submission_id = ? AND state = 'pending'",
                    (submission.id,),
                ).fetchone()
                rest = _activity_lines(newer[0] if newer else None)[len(lines) :]
                self._db.execute(
                    "UPDATE pending SET base_version = ?, activity = ? WHERE submission_id = ? AND state = 'pending'",
                    (saved.version, json.dumps(rest) if rest else None, submission.id),
                )
            for entry in more:
                await store.add_activity(entry)
            sent += 1
        pending, _ = self.counts()
        if sent or conflicts:
            log.info("offline edits sent: %d, conflicts kept: %d", sent, conflicts)
        return SyncReport(sent, conflicts, pending, False)

    def _activity_of(self, submission_id: str) -> list[ActivityEntry]:
        row = self._db.execute(
            "SELECT activity FROM pending WHERE submission_id = ?", (submission_id,)
        ).fetchone()
        return [_activity_entry(data) for data in _activity_lines(row[0] if row else None)]


def _activity_entry(data: dict) -> ActivityEntry:
    return ActivityEntry(
        data["submission_id"],
        datetime.fromisoformat(data["at"]),
        data["event"],
        data.get("step"),
        data.get("code"),
        data.get("message"),
        data.get("data") or {},
    )


def _activity_dict(activity: ActivityEntry) -> dict:
    return {
        "submission_id": activity.submission_id,
        "at": activity.at.isoformat(),
        "event": activity.event,
        "step": activity.step,
        "code": activity.code,
        "message": activity.message,
        "data": activity.data,
    }


def _activity_lines(raw: str | None) -> list[dict]:
    """The stored history lines (a list; one object in files written before lists)."""
    if not raw:
        return []
    data = json.loads(raw)
    return data if isinstance(data, list) else [data]


async def save_or_queue(
    store: SubmissionStore, outbox: Outbox, submission: Submission, *, activity: ActivityEntry | None = None
) -> tuple[SaveOutcome, Submission]:
    """An editor's save: to the team database, or — while it is down — into the outbox (nothing lost).

    A conflict is raised as always (nothing silently overwritten). While edits of this item already wait
    in the outbox, this one waits behind them, so they reach the database in the order they were made.
    """
    if outbox.local_copy(submission.id) is None:
        try:
            return SaveOutcome.SAVED, await store.save(submission, activity=activity)
        except StoreConflict:
            raise
        except StoreError as exc:
            if exc.code is not ErrorCode.STORE_UNAVAILABLE:
                raise
            log.warning(
                "team database unavailable; the edit of %s is kept on disk until it is back", submission.id
            )
    outbox.put(submission, activity)
    return SaveOutcome.QUEUED, submission


class OutboxSyncer:
    """While edits wait, tries the database every `interval_s` and sends them when it answers.

    `on_status(pending, conflicts, online)` lets the window say what is happening.
    """

    def __init__(
        self,
        store: SubmissionStore,
        outbox: Outbox,
        *,
        interval_s: float = 5.0,
        on_status: Callable[[int, int, bool], None] = lambda pending, conflicts, online: None,
    ) -> None:
        self._store = store
        self._outbox = outbox
        self._interval_s = interval_s
        self._on_status = on_status
        self._task: asyncio.Task | None = None
        self._wake = asyncio.Event()
        self.online = True

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    def poke(self) -> None:
        """An edit was queued: report it and start trying."""
        self.online = False
        self._report()
        self._wake.set()

    async def _run(self) -> None:
        while True:
            pending, _ = self._outbox.counts()
            if pending:
                report = await self._outbox.sync(self._store)
                self.online = not report.unavailable
                self._report()
                if report.unavailable:
                    await asyncio.sleep(self._interval_s)
                    continue
                if report.still_pending:
                    continue  # edited again while it was being sent: that edit goes now
            self._wake.clear()
            await self._wake.wait()

    def _report(self) -> None:
        pending, conflicts = self._outbox.counts()
        self._on_status(pending, conflicts, self.online)

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
