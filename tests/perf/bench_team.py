"""Benchmark: team mode on one backend (a real Redis and the nx-27017 wire-protocol MongoDB, or a real
MongoDB with PIGMEU_TEST_MONGODB_URI).

Run on demand: `python tests/perf/bench_team.py two-apps [--changes 200]`
               `python tests/perf/bench_team.py newsroom [--editors 20 --items 10000 --seconds 60]`

two-apps: two app processes (tests/support/team_client.py: the real store, change feed and presence).
  One adds and edits `--changes` items one at a time; the other reports when each change reached its
  listeners (what its queue view reloads on). Reported: p50/p99/max latency (target p99 < 500 ms).
newsroom: `--editors` headless editor clients in this process (each its own MongoDB client, change feed
  and presence) over `--items` items, for `--seconds`. Each editor, at a human-like pace (one action
  every `--think` seconds on average), opens a random item (claims it) and saves an edit when it got
  it; one action in 20 adds a book; one in 10 saves a copy loaded a while ago without claiming (the
  editor who ignores the banner) to exercise the conflict rule. Reported: change latency p50/p99 as seen
  by the other editors, conflicts detected vs lost updates (two successful saves on the same version;
  target 0), MongoDB commands and Redis commands per editor action (Redis counted by the server).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.support.mongo_server import WireServer
from tests.support.redis_server import RedisProcess


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ms(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 50) * 1000, 1),
        "p99_ms": round(percentile(values, 99) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1) if values else None,
    }


def backend(workdir: Path):
    """(mongo uri, redis process, things to stop)."""
    redis = RedisProcess(workdir / "redis").start()
    if os.environ.get("PIGMEU_TEST_MONGODB_URI"):
        return os.environ["PIGMEU_TEST_MONGODB_URI"], redis, [redis]
    wire = WireServer(workdir / "wire", data=workdir / "wire-data")
    (workdir / "wire-data").mkdir(parents=True)
    wire.start()
    return wire.uri, redis, [redis, wire]


def two_apps(args, workdir: Path) -> dict:
    from tests.support.team_client import TeamClientProcess

    uri, redis, stop = backend(workdir)
    db, prefix = f"bench_{uuid.uuid4().hex[:8]}", f"bench-{uuid.uuid4().hex[:8]}"
    ana = TeamClientProcess(uri, db, redis.url, redis.password, prefix, "Ana", str(REPO))
    bia = TeamClientProcess(uri, db, redis.url, redis.password, prefix, "Bia", str(REPO))
    adds, edits = [], []
    try:
        for i in range(args.changes):
            added = ana.call(op="add", asin=f"B0TEAM{i:04d}")
            heard = bia.expect(lambda m, a=added: m.get("event") == "change" and m["ids"] == [a["id"]])
            adds.append(heard["t"] - added["t0"])
            edited = ana.call(op="edit", id=added["id"], title=f"t{i}")
            heard = bia.expect(
                lambda m, a=added: (
                    m.get("event") == "change" and m["kind"] == "updated" and m["ids"] == [a["id"]]
                )
            )
            edits.append(heard["t"] - edited["t0"])
    finally:
        ana.close()
        bia.close()
        for server in stop:
            server.stop()
    return {
        "bench": "two-apps",
        "add_latency": ms(adds),
        "edit_latency": ms(edits),
        "all": ms(adds + edits),
        "target_p99_ms": 500,
    }


async def newsroom(args, workdir: Path) -> dict:
    import redis.asyncio as aioredis
    from pymongo import AsyncMongoClient, monitoring

    from pigmeu_desktop.core.errors import StoreConflict
    from pigmeu_desktop.core.models import Book
    from pigmeu_desktop.core.ports import NewLink
    from pigmeu_desktop.services.storage.mongo_store import MongoStore
    from pigmeu_desktop.services.sync.presence import PresenceService
    from pigmeu_desktop.services.sync.redis_changes import RedisChangeBus

    uri, redis, stop = backend(workdir)
    db, prefix = f"newsroom_{uuid.uuid4().hex[:8]}", f"newsroom-{uuid.uuid4().hex[:8]}"

    class Commands(monitoring.CommandListener):
        count = 0

        def started(self, event):
            Commands.count += 1

        def succeeded(self, event):
            pass

        def failed(self, event):
            pass

    def link(i: int) -> NewLink:
        asin = f"B0NEWS{i:05d}"
        return NewLink(f"https://www.amazon.com.br/dp/{asin}", asin, "amazon.com.br", asin)

    admin = aioredis.from_url(redis.url, password=redis.password, decode_responses=True)
    seeding = await MongoStore.open(AsyncMongoClient(uri, tz_aware=True, serverMonitoringMode="poll"), db)
    started = time.perf_counter()
    ids: list[str] = []
    for start in range(0, args.items, 1000):
        ids += [
            o.id
            for o in await seeding.add_links([link(i) for i in range(start, min(args.items, start + 1000))])
        ]
    seed_s = time.perf_counter() - started
    await seeding.close()

    saved_at: dict[str, float] = {}  # item → when its latest save started (latency reference)
    latencies: list[float] = []
    successes: list[tuple[str, int]] = []  # (item, version written): a repeat would be a lost update
    counts = {
        "actions": 0,
        "opens": 0,
        "read_only": 0,
        "saves": 0,
        "adds": 0,
        "conflicts": 0,
        "stale_saves": 0,
    }
    editors = []
    for n in range(args.editors):
        client = AsyncMongoClient(
            uri, tz_aware=True, serverMonitoringMode="poll", event_listeners=[Commands()]
        )
        store = await MongoStore.open(client, db)
        bus = RedisChangeBus.from_url(redis.url, redis.password, channel=f"{prefix}:changes")
        await bus.attach(store)
        store.attach_bus(bus)
        presence = PresenceService.from_url(redis.url, redis.password, editor=f"editor-{n}", prefix=prefix)
        await presence.start()

        def heard(change, _bus=bus):
            now = time.time()
            latencies.extend(now - saved_at[item] for item in change.ids if item in saved_at)

        # Teammates' changes arrive through notify_external (our own never do): time them there.
        bus_store_notify = store.notify_external

        def external(change, _orig=bus_store_notify):
            heard(change)
            _orig(change)

        store.notify_external = external
        editors.append((store, presence))
    await asyncio.sleep(1.0)
    Commands.count = 0
    redis_before = int((await admin.info("stats"))["total_commands_processed"])
    rng = random.Random(7)
    deadline = time.monotonic() + args.seconds

    async def editor(store, presence, rng: random.Random) -> None:
        stale = None
        next_add = args.items + rng.randrange(10**6) * 100
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.expovariate(1 / args.think))
            counts["actions"] += 1
            roll = rng.random()
            if roll < 0.05:
                next_add += 1
                await store.add_links([link(next_add)])
                counts["adds"] += 1
                continue
            if roll < 0.15 and stale is not None:
                counts["stale_saves"] += 1
                await save(store, stale, "stale")
                stale = None
                continue
            item = rng.choice(ids[: args.hot]) if args.hot else rng.choice(ids)
            counts["opens"] += 1
            result = await presence.open_item(item)
            sub = await store.get(item)
            stale = stale or sub
            if not result.editable:
                counts["read_only"] += 1
                continue
            await asyncio.sleep(rng.uniform(0.1, 0.5))  # typing
            await save(store, sub, "edit")

    async def save(store, sub, what: str) -> None:
        saved_at[sub.id] = time.time()
        try:
            saved = await store.save(sub.model_copy(update={"book": Book(title=f"{what} {time.time()}")}))
        except StoreConflict:
            counts["conflicts"] += 1
            return
        counts["saves"] += 1
        successes.append((saved.id, saved.version))

    run_started = time.perf_counter()
    await asyncio.gather(*(editor(s, p, random.Random(rng.random())) for s, p in editors))
    elapsed = time.perf_counter() - run_started
    mongo_commands = Commands.count
    redis_commands = int((await admin.info("stats"))["total_commands_processed"]) - redis_before
    lost = len(successes) - len(set(successes))
    for store, presence in editors:
        await presence.aclose()
        await store.close()
    await admin.aclose()
    for server in stop:
        server.stop()
    actions = max(1, counts["actions"])
    return {
        "bench": "newsroom",
        "editors": args.editors,
        "items": args.items,
        "seconds": round(elapsed, 1),
        "seed_items_per_s": round(args.items / seed_s),
        **counts,
        "lost_updates": lost,
        "change_latency": ms(latencies),
        "mongo_commands_per_action": round(mongo_commands / actions, 1),
        "redis_commands_per_action": round(redis_commands / actions, 1),
        "note": "Redis commands include every app's heartbeat (presence renewals and re-reads) and pub/sub fan-out",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["two-apps", "newsroom"])
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between an editor's actions")
    parser.add_argument("--hot", type=int, default=200, help="editors pick among the N newest items (0: all)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="pigmeu-bench-team-") as tmp:
        if args.what == "two-apps":
            result = two_apps(args, Path(tmp))
        else:
            result = asyncio.run(newsroom(args, Path(tmp)))
    print(json.dumps({"load": load, **result}, indent=2))


if __name__ == "__main__":
    main()
