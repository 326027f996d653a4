"""Team mode: Amazon politeness shared on a real Redis by two apps (or workers): one queue of request
slots per marketplace, and a captcha pause seen (and lifted) by all."""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid

import pytest

from pigmeu_desktop.core.errors import ScrapeError
from pigmeu_desktop.services.scraping.politeness import Politeness
from pigmeu_desktop.services.scraping.team_politeness import RedisPoliteness

pytestmark = [pytest.mark.redis]


def two_workers(redis_server, delay: float, shared: list[RedisPoliteness] | None = None) -> list[Politeness]:
    prefix = f"pigmeu-test-polite-{uuid.uuid4().hex[:8]}"
    shared = shared or [
        RedisPoliteness.from_url(redis_server.url, redis_server.password, prefix=prefix, cache_s=0.0)
        for _ in range(2)
    ]
    return [Politeness(delay, jitter=0.0, shared=one) for one in shared]


@pytest.fixture
def recorded_slots(redis_server):
    """Two workers' shared politeness, and the start of every slot they reserve, in Redis's milliseconds
    (its own clock, as the slots are): read back right after each reservation, which runs synchronously,
    so nothing comes between."""
    import redis

    prefix = f"pigmeu-test-polite-{uuid.uuid4().hex[:8]}"
    reader = redis.Redis.from_url(redis_server.url, password=redis_server.password)
    starts: list[int] = []
    shared = []
    for _ in range(2):
        one = RedisPoliteness.from_url(redis_server.url, redis_server.password, prefix=prefix, cache_s=0.0)
        reserve = one.reserve

        def recording(marketplace: str, spacing_s: float, reserve=reserve) -> float | None:
            wait = reserve(marketplace, spacing_s)
            starts.append(int(reader.get(f"{prefix}:slot:{marketplace}")) - int(spacing_s * 1000))
            return wait

        one.reserve = recording  # type: ignore[method-assign]
        shared.append(one)
    yield shared, starts
    reader.close()
    for one in shared:
        one.close()


@pytest.mark.asyncio
async def test_two_workers_share_one_queue_of_slots_per_marketplace(redis_server, recorded_slots):
    shared, slots = recorded_slots
    a, b = two_workers(redis_server, 0.25, shared)
    began = time.monotonic()

    async def scrape(politeness: Politeness) -> None:
        await politeness.acquire("amazon.com.br")

    await asyncio.gather(*(scrape(p) for p in (a, b, a, b, a, b)))
    # Never two requests to one Amazon closer than the minimum delay: the slots, on Redis's clock. (When
    # each sleeper wakes up is the machine's business: a loaded one wakes one late and the next on time.)
    gaps = [later - earlier for earlier, later in itertools.pairwise(sorted(slots))]
    assert len(slots) == 6 and min(gaps) >= 250, gaps
    assert time.monotonic() - began >= 5 * 0.25 - 0.01  # and the sixth really waited for its slot
    await asyncio.gather(scrape(a), scrape(b))  # another marketplace is not held up by this one
    other = time.monotonic()
    await a.acquire("amazon.de")
    assert time.monotonic() - other < 0.2


def test_a_captcha_seen_by_one_worker_pauses_all_until_it_is_solved(redis_server):
    a, b = two_workers(redis_server, 0.0)
    a.record_captcha("amazon.com.br")
    assert b.paused("amazon.com.br") and not b.paused("amazon.com")
    with pytest.raises(ScrapeError) as info:
        asyncio.run(b.acquire("amazon.com.br"))
    assert info.value.code == "captcha"
    b.resume("amazon.com.br")  # solved in B's visible browser
    assert not a.paused("amazon.com.br")


def test_redis_going_away_leaves_scraping_local_not_stuck(tmp_path):
    from tests.support.redis_server import RedisProcess

    server = RedisProcess(tmp_path / "r").start()
    politeness = Politeness(0.0, shared=RedisPoliteness.from_url(server.url, server.password))
    server.stop()
    assert asyncio.run(politeness.acquire("amazon.com.br")) == 0.0
    politeness.record_captcha("amazon.com.br")  # kept in this process at least
    assert politeness.paused("amazon.com.br")


def _our_connections_to(port: int) -> set:
    import psutil

    return {
        tuple(c.laddr) for c in psutil.Process().net_connections(kind="tcp") if c.raddr and c.raddr[1] == port
    }


@pytest.mark.asyncio
async def test_closing_the_app_closes_the_scrapers_redis_connection(redis_server, tmp_path):
    from pigmeu_desktop.app import Services
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.schema import Settings

    services = Services(
        AppPaths.under(tmp_path / "home").ensure(),
        Settings(team_mode=True, redis_url=redis_server.url),
        env={"REDIS_PASSWORD": redis_server.password},
    )
    before = _our_connections_to(redis_server.port)
    assert not services.scraper.politeness.paused("amazon.com.br")  # reads the team's pauses on Redis
    opened = _our_connections_to(redis_server.port) - before
    assert opened
    await services.aclose()
    assert not opened & _our_connections_to(redis_server.port)  # closed now, not when collected
