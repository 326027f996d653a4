"""The stream thread: SDK work off the app's loop, tokens back on it in order, cancel and errors intact."""

from __future__ import annotations

import asyncio
import threading

import pytest

from pigmeu_desktop.services.llm.stream_thread import StreamThread
from tests.services.llm.conftest import page_options
from tests.support.fake_openai import DEFAULT_KEY, FakeOpenAI


@pytest.mark.asyncio
async def test_work_runs_on_another_thread_and_a_burst_of_tokens_arrives_in_order_on_the_loop():
    streams = StreamThread()
    loop_thread = threading.get_ident()
    received: list[tuple[str, int]] = []

    async def work(emit):
        for i in range(500):  # a burst with no await in between: one flush delivers most of it
            emit(f"<{i}>")
        await asyncio.sleep(0)
        emit("end")
        return threading.get_ident()

    try:
        worker_thread = await streams.run(work, lambda d: received.append((d, threading.get_ident())))
    finally:
        await streams.aclose()
    assert worker_thread != loop_thread
    assert [d for d, _ in received] == [f"<{i}>" for i in range(500)] + ["end"]
    assert {t for _, t in received} == {loop_thread}


@pytest.mark.asyncio
async def test_cancel_returns_only_after_the_worker_has_cleaned_up():
    streams = StreamThread()
    started = asyncio.Event()
    loop = asyncio.get_running_loop()
    cleaned = threading.Event()

    async def work(emit):
        emit("x")
        try:
            await asyncio.sleep(30)
        finally:
            await asyncio.sleep(0.05)  # closing an HTTP response takes a moment
            cleaned.set()

    task = asyncio.ensure_future(streams.run(work, lambda _d: loop.call_soon(started.set)))
    await asyncio.wait_for(started.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert cleaned.is_set(), "the caller's cancel returned while the stream was still open"
    await streams.aclose()


@pytest.mark.asyncio
async def test_an_error_in_the_token_callback_stops_the_stream_and_is_raised():
    streams = StreamThread()
    stopped = threading.Event()

    async def work(emit):
        try:
            while True:
                emit("t")
                await asyncio.sleep(0.001)
        finally:
            stopped.set()

    def on_token(_delta):
        raise ValueError("the GUI failed")

    with pytest.raises(RuntimeError, match="wrapped") as caught:
        await streams.run(work, on_token, on_callback_error=lambda exc: RuntimeError(f"wrapped {exc}"))
    assert isinstance(caught.value.__cause__, ValueError)
    assert stopped.wait(2)
    await streams.aclose()


@pytest.mark.asyncio
async def test_worker_errors_reach_the_caller_and_the_thread_restarts_after_aclose():
    streams = StreamThread()

    async def fail(_emit):
        raise KeyError("boom")

    with pytest.raises(KeyError):
        await streams.run(fail)
    await streams.aclose()

    async def ok(_emit):
        return 42

    assert await streams.run(ok) == 42
    await streams.aclose()


@pytest.mark.asyncio
async def test_drafter_tokens_reach_on_token_on_the_loop_thread_in_order(make_services, drafter_for, book):
    # token_delay 0: the whole answer arrives at once, the case that used to hold the loop longest.
    with FakeOpenAI(chunk_size=3) as server:
        services = make_services(env={"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": DEFAULT_KEY})
        drafter = drafter_for(services)
        loop_thread = threading.get_ident()
        threads: set[int] = set()
        tokens: list[str] = []

        def on_token(delta: str) -> None:
            threads.add(threading.get_ident())
            tokens.append(delta)

        try:
            gen = await drafter.generate(book, page_options(on_token=on_token))
        finally:
            await drafter.aclose()
            await services.aclose()
        [req] = server.chat_requests
    assert tokens == req.chunks and "".join(tokens) == gen.raw_text
    assert threads == {loop_thread}
