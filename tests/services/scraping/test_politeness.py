"""Politeness on virtual time: spacing with jitter, 503 backoff, captcha pauses, concurrent callers queue."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.services.scraping.politeness import Politeness


class VirtualClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def make(clock: VirtualClock, *, rand: float = 0.5, sleep=None, **kw) -> Politeness:
    return Politeness(
        3.0,
        jitter=0.4,
        clock=clock,
        sleep=sleep or clock.sleep,
        rand=lambda: rand,
        wall_clock=lambda: datetime(2026, 1, 1, tzinfo=UTC),
        **kw,
    )


@pytest.mark.asyncio
async def test_spacing_per_marketplace_with_jitter():
    clock = VirtualClock()
    p = make(clock, rand=0.5)
    assert await p.acquire("amazon.com.br") == 0
    # 3 s minimum plus 40 % jitter × 0.5 = 3.6 s before the next request to the same marketplace.
    assert await p.acquire("amazon.com.br") == pytest.approx(3.6)
    # Another marketplace is not held back by the first one.
    assert await p.acquire("amazon.com") == 0
    clock.now += 100
    assert await p.acquire("amazon.com.br") == 0


@pytest.mark.asyncio
async def test_concurrent_callers_queue_instead_of_firing_together():
    clock = VirtualClock()

    async def frozen_sleep(seconds: float) -> None:
        # Time stands still while all four are in flight: each must have reserved its own slot.
        clock.slept.append(seconds)
        await asyncio.sleep(0)

    p = make(clock, rand=0.0, sleep=frozen_sleep)
    waits = await asyncio.gather(*(p.acquire("amazon.de") for _ in range(4)))
    assert sorted(waits) == pytest.approx([0.0, 3.0, 6.0, 9.0])


@pytest.mark.asyncio
async def test_503_backoff_doubles_and_success_resets():
    clock = VirtualClock()
    p = make(clock, rand=0.0, backoff_base_s=5.0)
    await p.acquire("amazon.com")
    assert p.record_unavailable("amazon.com") == 5.0
    assert await p.acquire("amazon.com") == pytest.approx(5.0)
    assert p.record_unavailable("amazon.com") == 10.0
    wait = await p.acquire("amazon.com")
    assert wait == pytest.approx(10.0)
    p.record_success("amazon.com")
    # Back to the plain minimum delay (the slot reserved before the reset still included backoff).
    clock.now += 1000
    await p.acquire("amazon.com")
    assert await p.acquire("amazon.com") == pytest.approx(3.0)


@pytest.mark.asyncio
async def test_captcha_pauses_the_marketplace_with_a_readable_state():
    clock = VirtualClock()
    p = make(clock, captcha_pause_s=900)
    assert p.record_captcha("amazon.com.br") == 900
    with pytest.raises(ScrapeError) as err:
        await p.acquire("amazon.com.br")
    assert err.value.code is ErrorCode.CAPTCHA
    assert err.value.details["paused_until"] == "2026-01-01T00:15:00+00:00"
    assert "captcha" in err.value.message
    snap = p.snapshot_of("amazon.com.br")
    assert snap["paused"] is True and snap["reason"] == "captcha"
    # Other marketplaces carry on.
    assert await p.acquire("amazon.com") == 0
    # After the pause the marketplace is open again; a second captcha in a row doubles the pause.
    clock.now += 901
    await p.acquire("amazon.com.br")
    assert p.record_captcha("amazon.com.br") == 1800
    p.resume("amazon.com.br")
    assert not p.paused("amazon.com.br")
    await p.acquire("amazon.com.br")


@pytest.mark.asyncio
async def test_waiter_sees_a_captcha_recorded_while_it_slept():
    clock = VirtualClock()
    p = make(clock, rand=0.0)
    await p.acquire("amazon.fr")

    async def captcha_meanwhile():
        p.record_captcha("amazon.fr")

    async def second():
        return await p.acquire("amazon.fr")

    task = asyncio.ensure_future(second())
    await asyncio.sleep(0)  # the second caller is now asleep in its slot
    await captcha_meanwhile()
    with pytest.raises(ScrapeError) as err:
        await task
    assert err.value.code is ErrorCode.CAPTCHA


@pytest.mark.asyncio
async def test_a_captcha_seen_by_one_process_pauses_the_others(tmp_path):
    from pigmeu_desktop.services.scraping.pause_file import PauseFile

    path = tmp_path / "scraping-pauses.json"
    gui_clock, cli_clock = VirtualClock(), VirtualClock()
    cli_clock.now = 5.0  # monotonic clocks of two processes have nothing in common
    gui = make(gui_clock, shared=PauseFile(path), captcha_pause_s=900)
    cli = make(cli_clock, shared=PauseFile(path), captcha_pause_s=900)
    gui.record_captcha("amazon.com.br", reason="Amazon asked for a captcha")
    with pytest.raises(ScrapeError) as err:
        await cli.acquire("amazon.com.br")
    assert err.value.code is ErrorCode.CAPTCHA
    assert err.value.details["paused_until"] == "2026-01-01T00:15:00+00:00"
    assert [m["marketplace"] for m in cli.snapshot() if m["paused"]] == ["amazon.com.br"]
    # The editor solves it from the terminal (`pigmeu scrape --visible`): the GUI resumes too.
    cli.resume("amazon.com.br")
    assert not gui.paused("amazon.com.br")
    assert await gui.acquire("amazon.com.br") == 0


def test_a_damaged_pause_file_is_ignored(tmp_path):
    from pigmeu_desktop.services.scraping.pause_file import PauseFile

    path = tmp_path / "scraping-pauses.json"
    path.write_text("{not json")
    p = make(VirtualClock(), shared=PauseFile(path))
    assert not p.paused("amazon.com")
    p.record_captcha("amazon.com")  # and writing repairs it
    assert p.paused("amazon.com") and "amazon.com" in path.read_text()


@pytest.mark.asyncio
async def test_on_wait_is_told_before_a_wait_and_only_then():
    clock = VirtualClock()
    p = make(clock, rand=0.5)
    told: list[tuple[float, list[float]]] = []
    hook = lambda seconds: told.append((seconds, list(clock.slept)))  # noqa: E731
    await p.acquire("amazon.com.br", on_wait=hook)
    assert told == []  # the first request does not wait
    await p.acquire("amazon.com.br", on_wait=hook)
    assert told == [(pytest.approx(3.6), [])]  # told the wait before sleeping it
    assert clock.slept == [pytest.approx(3.6)]
