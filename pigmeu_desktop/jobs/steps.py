"""The step runner: claim an item under a lease, run one step's work, record the outcome. Owns `status`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pigmeu_desktop.core import states
from pigmeu_desktop.core.errors import (
    Cancelled,
    ErrorCode,
    InvalidTransition,
    PigmeuError,
    StoreConflict,
)
from pigmeu_desktop.core.models import ErrorInfo, Lease, Submission, utcnow
from pigmeu_desktop.core.ports import (
    ActivityEntry,
    ProgressFn,
    StepContext,
    StepWork,
    SubmissionStore,
    SubmissionSummary,
    no_progress,
)
from pigmeu_desktop.core.states import START_OF_STEP, WORKING_STATE, Status, Step
from pigmeu_desktop.jobs.leases import is_reclaimable

log = logging.getLogger("pigmeu.jobs.steps")

DONE_STATE = {Step.SCRAPE: Status.SCRAPED, Step.DRAFT: Status.DRAFTED, Step.PUBLISH: Status.PUBLISHED}

# Activity events written by the runner (the UI's history view keys off these strings).
EVENT_FINISHED = "step_finished"
EVENT_FAILED = "step_failed"
EVENT_INTERRUPTED = "step_interrupted"
EVENT_DROPPED = "step_dropped"  # a planned retry found the item moved on, and did nothing


def error_data(exc: PigmeuError) -> dict:
    """The error's details worth keeping on the item: short scalar facts, not the raw AI text itself."""
    return {
        key: value
        for key, value in exc.details.items()
        if key != "raw_output" and isinstance(value, (str, int, float, bool)) and len(str(value)) <= 500
    }


class LeaseHeld(StoreConflict):
    """Another app instance holds a live lease on the item: it is working on it right now."""


class LeaseLost(StoreConflict):
    """Our lease was taken over (it expired while we worked); the result must not be saved."""


class StepOutdated(StoreConflict):
    """The item is no longer where the step was planned from (another window, `pigmeu`, a teammate moved
    it on): the step is dropped, nothing is redone."""


@dataclass(frozen=True, slots=True)
class Expected:
    """Where the item stood when a step was planned: it runs only if the item is still exactly there."""

    status: Status
    version: int

    @classmethod
    def of(cls, item: Submission | SubmissionSummary) -> Expected:
        return cls(item.status, item.version)


async def run_step(
    services: StepContext,
    submission_id: str,
    step: Step,
    work: StepWork,
    *,
    owner: str,
    lease_seconds: float = 60.0,
    progress: ProgressFn = no_progress,
    expected: Expected | None = None,
) -> Submission:
    """Claim `submission_id` for `step`, run `work` on it and save the outcome; return the saved item.

    With `expected` (a retry or a step planned earlier), the step runs only if the item still has that
    status and version; otherwise StepOutdated is raised and, for a planned retry, a history line says so.

    Success moves the item to the step's done state. A PigmeuError (or any unexpected exception, as
    `internal_error`) moves it to `failed` with the error and is re-raised as a PigmeuError.
    Cancellation puts the item back at the step's start and re-raises CancelledError.
    A StoreConflict from the claim means someone else claimed first; it propagates untouched.
    """
    store: SubmissionStore = await services.store()
    runner = _StepRun(store, submission_id, Step(step), owner, lease_seconds)
    claimed = await runner.claim(expected)
    return await runner.run(claimed, work, services, progress)


