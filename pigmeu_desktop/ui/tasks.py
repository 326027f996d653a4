"""Coroutines a widget starts on the qasync loop: kept referenced, cancellable together, failures told."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError

log = logging.getLogger("pigmeu.ui")


class TaskRunner:
    """Every task a window or page starts goes through one of these, so none fails unseen.

    A task is referenced until it ends (an unreferenced task may be garbage-collected mid-flight);
    a `PigmeuError` goes to `on_error`; anything else goes to the crash dialog when the app installed one,
    else is turned into a PigmeuError by `internal` (the app's guard: logged with its traceback,
    internal_error naming the log file) and goes to `on_error` too.
    """

    def __init__(
        self,
        on_error: Callable[[PigmeuError], None],
        internal: Callable[[BaseException], PigmeuError] | None = None,
    ) -> None:
        self._on_error = on_error
        self._internal = internal or _logged_internal_error
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def pending(self) -> int:
        return len(self._tasks)

    def run(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if isinstance(exc, PigmeuError):
            self._on_error(exc)
            return
        from pigmeu_desktop.ui.crash_dialog import report_unexpected

        if not report_unexpected(exc, "UI task"):  # the crash dialog, when the app installed one
            self._on_error(self._internal(exc))

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()


def _logged_internal_error(exc: BaseException) -> PigmeuError:
    log.error("unexpected error in a UI task", exc_info=exc)
    return PigmeuError(f"Unexpected error ({type(exc).__name__}).", code=ErrorCode.INTERNAL)
