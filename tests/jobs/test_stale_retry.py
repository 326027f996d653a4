"""A planned retry runs only if the item is still where the failure left it (status and version)."""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path

import pytest

from pigmeu_desktop.core.states import Status, Step
from pigmeu_desktop.jobs.executor import Executor
from pigmeu_desktop.jobs.retry import RetryPolicy
from pigmeu_desktop.jobs.steps import EVENT_DROPPED
from tests.conftest import cli_subprocess_cmd
from tests.jobs.conftest import FakeWorks, add_items, err
from tests.support.polling import eventually

pytestmark = pytest.mark.asyncio

PAGE = (
    Path(__file__).resolve().parents[1]
    / "services"
    / "scraping"
    / "pages"
    / "com-2024-rpi-cards-and-more.html"
)


class HeldSleep:
    """A backoff wait that lasts until the test lets it end: the retry is 'scheduled' meanwhile."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        self.started.set()
        await self.release.wait()


async def _wait_for(event: asyncio.Event, timeout: float = 20.0) -> None:
    await asyncio.wait_for(event.wait(), timeout)


async def test_a_retry_overtaken_by_another_process_is_dropped_and_nothing_is_redone(services, tmp_path):
    """This process's scrape fails (network) and a retry is scheduled; meanwhile another process — the real
    `pigmeu` CLI, on the same data folder — scrapes the item from a saved page and drafts it. When the
    retry's wait ends, the item stays drafted: no scrape runs again, and the history says why."""
    services.settings.scrape_concurrency = 1
    store = await services.store()
    [sid] = [o.id for o in await store.add_links(_link("1985052318"))]
    works = FakeWorks()
    works.fail[Step.SCRAPE] = [err("network")]
    sleep = HeldSleep()
    ex = Executor(
        services,
        works=works.mapping(),
        owner="window",
        sleep=sleep,
        rand=lambda: 0.5,
        retry=RetryPolicy(max_attempts=5),
        scan_interval_s=60.0,
    )
    await ex.start()
    try:
        await _wait_for(sleep.started)  # failed once; the retry now waits out its backoff
        assert (await store.get(sid)).status is Status.FAILED

        env = {**os.environ, "PIGMEU_HOME": str(services.paths.data_dir.parent)}
        for argv in (
            ["scrape", sid, "--html", str(PAGE), "--json"],
            ["draft", sid, "--provider", "skeleton"],
        ):
            done = await asyncio.to_thread(
                subprocess.run,
                [*cli_subprocess_cmd(), *argv],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, done.stdout + done.stderr
        drafted = await store.get(sid)
        assert drafted.status is Status.DRAFTED

        sleep.release.set()  # the stale retry fires now
        await asyncio.wait_for(ex.wait_idle(), 20)
    finally:
        await ex.stop()

    after = await store.get(sid)
    assert after.status is Status.DRAFTED and after.version == drafted.version
    assert works.calls_of(Step.SCRAPE) == [sid] and works.calls_of(Step.DRAFT) == []
    events = [(a.event, a.step) for a in await store.list_activity(sid)]
    assert events[-1] == (EVENT_DROPPED, "scrape")
    assert ("step_failed", "scrape") in events and events.count(("step_failed", "scrape")) == 1


async def test_a_pick_up_planned_before_another_writer_moved_the_item_does_nothing(services):
    """A waiting step (planned by a scan) whose item another writer moved meanwhile is dropped quietly."""
    [sid] = await add_items(services, 1)
    store = await services.store()
    works = FakeWorks()
    ex = Executor(services, works=works.mapping(), owner="window", scan_interval_s=60.0)
    ex.pause()  # planned, but waiting for a slot
    await ex.start()
    try:
        await eventually(lambda: sid in ex._jobs, timeout=20)
        item = await store.get(sid)
        await store.save(item.model_copy(update={"source_url": "https://example.org/moved-by-someone-else"}))
        ex.resume()
        await asyncio.wait_for(ex.wait_idle(), 20)
    finally:
        await ex.stop()
    # The stale plan did nothing; the scan that followed planned it afresh from the new version.
    assert works.calls_of(Step.SCRAPE) == [sid]
    assert [a.event for a in await store.list_activity(sid)].count(EVENT_DROPPED) == 0
    assert ex.stats.skipped == 1


def _link(asin: str):
    from pigmeu_desktop.core.ports import NewLink

    url = f"https://www.amazon.com/dp/{asin}"
    return [NewLink(amazon_url=url, asin=asin, marketplace="amazon.com", source_url=url)]
