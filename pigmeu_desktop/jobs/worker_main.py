"""One Celery worker process (started by `pigmeu worker` through jobs/worker_launch.py)."""

from __future__ import annotations

import argparse
import os
import sys

from celery.utils.log import mlevel

from pigmeu_desktop.jobs.workers import VISIBILITY_TIMEOUT_S, broker_url, make_celery


def celery_for_environment():
    """The Celery app for this machine's settings: REDIS_URL (+ REDIS_PASSWORD) is the broker."""
    from pigmeu_desktop.app import Services
    from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.services.secrets.team import REDIS_PASSWORD, team_password
    from pigmeu_desktop.settings.loader import load_effective_settings

    paths = AppPaths.resolve(env=dict(os.environ)).ensure()
    settings, env = load_effective_settings(paths, dict(os.environ))
    if not settings.redis_url or not settings.mongodb_uri:
        raise PigmeuError(
            "Workers need the team's Redis and MongoDB.",
            code=ErrorCode.STORE_UNAVAILABLE,
            next_step="Set REDIS_URL and MONGODB_URI (or Settings → Team) on the worker machine.",
        )
    services = Services(paths, settings, env)
    password = team_password(services, REDIS_PASSWORD, settings.redis_url)
    # Tests shorten how long Redis waits before redelivering a vanished worker's task.
    visibility = float(env.get("PIGMEU_WORKER_VISIBILITY_S") or VISIBILITY_TIMEOUT_S)
    return make_celery(broker_url(settings.redis_url, password), visibility_timeout_s=visibility)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pigmeu-worker")
    parser.add_argument("--queues", required=True, help="comma-separated Celery queues")
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--hostname", required=True)
    parser.add_argument("--loglevel", default="INFO")
    args = parser.parse_args(argv)
    app = celery_for_environment()
    # Celery's worker class directly rather than its command line (`celery worker ...`): the same
    # options, without the command line's interactive shells and their terminal libraries, which the
    # frozen bundle leaves out.
    worker = app.Worker(
        hostname=args.hostname,
        queues=args.queues.split(","),
        concurrency=args.concurrency,
        loglevel=mlevel(args.loglevel),
        task_events=True,
        prefetch_multiplier=1,
        without_mingle=True,
        without_gossip=True,
    )
    worker.start()
    return worker.exitcode or 0


if __name__ == "__main__":
    sys.exit(main())
