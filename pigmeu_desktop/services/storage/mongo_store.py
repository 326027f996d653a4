"""Team mode store: the Pigmeu server's MongoDB collections through PyMongo's async API."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.errors import BulkWriteError, DuplicateKeyError, OperationFailure, PyMongoError

from pigmeu_desktop.core.errors import ErrorCode, NoSuchItem, StoreConflict, StoreError
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import (
    ActivityEntry,
    AddOutcome,
    AddResult,
    Change,
    ChangeKind,
    ChangeListener,
    NewLink,
    SubmissionSummary,
)
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.services.storage.changes import ChangeHub

log = logging.getLogger("pigmeu.storage")

SUBMISSIONS = "submissions"
ACTIVITY = "submission_activity"
# The last two hold every saved version of a prompt or schema (never overwritten; see prompt_admin.py).
DOCUMENT_COLLECTIONS = frozenset(
    {"prompts", "content_schemas", "pipelines", "prompt_versions", "content_schema_versions"}
)
# Timestamps stored as BSON dates (as the server does) so MongoDB can sort and compare them.
TOP_LEVEL_DATES = ("created_at", "updated_at")
SUMMARY_FIELDS = {
    "amazon_url": 1,
    "asin": 1,
    "marketplace": 1,
    "status": 1,
    "updated_at": 1,
    "created_at": 1,
    "version": 1,
    "book.title": 1,
    "draft.title": 1,
    "error.code": 1,
    "lease": 1,
}
DUPLICATE_KEY = 11000
# MongoDB refuses `$`-prefixed names in a replaced document, and a JSON Schema has `$schema`, `$ref`, `$defs`:
# such names are stored with a full-width dollar (the usual MongoDB escape) and given back as written.
DOLLAR, STORED_DOLLAR = "$", "\uff04"


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def to_mongo(sub: Submission) -> dict[str, Any]:
    """The submission as a MongoDB document: JSON field names, top-level timestamps as dates."""
    doc = sub.to_doc()
    for name in TOP_LEVEL_DATES:
        doc[name] = getattr(sub, name)
    if sub.lease is not None:
        doc["lease"]["until"] = sub.lease.until
    return doc


def _escape_keys(value: Any, old: str, new: str) -> Any:
    if isinstance(value, dict):
        return {
            (new + k[len(old) :] if isinstance(k, str) and k.startswith(old) else k): _escape_keys(
                v, old, new
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_escape_keys(v, old, new) for v in value]
    return value


def document_to_mongo(doc: dict[str, Any]) -> dict[str, Any]:
    return _escape_keys(doc, DOLLAR, STORED_DOLLAR)


def document_from_mongo(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if doc is None else _escape_keys(doc, STORED_DOLLAR, DOLLAR)


def from_mongo(doc: dict[str, Any]) -> Submission:
    for name in TOP_LEVEL_DATES:
        if isinstance(doc.get(name), datetime):
            doc[name] = _aware(doc[name])
    lease = doc.get("lease")
    if isinstance(lease, dict) and isinstance(lease.get("until"), datetime):
        lease["until"] = _aware(lease["until"])
    return Submission.model_validate(doc)


def server_message(exc: Exception) -> str:
    """The server's own words for a failed command (`errmsg`), else the driver's message."""
    details = getattr(exc, "details", None)
    if isinstance(details, dict):
        errors = details.get("writeErrors") or []
        message = details.get("errmsg") or (errors[0].get("errmsg") if errors else None)
        if message:
            return str(message)
    return str(exc) or type(exc).__name__


def _summary(doc: dict[str, Any]) -> SubmissionSummary:
    title = (doc.get("draft") or {}).get("title") or (doc.get("book") or {}).get("title")
    return SubmissionSummary(
        id=str(doc["_id"]),
        amazon_url=doc["amazon_url"],
        asin=doc["asin"],
        marketplace=doc["marketplace"],
        status=Status(doc["status"]),
        title=title or None,
        updated_at=_aware(doc["updated_at"]),
        created_at=_aware(doc["created_at"]),
        error_code=(doc.get("error") or {}).get("code"),
        version=doc.get("version", 1),
        worker=_worker_of(doc.get("lease")),
    )


def _worker_of(lease: Any) -> str | None:
    """The host of a team worker holding a live lease on the item (owner "host/pid/celery-worker")."""
    from pigmeu_desktop.jobs.workers import WORKER_MARK

    if not isinstance(lease, dict) or not str(lease.get("owner", "")).endswith("/" + WORKER_MARK):
        return None
    until = lease.get("until")
    if isinstance(until, datetime) and _aware(until) <= utcnow():
        return None
    return str(lease["owner"]).split("/", 1)[0]


class MongoStore:
    """SubmissionStore over the shared `pigmeu` database (the same collections as the server).

    The client is passed in (pymongo.AsyncMongoClient in the app; any PyMongo-async-shaped client in
    tests). Every driver failure becomes `store_unavailable`, so "the database is down" reads the same
    as in embedded mode.
    """

    def __init__(self, client: Any, db_name: str) -> None:
        self._client = client
        self._db = client[db_name]
        self._changes = ChangeHub()
        self._bus: Any = None

    @classmethod
    async def open(cls, client: Any, db_name: str) -> MongoStore:
        store = cls(client, db_name)
        await store._guard(store._ensure_indexes())
        return store

    async def _ensure_indexes(self) -> None:
        submissions = self._db[SUBMISSIONS]
        await submissions.create_index([("amazon_url", ASCENDING)], unique=True)
        await submissions.create_index([("status", ASCENDING)])
        await submissions.create_index([("created_at", DESCENDING)])
        await self._db[ACTIVITY].create_index([("submission_id", ASCENDING), ("at", ASCENDING)])

    async def _guard(self, awaitable):
        try:
            return await awaitable
        except (StoreError, NoSuchItem):
            raise
        except PyMongoError as exc:
            said = server_message(exc)
            # What the server said is the only clue to a refused write: it goes to the log every time.
            log.warning("team database error %s: %s", type(exc).__name__, said)
            detail = (
                f"{type(exc).__name__}: {said}" if isinstance(exc, OperationFailure) else type(exc).__name__
            )
            raise StoreError(
                f"The team database cannot be used ({detail}).", code=ErrorCode.STORE_UNAVAILABLE
            ) from exc

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        return self._changes.subscribe(listener)

    def notify_external(self, change: Change) -> None:
        """A teammate's write, heard on the team channel: tell local listeners as if it were ours.
        No ids: anything may have changed (polled while the channel was down), views reload."""
        if change.ids:
            self._changes.notify(change.kind, change.ids)
        else:
            self._changes.notify_anything()

    @property
    def bus(self) -> Any:
        """The team change feed (RedisChangeBus), when one is attached."""
        return self._bus

    def attach_bus(self, bus: Any) -> None:
        """Keep the change bus so closing the store closes it too."""
        self._bus = bus

    async def close(self) -> None:
        if self._bus is not None:
            await self._bus.aclose()
            self._bus = None
        close = getattr(self._client, "close", None)
        if close is not None:
            result = close()
            if hasattr(result, "__await__"):
                await result

    # -- submissions ------------------------------------------------------------------------------

    async def add_links(self, links: Sequence[NewLink], *, created_by: str | None = None) -> list[AddOutcome]:
        return await self._guard(self._add_links(links, created_by))

    async def _add_links(self, links: Sequence[NewLink], created_by: str | None) -> list[AddOutcome]:
        if not links:
            return []
        submissions = self._db[SUBMISSIONS]
        urls = list({link.amazon_url for link in links})
        existing = {
            doc["amazon_url"]: str(doc["_id"])
            async for doc in submissions.find({"amazon_url": {"$in": urls}}, {"amazon_url": 1})
        }
        now = utcnow()
        fresh: list[Submission] = []
        planned: list[tuple[NewLink, str | None, Submission | None]] = []
        for link in links:
            known = existing.get(link.amazon_url)
            if known is not None:
                planned.append((link, known, None))
                continue
            sub = link.new_submission(at=now, created_by=created_by)
            existing[link.amazon_url] = sub.id
            fresh.append(sub)
            planned.append((link, None, sub))
        lost: set[str] = set()
        if fresh:
            try:
                await submissions.insert_many([to_mongo(s) for s in fresh], ordered=False)
            except BulkWriteError as exc:
                # Another editor queued some of the same books at the same moment: theirs win.
                for error in exc.details.get("writeErrors", []):
                    if error.get("code") != DUPLICATE_KEY:
                        raise
                    lost.add(fresh[error["index"]].amazon_url)
        outcomes: list[AddOutcome] = []
        for link, known, made in planned:
            if made is not None and made.amazon_url not in lost:
                outcomes.append(AddOutcome(link, AddResult.ADDED, made.id))
            else:
                if known is None:
                    doc = await submissions.find_one({"amazon_url": link.amazon_url}, {"_id": 1})
                    known = str(doc["_id"])
                outcomes.append(AddOutcome(link, AddResult.DUPLICATE, known))
        added = [o.id for o in outcomes if o.result is AddResult.ADDED]
        if added:
            await self._db[ACTIVITY].insert_many(
                [{"submission_id": i, "at": now, "event": "added", "data": {}} for i in added]
            )
        self._changes.notify(ChangeKind.ADDED, added)
        return outcomes

    async def _find_doc(self, submission_id: str) -> dict[str, Any]:
        submissions = self._db[SUBMISSIONS]
        doc = await submissions.find_one({"_id": submission_id})
        if doc is None and len(submission_id) >= 4:
            candidates = [
                d
                async for d in submissions.find(
                    {"_id": {"$regex": f"^{submission_id.lower()}[0-9a-f]*$"}}
                ).limit(2)
            ]
            if len(candidates) > 1:
                raise NoSuchItem(
                    f"The id '{submission_id}' matches more than one item; give more characters.",
                    code=ErrorCode.INVALID_INPUT,
                )
            doc = candidates[0] if candidates else None
        if doc is None:
            raise NoSuchItem(f"No item with id '{submission_id}'.", id=submission_id)
        return doc

    async def get(self, submission_id: str) -> Submission:
        if not all(c in "0123456789abcdefABCDEF" for c in submission_id):
            raise NoSuchItem(f"No item with id '{submission_id}'.", id=submission_id)
        return from_mongo(await self._guard(self._find_doc(submission_id)))

    async def find_by_url(self, amazon_url: str) -> Submission | None:
        doc = await self._guard(self._db[SUBMISSIONS].find_one({"amazon_url": amazon_url}))
        return from_mongo(doc) if doc else None

    async def list_summaries(
        self, *, status: Status | None = None, limit: int | None = None, offset: int = 0
    ) -> list[SubmissionSummary]:
        query = {"status": str(status)} if status is not None else {}
        cursor = (
            self._db[SUBMISSIONS]
            .find(query, SUMMARY_FIELDS)
            .sort([("created_at", DESCENDING), ("_id", DESCENDING)])
        )
        if offset:
            cursor = cursor.skip(offset)
        if limit is not None:
            cursor = cursor.limit(limit)

        async def collect():
            return [_summary(doc) async for doc in cursor]

        return await self._guard(collect())

    async def count(self, *, status: Status | None = None) -> int:
        query = {"status": str(status)} if status is not None else {}
        return await self._guard(self._db[SUBMISSIONS].count_documents(query))

    async def save(self, submission: Submission, *, activity: ActivityEntry | None = None) -> Submission:
        saved = submission.model_copy(update={"version": submission.version + 1, "updated_at": utcnow()})
        doc = to_mongo(saved)
        submissions = self._db[SUBMISSIONS]

        async def write() -> None:
            result = await submissions.replace_one({"_id": saved.id, "version": submission.version}, doc)
            if result.matched_count == 1:
                return
            current = await submissions.find_one({"_id": saved.id}, {"version": 1})
            if current is None:
                raise NoSuchItem(f"No item with id '{saved.id}'; it may have been deleted.", id=saved.id)
            raise StoreConflict(
                "This item was changed elsewhere since it was loaded.",
                id=saved.id,
                expected_version=submission.version,
                stored_version=current.get("version"),
            )

        try:
            await self._guard(write())
        except DuplicateKeyError as exc:  # pragma: no cover - the URL is never changed to another item's
            raise StoreConflict("Another item already has this Amazon link.", id=saved.id) from exc
        if activity is not None:
            # Right after the write that succeeded (no multi-document transaction on a lone server).
            await self.add_activity(activity)
        self._changes.notify(ChangeKind.UPDATED, [saved.id])
        return saved

    async def delete(self, submission_id: str) -> None:
        doc = await self._guard(self._find_doc(submission_id))
        real_id = str(doc["_id"])
        await self._guard(self._db[SUBMISSIONS].delete_one({"_id": real_id}))
        await self._guard(self._db[ACTIVITY].delete_many({"submission_id": real_id}))
        self._changes.notify(ChangeKind.DELETED, [real_id])

    async def check_integrity(self) -> str:
        """`ok` when the server answers a ping (MongoDB checks its own storage)."""
        await self._guard(self._client.admin.command("ping"))
        return "ok"

    # -- activity --------------------------------------------------------------------------------

    async def add_activity(self, entry: ActivityEntry) -> None:
        await self._guard(
            self._db[ACTIVITY].insert_one(
                {
                    "submission_id": entry.submission_id,
                    "at": entry.at,
                    "event": entry.event,
                    "step": entry.step,
                    "code": entry.code,
                    "message": entry.message,
                    "data": entry.data,
                }
            )
        )

    async def list_activity(self, submission_id: str) -> list[ActivityEntry]:
        async def collect():
            cursor = (
                self._db[ACTIVITY]
                .find({"submission_id": submission_id})
                .sort([("at", ASCENDING), ("_id", ASCENDING)])
            )
            return [
                ActivityEntry(
                    d["submission_id"],
                    _aware(d["at"]),
                    d["event"],
                    d.get("step"),
                    d.get("code"),
                    d.get("message"),
                    d.get("data") or {},
                )
                async for d in cursor
            ]

        return await self._guard(collect())

    # -- other collections ------------------------------------------------------------------------

    def _collection(self, name: str):
        if name not in DOCUMENT_COLLECTIONS:
            raise StoreError(f"Unknown collection '{name}'.", code=ErrorCode.INVALID_INPUT)
        return self._db[name]

    async def get_document(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        return document_from_mongo(await self._guard(self._collection(collection).find_one({"_id": doc_id})))

    async def list_documents(self, collection: str) -> list[dict[str, Any]]:
        async def collect():
            return [
                document_from_mongo(d)
                async for d in self._collection(collection).find({}).sort("_id", ASCENDING)
            ]

        return await self._guard(collect())

    async def put_document(self, collection: str, doc: dict[str, Any]) -> None:
        if not doc.get("_id"):
            raise StoreError("A document needs an _id.", code=ErrorCode.INVALID_INPUT)
        await self._guard(
            self._collection(collection).replace_one({"_id": doc["_id"]}, document_to_mongo(doc), upsert=True)
        )

    async def insert_document(self, collection: str, doc: dict[str, Any]) -> None:
        if not doc.get("_id"):
            raise StoreError("A document needs an _id.", code=ErrorCode.INVALID_INPUT)
        target = self._collection(collection)

        async def insert() -> None:
            try:
                await target.insert_one(
                    document_to_mongo(doc)
                )  # a copy: insert_one adds an _id to what it gets
            except DuplicateKeyError:
                raise StoreConflict(
                    f"'{doc['_id']}' was written by someone else first.", collection=collection
                ) from None

        await self._guard(insert())
