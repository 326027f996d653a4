"""When to retry a failed step: transient codes only, exponential backoff with jitter, a bounded budget."""

from __future__ import annotations

from dataclasses import dataclass

from pigmeu_desktop.core.errors import TRANSIENT_CODES, ErrorCode


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """`attempts` counts consecutive failures of one step (ErrorInfo.attempts), so the first retry has 1."""

    base_delay_s: float = 2.0
    factor: float = 2.0
    max_delay_s: float = 300.0
    max_attempts: int = 5
    # Each delay is drawn from [d * (1 - jitter), d]: items that failed together do not retry together.
    jitter: float = 0.5

    def should_retry(self, code: str | ErrorCode, attempts: int) -> bool:
        try:
            transient = ErrorCode(code) in TRANSIENT_CODES
        except ValueError:  # a code from a newer version: not known to be transient
            return False
        return transient and attempts < self.max_attempts

    def delay(self, attempts: int, rand: float) -> float:
        """Seconds to wait before attempt `attempts + 1`; `rand` is a uniform draw in [0, 1)."""
        ceiling = min(self.max_delay_s, self.base_delay_s * self.factor ** max(0, attempts - 1))
        return ceiling * (1.0 - self.jitter * rand)
