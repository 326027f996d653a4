"""Team workers on Celery: the pipeline's steps as tasks on the team's Redis, one queue per step kind."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import socket
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.core.states import Status, Step
from pigmeu_desktop.jobs.pipeline import next_step

log = logging.getLogger("pigmeu.jobs.workers")

TASK = "pigmeu.step"
QUEUES: Mapping[Step, str] = {
    Step.SCRAPE: "pigmeu.scrape",
    Step.DRAFT: "pigmeu.draft",
    Step.PUBLISH: "pigmeu.publish",
}
# The Pigmeu server's limits: a step is warned (SoftTimeLimitExceeded) at 25 min and killed at 30.
SOFT_LIMIT_S = 25 * 60
HARD_LIMIT_S = 30 * 60
# Redis redelivers a task whose worker vanished without acknowledging it after this long, so it must
# outlast the longest task. (A worker *child* that dies is noticed at once: its task is requeued.)
VISIBILITY_TIMEOUT_S = HARD_LIMIT_S + 5 * 60
SENT_KEY = "pigmeu:sent:{id}:{version}:{step}"  # one send per item version and step, whoever sends
WORKER_MARK = "celery-worker"  # ends a worker's lease owner: the queue says "a worker on HOST" has the item
WORKS_ENV = (
    "PIGMEU_WORKER_WORKS"  # "module:attribute" → {Step: StepWork}, for stand-in steps (tests, benchmarks)
)


def broker_url(redis_url: str, password: str | None) -> str:
    """The Redis URL with the password in it (Celery's own logs print it masked)."""
    if not password:
        return redis_url
    parts = urlsplit(redis_url)
    host = parts.hostname or "localhost"
    netloc = f"{parts.username or ''}:{password}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def make_celery(broker: str, *, visibility_timeout_s: float = VISIBILITY_TIMEOUT_S):
    """The Celery app the workers run and the desktop sends to (nothing else is configured anywhere)."""
    from celery import Celery

    app = Celery("pigmeu", broker=broker, set_as_current=False)
    app.conf.update(
        task_acks_late=True,  # acknowledged after the step, so a worker that dies does not lose it
        task_reject_on_worker_lost=True,  # a killed worker child: requeued at once, not dropped
        worker_prefetch_multiplier=1,  # a worker holds only what it runs (steps are long)
        task_soft_time_limit=SOFT_LIMIT_S,
        task_time_limit=HARD_LIMIT_S,
        task_ignore_result=True,  # outcomes live on the item in MongoDB
        task_default_queue=QUEUES[Step.SCRAPE],
        broker_transport_options={"visibility_timeout": visibility_timeout_s},
        broker_connection_retry_on_startup=True,
        worker_send_task_events=True,  # Flower shows tasks as they run
        task_send_sent_event=True,
        worker_hijack_root_logger=False,
    )
    app.task(name=TASK, bind=True)(_step_task)
    return app


def send_step(app: Any, submission_id: str, step: Step, status: Status, version: int) -> None:
    app.send_task(TASK, args=[submission_id, str(step), str(status), version], queue=QUEUES[step])


# -- inside a worker process --------------------------------------------------------------------------


class _Runtime:
    """One per worker process: an event loop that lives as long as the process, the services (team
    store, browser, LLM, WordPress) built once, and a Redis client for de-duplicated sends."""

    def __init__(self) -> None:
        from pigmeu_desktop.app import Services
        from pigmeu_desktop.paths import AppPaths
        from pigmeu_desktop.settings.loader import load_effective_settings

        paths = AppPaths.resolve(env=dict(os.environ)).ensure()
        settings, env = load_effective_settings(paths, dict(os.environ))
        self.services = Services(paths, settings.model_copy(update={"team_mode": True}), env)
        self.loop = asyncio.new_event_loop()
        # The executor's owner format (host/pid/…): a dead worker child on this host is seen as dead at once.
        self.pid = os.getpid()
        self.owner = f"{socket.gethostname()}/{self.pid}/{WORKER_MARK}"
        self.works = _works()

    def run(self, coro):
        return self.loop.run_until_complete(coro)


_runtime: _Runtime | None = None


def _get_runtime() -> _Runtime:
    global _runtime
    if _runtime is None or _runtime.pid != os.getpid():  # a forked child builds its own
        _runtime = _Runtime()
    return _runtime


def _works() -> dict:
    from pigmeu_desktop.jobs.pipeline import default_works

    works = default_works()
    spec = os.environ.get(WORKS_ENV)
    if spec:
        module, _, attribute = spec.partition(":")
        works.update(getattr(importlib.import_module(module), attribute)())
    return works


def _step_task(task: Any, submission_id: str, step: str, status: str, version: int) -> str:
    """Run one step with the desktop executor's own runner (claim under a lease, work, save)."""
    from pigmeu_desktop.jobs.steps import Expected, LeaseHeld, StepOutdated, run_step

    runtime = _get_runtime()
    expected = Expected(Status(status), int(version))
    try:
        saved = runtime.run(
            run_step(
                runtime.services,
                submission_id,
                Step(step),
                runtime.works[Step(step)],
                owner=runtime.owner,
                expected=expected,
            )
        )
    except StepOutdated:
        return "outdated"  # someone moved the item on: nothing to redo
    except LeaseHeld:
        # Another worker (or a dead one whose lease has not expired) holds it: try again later.
        raise task.retry(countdown=15, max_retries=None) from None
    except PigmeuError as exc:
        log.info("step %s of %s failed: %s", step, submission_id, exc.code)
        return f"failed:{exc.code}"
    follow = next_step(saved.status, auto_publish_draft=runtime.services.settings.auto_publish_draft)
    if follow is not None:
        runtime.run(_send_once(runtime, task.app, saved.id, follow, saved.status, saved.version))
    return str(saved.status)


async def _send_once(
    runtime: _Runtime | WorkerDispatcher,
    app: Any,
    submission_id: str,
    step: Step,
    status: Status,
    version: int,
) -> bool:
    """Send a step unless someone (another worker, an app) already sent it for this version."""
    client = await _redis(runtime)
    key = SENT_KEY.format(id=submission_id, version=version, step=step)
    if not await client.set(key, "1", nx=True, ex=VISIBILITY_TIMEOUT_S):
        return False
    send_step(app, submission_id, step, status, version)
    return True


async def _redis(runtime: Any):
    client = getattr(runtime, "redis", None)
    if client is None:
        import redis.asyncio as aioredis

        from pigmeu_desktop.services.secrets.team import REDIS_PASSWORD, team_password

        url = runtime.services.settings.redis_url
        client = aioredis.from_url(url, password=team_password(runtime.services, REDIS_PASSWORD, url) or None)
        runtime.redis = client
    return client


# -- the desktop side: "send steps to the team's workers" ------------------------------------------------


class WorkerDispatcher:
    """Instead of running steps here, sends each item's next step to the team's workers.

    Scans the store like the executor (now, on every store change, and every `scan_interval_s`), and
    sends each (item, version, step) once for the whole team: a Redis key guards it, so ten open apps
    do not queue the same step ten times. Workers chain the following steps themselves.
    """

    def __init__(self, services: Any, app: Any, *, scan_interval_s: float = 10.0) -> None:
        self.services = services
        self.app = app
        self.scan_interval_s = scan_interval_s
        self.redis: Any = None
        self.sent = 0
        self._task: asyncio.Task | None = None
        self._wake = asyncio.Event()
        self._unsubscribe: Any = None

    async def start(self) -> None:
        store = await self.services.store()
        self._unsubscribe = store.subscribe(lambda change: self._wake.set())
        await _redis(self)
        self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        while True:
            try:
                await self.scan()
            except Exception:
                log.warning("could not send steps to the workers; trying again", exc_info=True)
            self._wake.clear()
            # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow aclose()'s cancel.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.scan_interval_s):
                    await self._wake.wait()

    async def scan(self) -> int:
        from pigmeu_desktop.core.models import utcnow
        from pigmeu_desktop.core.states import WORKING_STATES
        from pigmeu_desktop.jobs.leases import is_reclaimable

        store = await self.services.store()
        auto = self.services.settings.auto_publish_draft
        statuses = [Status.QUEUED, Status.SCRAPED, Status.APPROVED, *WORKING_STATES] + (
            [Status.DRAFTED] if auto else []
        )
        sent = 0
        for status in statuses:
            for row in reversed(await store.list_summaries(status=status)):
                step = next_step(row.status, auto_publish_draft=auto)
                if step is None:
                    continue
                if row.status in WORKING_STATES:  # only when its worker died (lease expired)
                    sub = await store.get(row.id)
                    if not is_reclaimable(sub.lease, "dispatcher", utcnow()):
                        continue
                if await _send_once(self, self.app, row.id, step, row.status, row.version):
                    sent += 1
        self.sent += sent
        return sent

    async def aclose(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self.redis is not None:
            await self.redis.aclose()


async def start_dispatcher(services: Any) -> WorkerDispatcher:
    """The app's side of "send steps to the team's workers" (the same broker the workers use)."""
    from pigmeu_desktop.services.secrets.team import REDIS_PASSWORD, team_password

    url = services.settings.redis_url
    app = make_celery(broker_url(url, team_password(services, REDIS_PASSWORD, url)))
    dispatcher = WorkerDispatcher(services, app)
    await dispatcher.start()
    return dispatcher
