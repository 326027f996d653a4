"""Shared benchmark probes: a 10 ms ticker on the event loop and a watchdog naming what stalled it."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import statistics
import sys
import threading
import time
import traceback
from pathlib import Path


def _thread_schedstat() -> tuple[int, int] | None:
    """(ns on a CPU, ns runnable but waiting) of the calling thread (Linux schedstat), or None."""
    import threading

    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat") as f:
            ran, waited, _slices = f.read().split()
        return int(ran), int(waited)
    except (OSError, ValueError):
        return None


class Ticker:
    """Wakes every 10 ms and records each interval (a stalled loop = a frozen UI)."""

    def __init__(self, period: float = 0.010) -> None:
        self.period = period
        self.gaps: list[float] = []
        self.last = time.monotonic()  # wall time of the latest tick, read by the watchdog's thread
        self.late: list[tuple[float, float, float]] = []  # (gap, ran, waited for a CPU) in seconds
        self._task: asyncio.Task | None = None

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        sched = _thread_schedstat()
        while True:
            await asyncio.sleep(self.period)
            now = loop.time()
            self.gaps.append(now - last)
            stat = _thread_schedstat()
            if now - last > 0.040 and sched and stat:
                # Of a late tick, how long the loop thread ran and how long it sat runnable waiting for
                # a CPU; the rest it was asleep: waiting for the GIL, a lock or I/O, or simply not due.
                self.late.append((now - last, (stat[0] - sched[0]) / 1e9, (stat[1] - sched[1]) / 1e9))
            sched = stat
            last = now
            self.last = time.monotonic()

    def start(self) -> None:
        self._task = asyncio.ensure_future(self.run())

    async def stop(self) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    def summary(self) -> dict:
        gaps = sorted(self.gaps)
        if not gaps:
            return {"ticks": 0}
        at = lambda q: gaps[min(len(gaps) - 1, int(q * len(gaps)))]  # noqa: E731
        return {
            "ticks": len(gaps),
            "p50_ms": round(statistics.median(gaps) * 1000, 1),
            "p99_ms": round(at(0.99) * 1000, 1),
            "max_ms": round(gaps[-1] * 1000, 1),
            "over_30ms": sum(g > 0.030 for g in gaps),
            # The longest gaps: ms of the gap, of it running, of it runnable but not given a CPU.
            "late_gap_ran_waited_ms": [
                [round(x * 1000) for x in late] for late in sorted(self.late, reverse=True)[:8]
            ],
        }


class Watchdog:
    """Samples the loop thread's stack while the ticker is late, so a stall names the line that caused it
    (asyncio's debug report only names the task). Start it from the loop's thread."""

    def __init__(self, ticker: Ticker, late: float = 0.040, depth: int = 6) -> None:
        self.ticker, self.late, self.depth = ticker, late, depth
        self.main = threading.get_ident()
        self.samples: collections.Counter[str] = collections.Counter()
        # What the other threads were doing while the loop was late (one holding the GIL shows up here).
        self.others: collections.Counter[str] = collections.Counter()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(0.005):
            if time.monotonic() - self.ticker.last > self.late:
                frames = sys._current_frames()
                frame = frames.get(self.main)
                if frame is not None:
                    self.samples[self._describe(frame)] += 1
                for ident, other in frames.items():
                    if ident not in (self.main, threading.get_ident()):
                        self.others[self._describe(other, 3)] += 1

    def _describe(self, frame, depth: int | None = None) -> str:
        stack = traceback.extract_stack(frame)[-(depth or self.depth) :]
        return " < ".join(f"{Path(f.filename).name}:{f.lineno}({f.name})" for f in reversed(stack))

    def top_others(self, n: int = 8) -> list[str]:
        return [f"{count}x {where}" for where, count in self.others.most_common(n)]

    def top(self, n: int = 8) -> list[str]:
        """Most frequent stacks while late; each sample is ~5 ms of the loop thread not ticking."""
        return [f"{count}x {where}" for where, count in self.samples.most_common(n)]


def renice_stand_ins(pids, niceness: int = 10) -> int:
    """Lower the CPU priority of local stand-ins and their children (Linux).

    They stand for remote servers (Amazon, the AI provider, WordPress), which do not compete for the
    editor's CPU; at normal priority on a 2-core machine they would be measured as the app's stalls.
    """
    from pigmeu_desktop.services.scraping.priority import _descendants, lower_process

    changed = 0
    for root in pids:
        for pid in {root, *_descendants(root)}:
            # Its own scheduler group too: a server started in its own session is one.
            changed += lower_process(pid, niceness)
    return changed


class CallbackCpu:
    """Measures the loop thread's own CPU time per callback (asyncio Handle), so a stall caused by our
    code is told apart from one where the OS simply did not run the process. Install, run, uninstall."""

    def __init__(self, threshold_s: float = 0.010) -> None:
        self.threshold = threshold_s
        self.slow: list[tuple[float, float, str]] = []  # (cpu s, wall s, what)
        self._original = None

    def install(self) -> None:
        """Call from the loop's thread: only that thread's callbacks are measured (worker threads
        with loops of their own, like the AI stream's, are left out)."""
        import asyncio.events as events

        original = events.Handle._run
        probe = self
        main = threading.get_ident()

        def _run(handle):
            if threading.get_ident() != main:
                return original(handle)
            cpu0, wall0 = time.thread_time(), time.perf_counter()
            try:
                return original(handle)
            finally:
                cpu = time.thread_time() - cpu0
                if cpu >= probe.threshold:
                    probe.slow.append((cpu, time.perf_counter() - wall0, probe._name(handle)))

        self._original = original
        events.Handle._run = _run

    @staticmethod
    def _name(handle) -> str:
        callback = getattr(handle, "_callback", None)
        owner = getattr(callback, "__self__", None)
        coro = getattr(owner, "get_coro", lambda: None)() if owner is not None else None
        if coro is not None:
            frame = getattr(coro, "cr_frame", None)
            where = f" @ {Path(frame.f_code.co_filename).name}:{frame.f_lineno}" if frame else ""
            return f"{getattr(coro, '__qualname__', coro)}{where}"
        return repr(callback)[:160]

    def uninstall(self) -> None:
        import asyncio.events as events

        if self._original is not None:
            events.Handle._run = self._original
            self._original = None

    def top(self, n: int = 12) -> list[str]:
        return [
            f"cpu {c * 1000:.0f} ms (wall {w * 1000:.0f} ms) {what}"
            for c, w, what in sorted(self.slow, reverse=True)[:n]
        ]


class GcPauses:
    """Times every garbage collection (any thread: a worker's full collection holds the GIL, so it
    stalls the loop too). Install before the measured part, uninstall after."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._started = 0.0

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses[info["generation"]].append(time.perf_counter() - self._started)

    def install(self) -> None:
        import gc

        gc.callbacks.append(self._callback)

    def uninstall(self) -> None:
        import gc

        gc.callbacks.remove(self._callback)

    def summary(self) -> dict:
        return {
            f"gen{gen}": {
                "count": len(p),
                "max_ms": round(max(p, default=0) * 1000, 1),
                "total_ms": round(sum(p) * 1000, 1),
            }
            for gen, p in self.pauses.items()
        }
