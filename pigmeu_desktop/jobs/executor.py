"""The background executor: finds work in the store and runs steps with per-kind limits, retries and cancel.

It runs on whatever asyncio loop is current (qasync in the GUI, plain asyncio under `pigmeu run`) and
never blocks it: every step is a task, every wait is an await. The store is the source of truth; the
executor only keeps in memory what it is doing right now, so a crash loses nothing (leases expire, or
are taken back at once when their holder's process is gone, and the item resumes at its step).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
import random
import time
from collections import Counter, deque
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from pigmeu_desktop.core.errors import (
    TRANSIENT_CODES,
    Cancelled,
    InvalidTransition,
    NoSuchItem,
    PigmeuError,
    StoreConflict,
)
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import (
    Change,
    ChangeKind,
    StepContext,
    StepWork,
    SubmissionStore,
    SubmissionSummary,
)
from pigmeu_desktop.core.states import WORKING_STATES, Status, Step
from pigmeu_desktop.jobs.events import JobEvent, ObserverList, ProgressGate
from pigmeu_desktop.jobs.leases import instance_id, is_reclaimable
from pigmeu_desktop.jobs.pipeline import (
    AUTO_POST_STATUS,
    WARM_UP_MODULES,
    LazyWork,
    default_works,
    next_step,
)
from pigmeu_desktop.jobs.retry import RetryPolicy
from pigmeu_desktop.jobs.steps import Expected, StepOutdated, run_step
from pigmeu_desktop.settings.schema import Settings

log = logging.getLogger("pigmeu.jobs.executor")

STEPS = (Step.SCRAPE, Step.DRAFT, Step.PUBLISH)


class JobState(StrEnum):
    WAITING = "waiting"  # in its kind's queue, for a free slot
    RUNNING = "running"
    RETRY_WAIT = "retry_wait"  # failed transiently; sleeping out its backoff


@dataclass(slots=True, eq=False)  # identity equality: a retry of the same item is a different job
class Job:
    submission_id: str
    step: Step
    state: JobState = JobState.WAITING
    task: asyncio.Task | None = None
    options: dict[str, Any] = field(default_factory=dict)  # extra keyword arguments for the work
    marketplace: str | None = None  # for scrapes: a captcha pause of this marketplace holds the job back
    # Where the item stood when this job was planned; the step runs only if it is still there, so a
    # retry (or a pick-up) that another process overtook does nothing instead of pulling the item back.
    expected: Expected | None = None


@dataclass(slots=True)
class RunStats:
    """What this executor did since it started (the CLI summary, the status bar)."""

    finished: Counter = field(default_factory=Counter)  # by step
    failed: Counter = field(default_factory=Counter)  # by error code, failures left for a person
    retried: int = 0
    cancelled: int = 0
    skipped: int = 0  # someone else held the item, or it changed under us

    def to_json(self) -> dict[str, Any]:
        return {
            "finished": {str(k): v for k, v in self.finished.items()},
            "failed": {str(k): v for k, v in self.failed.items()},
            "retried": self.retried,
            "cancelled": self.cancelled,
            "skipped": self.skipped,
        }


class Executor:
    """Runs the pipeline for every item in the store (ARCHITECTURE.md, "The queue").

    Dependencies are passed in: `works` maps each step to its use case (default: the service
    packages' functions, imported lazily), `sleep` and `rand` drive retry backoff (tests pass virtual
    time), `clock` drives progress coalescing.
    """

    def __init__(
        self,
        services: StepContext,
        *,
        works: Mapping[Step, StepWork] | None = None,
        owner: str | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Any] = asyncio.sleep,
        rand: Callable[[], float] = random.random,
        clock: Callable[[], float] = time.monotonic,
        lease_seconds: float = 60.0,
        scan_interval_s: float = 5.0,
        progress_rate_hz: float = 10.0,
        scrape_pause_of: Callable[[str], Any] | None = None,
        after_warm_up: Callable[[], None] | None = None,
    ) -> None:
        self.services = services
        # Called each time a step's modules have been imported (the app freezes its heap there again).
        self._after_warm_up = after_warm_up
        self._loaded: set[Step] = set()
        self._loading: dict[Step, asyncio.Lock] = {}
        settings = services.settings
        self.works: dict[Step, StepWork] = {**default_works(), **dict(works or {})}
        # While Amazon shows one marketplace a captcha, its scrapes wait instead of each failing with
        # `captcha`. With the real scrape step the scraper knows the pauses; fakes in tests pass their own.
        if scrape_pause_of is None and works is not None and Step.SCRAPE in works:
            scrape_pause_of = _never_paused
        self._scrape_pause_of = scrape_pause_of
        self.owner = owner or instance_id()
        self.retry = retry or RetryPolicy()
        self.limits: dict[Step, int] = {
            Step.SCRAPE: settings.scrape_concurrency,
            Step.DRAFT: settings.draft_concurrency,
            Step.PUBLISH: settings.publish_concurrency,
        }
        self.lease_seconds = lease_seconds
        self.scan_interval_s = scan_interval_s
        self.stats = RunStats()
        self.observers = ObserverList()
        self._sleep = sleep
        self._rand = rand
        self._clock = clock
        self._rate_hz = progress_rate_hz
        self._jobs: dict[str, Job] = {}
        self._waiting: dict[Step, deque[str]] = {s: deque() for s in STEPS}
        self._running: dict[Step, set[Job]] = {s: set() for s in STEPS}
        self._held: set[str] = set()  # cancelled by the editor: not started again until released
        self._foreign: dict[str, datetime] = {}  # leased by another live instance, until
        self._given_up: dict[str, int] = {}  # failed items not to retry, by the version we looked at
        self._paused = False
        self._store: SubmissionStore | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._unwatch_settings: Callable[[], None] | None = None
        self._scan_task: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._scan_wanted = asyncio.Event()
        self._idle = asyncio.Event()
        self._scans_begun = 0  # scans started and finished, for `scanned()`
        self._scans_done = 0
        self._scan_finished = asyncio.Event()
        self._stopping = False

    # ---- life cycle -------------------------------------------------------------------------

    @property
    def auto_publish_draft(self) -> bool:
        return bool(self.services.settings.auto_publish_draft)

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def running_count(self) -> dict[Step, int]:
        return {s: len(ids) for s, ids in self._running.items()}

    def jobs(self) -> dict[str, tuple[Step, JobState]]:
        return {i: (j.step, j.state) for i, j in self._jobs.items()}

    def add_observer(self, observer: object) -> Callable[[], None]:
        return self.observers.add(observer)

    async def start(self) -> None:
        """Subscribe to store changes and start scanning; returns at once (work goes on in tasks)."""
        if self._scan_task is not None:
            return
        self._stopping = False
        self._idle.clear()  # a restarted executor is not idle until it has scanned again
        self._loop = asyncio.get_running_loop()
        self._unwatch_settings = self.services.watch_settings(self._settings_changed)
        self._store = await self.services.store()
        subscribe = getattr(self._store, "subscribe", None)
        if subscribe is not None:
            self._unsubscribe = subscribe(self._on_change)
        self._scan_task = asyncio.ensure_future(self._scan_loop())

    async def run_until_idle(self) -> RunStats:
        """Process until nothing is left that this executor can do (waiting on people or other hosts)."""
        await self.start()
        await self._idle.wait()
        return self.stats

    async def wait_idle(self) -> None:
        await self._idle.wait()

    async def stop(self) -> None:
        """Cancel everything in flight (items go back to their step's start) and stop scanning."""
        self._stopping = True
        if self._unwatch_settings is not None:
            self._unwatch_settings()
            self._unwatch_settings = None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._scan_task is not None:
            self._scan_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._scan_task
            self._scan_task = None
        tasks = [job.task for job in self._jobs.values() if job.task is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._jobs.clear()
        for queue in self._waiting.values():
            queue.clear()

    # ---- control ----------------------------------------------------------------------------

    def pause(self) -> None:
        """Start nothing new; steps already running finish normally."""
        self._paused = True

    def resume(self) -> None:
        self._paused = False
        self._pump()
        self.request_scan()

    def _settings_changed(self, _old: Settings, new: Settings) -> None:
        """Saved limits apply at once: more slots start waiting work, fewer let running steps finish."""
        self.set_limit(Step.SCRAPE, new.scrape_concurrency)
        self.set_limit(Step.DRAFT, new.draft_concurrency)
        self.set_limit(Step.PUBLISH, new.publish_concurrency)

    def set_limit(self, step: Step, limit: int) -> None:
        self.limits[Step(step)] = max(1, int(limit))
        self._pump()

    def cancel(self, submission_id: str) -> bool:
        """Stop work on one item: a running step is cancelled cooperatively (its page/stream closed)
        and the item goes back to the step's start. It is not started again until `release()`."""
        self._held.add(submission_id)
        return self._drop(submission_id)

    def is_held(self, submission_id: str) -> bool:
        """True for an item the editor stopped: it waits for `release()` (Retry) before running again."""
        return submission_id in self._held

    def release(self, submission_id: str) -> None:
        """Let a cancelled item be picked up again (the editor pressed Retry/Start)."""
        self._held.discard(submission_id)
        self._given_up.pop(submission_id, None)
        self.request_scan()

    def cancel_all(self) -> int:
        """Pause and cancel every running or waiting step; `resume()` carries on from the store."""
        self.pause()
        return sum(self._drop(i) for i in list(self._jobs))

    def _drop(self, submission_id: str) -> bool:
        job = self._jobs.get(submission_id)
        if job is None:
            return False
        if job.state is JobState.WAITING:
            with contextlib.suppress(ValueError):
                self._waiting[job.step].remove(submission_id)
            self._forget(job)
        elif job.task is not None:
            job.task.cancel()  # the task's own handler records the outcome and forgets the job
        return True

    def request_scan(self) -> None:
        """Look at the store again soon. Until that scan has run the queue is not idle: work may be
        waiting there (an item released or resumed, a link added by another window)."""
        self._idle.clear()
        self._scan_wanted.set()

    async def scanned(self) -> None:
        """Ask for a scan and return once a whole scan that began after the request has finished.

        After it, everything the store held at the time of the call has been looked at: what could start
        has started. Tests use it to show that something did *not* start, without sleeping.
        """
        wanted = self._scans_begun + 1
        self.request_scan()
        while self._scans_done < wanted:
            await self._scan_finished.wait()

    # ---- finding work -------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        # Our own writes concern items we already track; only news about others is worth a scan.
        if change.kind is ChangeKind.DELETED:
            return
        if any(i not in self._jobs for i in change.ids):
            loop = self._loop
            if loop is None or loop.is_closed():
                return
            try:
                running = asyncio.get_running_loop()
            except RuntimeError:
                running = None
            if running is loop:
                self.request_scan()
            else:  # a store that notifies from its own thread: hop onto our loop
                loop.call_soon_threadsafe(self.request_scan)

    async def _load(self, step: Step) -> None:
        """Import a step's modules in a worker thread the first time an item needs the step.

        Importing Playwright, the OpenAI SDK, Pillow and friends takes a second or more of pure Python
        (on the loop it would freeze the UI that long) and tens of MB: a queue with nothing to draft
        never pays for the AI SDKs. Returns without suspending once the step is loaded.
        """
        if step in self._loaded:
            return
        async with self._loading.setdefault(step, asyncio.Lock()):
            if step in self._loaded:
                return
            work = self.works[step]
            if isinstance(work, LazyWork):
                try:
                    await asyncio.to_thread(work.resolve)
                except PigmeuError as exc:  # reported again, with its code, when the step runs
                    log.warning("cannot load %r: %s", work, exc.message)
                for module in WARM_UP_MODULES.get(step, ()):
                    try:
                        await asyncio.to_thread(importlib.import_module, module)
                    except ImportError:  # the step itself says what is missing
                        log.info("warm-up: %s not importable", module)
                if self._after_warm_up is not None:
                    self._after_warm_up()
            self._loaded.add(step)

    async def _scan_loop(self) -> None:
        # `while not stopping`, and asyncio.timeout rather than wait_for: on Python 3.11, a cancel that
        # arrives in the same loop turn as the event wait_for waits on is swallowed (wait_for returns the
        # event's result), and a scan loop that ignored stop()'s cancel would make stop() wait forever.
        while not self._stopping:
            self._scan_wanted.clear()
            scanned = False
            self._scans_begun += 1
            try:
                await self._scan()
                scanned = True
            except PigmeuError as exc:
                log.warning("scan failed: %s %s", exc.code, exc.message)
            except Exception:
                log.exception("scan failed")
            self._scans_done = self._scans_begun
            finished, self._scan_finished = self._scan_finished, asyncio.Event()
            finished.set()
            # Idle: a full scan found nothing to do and nothing changed meanwhile.
            if scanned and not self._jobs and not self._scan_wanted.is_set():
                self._idle.set()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.scan_interval_s):
                    await self._scan_wanted.wait()
            # Coalesce a burst of changes (fifty links pasted at once) into one scan.
            await asyncio.sleep(0.05)

    def _scan_statuses(self) -> list[Status]:
        statuses = [Status.QUEUED, Status.SCRAPED, Status.APPROVED, *sorted(WORKING_STATES), Status.FAILED]
        if self.auto_publish_draft:
            statuses.append(Status.DRAFTED)
        return statuses

    async def _scan(self) -> None:
        store = self._store
        assert store is not None
        rows: list[SubmissionSummary] = []
        for status in self._scan_statuses():
            # The store lists newest first and breaks ties in queue order; reversed, oldest first.
            rows.extend(reversed(await store.list_summaries(status=status)))
        # Oldest first, the order the editor queued them; the sort is stable, so ties keep the store's order.
        rows.sort(key=lambda r: r.created_at)
        needed = {next_step(r.status, auto_publish_draft=self.auto_publish_draft) for r in rows}
        for wanted in sorted(s for s in needed if s is not None):
            await self._load(wanted)  # before `now`: the first load of a step takes a second or more
        now = utcnow()
        for row in rows:
            if self._stopping:
                return
            sid = row.id
            if sid in self._jobs or sid in self._held:
                continue
            if sid in self._foreign and self._foreign[sid] > now:
                continue
            if row.status is Status.FAILED:
                if row.error_code in TRANSIENT_CODES and self._given_up.get(sid) != row.version:
                    await self._consider_failed(store, sid)
                continue
            step = next_step(row.status, auto_publish_draft=self.auto_publish_draft)
            if step is None:
                continue
            if row.status in WORKING_STATES:
                sub = await store.get(sid)
                if not is_reclaimable(sub.lease, self.owner, now):
                    assert sub.lease is not None
                    self._foreign[sid] = sub.lease.until
                    continue
                self._foreign.pop(sid, None)
            if step is Step.SCRAPE and self.scrape_paused(row.marketplace):
                continue  # picked up by a later scan, once the editor solved the captcha or it expired
            self._enqueue(sid, step, self._options(step, row.status), row.marketplace, Expected.of(row))

    async def _consider_failed(self, store: SubmissionStore, sid: str) -> None:
        """A transiently failed item found in the store (e.g. after a restart): retry it if budget is left."""
        sub = await store.get(sid)
        if sub.status is not Status.FAILED or sub.error is None:
            return
        if not self.retry.should_retry(sub.error.code, sub.error.attempts):
            self._given_up[sid] = sub.version
            return
        elapsed = (utcnow() - sub.error.at).total_seconds()
        delay = max(0.0, self.retry.delay(sub.error.attempts, self._rand()) - elapsed)
        step = Step(sub.error.step)
        self._schedule_retry(sid, step, delay, self._options(step, Status.FAILED), Expected.of(sub))

    # ---- running ----------------------------------------------------------------------------

    def _options(self, step: Step, status: Status) -> dict[str, Any]:
        """Publishing without review sends a WordPress *draft*, whatever the default post status says.

        In that mode only an item a person approved publishes with the default; a retried or resumed
        publish cannot tell who approved it, so it stays on the safe side too.
        """
        if step is Step.PUBLISH and self.auto_publish_draft and status is not Status.APPROVED:
            return {"status": AUTO_POST_STATUS}
        return {}

    def scrape_paused(self, marketplace: str | None) -> bool:
        """True while a captcha pauses scraping on `marketplace` (the scraper keeps the pauses)."""
        if marketplace is None:
            return False
        pause_of = self._scrape_pause_of
        if pause_of is None:
            pause_of = self.services.scraper.pause_of
        try:
            return bool(pause_of(marketplace))
        except Exception:  # a broken pause record must not stop the queue
            log.exception("cannot read the scraping pause of %s", marketplace)
            return False

    def _enqueue(
        self,
        sid: str,
        step: Step,
        options: dict[str, Any] | None = None,
        marketplace: str | None = None,
        expected: Expected | None = None,
    ) -> None:
        self._jobs[sid] = Job(
            sid, step, options=dict(options or {}), marketplace=marketplace, expected=expected
        )
        self._waiting[step].append(sid)
        self._idle.clear()
        self._pump()

    def _pump(self) -> None:
        if self._paused or self._stopping:
            return
        for step in STEPS:
            queue = self._waiting[step]
            while queue and len(self._running[step]) < self.limits[step]:
                job = self._jobs[queue.popleft()]
                if step is Step.SCRAPE and self.scrape_paused(job.marketplace):
                    # A captcha arrived after this item was queued: let it wait in the store, not fail.
                    self._forget(job)
                    if not self._jobs:
                        self.request_scan()  # so an executor with nothing else to do can call itself idle
                    continue
                job.state = JobState.RUNNING
                self._running[step].add(job)
                self._launch(job, self._run_job(job))

    def _launch(self, job: Job, coro: Coroutine[Any, Any, None]) -> None:
        job.task = asyncio.ensure_future(coro)
        # A done callback, not `finally`: a task cancelled before its first step never runs its body.
        job.task.add_done_callback(functools.partial(self._job_finished, job))

    def _job_finished(self, job: Job, _task: asyncio.Task[None]) -> None:
        self._job_done(job)

    def _forget(self, job: Job) -> None:
        if self._jobs.get(job.submission_id) is job:
            del self._jobs[job.submission_id]
        self._running[job.step].discard(job)

    def _job_done(self, job: Job) -> None:
        self._forget(job)
        self._pump()
        if not self._jobs:
            self.request_scan()  # nothing in hand: look again, and declare idle if nothing is found

    async def _run_job(self, job: Job) -> None:
        sid, step = job.submission_id, job.step
        gate = ProgressGate(
            lambda fraction, message: self.observers.emit(
                "job_did_progress", JobEvent(sid, step, fraction=fraction, message=message)
            ),
            rate_hz=self._rate_hz,
            clock=self._clock,
        )
        self.observers.emit("job_did_start", JobEvent(sid, step))
        try:
            work = self.works[step]
            if job.options:
                work = functools.partial(work, **job.options)
            saved = await run_step(
                self.services,
                sid,
                step,
                work,
                owner=self.owner,
                lease_seconds=self.lease_seconds,
                progress=gate,
                expected=job.expected,
            )
        except asyncio.CancelledError:
            gate.close()
            self.stats.cancelled += 1
            self.observers.emit("job_did_fail", JobEvent(sid, step, error=Cancelled()))
            # Swallowed on purpose: only the executor cancels this task, and run_step already put
            # the item back at the step's start.
            return
        except (StoreConflict, NoSuchItem, InvalidTransition) as exc:
            # Someone else claimed it, it was deleted, or it moved on: not a failure of the item.
            gate.close()
            self.stats.skipped += 1
            log.info("skipped %s of %s: %s", step, sid, exc.code)
            if isinstance(exc, StepOutdated):
                self.request_scan()  # plan the item afresh from where it now is
            self.observers.emit("job_did_fail", JobEvent(sid, step, error=exc))
            return
        except Cancelled as exc:
            gate.close()
            self.stats.cancelled += 1
            self.observers.emit("job_did_fail", JobEvent(sid, step, error=exc))
            return
        except PigmeuError as exc:
            gate.close()
            await self._after_failure(job, exc)
            return
        gate.close()
        self.stats.finished[step] += 1
        self.observers.emit("job_did_finish", JobEvent(sid, step, fraction=1.0, submission=saved))
        follow_up = next_step(saved.status, auto_publish_draft=self.auto_publish_draft)
        if follow_up is not None:
            await self._load(follow_up)
        if follow_up is not None and not self._stopping and sid not in self._held:
            self._forget(job)  # free this kind's slot before the next step takes one
            # Straight on to the next step, no scan needed.
            self._enqueue(sid, follow_up, self._options(follow_up, saved.status), expected=Expected.of(saved))

    async def _after_failure(self, job: Job, exc: PigmeuError) -> None:
        sid, step = job.submission_id, job.step
        failed: Submission | None = None
        attempts = 1
        with contextlib.suppress(PigmeuError):
            failed = await self._store.get(sid) if self._store else None
            if failed is not None and failed.error is not None:
                attempts = failed.error.attempts
        will_retry = (
            exc.transient
            and self.retry.should_retry(exc.code, attempts)
            and not self._stopping
            and sid not in self._held
        )
        delay = self.retry.delay(attempts, self._rand()) if will_retry else None
        if will_retry:
            self.stats.retried += 1
        else:
            self.stats.failed[str(exc.code)] += 1
            if failed is not None:
                self._given_up[sid] = failed.version
        self.observers.emit(
            "job_did_fail", JobEvent(sid, step, submission=failed, error=exc, retry_in_s=delay)
        )
        if delay is not None:
            self._forget(job)
            expected = Expected.of(failed) if failed is not None else None
            self._schedule_retry(sid, step, delay, job.options, expected)

    def _schedule_retry(
        self, sid: str, step: Step, delay: float, options: dict[str, Any], expected: Expected | None
    ) -> None:
        job = Job(sid, step, state=JobState.RETRY_WAIT, options=options, expected=expected)
        self._jobs[sid] = job
        self._idle.clear()
        self._launch(job, self._retry_after(job, delay))

    async def _retry_after(self, job: Job, delay: float) -> None:
        log.info("retrying %s of %s in %.1f s", job.step, job.submission_id, delay)
        await self._sleep(delay)
        if (
            self._jobs.get(job.submission_id) is job
            and not self._stopping
            and job.submission_id not in self._held
        ):
            del self._jobs[job.submission_id]
            self._enqueue(job.submission_id, job.step, job.options, job.marketplace, job.expected)


def _never_paused(marketplace: str) -> None:
    return None
