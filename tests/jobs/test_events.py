"""ProgressGate: at most N deliveries a second per item, the latest always delivered, thread-safe."""

from __future__ import annotations

import asyncio
import threading

import pytest

from pigmeu_desktop.jobs.events import ObserverList, ProgressGate


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.asyncio
async def test_burst_is_cut_to_one_then_the_latest_after_the_window():
    got = []
    clock = FakeClock()
    gate = ProgressGate(lambda f, m: got.append(m), rate_hz=10, clock=clock)
    for i in range(100):  # a burst within one instant
        gate(i / 100, f"m{i}")
    assert got == ["m0"]
    clock.now = 0.1
    await asyncio.sleep(0.12)  # the trailing flush runs on the loop's timer
    assert got == ["m0", "m99"]


@pytest.mark.asyncio
async def test_spaced_calls_all_pass():
    got = []
    clock = FakeClock()
    gate = ProgressGate(lambda f, m: got.append(m), rate_hz=10, clock=clock)
    for i in range(5):
        clock.now = i * 0.1
        gate(None, f"m{i}")
    assert got == ["m0", "m1", "m2", "m3", "m4"]


@pytest.mark.asyncio
async def test_close_drops_pending_and_ignores_later_calls():
    got = []
    gate = ProgressGate(lambda f, m: got.append(m), rate_hz=10, clock=FakeClock())
    gate(0.1, "a")
    gate(0.2, "b")
    gate.close()
    gate(0.3, "c")
    await asyncio.sleep(0.15)
    assert got == ["a"]


@pytest.mark.asyncio
async def test_calls_from_a_worker_thread_are_delivered_on_the_loop():
    loop_thread = threading.get_ident()
    seen = []
    gate = ProgressGate(lambda f, m: seen.append((m, threading.get_ident())), rate_hz=10)
    await asyncio.to_thread(gate, 0.5, "from thread")
    await asyncio.sleep(0.01)
    assert seen == [("from thread", loop_thread)]


def test_observer_list_isolates_failures_and_skips_missing_methods():
    calls = []

    class Bad:
        def job_did_start(self, event):
            raise RuntimeError("x")

    class Good:
        def job_did_start(self, event):
            calls.append(event)

    observers = ObserverList()
    observers.add(Bad())
    remove = observers.add(Good())
    observers.add(object())
    observers.emit("job_did_start", "e1")
    remove()
    observers.emit("job_did_start", "e2")
    assert calls == ["e1"]
