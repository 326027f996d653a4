"""Shared benchmark probes: a 10 ms ticker on the event loop and a watchdog naming what stalled it."""

from __future__ import annotations

import asyncio
import collections
import statistics
import sys
import threading
import time
import traceback
from pathlib import Path


class Ticker:
    """Wakes every 10 ms and records each interval (a stalled loop = a frozen UI)."""

    def __init__(self, period: float = 0.010) -> None:
        self.period = period
        self.gaps: list[float] = []
        self.last = time.monotonic()  # wall time of the latest tick, read by the watchdog's thread
        self._task: asyncio.Task | None = None

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            await asyncio.sleep(self.period)
            now = loop.time()
            self.gaps.append(now - last)
            last = now
            self.last = time.monotonic()

    def start(self) -> None:
        self._task = asyncio.ensure_future(self.run())

    async def stop(self) -> None:
        assert self._task is not None
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass

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
        }


class Watchdog:
    """Samples the loop thread's stack while the ticker is late, so a stall names the line that caused it
    (asyncio's debug report only names the task). Start it from the loop's thread."""

    def __init__(self, ticker: Ticker, late: float = 0.040, depth: int = 6) -> None:
        self.ticker, self.late, self.depth = ticker, late, depth
        self.main = threading.get_ident()
        self.samples: collections.Counter[str] = collections.Counter()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(0.005):
            if time.monotonic() - self.ticker.last > self.late:
                frame = sys._current_frames().get(self.main)
                if frame is not None:
                    stack = traceback.extract_stack(frame)[-self.depth:]
                    self.samples[
                        " < ".join(f"{Path(f.filename).name}:{f.lineno}({f.name})" for f in reversed(stack))
                    ] += 1

    def top(self, n: int = 8) -> list[str]:
        """Most frequent stacks while late; each sample is ~5 ms of the loop thread not ticking."""
        return [f"{count}x {where}" for where, count in self.samples.most_common(n)]
