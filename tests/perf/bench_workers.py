"""Benchmark: the pipeline through the in-process executor vs 1, 2 and 4 Celery worker processes.

Run on demand: `python tests/perf/bench_workers.py [--items 1000] [--step-s 0.05] [--workers 1,2,4]`

Every run uses the same team backend (a real Redis broker and the nx-27017 wire-protocol MongoDB, or a
real MongoDB with PIGMEU_TEST_MONGODB_URI) and stand-in steps that sleep `--step-s` (tests/support/
worker_works.py), items going queued → scrape → draft → publish (auto-publish on). Reported per run:
wall time, items per second, and the speed-up against one worker (target >= 3.5x with 4). A worker is
one process running one step at a time (`pigmeu worker --step all --concurrency 1`). `step_share` is the
part of the time the stand-in steps themselves account for; the rest is the cost of the machinery
(broker round trips, the step runner's claim/save/history writes to MongoDB, process start-up excluded).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.ports import NewLink
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.jobs.workers import WorkerDispatcher, broker_url, make_celery
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import save_settings
from tests.perf.bench_team import backend


def links(n: int, tag: str) -> list[NewLink]:
    return [
        NewLink(f"https://www.amazon.com.br/dp/B{tag}{i:05d}", f"B{tag}{i:05d}", "amazon.com.br", "x")
        for i in range(n)
    ]


async def wait_published(store, n: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while await store.count(status=Status.PUBLISHED) < n:
        if time.monotonic() > deadline:
            raise SystemExit(f"not all published in {timeout} s")
        await asyncio.sleep(0.2)


async def run_executor(settings: Settings, home: Path, env: dict, items: int) -> float:
    from pigmeu_desktop.jobs.executor import Executor
    from tests.support.worker_works import works

    os.environ.update({k: env[k] for k in ("REDIS_URL", "REDIS_PASSWORD", "PIGMEU_FAKE_STEP_S")})
    services = Services(
        AppPaths.under(home).ensure(),
        settings,
        env={k: env[k] for k in ("REDIS_PASSWORD", "MONGODB_PASSWORD")},
    )
    store = await services.store()
    await store.add_links(links(items, "EXE"))
    executor = Executor(services, works=works(), scan_interval_s=0.5)
    started = time.perf_counter()
    await executor.start()
    await wait_published(store, items, 3600)
    elapsed = time.perf_counter() - started
    await executor.stop()
    await services.aclose()
    return elapsed


async def run_workers(settings: Settings, home: Path, env: dict, items: int, workers: int, redis) -> float:
    services = Services(
        AppPaths.under(home / "app").ensure(),
        settings,
        env={k: env[k] for k in ("REDIS_PASSWORD", "MONGODB_PASSWORD")},
    )
    store = await services.store()
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pigmeu_desktop.cli",
                "worker",
                "--step",
                "all",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(workers)
    ]
    await asyncio.sleep(8)  # worker start-up is not what is measured
    await store.add_links(links(items, f"W{workers}"))
    dispatcher = WorkerDispatcher(
        services, make_celery(broker_url(redis.url, redis.password)), scan_interval_s=1
    )
    started = time.perf_counter()
    await dispatcher.start()
    try:
        await wait_published(store, items, 3600)
    finally:
        elapsed = time.perf_counter() - started
        await dispatcher.aclose()
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=30)
        await services.aclose()
    return elapsed


async def main_async(args) -> dict:
    results: dict = {"items": args.items, "step_s": args.step_s, "load": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="pigmeu-bench-workers-") as tmp:
        root = Path(tmp)
        uri, redis, stop = backend(root)
        try:

            def settings_for(name: str) -> tuple[Settings, Path, dict]:
                home = root / name
                settings = Settings(
                    team_mode=True,
                    auto_publish_draft=True,
                    mongodb_uri=uri,
                    mongo_db_name=f"bench_{uuid.uuid4().hex[:8]}",
                    redis_url=redis.url,
                )
                save_settings(AppPaths.under(home).ensure().settings_file, settings)
                env = {
                    **os.environ,
                    "PIGMEU_HOME": str(home),
                    "REDIS_URL": redis.url,
                    "REDIS_PASSWORD": redis.password,
                    "MONGODB_PASSWORD": "",
                    "PIGMEU_WORKER_WORKS": "tests.support.worker_works:works",
                    "PIGMEU_FAKE_STEP_S": str(args.step_s),
                    "PYTHONPATH": str(REPO),
                    "PYTHONWARNINGS": "ignore",
                }
                return settings, home, env

            steps_s = args.items * 3 * args.step_s
            if not args.skip_executor:
                settings, home, env = settings_for("executor")
                elapsed = await run_executor(settings, home, env, args.items)
                results["executor"] = {
                    "seconds": round(elapsed, 1),
                    "items_per_s": round(args.items / elapsed, 1),
                    "limits": "scrape 2, draft 3, publish 1 (the Jobs defaults)",
                }
            one = None
            for workers in args.workers:
                settings, home, env = settings_for(f"workers-{workers}")
                elapsed = await run_workers(settings, home, env, args.items, workers, redis)
                one = one or (elapsed if workers == 1 else None)
                results[f"workers_{workers}"] = {
                    "seconds": round(elapsed, 1),
                    "items_per_s": round(args.items / elapsed, 1),
                    "speed_up_vs_1": round(one / elapsed, 2) if one else None,
                    "step_share": round(steps_s / workers / elapsed, 2),
                }
        finally:
            for server in stop:
                server.stop()
    results["target_speed_up_4"] = 3.5
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--step-s", type=float, default=0.05)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--skip-executor", action="store_true")
    args = parser.parse_args()
    args.workers = [int(w) for w in args.workers.split(",")]
    print(json.dumps(asyncio.run(main_async(args)), indent=2))


if __name__ == "__main__":
    main()
