"""`pigmeu worker`: run the pipeline's steps for the team, as Celery workers on the team's Redis."""

from __future__ import annotations

import asyncio
import os
import signal
import socket


def register(sub, common) -> None:
    p = sub.add_parser("worker", parents=[common], help="process the team's queue as a Celery worker")
    p.add_argument(
        "--step",
        choices=["scrape", "draft", "publish", "all"],
        help="one step kind (its own queue); default: one worker per kind, each with its own concurrency",
    )
    p.add_argument("--concurrency", type=int, help="steps at once (default: the Jobs settings for that kind)")
    p.add_argument("--loglevel", default="INFO")
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    from pigmeu_desktop.core.states import Step
    from pigmeu_desktop.jobs.worker_launch import worker_command
    from pigmeu_desktop.jobs.workers import QUEUES

    settings = ctx.services.settings
    limits = {
        "scrape": settings.scrape_concurrency,
        "draft": settings.draft_concurrency,
        "publish": settings.publish_concurrency,
    }
    host = socket.gethostname()
    if args.step == "all":
        plans = [(",".join(QUEUES.values()), args.concurrency or sum(limits.values()), f"all@{host}")]
    else:
        kinds = [args.step] if args.step else list(limits)
        plans = [(QUEUES[Step(k)], args.concurrency or limits[k], f"{k}@{host}") for k in kinds]
    env = dict(os.environ)
    if getattr(args, "data_dir", None):
        env["PIGMEU_HOME"] = str(args.data_dir)  # the worker processes use the same folder
    procs = [
        await asyncio.create_subprocess_exec(
            *worker_command(),
            "--queues",
            queues,
            "--concurrency",
            str(n),
            "--hostname",
            name,
            "--loglevel",
            args.loglevel,
            env=env,
        )
        for queues, n, name in plans
    ]
    ctx.emit(
        {"workers": [name for _, _, name in plans]},
        "workers started: " + ", ".join(f"{name} ({n} at once)" for _, n, name in plans),
    )
    loop = asyncio.get_running_loop()

    def stop_workers() -> None:
        for p in procs:
            if p.returncode is None:
                p.terminate()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop_workers)
    codes = [await p.wait() for p in procs]
    return max(codes, default=0)