class _StepRun:
    """One run of one step on one item; keeps the latest version we wrote so saves never go stale."""

    def __init__(self, store: SubmissionStore, submission_id: str, step: Step, owner: str, lease_s: float):
        self.store = store
        self.submission_id = submission_id
        self.step = step
        self.owner = owner
        self.lease_s = float(lease_s)
        self.working = WORKING_STATE[step]
        self.version = 0  # version of the last document we saved
        self.claimed: Submission | None = None

    def _lease(self, now: datetime) -> Lease:
        return Lease(owner=self.owner, until=now + timedelta(seconds=self.lease_s))

    async def claim(self, expected: Expected | None = None) -> Submission:
        sub = await self.store.get(self.submission_id)
        self.submission_id = sub.id  # the store accepts id prefixes; use the full id from here on
        now = utcnow()
        if expected is not None and Expected.of(sub) != expected:
            await self._drop(sub, expected, now)
        if sub.status is self.working:
            lease = sub.lease
            if not is_reclaimable(lease, self.owner, now):
                assert lease is not None
                raise LeaseHeld(
                    f"Another app instance is already working on this item ({self.step}).",
                    next_step="Wait for it to finish, or retry after its lease expires.",
                    id=sub.id,
                    lease_until=lease.until.isoformat(),
                )
            # An expired lease (or ours, or a dead process's): take the item up again where it stands.
            claimed = sub.model_copy(update={"lease": self._lease(now), "updated_at": now})
        else:
            claimed = states.transition(self._route_to_start(sub), self.working, now=now)
            claimed = claimed.model_copy(update={"lease": self._lease(now)})
        saved = await self.store.save(claimed)  # StoreConflict: someone else claimed first
        self.version = saved.version
        self.claimed = saved
        return saved

    async def _drop(self, sub: Submission, expected: Expected, now: datetime) -> None:
        log.info(
            "dropped %s of %s: planned at %s v%d, now %s v%d",
            self.step,
            sub.id,
            expected.status,
            expected.version,
            sub.status,
            sub.version,
        )
        if expected.status is Status.FAILED:  # a retry the editor may wonder about; a plain pick-up is not
            await self.store.add_activity(
                ActivityEntry(sub.id, now, EVENT_DROPPED, step=str(self.step), message=str(sub.status))
            )
        raise StepOutdated(
            f"The item changed since this {self.step} was planned (now '{sub.status}'); nothing was redone.",
            id=sub.id,
            status=str(sub.status),
        )

    def _route_to_start(self, sub: Submission) -> Submission:
        """Return `sub` in a status from which the working state is reachable (one hop at most).

        A failed item goes back to the start of the step that failed (a retry); an item elsewhere
        (e.g. drafted, asked to scrape again) goes through the step's start when the machine allows.
        """
        if not states.can_start(sub, self.step):
            raise InvalidTransition(
                f"Cannot {self.step} an item that is '{sub.status}'.",
                current=str(sub.status),
                step=str(self.step),
            )
        if states.can_transition(sub.status, self.working):
            return sub
        return states.transition(
            sub, states.retry_target(sub) if sub.status is Status.FAILED else START_OF_STEP[self.step]
        )

    async def run(
        self, claimed: Submission, work: StepWork, services: StepContext, progress: ProgressFn
    ) -> Submission:
        renewer = asyncio.ensure_future(self._renew_forever())
        work_task = asyncio.ensure_future(work(services, claimed, progress=progress))
        try:
            # Whichever ends first: the work, or the renewer telling us the lease was lost.
            await asyncio.wait({work_task, renewer}, return_when=asyncio.FIRST_COMPLETED)
            if not work_task.done():
                await self._stop(work_task)
                renewer.result()  # raises LeaseLost (or the store's error)
            result = work_task.result()
        except asyncio.CancelledError:
            await _uncancellable(self._interrupt(work_task, renewer, "cancelled"))
            raise
        except Cancelled as exc:
            await _uncancellable(self._interrupt(work_task, renewer, exc.message))
            raise
        except LeaseLost:
            await self._stop(renewer)
            raise
        except PigmeuError as exc:
            await self._stop(renewer)
            await self._fail(exc)
            raise
        except Exception as exc:
            log.exception("%s of %s failed unexpectedly", self.step, self.submission_id)
            await self._stop(renewer)
            error = PigmeuError(
                f"Unexpected error while running {self.step} ({type(exc).__name__}).",
                code=ErrorCode.INTERNAL,
                id=self.submission_id,
                step=str(self.step),
            )
            await self._fail(error)
            raise error from exc
        await self._stop(renewer)
        return await self._finish(result)

    async def _renew_forever(self) -> None:
        """Extend the lease every third of its length; raise LeaseLost if another owner took the item."""
        while True:
            await asyncio.sleep(self.lease_s / 3)
            await self._renew_once()

    async def _renew_once(self) -> None:
        # Re-read: the work itself may have saved (e.g. the WordPress post id right after creating it).
        for _ in range(3):
            fresh = await self.store.get(self.submission_id)
            self._check_ours(fresh)
            try:
                saved = await self.store.save(fresh.model_copy(update={"lease": self._lease(utcnow())}))
            except StoreConflict:
                continue  # the work wrote between our read and write; read again
            self.version = max(self.version, saved.version)
            return

    def _check_ours(self, fresh: Submission) -> None:
        if fresh.status is not self.working or fresh.lease is None or fresh.lease.owner != self.owner:
            raise LeaseLost(
                f"This item was taken over while {self.working}; our result was dropped.",
                id=self.submission_id,
                status=str(fresh.status),
            )

    async def _save_result(self, result: Submission, build, activity: ActivityEntry) -> Submission:
        """Save `build(result)` at our latest version; on a conflict re-read, check we still own it, retry."""
        candidate = build(result.model_copy(update={"version": max(self.version, result.version)}))
        try:
            return await self.store.save(candidate, activity=activity)
        except StoreConflict:
            fresh = await self.store.get(self.submission_id)
            self._check_ours(fresh)
            return await self.store.save(
                build(result.model_copy(update={"version": fresh.version})), activity=activity
            )

    async def _save_latest(self, build, activity: ActivityEntry) -> Submission:
        """Save `build(latest stored document)`: keeps whatever the work saved before it failed
        (e.g. the WordPress post id), which is what makes a retry update instead of duplicate."""
        for attempt in range(3):
            fresh = await self.store.get(self.submission_id)
            self._check_ours(fresh)
            try:
                return await self.store.save(build(fresh), activity=activity)
            except StoreConflict:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _finish(self, result: Submission) -> Submission:
        now = utcnow()
        done_state = DONE_STATE[self.step]
        # The work must not move status; force the working state back so the transition is the runner's.
        base = result.model_copy(update={"status": self.working, "id": self.submission_id})
        return await self._save_result(
            base, lambda d: states.transition(d, done_state, now=now), self._entry(EVENT_FINISHED, at=now)
        )

    async def _fail(self, exc: PigmeuError) -> None:
        now = utcnow()
        attempts = await self._consecutive_failures() + 1
        info = ErrorInfo(
            step=str(self.step),
            code=str(exc.code),
            message=exc.message,
            attempts=attempts,
            at=now,
            next_step=exc.next_step or None,
            data=error_data(exc),
        )
        try:
            await self._save_latest(
                lambda d: states.transition(d, Status.FAILED, now=now, error=info),
                self._entry(
                    EVENT_FAILED, at=now, code=str(exc.code), message=exc.message, data={"attempts": attempts}
                ),
            )
        except (PigmeuError, OSError) as save_exc:
            # The original error matters more; the lease expires and a later run takes the item up again.
            log.error("could not record the failure of %s on %s: %r", self.step, self.submission_id, save_exc)

    async def _interrupt(self, work_task: asyncio.Future, renewer: asyncio.Future, why: str) -> None:
        """Cancellation: stop the work (it closes its page/stream) and put the item back at the step's start."""
        await self._stop(renewer)
        await self._stop(work_task)
        now = utcnow()
        back = states.interrupted_target(self.working)
        try:
            await self._save_latest(
                lambda d: states.transition(d, back, now=now),
                self._entry(EVENT_INTERRUPTED, at=now, code=str(ErrorCode.CANCELLED), message=why),
            )
        except (PigmeuError, OSError) as exc:
            log.warning(
                "could not put %s back after cancel: %r (its lease will expire)", self.submission_id, exc
            )

    async def _consecutive_failures(self) -> int:
        """Failures of this step since it last succeeded, from the activity history."""
        try:
            entries = await self.store.list_activity(self.submission_id)
        except (PigmeuError, OSError):
            return 0
        count = 0
        for entry in sorted(entries, key=lambda e: e.at, reverse=True):
            if entry.step != str(self.step):
                continue
            if entry.event == EVENT_FINISHED:
                break
            if entry.event == EVENT_FAILED:
                count += 1
        return count

    def _entry(self, event: str, *, at: datetime, **fields: Any) -> ActivityEntry:
        """The history line saved with this step's status change (in the same write)."""
        return ActivityEntry(
            submission_id=self.submission_id, at=at, event=event, step=str(self.step), **fields
        )

    @staticmethod
    async def _stop(task: asyncio.Future) -> None:
        if not task.done():
            task.cancel()
        with contextlib.suppress(BaseException):
            await task


async def _uncancellable(coro) -> None:
    """Run cleanup to the end even if our task is cancelled again meanwhile (a second Ctrl+C)."""
    task = asyncio.ensure_future(coro)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task
        raise


__all__ = ["DONE_STATE", "LeaseHeld", "LeaseLost", "run_step"]
