"""Team mode: Amazon politeness shared on the team's Redis, so ten workers do not hammer one Amazon."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

log = logging.getLogger("pigmeu.scraping.politeness")

# One slot per marketplace for the whole team, on Redis's own clock (machines' clocks may disagree).
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local spacing = tonumber(ARGV[1])
redis.call('SET', KEYS[1], tostring(start + spacing), 'PX', spacing + 60000)
return start - now
"""
READ_CACHE_S = 0.5  # pauses are checked before every scrape; one round trip per half second is enough


class RedisPoliteness:
    """The captcha pauses (the PauseFile interface: read / write) and request slots (`reserve`) of every
    app and worker on one Redis. A Redis that does not answer makes it local again (logged), never stuck:
    scraping goes on with this process's own spacing and pauses."""

    def __init__(
        self, client: Any, *, prefix: str = "pigmeu:politeness", cache_s: float = READ_CACHE_S
    ) -> None:
        self._client = client  # a synchronous redis.Redis: called from the scraper's own bookkeeping
        self._pauses_key = f"{prefix}:pauses"
        self._slot_prefix = f"{prefix}:slot:"
        self._reserve = client.register_script(_RESERVE)
        self._cache: dict[str, dict[str, Any]] = {}
        self._cache_s = cache_s
        self._read_at = -cache_s

    @classmethod
    def from_url(cls, url: str, password: str | None = None, **kwargs: Any) -> RedisPoliteness:
        import redis

        client = redis.Redis.from_url(
            url, password=password or None, socket_connect_timeout=2, socket_timeout=2, decode_responses=True
        )
        return cls(client, **kwargs)

    def close(self) -> None:
        """Close the connection to Redis (the scraper closes it with itself)."""
        self._client.close()

    def read(self) -> dict[str, dict[str, Any]]:
        now = time.monotonic()
        if now - self._read_at < self._cache_s:
            return self._cache
        try:
            raw = self._client.hgetall(self._pauses_key)
        except Exception as exc:  # noqa: BLE001 - Redis down: this process's own pauses still apply
            log.warning("shared scraping pauses not readable (%s)", type(exc).__name__)
            return self._cache
        entries: dict[str, dict[str, Any]] = {}
        for marketplace, value in raw.items():
            try:
                entry = json.loads(value)
            except ValueError:
                continue
            if isinstance(entry, dict):
                entries[marketplace] = entry
        self._cache, self._read_at = entries, now
        return entries

    def write(self, marketplace: str, entry: dict[str, Any] | None) -> None:
        self._read_at = -self._cache_s  # our own write is seen at the next read
        # Kept in the cache too: while Redis is down, this process still sees its own pauses.
        if entry is None:
            self._cache.pop(marketplace, None)
        else:
            self._cache[marketplace] = entry
        try:
            if entry is None:
                self._client.hdel(self._pauses_key, marketplace)
            else:
                self._client.hset(self._pauses_key, marketplace, json.dumps(entry))
        except Exception as exc:  # noqa: BLE001
            log.warning(
                "shared scraping pause not written (%s); it holds in this process only", type(exc).__name__
            )

    def reserve(self, marketplace: str, spacing_s: float) -> float | None:
        """Take the marketplace's next team-wide slot; seconds to wait for it, or None if Redis is down."""
        try:
            return (
                int(self._reserve(keys=[self._slot_prefix + marketplace], args=[int(spacing_s * 1000)]))
                / 1000
            )
        except Exception as exc:  # noqa: BLE001
            log.warning("shared scraping slot not taken (%s); spacing locally", type(exc).__name__)
            return None
