"""Retries with exponential backoff and jitter for transient LLM failures, honouring Retry-After."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pigmeu_desktop.core.errors import LLMError

log = logging.getLogger("pigmeu.llm")

T = TypeVar("T")


@dataclass
class RetryPolicy:
    """How often and how long to wait. Tests inject `sleep` and tiny delays instead of patching time."""

    attempts: int = 3  # tries per provider, the first included
    base_delay: float = 1.0
    max_delay: float = 20.0
    # A Retry-After longer than this gives up on the provider at once (the fallback, if any, takes over).
    max_retry_after: float = 60.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rand: Callable[[], float] = field(default=random.random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Wait before try number attempt+1. "Equal jitter" keeps a floor, so a retry is never immediate,
        while spreading drafts that hit the same 429 together."""
        backoff = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        jittered = backoff / 2 + self.rand() * backoff / 2
        if retry_after is not None:
            # The server's number is a floor; a little jitter keeps concurrent drafts from returning in step.
            return retry_after + self.rand() * min(self.base_delay, 1.0) * 0.1
        return jittered

    async def run(
        self, call: Callable[[], Awaitable[T]], *, on_retry: Callable[[LLMError, float], None] | None = None
    ) -> T:
        attempt = 1
        while True:
            try:
                return await call()
            except LLMError as exc:
                retry_after = exc.details.get("retry_after")
                if not exc.transient or attempt >= self.attempts:
                    raise
                if retry_after is not None and retry_after > self.max_retry_after:
                    raise
                wait = self.delay(attempt, retry_after)
                log.info(
                    "LLM call failed (%s), retry %d/%d in %.2fs", exc.code, attempt, self.attempts - 1, wait
                )
                if on_retry is not None:
                    on_retry(exc, wait)
                await self.sleep(wait)
                attempt += 1
