"""Real Celery worker processes (`pigmeu worker`) on a real Redis broker and the wire-protocol MongoDB:
every item processed exactly once, and a worker killed mid-step has its task redelivered."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import pytest_asyncio

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.ports import NewLink
from pigmeu_desktop.core.states import Status, Step
from pigmeu_desktop.jobs.workers import WorkerDispatcher, broker_url, make_celery
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import save_settings

pytestmark = [pytest.mark.asyncio, pytest.mark.slow, pytest.mark.redis]

REPO = Path(__file__).resolve().parents[2]


def links(n: int) -> list[NewLink]:
    return [
        NewLink(f"https://www.amazon.com.br/dp/B0CEL{i:05d}", f"B0CEL{i:05d}", "amazon.com.br", "x")
        for i in range(n)
    ]


async def until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not await predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"not in {timeout} s: {what}")
        await asyncio.sleep(0.2)


class Team:
    def __init__(self, tmp_path, redis_process, mongo_backend, step_s: float) -> None:
        self.home = tmp_path / "worker-home"
        settings = Settings(
            team_mode=True,
            auto_publish_draft=True,
            mongodb_uri=mongo_backend.uri,
            mongo_db_name=mongo_backend.database(),
            redis_url=redis_process.url,
        )
        paths = AppPaths.under(self.home).ensure()
        save_settings(paths.settings_file, settings)
        self.env = {
            **os.environ,
            "PIGMEU_HOME": str(self.home),
            "REDIS_PASSWORD": redis_process.password,
            "MONGODB_PASSWORD": "",
            "REDIS_URL": redis_process.url,
            "PIGMEU_WORKER_WORKS": "tests.support.worker_works:works",
            "PIGMEU_FAKE_STEP_S": str(step_s),
            "PYTHONPATH": str(REPO),
            "PYTHONWARNINGS": "ignore",
        }
        self.services = Services(
            AppPaths.under(tmp_path / "app-home").ensure(),
            settings,
            env={"REDIS_PASSWORD": redis_process.password, "MONGODB_PASSWORD": ""},
        )
        self.redis_process = redis_process
        self.workers: list[subprocess.Popen] = []

    def start_worker(self, concurrency: int) -> None:
        log = open(self.home / f"worker-{len(self.workers)}.log", "w")  # noqa: SIM115 - closed with the process
        self.workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pigmeu_desktop.cli",
                    "worker",
                    "--step",
                    "all",
                    "--concurrency",
                    str(concurrency),
                ],
                env=self.env,
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        log.close()

    async def counts(self, step: Step, ids: list[str]) -> list[int]:
        import redis.asyncio as aioredis

        client = aioredis.from_url(self.redis_process.url, password=self.redis_process.password)
        try:
            values = await client.mget([f"pigmeu:test:done:{step}:{i}" for i in ids])
        finally:
            await client.aclose()
        return [int(v or 0) for v in values]

    def stop(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.workers:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest_asyncio.fixture
async def team(tmp_path, redis_process, mongo_backend):
    made = []

    def make(step_s: float) -> Team:
        made.append(Team(tmp_path, redis_process, mongo_backend, step_s))
        return made[-1]

    yield make
    for t in made:
        t.stop()
        await t.services.aclose()


async def test_two_workers_process_200_items_exactly_once(team):
    t = team(0.05)
    t.start_worker(2)
    t.start_worker(2)
    store = await t.services.store()
    ids = [o.id for o in await store.add_links(links(200))]
    app = make_celery(broker_url(t.redis_process.url, t.redis_process.password))
    dispatcher = WorkerDispatcher(t.services, app)
    await dispatcher.start()
    try:
        await until(lambda: _count(store, Status.PUBLISHED, 200), 240, "200 items published")
    finally:
        await dispatcher.aclose()
    for step in Step:
        assert await t.counts(step, ids) == [1] * 200, f"{step} ran more or less than once"
    sub = await store.get(ids[0])
    assert (
        sub.lease is None and [a.event for a in await store.list_activity(ids[0])].count("step_finished") == 3
    )


async def test_a_worker_killed_mid_step_has_its_task_redelivered_and_published_once(team):
    import redis.asyncio as aioredis

    t = team(3.0)
    t.start_worker(1)
    t.start_worker(1)
    store = await t.services.store()
    (item,) = [o.id for o in await store.add_links(links(1))]
    sub = await store.get(item)
    # Straight to publishing, so the kill lands in the publish step.
    from pigmeu_desktop.core.models import Draft
    from pigmeu_desktop.core.states import transition

    for target in (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING):
        sub = transition(sub, target)
    drafted = transition(sub.model_copy(update={"draft": Draft(title="x")}), Status.DRAFTED)
    await store.save(transition(drafted, Status.APPROVED))
    app = make_celery(broker_url(t.redis_process.url, t.redis_process.password))
    dispatcher = WorkerDispatcher(t.services, app)
    await dispatcher.start()
    client = aioredis.from_url(t.redis_process.url, password=t.redis_process.password, decode_responses=True)
    try:
        running = {}

        async def publishing() -> bool:
            running["v"] = await client.get(f"pigmeu:test:running:{item}")
            return bool(running["v"])

        await until(publishing, 60, "the publish step started")
        step, pid = running["v"].split(":")
        assert step == "publish"
        (row,) = await store.list_summaries()  # the queue shows which worker has the item
        assert row.worker == socket.gethostname()
        os.kill(int(pid), signal.SIGKILL)  # the worker child dies mid-step, before the post is made
        await client.delete(f"pigmeu:test:running:{item}")
        await until(publishing, 60, "the task redelivered to a live worker")
        assert running["v"].split(":")[1] != pid
        await until(lambda: _count(store, Status.PUBLISHED, 1), 60, "published")
        assert await t.counts(Step.PUBLISH, [item]) == [1]
    finally:
        await client.aclose()
        await dispatcher.aclose()


async def _count(store, status: Status, n: int) -> bool:
    return await store.count(status=status) == n
