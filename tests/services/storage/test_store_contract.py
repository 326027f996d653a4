"""The store contract, run against every backend: SQLite, and MongoDB through the real PyMongo async driver
over TCP — against the nx-27017 wire-protocol server the session starts, or a real MongoDB when
PIGMEU_TEST_MONGODB_URI is set."""

from __future__ import annotations

import asyncio
import logging

import pytest
import pytest_asyncio

from pigmeu_desktop.core.errors import ErrorCode, NoSuchItem, StoreConflict, StoreError
from pigmeu_desktop.core.models import Book, Lease, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, AddResult, ChangeKind, NewLink
from pigmeu_desktop.core.states import Status, transition

BACKENDS = ["sqlite", "mongodb"]


def link(asin: str) -> NewLink:
    return NewLink(f"https://www.amazon.com.br/dp/{asin}", asin, "amazon.com.br", f"pasted {asin}")


@pytest_asyncio.fixture(params=BACKENDS)
async def store(request, tmp_path):
    if request.param == "sqlite":
        from pigmeu_desktop.services.storage.sqlite_store import SqliteStore

        s = await SqliteStore.open(tmp_path / "contract.sqlite3")
    else:
        from pigmeu_desktop.services.storage.mongo_store import MongoStore

        backend = request.getfixturevalue("mongo_backend")
        s = await MongoStore.open(backend.client(), backend.database())
    yield s
    await s.close()


@pytest.mark.asyncio
async def test_add_is_ordered_and_deduplicated(store):
    outcomes = await store.add_links([link("8565042472"), link("B0011UCPM4"), link("8565042472")])
    assert [o.result for o in outcomes] == [AddResult.ADDED, AddResult.ADDED, AddResult.DUPLICATE]
    assert outcomes[2].id == outcomes[0].id
    assert (await store.add_links([link("B0011UCPM4")]))[0].id == outcomes[1].id
    assert await store.count() == 2


@pytest.mark.asyncio
async def test_round_trip_keeps_every_field(store):
    (outcome,) = await store.add_links([link("8565042472")], created_by="Ana")
    sub = await store.get(outcome.id)
    lease = Lease(owner="here", until=utcnow())
    sub = transition(sub, Status.SCRAPING).model_copy(update={"lease": lease, "book": Book(title="Livro")})
    saved = await store.save(sub)
    again = await store.get(outcome.id)
    assert again.model_dump() == saved.model_dump()
    assert again.created_by == "Ana" and again.lease.until == lease.until


@pytest.mark.asyncio
async def test_optimistic_versions(store):
    (outcome,) = await store.add_links([link("8565042472")])
    base = await store.get(outcome.id)
    results = await asyncio.gather(
        *(store.save(base.model_copy(update={"book": Book(title=f"t{i}")})) for i in range(5)),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, StoreConflict) for r in results if isinstance(r, Exception))
    winner = next(r for r in results if not isinstance(r, Exception))
    assert (await store.get(outcome.id)).book.title == winner.book.title


@pytest.mark.asyncio
async def test_list_filter_prefix_delete_and_events(store):
    changes = []
    store.subscribe(changes.append)
    outcomes = await store.add_links([link("8565042472"), link("B0011UCPM4")])
    sub = await store.get(outcomes[0].id[:8])
    await store.save(transition(sub, Status.SCRAPING))
    assert [r.asin for r in await store.list_summaries(status=Status.SCRAPING)] == ["8565042472"]
    assert await store.count(status=Status.QUEUED) == 1
    assert len(await store.list_summaries(limit=1)) == 1
    await store.delete(outcomes[1].id)
    with pytest.raises(NoSuchItem) as info:
        await store.get(outcomes[1].id)
    assert info.value.code is ErrorCode.NO_SUCH_ITEM
    assert [c.kind for c in changes] == [ChangeKind.ADDED, ChangeKind.UPDATED, ChangeKind.DELETED]


@pytest.mark.asyncio
async def test_a_save_records_its_history_line_only_when_it_is_written(store):
    (outcome,) = await store.add_links([link("8565042472")])
    base = await store.get(outcome.id)
    started = ActivityEntry(outcome.id, utcnow(), "step_finished", "scrape")
    await store.save(transition(base, Status.SCRAPING), activity=started)
    stale = ActivityEntry(outcome.id, utcnow(), "step_failed", "scrape", "network", "lost the race")
    with pytest.raises(StoreConflict):
        await store.save(transition(base, Status.SCRAPING), activity=stale)  # base's version is old now
    assert [a.event for a in await store.list_activity(outcome.id)] == ["added", "step_finished"]


@pytest.mark.asyncio
async def test_activity_and_documents(store):
    (outcome,) = await store.add_links([link("8565042472")])
    await store.add_activity(
        ActivityEntry(outcome.id, utcnow(), "step_failed", "scrape", "captcha", "bot check")
    )
    assert [(a.event, a.code) for a in await store.list_activity(outcome.id)] == [
        ("added", None),
        ("step_failed", "captcha"),
    ]
    await store.put_document("prompts", {"_id": "review", "version": 1, "system": "a"})
    await store.put_document("prompts", {"_id": "review", "version": 2, "system": "b"})
    assert (await store.get_document("prompts", "review"))["system"] == "b"
    assert [d["_id"] for d in await store.list_documents("prompts")] == ["review"]
    assert await store.check_integrity() == "ok"


