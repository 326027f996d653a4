"""A worker thread with its own asyncio loop where the SDK streams run, so the app's loop stays smooth.

Why: the SDKs build a pydantic model for every streamed chunk (openai `construct_type`), about
0.1–0.5 ms each; a draft is hundreds of chunks, and when a fast server's answer is already buffered
the SDK parses them all in one loop callback without yielding — measured stalls of 100–300 ms with
three drafts at a time, which freeze the Qt UI on a qasync loop. Here that work holds the GIL in
another thread, which Python hands back to the app's loop every switch interval (5 ms).

Tokens travel back in batches: the worker appends to a buffer and schedules one `flush` on the app's
loop (`call_soon_threadsafe`) only when the buffer was empty, so a burst of chunks costs one wake-up;
`flush` still calls `on_token` once per delta, in order. Cancelling the awaiting task cancels the
worker's task (which closes the HTTP response) and waits for it to finish before re-raising.
The SDK clients live on the worker's loop (httpx connections belong to the loop that opened them);
`aclose` closes them there and stops the thread; the next stream starts a fresh one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from pigmeu_desktop.services.llm.chat import TokenCallback

log = logging.getLogger("pigmeu.llm")

T = TypeVar("T")
CANCEL_WAIT_S = 5.0  # how long a cancel waits for the worker to close the HTTP response


class _Relay:
    """Deltas from the worker thread to `on_token` on the app's loop, batched per wake-up."""

    def __init__(self, loop: asyncio.AbstractEventLoop, on_token: TokenCallback | None) -> None:
        self.loop = loop
        self.on_token = on_token
        self.lock = threading.Lock()
        self.buffer: list[str] = []
        self.error: BaseException | None = None
        self.on_error: Callable[[], object] = lambda: None

    def emit(self, delta: str) -> None:  # worker thread
        if self.on_token is None:
            return
        with self.lock:
            self.buffer.append(delta)
            first = len(self.buffer) == 1
        if first:
            with contextlib.suppress(RuntimeError):  # the app's loop is closed: nobody listens any more
                self.loop.call_soon_threadsafe(self.flush)

    def flush(self) -> None:  # app's loop
        with self.lock:
            batch, self.buffer = self.buffer, []
        if self.error is not None or self.on_token is None:
            return
        for delta in batch:
            try:
                self.on_token(delta)
            except Exception as exc:  # noqa: BLE001 - any callback failure ends the stream, as it did in-loop
                self.error = exc
                self.on_error()
                return


class StreamThread:
    """Runs coroutines (the SDK streams) on a private loop in a daemon thread, started on first use."""

    def __init__(self, name: str = "pigmeu-llm-stream") -> None:
        self.name = name
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def _ensure(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=self._serve, args=(loop,), name=self.name, daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    @staticmethod
    def _serve(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def run(
        self,
        work: Callable[[TokenCallback], Coroutine[Any, Any, T]],
        on_token: TokenCallback | None = None,
        *,
        on_callback_error: Callable[[BaseException], BaseException] = lambda exc: exc,
    ) -> T:
        """`await work(emit)` on the worker loop; every `emit(delta)` reaches `on_token` here, in order.

        If `on_token` raises, the stream is cancelled and `on_callback_error(exc)` is raised.
        """
        here = asyncio.get_running_loop()
        relay = _Relay(here, on_token)
        finished = here.create_future()

        def mark_finished() -> None:
            if not finished.done():
                finished.set_result(None)

        async def guarded() -> T:
            try:
                return await work(relay.emit)
            finally:
                with contextlib.suppress(RuntimeError):
                    here.call_soon_threadsafe(mark_finished)

        future = asyncio.run_coroutine_threadsafe(guarded(), self._ensure())
        relay.on_error = future.cancel
        try:
            result = await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            future.cancel()  # cancels the worker's task: its `async with stream` closes the response
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(finished), CANCEL_WAIT_S)
            if relay.error is not None and not _cancelling():
                raise on_callback_error(relay.error) from relay.error
            raise
        relay.flush()  # anything emitted after the last scheduled flush ran
        if relay.error is not None:
            raise on_callback_error(relay.error) from relay.error
        return result

    async def call(self, work: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Run one coroutine on the worker loop (e.g. closing the clients that live there)."""
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(work(), self._ensure()))

    async def aclose(self, before_stop: Callable[[], Coroutine[Any, Any, Any]] | None = None) -> None:
        """Run `before_stop` on the worker loop (if it runs), then stop the loop and join the thread."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None:
            if before_stop is not None:
                await before_stop()
            return
        try:
            if before_stop is not None:
                await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(before_stop(), loop))
        finally:
            loop.call_soon_threadsafe(loop.stop)
            await asyncio.to_thread(thread.join, CANCEL_WAIT_S)


def _cancelling() -> bool:
    """True when the current task itself was asked to cancel (not just the worker by a callback error)."""
    task = asyncio.current_task()
    return bool(task is not None and task.cancelling())
