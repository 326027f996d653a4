"""The embedded store: SQLite in WAL mode, one writer thread, reader threads, an async API."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from pigmeu_desktop.core.errors import ErrorCode, NoSuchItem, PigmeuError, StoreConflict, StoreError
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import (
    ActivityEntry,
    AddOutcome,
    AddResult,
    ChangeKind,
    ChangeListener,
    NewLink,
    SubmissionSummary,
)
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.services.storage.changes import ChangeHub
from pigmeu_desktop.services.storage.migrations import migrate

log = logging.getLogger("pigmeu.storage")

T = TypeVar("T")

SUMMARY_COLUMNS = (
    "id, amazon_url, asin, marketplace, status, title, updated_at, created_at, error_code, version"
)
# Shortest id prefix accepted where an id is expected (the CLI shows 8 characters).
MIN_PREFIX = 4


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves so a write takes the lock up front
    # instead of failing half-way with SQLITE_BUSY when another process writes.
    # check_same_thread=False only so close() can close every connection after the pools stopped;
    # while the store is open each connection is used by the one pool thread that created it.
    conn = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives a killed process (the WAL is replayed); only power loss may drop the tail.
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def _refuse_empty_file(path: Path) -> None:
    """A 0-byte database is a damaged one (a new database has its header from its first moment, WAL on):
    taking it for a new empty queue would hide that the queue was lost."""
    try:
        empty = path.stat().st_size == 0
        wal = path.with_name(path.name + "-wal")
        empty = empty and not (wal.exists() and wal.stat().st_size > 0)
    except OSError:
        return  # missing (a new database) or unreadable: sqlite3 reports the latter itself
    if empty:
        raise StoreError(
            f"The database file {path} is empty (0 bytes): the queue it held is not there.",
            code=ErrorCode.STORE_UNAVAILABLE,
            next_step="Restore the file from a backup; or, to start a new empty queue, move it away "
            "and start again.",
            path=str(path),
        )


def _to_iso(value: datetime) -> str:
    return value.isoformat()


_STATUS_BY_VALUE = {s.value: s for s in Status}


def _summary(row: sqlite3.Row | tuple) -> SubmissionSummary:
    return SubmissionSummary(
        id=row[0],
        amazon_url=row[1],
        asin=row[2],
        marketplace=row[3],
        status=_STATUS_BY_VALUE[row[4]],
        title=row[5],
        updated_at=datetime.fromisoformat(row[6]),
        created_at=datetime.fromisoformat(row[7]),
        error_code=row[8],
        version=row[9],
    )


class SqliteStore:
    """SubmissionStore over one SQLite file.

    Every write goes through a single writer thread (so writes are serialised inside the process and the
    UI loop never blocks on the file lock); reads use their own connections, which WAL lets run beside
    the writer. Other processes (a CLI beside the GUI) are serialised by SQLite's own lock.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="pigmeu-sqlite-writer")
        self._readers = ThreadPoolExecutor(2, thread_name_prefix="pigmeu-sqlite-reader")
        self._changes = ChangeHub()
        self._closed = False

    @classmethod
    async def open(cls, path: Path) -> SqliteStore:
        _refuse_empty_file(Path(path))
        store = cls(path)
        try:
            from pigmeu_desktop.services.storage.migrations import backup_before_migrating

            await asyncio.to_thread(backup_before_migrating, Path(path))  # an app upgrade keeps the old file
            await store._write(lambda conn: migrate(conn))
        except BaseException:
            await store.close()
            raise
        return store

    # -- plumbing -------------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path)
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(conn)
        return conn

    async def _run(self, pool: ThreadPoolExecutor, fn: Callable[[sqlite3.Connection], T]) -> T:
        if self._closed:
            raise StoreError("The store is closed.", code=ErrorCode.STORE_UNAVAILABLE)

        def call() -> T:
            try:
                return fn(self._conn())
            except PigmeuError:
                raise
            except sqlite3.DatabaseError as exc:
                # Locked too long, disk full, unreadable file (OperationalError): "cannot be used right now";
                # any other database error: the file itself is wrong.
                what = (
                    "cannot be used"
                    if isinstance(exc, sqlite3.OperationalError)
                    else "is damaged or not a database"
                )
                raise StoreError(
                    f"The local database {what}: {exc}", code=ErrorCode.STORE_UNAVAILABLE, path=str(self.path)
                ) from exc

        return await asyncio.get_running_loop().run_in_executor(pool, call)

    async def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        return await self._run(self._readers, fn)

    async def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        def in_transaction(conn: sqlite3.Connection) -> T:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result

        return await self._run(self._writer, in_transaction)

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        return self._changes.subscribe(listener)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        loop = asyncio.get_running_loop()
        # Let queued work finish (without blocking the loop), then close every connection.
        await loop.run_in_executor(None, self._writer.shutdown, True)
        await loop.run_in_executor(None, self._readers.shutdown, True)
        with self._connections_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()

    # -- submissions ------------------------------------------------------------------------------

    async def add_links(self, links: Sequence[NewLink], *, created_by: str | None = None) -> list[AddOutcome]:
        if not links:
            return []
        now = utcnow()
        fresh = [link.new_submission(at=now, created_by=created_by) for link in links]

        def write(conn: sqlite3.Connection) -> list[AddOutcome]:
            # One IMMEDIATE transaction: look up which URLs exist, then insert the rest in bulk. Holding the
            # write lock from the start makes the look-up and the inserts atomic against other processes.
            urls = list({link.amazon_url for link in links})
            existing: dict[str, str] = {}
            for start in range(0, len(urls), 500):
                chunk = urls[start : start + 500]
                marks = ",".join("?" * len(chunk))
                existing.update(
                    conn.execute(
                        f"SELECT amazon_url, id FROM submissions WHERE amazon_url IN ({marks})", chunk
                    )
                )
            outcomes: list[AddOutcome] = []
            rows, history = [], []
            stamp = _to_iso(now)
            for link, sub in zip(links, fresh, strict=False):
                known = existing.get(link.amazon_url)
                if known is not None:
                    outcomes.append(AddOutcome(link, AddResult.DUPLICATE, known))
                    continue
                existing[link.amazon_url] = sub.id
                outcomes.append(AddOutcome(link, AddResult.ADDED, sub.id))
                rows.append(
                    (
                        sub.id,
                        sub.amazon_url,
                        sub.asin,
                        sub.marketplace,
                        str(sub.status),
                        stamp,
                        stamp,
                        sub.version,
                        sub.model_dump_json(by_alias=True),
                    )
                )
                history.append((sub.id, stamp, "added", json.dumps({"source_url": link.source_url})))
            conn.executemany(
                "INSERT INTO submissions (id, amazon_url, asin, marketplace, status, created_at, updated_at, version,"
                " doc) VALUES (?,?,?,?,?,?,?,?,?)",
                rows,
            )
            conn.executemany(
                "INSERT INTO activity (submission_id, at, event, data) VALUES (?,?,?,?)", history
            )
            return outcomes

        outcomes = await self._write(write)
        self._changes.notify(ChangeKind.ADDED, [o.id for o in outcomes if o.result is AddResult.ADDED])
        return outcomes

    def _resolve_id(self, conn: sqlite3.Connection, submission_id: str) -> str:
        row = conn.execute("SELECT id FROM submissions WHERE id = ?", (submission_id,)).fetchone()
        if row:
            return row[0]
        if len(submission_id) >= MIN_PREFIX and all(c in "0123456789abcdef" for c in submission_id.lower()):
            rows = conn.execute(
                "SELECT id FROM submissions WHERE id >= ? AND id < ? LIMIT 2",
                (submission_id.lower(), submission_id.lower() + "g"),
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
            if len(rows) > 1:
                raise NoSuchItem(
                    f"The id '{submission_id}' matches more than one item; give more characters.",
                    code=ErrorCode.INVALID_INPUT,
                )
        raise NoSuchItem(f"No item with id '{submission_id}'.", id=submission_id)

    async def get(self, submission_id: str) -> Submission:
        def read(conn: sqlite3.Connection) -> Submission:
            real_id = self._resolve_id(conn, submission_id)
            doc = conn.execute("SELECT doc FROM submissions WHERE id = ?", (real_id,)).fetchone()[0]
            # Validated on the reader thread: a document with many revisions takes milliseconds.
            return Submission.model_validate_json(doc)

        return await self._read(read)

    async def find_by_url(self, amazon_url: str) -> Submission | None:
        def read(conn: sqlite3.Connection) -> Submission | None:
            row = conn.execute("SELECT doc FROM submissions WHERE amazon_url = ?", (amazon_url,)).fetchone()
            return Submission.model_validate_json(row[0]) if row else None

        return await self._read(read)

    async def list_summaries(
        self, *, status: Status | None = None, limit: int | None = None, offset: int = 0
    ) -> list[SubmissionSummary]:
        sql = f"SELECT {SUMMARY_COLUMNS} FROM submissions"
        params: list[Any] = []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(str(status))
        # rowid breaks ties in paste order (a paste shares one created_at).
        sql += " ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
        # Rows become summaries on the reader thread, so a 10,000-row list costs the UI loop nothing.
        return await self._read(lambda conn: [_summary(r) for r in conn.execute(sql, params)])

    async def count(self, *, status: Status | None = None) -> int:
        if status is None:
            return await self._read(lambda c: c.execute("SELECT COUNT(*) FROM submissions").fetchone()[0])
        return await self._read(
            lambda c: c.execute(
                "SELECT COUNT(*) FROM submissions WHERE status = ?", (str(status),)
            ).fetchone()[0]
        )

    async def save(self, submission: Submission, *, activity: ActivityEntry | None = None) -> Submission:
        saved = submission.model_copy(update={"version": submission.version + 1, "updated_at": utcnow()})
        error_code = saved.error.code if saved.error else None

        def write(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE submissions SET amazon_url=?, asin=?, marketplace=?, status=?, title=?, updated_at=?,"
                " version=?, error_code=?, doc=? WHERE id=? AND version=?",
                (
                    saved.amazon_url,
                    saved.asin,
                    saved.marketplace,
                    str(saved.status),
                    saved.title,
                    _to_iso(saved.updated_at),
                    saved.version,
                    error_code,
                    saved.model_dump_json(by_alias=True),
                    saved.id,
                    submission.version,
                ),
            )
            if cur.rowcount == 1:
                if activity is not None:  # same transaction: a status change never lacks its history line
                    _insert_activity(conn, activity)
                return
            row = conn.execute("SELECT version FROM submissions WHERE id = ?", (submission.id,)).fetchone()
            if row is None:
                raise NoSuchItem(
                    f"No item with id '{submission.id}'; it may have been deleted.", id=submission.id
                )
            raise StoreConflict(
                "This item was changed elsewhere since it was loaded.",
                id=submission.id,
                expected_version=submission.version,
                stored_version=row[0],
            )

        await self._write(write)
        self._changes.notify(ChangeKind.UPDATED, [saved.id])
        return saved

    async def delete(self, submission_id: str) -> None:
        def write(conn: sqlite3.Connection) -> str:
            real_id = self._resolve_id(conn, submission_id)
            conn.execute("DELETE FROM submissions WHERE id = ?", (real_id,))
            conn.execute("DELETE FROM activity WHERE submission_id = ?", (real_id,))
            return real_id

        real_id = await self._write(write)
        self._changes.notify(ChangeKind.DELETED, [real_id])

    async def check_integrity(self) -> str:
        """`ok`, or SQLite's description of the damage."""
        rows = await self._read(lambda c: c.execute("PRAGMA integrity_check").fetchall())
        return "; ".join(r[0] for r in rows)

    # -- activity --------------------------------------------------------------------------------

    async def add_activity(self, entry: ActivityEntry) -> None:
        await self._write(lambda conn: _insert_activity(conn, entry))

    async def list_activity(self, submission_id: str) -> list[ActivityEntry]:
        rows = await self._read(
            lambda c: c.execute(
                "SELECT submission_id, at, event, step, code, message, data FROM activity"
                " WHERE submission_id = ? ORDER BY seq",
                (submission_id,),
            ).fetchall()
        )
        return [
            ActivityEntry(
                r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], json.loads(r[6] or "{}")
            )
            for r in rows
        ]

    # -- other collections ------------------------------------------------------------------------

    async def get_document(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        row = await self._read(
            lambda c: c.execute(
                "SELECT doc FROM documents WHERE collection = ? AND id = ?", (collection, doc_id)
            ).fetchone()
        )
        return json.loads(row[0]) if row else None

    async def list_documents(self, collection: str) -> list[dict[str, Any]]:
        rows = await self._read(
            lambda c: c.execute(
                "SELECT doc FROM documents WHERE collection = ? ORDER BY id", (collection,)
            ).fetchall()
        )
        return [json.loads(r[0]) for r in rows]

    async def put_document(self, collection: str, doc: dict[str, Any]) -> None:
        if not doc.get("_id"):
            raise StoreError("A document needs an _id.", code=ErrorCode.INVALID_INPUT)
        payload = json.dumps(doc, ensure_ascii=False, default=str)
        await self._write(
            lambda conn: conn.execute(
                "INSERT INTO documents (collection, id, version, doc) VALUES (?,?,?,?)"
                " ON CONFLICT(collection, id) DO UPDATE SET version = excluded.version, doc = excluded.doc",
                (collection, str(doc["_id"]), int(doc.get("version", 0) or 0), payload),
            )
        )

    async def insert_document(self, collection: str, doc: dict[str, Any]) -> None:
        if not doc.get("_id"):
            raise StoreError("A document needs an _id.", code=ErrorCode.INVALID_INPUT)
        payload = json.dumps(doc, ensure_ascii=False, default=str)

        def insert(conn: sqlite3.Connection) -> None:
            try:
                conn.execute(
                    "INSERT INTO documents (collection, id, version, doc) VALUES (?,?,?,?)",
                    (collection, str(doc["_id"]), int(doc.get("version", 0) or 0), payload),
                )
            except sqlite3.IntegrityError:
                raise StoreConflict(
                    f"'{doc['_id']}' was written by someone else first.", collection=collection
                ) from None

        await self._write(insert)


def _insert_activity(conn: sqlite3.Connection, entry: ActivityEntry) -> None:
    conn.execute(
        "INSERT INTO activity (submission_id, at, event, step, code, message, data) VALUES (?,?,?,?,?,?,?)",
        (
            entry.submission_id,
            _to_iso(entry.at),
            entry.event,
            entry.step,
            entry.code,
            entry.message,
            json.dumps(entry.data, default=str),
        ),
    )