@pytest.mark.asyncio
async def test_a_document_with_a_dollar_field_is_stored_and_replaced(store):
    """The shipped content schema has a top-level `$schema`: MongoDB takes it in inserts, not replacements."""
    await store.put_document("content_schemas", {"_id": "s", "version": 1, "$schema": "https://x/1"})
    await store.put_document("content_schemas", {"_id": "s", "version": 2, "$schema": "https://x/2"})
    doc = await store.get_document("content_schemas", "s")
    assert (doc["version"], doc["$schema"]) == (2, "https://x/2")


@pytest.mark.asyncio
async def test_seeding_a_fresh_database_and_again(store):
    from pigmeu_desktop.paths import resources_dir
    from pigmeu_desktop.services.storage.seed import seed_defaults, shipped_documents

    shipped = shipped_documents(resources_dir())
    assert await seed_defaults(store, resources_dir()) == len(shipped)
    assert await seed_defaults(store, resources_dir()) == 0
    schema = await store.get_document("content_schemas", "book-review")
    assert schema["$schema"].startswith("https://json-schema.org/")


@pytest.mark.asyncio
async def test_insert_document_never_overwrites(store):
    version = {"_id": "review@v2", "doc_id": "review", "version": 2, "author": "Ana"}
    await store.insert_document("prompt_versions", version)
    results = await asyncio.gather(
        *(store.insert_document("prompt_versions", {**version, "author": f"b{i}"}) for i in range(3)),
        return_exceptions=True,
    )
    assert all(isinstance(r, StoreConflict) for r in results)
    assert (await store.get_document("prompt_versions", "review@v2"))["author"] == "Ana"
    assert "_id" in version and set(version) == {"_id", "doc_id", "version", "author"}


@pytest.mark.asyncio
async def test_a_database_that_is_down_is_store_unavailable():
    """A real client pointed at a closed port: the honest "database down"."""
    import socket

    from pigmeu_desktop.services.storage.mongo_client import new_client
    from pigmeu_desktop.services.storage.mongo_store import MongoStore

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again when the block ends: nothing listens there
    client = new_client(f"mongodb://127.0.0.1:{port}/", serverSelectionTimeoutMS=300, connectTimeoutMS=300)
    try:
        with pytest.raises(StoreError) as info:
            await MongoStore.open(client, "pigmeu")
        assert info.value.code is ErrorCode.STORE_UNAVAILABLE
        assert info.value.next_step
    finally:
        await client.close()


@pytest.mark.asyncio
async def test_a_refused_write_logs_what_the_server_said(mongo_backend, caplog):
    """A write the server refuses: the user gets store_unavailable, the log gets the server's own words."""
    from pigmeu_desktop.services.storage.mongo_store import MongoStore

    store = await MongoStore.open(mongo_backend.client(), mongo_backend.database())
    try:
        sub_collection = store._db["submissions"]
        with caplog.at_level(logging.WARNING, logger="pigmeu.storage"), pytest.raises(StoreError) as info:
            # A duplicate _id: a refusal the server words itself.
            await sub_collection.insert_one({"_id": "x"})
            await store._guard(sub_collection.insert_one({"_id": "x"}))
        assert info.value.code is ErrorCode.STORE_UNAVAILABLE
        said = info.value.__cause__.details["errmsg"]
        assert said and said in " ".join(r.getMessage() for r in caplog.records)
        assert said in info.value.message
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_team_mode_without_an_address_says_what_to_do(tmp_path):
    from pigmeu_desktop.app import Services
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.schema import Settings

    services = Services(AppPaths.under(tmp_path).ensure(), Settings(team_mode=True), env={})
    with pytest.raises(StoreError) as info:
        await services.store()
    assert info.value.code is ErrorCode.STORE_UNAVAILABLE and "MongoDB" in info.value.next_step


@pytest.mark.asyncio
async def test_a_retry_planned_from_an_older_version_is_dropped_on_every_backend(store):
    """The step runner's rule for planned retries holds on each store: it compares status and version as
    the store reports them, writes one history line, and leaves the item exactly as the other writer did."""
    from types import SimpleNamespace

    from pigmeu_desktop.core.models import ErrorInfo
    from pigmeu_desktop.core.states import Step
    from pigmeu_desktop.jobs.steps import EVENT_DROPPED, Expected, StepOutdated, run_step

    (outcome,) = await store.add_links([link("8565042472")])
    sub = await store.get(outcome.id)
    error = ErrorInfo(step="scrape", code="network", message="offline")
    failed = await store.save(transition(transition(sub, Status.SCRAPING), Status.FAILED, error=error))
    planned = Expected.of(failed)
    # Another writer moves the item on before the retry fires.
    moved = await store.save(failed.model_copy(update={"status": Status.QUEUED, "error": None}))
    ran = []

    async def work(services, submission, *, progress):
        ran.append(submission.id)
        return submission

    async def the_store():
        return store

    with pytest.raises(StoreConflict) as caught:
        await run_step(
            SimpleNamespace(store=the_store), failed.id, Step.SCRAPE, work, owner="late", expected=planned
        )
    assert isinstance(caught.value, StepOutdated) and ran == []
    after = await store.get(failed.id)
    assert after.status is Status.QUEUED and after.version == moved.version
    assert [a.event for a in await store.list_activity(failed.id)][-1] == EVENT_DROPPED
