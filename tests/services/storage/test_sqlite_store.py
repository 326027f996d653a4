"""The embedded SQLite store: de-duplication, optimistic versions, prefixes, seeding, damage and migrations."""

import asyncio
import json
import sqlite3

import pytest
import pytest_asyncio

from pigmeu_desktop.core.errors import ErrorCode, NoSuchItem, StoreConflict, StoreError
from pigmeu_desktop.core.models import Book, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, AddResult, ChangeKind, NewLink
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.services.storage.migrations import SCHEMA_VERSION
from pigmeu_desktop.services.storage.seed import seed_defaults
from pigmeu_desktop.services.storage.sqlite_store import SqliteStore


def link(asin: str, marketplace: str = "amazon.com.br") -> NewLink:
    return NewLink(f"https://www.{marketplace}/dp/{asin}", asin, marketplace, f"pasted {asin}")


@pytest_asyncio.fixture
async def store(tmp_path):
    s = await SqliteStore.open(tmp_path / "store.sqlite3")
    yield s
    await s.close()


@pytest.mark.asyncio
async def test_add_reports_added_then_duplicate_in_order(store):
    first = await store.add_links([link("8565042472"), link("B0011UCPM4"), link("8565042472")])
    assert [o.result for o in first] == [AddResult.ADDED, AddResult.ADDED, AddResult.DUPLICATE]
    assert first[2].id == first[0].id
    again = await store.add_links([link("B0011UCPM4")])
    assert again[0].result is AddResult.DUPLICATE and again[0].id == first[1].id
    assert await store.count() == 2


@pytest.mark.asyncio
async def test_documents_round_trip_with_design_field_names(store):
    (outcome,) = await store.add_links([link("8565042472")], created_by="Ana")
    sub = await store.get(outcome.id)
    doc = sub.to_doc()
    assert doc["_id"] == outcome.id and doc["amazon_url"] == "https://www.amazon.com.br/dp/8565042472"
    assert doc["status"] == "queued" and doc["version"] == 1 and doc["created_by"] == "Ana"
    assert doc["source_url"] == "pasted 8565042472"


@pytest.mark.asyncio
async def test_stale_version_raises_conflict_and_keeps_the_first_write(store):
    (outcome,) = await store.add_links([link("8565042472")])
    a = await store.get(outcome.id)
    b = await store.get(outcome.id)
    saved = await store.save(a.model_copy(update={"book": Book(title="Primeiro")}))
    assert saved.version == 2
    with pytest.raises(StoreConflict) as info:
        await store.save(b.model_copy(update={"book": Book(title="Segundo")}))
    assert info.value.code is ErrorCode.STORE_CONFLICT
    assert info.value.details["stored_version"] == 2
    assert (await store.get(outcome.id)).book.title == "Primeiro"


@pytest.mark.asyncio
async def test_concurrent_saves_of_one_version_let_exactly_one_win(store):
    (outcome,) = await store.add_links([link("8565042472")])
    base = await store.get(outcome.id)
    results = await asyncio.gather(
        *(store.save(base.model_copy(update={"book": Book(title=f"t{i}")})) for i in range(8)),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, StoreConflict) for r in results if isinstance(r, Exception))


@pytest.mark.asyncio
async def test_list_filters_by_status_newest_first_with_title(store):
    outcomes = await store.add_links([link(a) for a in ("8565042472", "B0011UCPM4", "3518366823")])
    sub = await store.get(outcomes[1].id)
    sub = transition(sub, Status.SCRAPING)
    sub = transition(sub.model_copy(update={"book": Book(title="The Whole Truth")}), Status.SCRAPED)
    await store.save(sub)
    scraped = await store.list_summaries(status=Status.SCRAPED)
    assert [(r.asin, r.title) for r in scraped] == [("B0011UCPM4", "The Whole Truth")]
    everything = await store.list_summaries()
    assert {r.asin for r in everything} == {"8565042472", "B0011UCPM4", "3518366823"}
    assert await store.count(status=Status.QUEUED) == 2
    assert [r.asin for r in await store.list_summaries(limit=1, offset=0)] == [everything[0].asin]


@pytest.mark.asyncio
async def test_ids_resolve_by_unique_prefix_and_unknown_ids_are_typed(store):
    (outcome,) = await store.add_links([link("8565042472")])
    assert (await store.get(outcome.id[:8])).id == outcome.id
    with pytest.raises(NoSuchItem) as info:
        await store.get("ffffffffffff")
    assert info.value.code is ErrorCode.NO_SUCH_ITEM


