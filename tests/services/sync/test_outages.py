"""Backends that go away mid-work, with the real servers stopped and started again: MongoDB (the wire
server, its data on disk) and Redis."""

from __future__ import annotations

import asyncio

import pytest

from pigmeu_desktop.core.errors import StoreConflict
from pigmeu_desktop.core.models import Book
from pigmeu_desktop.core.ports import ChangeKind, NewLink
from pigmeu_desktop.services.storage.mongo_store import MongoStore
from pigmeu_desktop.services.storage.outbox import Outbox, OutboxSyncer, SaveOutcome, save_or_queue
from pigmeu_desktop.services.sync.redis_changes import RedisChangeBus

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]

LINK = NewLink("https://www.amazon.com.br/dp/8565042472", "8565042472", "amazon.com.br", "x")


async def until(predicate, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


def client_for(server):
    from pigmeu_desktop.services.storage.mongo_client import new_client

    # Short timeouts: "the database is down" is known in half a second, not the app's five.
    return new_client(
        server.uri, serverSelectionTimeoutMS=500, connectTimeoutMS=500, heartbeatFrequencyMS=500
    )


async def test_edits_made_while_mongodb_is_down_are_kept_on_disk_and_synced(wire_server_factory, tmp_path):
    server = wire_server_factory().start()
    store = await MongoStore.open(client_for(server), "pigmeu")
    outbox_path = tmp_path / "team-outbox.sqlite3"
    outbox = Outbox(outbox_path)
    statuses = []
    syncer = OutboxSyncer(store, outbox, interval_s=0.2, on_status=lambda *s: statuses.append(s))
    syncer.start()
    try:
        (added,) = await store.add_links([LINK])
        opened = await store.get(added.id)  # the editor has the item open

        server.stop()  # MongoDB goes away mid-edit
        outcome, kept = await save_or_queue(
            store, outbox, opened.model_copy(update={"book": Book(title="v1")})
        )
        assert outcome is SaveOutcome.QUEUED
        outcome, kept = await save_or_queue(store, outbox, kept.model_copy(update={"book": Book(title="v2")}))
        assert outcome is SaveOutcome.QUEUED  # still editable, still kept
        syncer.poke()
        assert statuses[-1] == (1, 0, False)  # what the window shows: 1 edit waiting, offline
        outbox.close()
        outbox = Outbox(outbox_path)  # durable: a new process would find it in the file
        assert outbox.local_copy(added.id).book.title == "v2"
        syncer._outbox = outbox

        server.start()  # MongoDB is back (same port, same data)
        await until(lambda: statuses and statuses[-1] == (0, 0, True))
        saved = await store.get(added.id)
        assert saved.book.title == "v2" and saved.version == opened.version + 1
    finally:
        await syncer.aclose()
        outbox.close()
        await store.close()


async def test_an_offline_edit_that_meets_a_newer_version_is_a_conflict_not_an_overwrite(
    wire_server_factory, tmp_path
):
    server = wire_server_factory().start()
    mine = await MongoStore.open(client_for(server), "pigmeu")
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    try:
        (added,) = await mine.add_links([LINK])
        opened = await mine.get(added.id)
        server.stop()
        outcome, _ = await save_or_queue(
            mine, outbox, opened.model_copy(update={"book": Book(title="offline edit")})
        )
        assert outcome is SaveOutcome.QUEUED
        server.start()
        theirs = await MongoStore.open(client_for(server), "pigmeu")
        try:
            # A teammate saves first once the server is back.
            await theirs.save(
                (await theirs.get(added.id)).model_copy(update={"book": Book(title="their edit")})
            )
        finally:
            await theirs.close()
        report = await outbox.sync(mine)
        assert (report.sent, report.conflicts) == (0, 1)
        assert (await mine.get(added.id)).book.title == "their edit"  # not overwritten
        (kept,) = outbox.pending()
        assert kept.state == "conflict" and kept.submission.book.title == "offline edit"  # not lost
        assert outbox.counts() == (0, 1)
        with pytest.raises(StoreConflict):  # and an online save on the stale copy is a conflict as ever
            await save_or_queue(mine, Outbox(tmp_path / "other.sqlite3"), opened)
    finally:
        outbox.close()
        await mine.close()


async def test_redis_down_means_polling_then_live_again(redis_process, mongo_backend):
    database = mongo_backend.database()
    apps = []
    for origin in ("ana", "bia"):
        store = await MongoStore.open(mongo_backend.client(), database)
        bus = RedisChangeBus.from_url(
            redis_process.url, redis_process.password, channel="pigmeu:outage", origin=origin, poll_s=0.2
        )
        await bus.attach(store)
        store.attach_bus(bus)
        apps.append((store, bus))
    (mine, my_bus), (theirs, _) = apps
    heard, live = [], []
    mine.subscribe(heard.append)
    my_bus.on_status(live.append)
    try:
        await theirs.add_links([LINK])
        await until(lambda: any(c.kind is ChangeKind.ADDED for c in heard))

        redis_process.stop()
        await until(lambda: live == [False])
        assert not my_bus.live
        polls = len(heard)
        await until(lambda: len(heard) >= polls + 2)  # the views are told to reload, again and again
        assert all(c.ids == () for c in heard[polls:])

        redis_process.start()
        await until(lambda: live == [False, True], timeout=15)
        heard.clear()
        outcome = await theirs.add_links(
            [NewLink("https://www.amazon.com.br/dp/B0011UCPM4", "B0011UCPM4", "amazon.com.br", "y")]
        )
        await until(lambda: any(c.kind is ChangeKind.ADDED and c.ids == (outcome[0].id,) for c in heard))
    finally:
        for store, _ in apps:
            await store.close()
