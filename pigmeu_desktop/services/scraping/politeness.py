"""Per-marketplace politeness: minimum delay with jitter, backoff on 503s, a pause after a captcha."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.services.scraping.pause_file import PauseFile

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[Any]]


@dataclass
class MarketplaceState:
    """What the executor and the UI can read about one marketplace (times are `clock()` seconds)."""

    marketplace: str
    next_allowed_at: float = 0.0
    backoff_level: int = 0  # consecutive 503s; each one doubles the wait before the next request
    captcha_count: int = 0  # consecutive captchas; each one doubles the pause
    paused_until: float | None = None
    paused_until_wall: datetime | None = None  # the same instant on the wall clock, for people and logs
    reason: str | None = None

    def to_json(self, now: float) -> dict[str, Any]:
        paused = self.paused_until is not None and self.paused_until > now
        until = self.paused_until_wall if paused else None
        return {
            "marketplace": self.marketplace,
            "paused": paused,
            "paused_until": until.isoformat() if until else None,
            "reason": self.reason if paused else None,
            "backoff_level": self.backoff_level,
        }


class Politeness:
    """Spaces requests to each marketplace and stops asking one that showed a captcha.

    `clock`, `sleep` and `rand` are injected so tests run on virtual time. Slots are reserved before
    sleeping, so concurrent scrapes of one marketplace queue up instead of firing together.
    """

    def __init__(
        self,
        min_delay_s: float,
        *,
        jitter: float = 0.3,
        backoff_base_s: float = 5.0,
        backoff_max_s: float = 300.0,
        captcha_pause_s: float = 900.0,
        captcha_pause_max_s: float = 4 * 3600.0,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        rand: Callable[[], float] = random.random,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        shared: PauseFile | Any | None = None,  # or services/scraping/team_politeness.RedisPoliteness
    ) -> None:
        self.min_delay_s = max(0.0, min_delay_s)
        self.jitter = jitter
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.captcha_pause_s = captcha_pause_s
        self.captcha_pause_max_s = captcha_pause_max_s
        self._clock = clock
        self._sleep = sleep
        self._rand = rand
        self._wall_clock = wall_clock
        self._states: dict[str, MarketplaceState] = {}
        # Pauses other processes on the same data dir saw (and lifts they made); None: this process only.
        self._shared = shared

    def close(self) -> None:
        """Close the shared state's connection, if it holds one (the team's Redis)."""
        close = getattr(self._shared, "close", None)
        if close is not None:
            close()

    def state(self, marketplace: str) -> MarketplaceState:
        st = self._states.setdefault(marketplace, MarketplaceState(marketplace))
        if self._shared is not None:
            self._sync(st)
        return st

    def _sync(self, st: MarketplaceState) -> None:
        """Adopt the shared file's pause for this marketplace; its absence means someone resumed."""
        entry = self._shared.read().get(st.marketplace) if self._shared is not None else None
        wall_now = self._wall_clock()
        try:
            until = datetime.fromisoformat(entry["paused_until"]) if entry else None
        except (KeyError, TypeError, ValueError):
            until = None
        if entry is None or until is None or until <= wall_now:
            st.paused_until = st.paused_until_wall = st.reason = None
            return
        st.paused_until = self._clock() + (until - wall_now).total_seconds()
        st.paused_until_wall = until
        st.reason = str(entry.get("reason") or "captcha")
        st.captcha_count = max(st.captcha_count, int(entry.get("captcha_count") or 1))

    def snapshot(self) -> list[dict[str, Any]]:
        """Every marketplace seen so far (here or in the shared file), JSON-ready, for the status bar."""
        names = set(self._states) | (set(self._shared.read()) if self._shared is not None else set())
        now = self._clock()
        return [self.state(name).to_json(now) for name in sorted(names)]

    def snapshot_of(self, marketplace: str) -> dict[str, Any]:
        return self.state(marketplace).to_json(self._clock())

    def paused(self, marketplace: str) -> bool:
        st = self.state(marketplace)
        return st.paused_until is not None and st.paused_until > self._clock()

    def _raise_if_paused(self, st: MarketplaceState) -> None:
        if self._shared is not None:
            self._sync(st)
        now = self._clock()
        if st.paused_until is not None and st.paused_until > now:
            info = st.to_json(now)
            raise ScrapeError(
                f"Amazon ({st.marketplace}) asked for a captcha; scraping there is paused until "
                f"{info['paused_until']}.",
                code=ErrorCode.CAPTCHA,
                marketplace=st.marketplace,
                paused_until=info["paused_until"],
            )

    def _spacing(self, st: MarketplaceState) -> float:
        base = self.min_delay_s * (1.0 + self.jitter * self._rand())
        if st.backoff_level:
            base += min(self.backoff_max_s, self.backoff_base_s * 2 ** (st.backoff_level - 1))
        return base

    async def acquire(self, marketplace: str, *, on_wait: Callable[[float], None] | None = None) -> float:
        """Wait for this marketplace's next slot; returns the seconds waited.

        `on_wait(seconds)` is called before a wait (the scraper prepares the browser page meanwhile).

        Raises ScrapeError(captcha) at once while the marketplace is paused: asking Amazon again
        during a captcha only makes the block longer.
        """
        st = self.state(marketplace)
        self._raise_if_paused(st)
        now = self._clock()
        start = max(now, st.next_allowed_at)
        # Reserve the slot now; the next caller queues behind it even while we sleep.
        spacing = self._spacing(st)
        st.next_allowed_at = start + spacing
        wait = start - now
        reserve = getattr(self._shared, "reserve", None)  # team mode: one queue of slots for every worker
        if reserve is not None and (team_wait := reserve(marketplace, spacing)) is not None:
            wait = max(wait, team_wait)
        if wait > 0:
            if on_wait is not None:
                on_wait(wait)
            await self._sleep(wait)
            # A captcha seen by another scrape while we slept pauses us too.
            self._raise_if_paused(st)
        return wait

    def record_success(self, marketplace: str) -> None:
        st = self.state(marketplace)
        st.backoff_level = 0
        st.captcha_count = 0

    def record_unavailable(self, marketplace: str) -> float:
        """A 503 (Amazon's "slow down"): grow the gap before the next request; returns the extra wait."""
        st = self.state(marketplace)
        st.backoff_level += 1
        extra = min(self.backoff_max_s, self.backoff_base_s * 2 ** (st.backoff_level - 1))
        st.next_allowed_at = max(st.next_allowed_at, self._clock() + extra)
        return extra

    def record_captcha(self, marketplace: str, reason: str = "captcha") -> float:
        """Pause the marketplace: 15 min, doubling for each captcha in a row (capped); returns the pause."""
        st = self.state(marketplace)
        st.captcha_count += 1
        pause = min(self.captcha_pause_max_s, self.captcha_pause_s * 2 ** (st.captcha_count - 1))
        st.paused_until = self._clock() + pause
        st.paused_until_wall = self._wall_clock() + timedelta(seconds=pause)
        st.reason = reason
        if self._shared is not None:
            self._shared.write(
                marketplace,
                {
                    "paused_until": st.paused_until_wall.isoformat(),
                    "reason": reason,
                    "captcha_count": st.captcha_count,
                },
            )
        return pause

    def resume(self, marketplace: str) -> None:
        """The editor solved the captcha in the visible browser: lift the pause (keep the count)."""
        st = self.state(marketplace)
        st.paused_until = None
        st.paused_until_wall = None
        st.reason = None
        if self._shared is not None:
            self._shared.write(marketplace, None)
