"""Real Celery workers running the real steps against the local stand-ins (fixture Amazon pages in real
Chromium, the OpenAI-compatible fake, the real local WordPress), on a real Redis broker and the wire
MongoDB: every item published exactly once (counted in WordPress), even with a worker process SIGKILLed
in the middle of the run."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time

import psutil
import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.jobs.workers import WorkerDispatcher, broker_url, make_celery
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.store import load_settings
from tests.jobs.stand_ins import (
    REPO,
    chromium,
    cli_env,
    pigmeu,
    posts_by_submission,
    prepare_home,
    review_with_short_tags,
    run_pigmeu,
    serve_books,
)
from tests.support.amazon_server import AmazonServer
from tests.support.fake_openai import DEFAULT_KEY, FakeOpenAI

ITEMS = 20  # the suite's count; a bigger run is the same test with PIGMEU_E2E_WORKER_ITEMS=200

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.wordpress,
    pytest.mark.redis,
    pytest.mark.timeout(900),
]


def pool_children(workers: list[subprocess.Popen]) -> list[psutil.Process]:
    """The Celery pool processes (the ones running steps) under the `pigmeu worker` processes."""
    found = []
    for proc in workers:
        for child in psutil.Process(proc.pid).children(recursive=True):
            try:
                if (
                    "worker_main" in " ".join(child.cmdline())
                    and child.parent()
                    and "worker_main" in " ".join(child.parent().cmdline())
                ):
                    found.append(child)
            except psutil.NoSuchProcess:
                continue
    return found


def test_workers_publish_every_item_once_with_a_worker_killed_mid_run(
    tmp_path, wordpress_site, redis_process, mongo_backend
):
    from tests.support.amazon_server import FIXTURES
    from tests.support.real import missing_service

    if chromium() is None:
        missing_service("no Chromium executable on this machine")
    if not FIXTURES.is_dir():
        pytest.skip(f"shared Amazon fixtures not found at {FIXTURES}")
    items = int(os.environ.get("PIGMEU_E2E_WORKER_ITEMS", ITEMS))
    wp = wordpress_site
    home = tmp_path / "worker-home"
    workers: list[subprocess.Popen] = []
    with AmazonServer() as amazon, FakeOpenAI(responder=review_with_short_tags) as llm:
        urls = serve_books(amazon, items, prefix="B0CW")
        paths = prepare_home(
            home,
            wp_url=wp.url,
            wp_user=wp.admin.login,
            auto_publish_draft=True,
            team_mode=True,
            mongodb_uri=mongo_backend.uri,
            mongo_db_name=mongo_backend.database(),
            redis_url=redis_process.url,
        )
        env = cli_env(
            home,
            amazon=amazon,
            openai_base_url=llm.base_url,
            openai_key=DEFAULT_KEY,
            wp_password=wp.admin.app_password,
        )
        env.update(REDIS_PASSWORD=redis_process.password, MONGODB_PASSWORD="", PYTHONWARNINGS="ignore")
        code, _, err = run_pigmeu(env, "add", *urls)
        assert code == 0, err
        try:
            for n in range(2):
                log = (tmp_path / f"worker-{n}.log").open("w")
                workers.append(
                    subprocess.Popen(
                        pigmeu("worker", "--step", "all", "--concurrency", "2"),
                        env=env,
                        cwd=REPO,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
                log.close()
            published, killed = asyncio.run(_drive(paths, env, items, workers))
        finally:
            for proc in workers:
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGTERM)
            for proc in workers:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
    assert killed, "no worker process was busy to kill"
    counts = posts_by_submission(wp, published)
    assert [sid for sid, n in counts.items() if n != 1] == [], counts  # none missing, none twice


async def _drive(paths: AppPaths, env: dict, items: int, workers) -> tuple[list[str], bool]:
    settings = load_settings(paths.settings_file, paths.window_state_file)
    services = Services(paths, settings, env={k: env[k] for k in ("REDIS_PASSWORD", "MONGODB_PASSWORD")})
    store = await services.store()
    dispatcher = WorkerDispatcher(
        services, make_celery(broker_url(settings.redis_url, env["REDIS_PASSWORD"]))
    )
    await dispatcher.start()
    killed = False
    try:
        deadline = time.monotonic() + 800
        while (done := await store.count(status=Status.PUBLISHED)) < items:
            failed = await store.list_summaries(status=Status.FAILED)
            assert not failed, [(f.asin, f.error_code) for f in failed]
            if not killed and done >= items // 4:
                busy = pool_children(workers)
                if busy:
                    os.kill(busy[0].pid, signal.SIGKILL)  # a worker process dies in the middle of the run
                    killed = True
            assert time.monotonic() < deadline, f"only {done} of {items} published"
            await asyncio.sleep(0.5)
        return [s.id for s in await store.list_summaries()], killed
    finally:
        await dispatcher.aclose()
        await services.aclose()