@pytest.mark.asyncio
async def test_delete_removes_item_and_history_and_notifies(store):
    changes = []
    store.subscribe(changes.append)
    (outcome,) = await store.add_links([link("8565042472")])
    await store.delete(outcome.id)
    assert await store.count() == 0
    assert await store.list_activity(outcome.id) == []
    assert [c.kind for c in changes] == [ChangeKind.ADDED, ChangeKind.DELETED]


@pytest.mark.asyncio
async def test_saving_a_deleted_item_is_no_such_item_not_a_resurrection(store):
    (outcome,) = await store.add_links([link("8565042472")])
    sub = await store.get(outcome.id)
    await store.delete(outcome.id)
    with pytest.raises(NoSuchItem):
        await store.save(sub)
    assert await store.count() == 0


@pytest.mark.asyncio
async def test_activity_history_is_kept_in_order(store):
    (outcome,) = await store.add_links([link("8565042472")])
    await store.add_activity(
        ActivityEntry(outcome.id, utcnow(), "step_failed", "scrape", "captcha", "bot check")
    )
    events = await store.list_activity(outcome.id)
    assert [(e.event, e.code) for e in events] == [("added", None), ("step_failed", "captcha")]


@pytest.mark.asyncio
async def test_a_listener_that_raises_does_not_break_the_write(store, caplog):
    store.subscribe(lambda change: 1 / 0)
    outcomes = await store.add_links([link("8565042472")])
    assert outcomes[0].result is AddResult.ADDED
    assert "change listener failed" in caplog.text


@pytest.mark.asyncio
async def test_seeding_inserts_missing_and_upgrades_older_documents_only(store, tmp_path):
    resources = tmp_path / "res"
    (resources / "prompts").mkdir(parents=True)
    (resources / "prompts" / "review.json").write_text(
        json.dumps({"_id": "review-pt", "version": 2, "system": "v2"})
    )
    assert await seed_defaults(store, resources) == 1
    assert await seed_defaults(store, resources) == 0  # already there
    await store.put_document("prompts", {"_id": "review-pt", "version": 5, "system": "edited by the team"})
    assert await seed_defaults(store, resources) == 0  # a newer stored copy is never overwritten
    assert (await store.get_document("prompts", "review-pt"))["system"] == "edited by the team"


@pytest.mark.asyncio
async def test_shipped_defaults_are_seeded_on_first_open(tmp_path):
    from pigmeu_desktop.app import Services
    from pigmeu_desktop.paths import AppPaths, resources_dir
    from pigmeu_desktop.settings.schema import Settings

    services = Services(AppPaths.under(tmp_path).ensure(), Settings(), env={})
    store = await services.store()
    try:
        for folder, collection in (
            ("prompts", "prompts"),
            ("schemas", "content_schemas"),
            ("pipelines", "pipelines"),
        ):
            shipped = sorted(p.stem for p in (resources_dir() / folder).glob("*.json"))
            stored = await store.list_documents(collection)
            assert len(stored) == len(shipped)
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_a_damaged_file_gives_store_unavailable(tmp_path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as info:
        await SqliteStore.open(path)
    assert info.value.code is ErrorCode.STORE_UNAVAILABLE
    assert info.value.next_step


@pytest.mark.asyncio
async def test_a_newer_schema_is_refused_not_downgraded(tmp_path):
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError) as info:
        await SqliteStore.open(path)
    assert "newer version" in info.value.message


@pytest.mark.asyncio
async def test_reopening_keeps_data_and_passes_integrity_check(tmp_path):
    path = tmp_path / "s.sqlite3"
    s = await SqliteStore.open(path)
    await s.add_links([link("8565042472")])
    await s.close()
    s = await SqliteStore.open(path)
    try:
        assert await s.count() == 1
        assert await s.check_integrity() == "ok"
        (mode,) = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()
        assert mode == "wal"
    finally:
        await s.close()


@pytest.mark.asyncio
async def test_closed_store_refuses_work_with_a_typed_error(tmp_path):
    s = await SqliteStore.open(tmp_path / "c.sqlite3")
    await s.close()
    with pytest.raises(StoreError) as info:
        await s.count()
    assert info.value.code is ErrorCode.STORE_UNAVAILABLE
