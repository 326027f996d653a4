"""RetryPolicy: transient codes only, exponential ceilings, jitter inside its bounds, a cap."""

from __future__ import annotations

import pytest

from pigmeu_desktop.jobs.retry import RetryPolicy


def test_backoff_jitter_stays_within_bounds_and_is_capped():
    policy = RetryPolicy(base_delay_s=1.0, factor=3.0, max_delay_s=20.0, jitter=0.25)
    assert policy.delay(1, 0.0) == 1.0 and policy.delay(1, 0.999) == pytest.approx(0.75025)
    assert policy.delay(3, 0.0) == 9.0
    assert policy.delay(10, 0.0) == 20.0  # capped
    assert not policy.should_retry("not_a_book", 1)
    assert not policy.should_retry("timeout", policy.max_attempts)
    assert not policy.should_retry("some_future_code", 1)
