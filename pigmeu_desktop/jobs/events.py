"""Progress events for the UI and the CLI: plain observers (no Qt here), throttled per item."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.states import Step

log = logging.getLogger("pigmeu.jobs.events")


@dataclass(frozen=True, slots=True)
class JobEvent:
    """One thing that happened to one step of one item."""

    submission_id: str
    step: Step
    fraction: float | None = None
    message: str = ""
    submission: Submission | None = None  # the saved item after finish (or failure, when known)
    error: PigmeuError | None = None
    retry_in_s: float | None = None  # set on failures the executor will retry by itself


class JobObserver(Protocol):
    """What a listener implements; every method is optional (see ObserverList)."""

    def job_did_start(self, event: JobEvent) -> None: ...

    def job_did_progress(self, event: JobEvent) -> None: ...

    def job_did_finish(self, event: JobEvent) -> None: ...

    def job_did_fail(self, event: JobEvent) -> None: ...


class ObserverList:
    """Fan an event out to observers; one observer raising must not stop the executor or the others."""

    def __init__(self) -> None:
        self._observers: list[object] = []

    def add(self, observer: object) -> Callable[[], None]:
        self._observers.append(observer)
        return lambda: self._observers.remove(observer) if observer in self._observers else None

    def emit(self, name: str, event: JobEvent) -> None:
        for observer in list(self._observers):
            method = getattr(observer, name, None)
            if method is None:
                continue
            try:
                method(event)
            except Exception:
                log.exception("observer %r failed in %s", observer, name)


class ProgressGate:
    """Coalesce one item's progress to at most `rate_hz` events a second, always delivering the latest.

    A call inside the window is held back and flushed when the window ends, so a step that reports
    a thousand times a second costs the UI ten repaints, and the last message is never lost.
    """

    def __init__(
        self,
        deliver: Callable[[float | None, str], None],
        *,
        rate_hz: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._deliver = deliver
        self._interval = 1.0 / rate_hz
        self._clock = clock
        self._last = float("-inf")
        self._pending: tuple[float | None, str] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._closed = False
        self._loop = asyncio.get_running_loop()

    def __call__(self, fraction: float | None, message: str) -> None:
        if self._closed:
            return
        try:
            on_loop = asyncio.get_running_loop() is self._loop
        except RuntimeError:
            on_loop = False
        if not on_loop:  # reported from a worker thread (e.g. a parser): deliver on the loop
            self._loop.call_soon_threadsafe(self, fraction, message)
            return
        now = self._clock()
        wait = self._last + self._interval - now
        if wait <= 0 and self._timer is None:
            self._last = now
            self._deliver(fraction, message)
            return
        self._pending = (fraction, message)
        if self._timer is None:
            self._timer = self._loop.call_later(max(wait, 0.0), self._flush)

    def _flush(self) -> None:
        self._timer = None
        if self._pending is not None and not self._closed:
            fraction, message = self._pending
            self._pending = None
            self._last = self._clock()
            self._deliver(fraction, message)

    def close(self) -> None:
        """The step ended: drop what is pending (the finish/fail event supersedes it)."""
        self._closed = True
        self._pending = None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
