"""One way for a test to wait for something another task, thread or process does: poll until true, or fail."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any

DEFAULT_TIMEOUT_S = 10.0
INTERVAL_S = 0.01


async def eventually(
    predicate: Callable[[], Any | Awaitable[Any]],
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    interval: float = INTERVAL_S,
    what: str | None = None,
) -> Any:
    """Await until `predicate()` (plain or async) returns something true; return it.

    Fails the test with `what` (or the predicate's source) when `timeout` passes first. For waiting on
    work that does happen; to show that something does *not* happen, wait for an event that proves it
    (e.g. `Executor.scanned()`), never for time to pass.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"still not true after {timeout} s: {what or _describe(predicate)}")
        await asyncio.sleep(interval)


def eventually_sync(
    predicate: Callable[[], Any],
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    interval: float = INTERVAL_S,
    what: str | None = None,
) -> Any:
    """`eventually` for code outside an event loop (servers and subprocesses started by fixtures)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"still not true after {timeout} s: {what or _describe(predicate)}")
        time.sleep(interval)


def _describe(predicate: Callable[..., Any]) -> str:
    try:
        return inspect.getsource(predicate).strip()
    except (OSError, TypeError):
        return repr(predicate)
