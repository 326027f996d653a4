"""`pigmeu run [--until-idle]`: process the queue headless, with live progress and a summary at the end."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import time
from typing import Any, TextIO

from pigmeu_desktop.cli.arguments import float_in
from pigmeu_desktop.cli.context import add_command
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.jobs.events import JobEvent
from pigmeu_desktop.jobs.executor import Executor, RunStats


def register(sub, common) -> None:
    p = add_command(
        sub,
        common,
        "run",
        "process the queue in the background (scrape → draft; approved → publish)",
        handler,
        description="Process the queue: scrape and draft new links, stop at 'drafted' for review, publish "
        "approved items. Ctrl+C stops cleanly (items in progress go back to their step). "
        "Exit 1 if any item failed in this run.",
    )
    p.add_argument("--until-idle", action="store_true", help="exit when nothing is left to do")
    # For tests and diagnostics; the defaults are what the app uses.
    p.add_argument("--lease-seconds", type=float_in(0.1, 86_400), default=60.0, help=argparse.SUPPRESS)
    p.add_argument("--scan-interval", type=float_in(0.01, 3_600), default=5.0, help=argparse.SUPPRESS)


async def handler(ctx, args) -> int:
    from pigmeu_desktop.app import freeze_startup_heap, prefer_responsive_loop

    prefer_responsive_loop()
    executor = Executor(
        ctx.services,
        lease_seconds=args.lease_seconds,
        scan_interval_s=args.scan_interval,
        after_warm_up=freeze_startup_heap,
    )
    display = None if ctx.json_output else ProgressDisplay(ctx.out, live=_is_tty(ctx.out))
    if display is not None:
        executor.add_observer(display)
        display.executor = executor
    stop = asyncio.Event()
    remove_handlers = _on_signals(stop.set)
    try:
        # Before the warm-up imports too: a full collection they trigger then walks only their objects.
        freeze_startup_heap()
        await executor.start()
        if display is not None:
            until = "until the queue is idle" if args.until_idle else "Ctrl+C to stop"
            display.line(f"Processing the queue ({until}).")
        waiters: list[asyncio.Future[object]] = [asyncio.ensure_future(stop.wait())]
        if args.until_idle:
            waiters.append(asyncio.ensure_future(executor.wait_idle()))
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
    finally:
        # Ctrl+C, SIGTERM, idle or an error: items in progress go back to their step's start.
        await executor.stop()
        remove_handlers()
        if display is not None:
            display.close()
    store = await ctx.services.store()
    counts = {str(s): n for s in Status if (n := await store.count(status=s))}
    summary = {**executor.stats.to_json(), "items": counts, "interrupted": stop.is_set()}
    ctx.emit(summary, render_summary(executor.stats, counts, interrupted=stop.is_set()))
    return 1 if executor.stats.failed else 0


def render_summary(stats: RunStats, counts: dict[str, int], *, interrupted: bool) -> str:
    done = ", ".join(f"{step} {n}" for step, n in stats.finished.items()) or "nothing"
    lines = [("Stopped. " if interrupted else "") + f"Done: {done}."]
    if stats.failed:
        lines.append("Failed: " + ", ".join(f"{code} {n}" for code, n in stats.failed.most_common()) + ".")
    if stats.retried:
        lines.append(f"Retried after transient errors: {stats.retried}.")
    lines.append("Queue now: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "empty") + ".")
    return "\n".join(lines)


class ProgressDisplay:
    """Prints a line per finished/failed step and, on a terminal, one live status line (≤ 10 redraws/s)."""

    def __init__(self, out: TextIO, *, live: bool) -> None:
        self.out = out  # terminal-safe: titles and messages from pages are printed through it
        self._control = getattr(out, "raw", out)  # our own cursor movements, written as they are
        self.live = live
        self.executor: Executor | None = None
        self._last_draw = 0.0
        self._current: dict[str, str] = {}  # id → "scrape 40% loading page"

    def job_did_start(self, event: JobEvent) -> None:
        self._current[event.submission_id] = f"{event.step}"
        self._draw()

    def job_did_progress(self, event: JobEvent) -> None:
        pct = f" {round(event.fraction * 100)}%" if event.fraction is not None else ""
        self._current[event.submission_id] = f"{event.step}{pct} {event.message}".strip()
        self._draw()

    def job_did_finish(self, event: JobEvent) -> None:
        self._current.pop(event.submission_id, None)
        title = event.submission.title if event.submission is not None else None
        self._line(f"{event.submission_id[:8]}  {event.step} done" + (f"  {title}" if title else ""))

    def job_did_fail(self, event: JobEvent) -> None:
        self._current.pop(event.submission_id, None)
        error = event.error
        code = error.code if error is not None else "?"
        text = f"{event.submission_id[:8]}  {event.step} failed [{code}]"
        if error is not None and error.message:
            text += f": {error.message}"
        if event.retry_in_s is not None:
            text += f" (retrying in {event.retry_in_s:.0f} s)"
        self._line(text)

    def line(self, text: str) -> None:
        self._line(text)

    def _line(self, text: str) -> None:
        if self.live:
            self._control.write("\r\x1b[K")
        self.out.write(text + "\n")
        self._draw(force=True)

    def _draw(self, *, force: bool = False) -> None:
        if not self.live:
            self.out.flush()
            return
        now = time.monotonic()
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        status = self._status()
        self._control.write("\r\x1b[K")
        self.out.write(status[:160])
        self.out.flush()

    def _status(self) -> str:
        ex = self.executor
        if ex is None:
            return ""
        running = ", ".join(f"{step} {n}/{ex.limits[step]}" for step, n in ex.running_count.items())
        first = next(iter(self._current.items()), None)
        detail = f"  | {first[0][:8]} {first[1]}" if first else ""
        return f"[{'paused' if ex.paused else 'running'}] {running}{detail}"

    def close(self) -> None:
        if self.live:
            self._control.write("\r\x1b[K")
            self.out.flush()


def _is_tty(out: Any) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError):
        return False


def _on_signals(callback) -> Any:
    """Stop cleanly on Ctrl+C / SIGTERM; returns a function that removes the handlers again."""
    loop = asyncio.get_running_loop()
    installed = []
    if sys.platform != "win32":
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, callback)
                installed.append(sig)

    def remove() -> None:
        for sig in installed:
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)

    return remove
