"""Team sync over a real Redis and the wire-protocol MongoDB: a teammate's write reaches this app's
listeners, never echoed back."""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio

from pigmeu_desktop.core.errors import ErrorCode, StoreError
from pigmeu_desktop.core.ports import ChangeKind, NewLink
from pigmeu_desktop.services.storage.mongo_store import MongoStore
from pigmeu_desktop.services.sync.redis_changes import RedisChangeBus
from tests.support.polling import eventually

pytestmark = [pytest.mark.asyncio, pytest.mark.redis]


async def until(predicate, timeout: float = 5.0) -> None:
    await eventually(predicate, timeout=timeout)


@pytest_asyncio.fixture
async def two_apps(redis_server, mongo_backend):
    """Two editors' apps on one team database, each with its own client and change bus on the same Redis."""
    database = mongo_backend.database()
    channel = f"pigmeu:test:{database}"
    apps = []
    for origin in ("ana", "bia"):
        store = await MongoStore.open(mongo_backend.client(), database)
        bus = RedisChangeBus.from_url(redis_server.url, redis_server.password, channel=channel, origin=origin)
        await bus.attach(store)
        store.attach_bus(bus)
        apps.append(store)
    yield apps
    for store in apps:
        await store.close()


async def test_a_teammates_add_reaches_my_listeners_once(two_apps):
    mine, theirs = two_apps
    heard_here, heard_there = [], []
    mine.subscribe(heard_here.append)
    theirs.subscribe(heard_there.append)
    outcomes = await theirs.add_links(
        [NewLink("https://www.amazon.com.br/dp/8565042472", "8565042472", "amazon.com.br", "x")]
    )
    await until(lambda: heard_here)
    assert [(c.kind, c.ids) for c in heard_here] == [(ChangeKind.ADDED, (outcomes[0].id,))]
    await asyncio.sleep(0.3)  # an echo, if there were one, would have arrived by now
    assert len(heard_there) == 1 and len(heard_here) == 1
    sub = await mine.get(outcomes[0].id)  # and the document itself is in the shared database
    await mine.save(sub)
    await until(lambda: len(heard_there) == 2)
    assert heard_there[-1].kind is ChangeKind.UPDATED


async def test_a_wrong_redis_password_is_a_clear_error(redis_server, mongo_backend):
    store = await MongoStore.open(mongo_backend.client(), mongo_backend.database())
    bus = RedisChangeBus.from_url(redis_server.url, "wrong-password")
    try:
        with pytest.raises(StoreError) as info:
            await bus.attach(store)
        assert info.value.code is ErrorCode.STORE_UNAVAILABLE and "Redis" in info.value.next_step
    finally:
        await bus.aclose()
        await store.close()


async def test_malformed_messages_are_ignored(two_apps, redis_server):
    import redis.asyncio as aioredis

    mine, _ = two_apps
    heard = []
    mine.subscribe(heard.append)
    client = aioredis.from_url(redis_server.url, password=redis_server.password)
    try:
        channel = mine._bus._channel
        await client.publish(channel, "not json")
        await client.publish(channel, '{"origin": "x", "kind": "exploded", "ids": []}')
        await client.publish(channel, '{"origin": "x", "kind": "deleted", "ids": ["abc"]}')
        await until(lambda: heard)
        assert [(c.kind, c.ids) for c in heard] == [(ChangeKind.DELETED, ("abc",))]
    finally:
        await client.aclose()
