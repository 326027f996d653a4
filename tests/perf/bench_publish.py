"""Benchmark: one publish with a 300 KB cover against a real local WordPress; median end to end and overhead.

Run on demand: `python tests/perf/bench_publish.py [--runs N] [--keep-dir DIR]`. It starts its own
WordPress (tests/support/wp-local.sh), publishes N fresh submissions ("create": cover upload, terms,
post) and then updates each once ("update"), and prints JSON with, per kind, the median and p90 end to end
and the client's own overhead: end-to-end time minus the time spent waiting on HTTP exchanges (the
server's time, loopback included), as a share of end to end. Target (issue 5): overhead <= 10%.
"cold" runs use a fresh app (new Services: discovery + users/me + client), as `pigmeu publish` does.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pigmeu_desktop.app import Services  # noqa: E402
from pigmeu_desktop.paths import AppPaths  # noqa: E402
from pigmeu_desktop.services.wordpress.publisher import WordPressPublisher  # noqa: E402
from pigmeu_desktop.settings.schema import Settings  # noqa: E402
from tests.services.wordpress.wp_helpers import cover_file, make_submission  # noqa: E402
from tests.support.wordpress import LocalWordPress, missing_packages  # noqa: E402


class HttpClock:
    """Sums the time spent inside HTTP exchanges (observer of WordPressClient)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.requests = 0

    def __call__(self, method: str, route: str, status: int, seconds: float) -> None:
        self.seconds += seconds
        self.requests += 1


def _services(home: Path, env: dict[str, str], clock: HttpClock) -> Services:
    services = Services(AppPaths.under(home).ensure(), Settings(affiliate_tags={"amazon.com.br": "bench-20"}), env)
    # Same publisher as production, with the clock attached (the cached_property is pre-filled).
    services.__dict__["publisher"] = services._track(WordPressPublisher(services, observer=clock))
    return services


async def _timed(publisher, sub, clock: HttpClock, status: str) -> tuple[float, float, int, object]:
    clock.seconds, clock.requests = 0.0, 0
    started = time.perf_counter()
    outcome = await publisher.publish(sub, status=status)
    total = time.perf_counter() - started
    return total, clock.seconds, clock.requests, outcome


def _summary(rows: list[tuple[float, float, int]]) -> dict:
    totals = [r[0] for r in rows]
    overheads = [(r[0] - r[1]) / r[0] for r in rows]
    return {
        "runs": len(rows),
        "median_ms": round(statistics.median(totals) * 1000, 1),
        "p90_ms": round(sorted(totals)[max(0, int(len(totals) * 0.9) - 1)] * 1000, 1),
        "median_http_ms": round(statistics.median(r[1] for r in rows) * 1000, 1),
        "median_client_overhead_ms": round(statistics.median(r[0] - r[1] for r in rows) * 1000, 2),
        "median_client_overhead_pct": round(statistics.median(overheads) * 100, 2),
        "requests_per_publish": statistics.median(r[2] for r in rows),
    }


async def run(site: LocalWordPress, work: Path, runs: int) -> dict:
    env = {"WORDPRESS_URL": site.url, "WORDPRESS_USERNAME": site.admin.login,
           "WORDPRESS_PASSWORD": site.admin.app_password}
    cover = cover_file(work / "cover.jpg", noise_bytes=300_000)
    clock = HttpClock()
    warm = _services(work / "warm", env, clock)
    created, updated, cold = [], [], []
    try:
        # one warm-up publish: PHP's opcache and the term cache, as in a real session
        await _timed(warm.publisher, make_submission(work, cover=cover), clock, "publish")
        published = []
        for _ in range(runs):
            sub = make_submission(work, cover=cover)
            total, http, n, outcome = await _timed(warm.publisher, sub, clock, "publish")
            created.append((total, http, n))
            published.append(sub.model_copy(update={"wordpress": outcome.ref}))
        for sub in published:
            total, http, n, _ = await _timed(warm.publisher, sub, clock, "publish")
            updated.append((total, http, n))
    finally:
        await warm.aclose()
    for i in range(max(3, runs // 3)):
        services = _services(work / f"cold{i}", env, clock)
        try:
            total, http, n, _ = await _timed(services.publisher, make_submission(work, cover=cover), clock, "publish")
            cold.append((total, http, n))
        finally:
            await services.aclose()
    return {
        "cover_bytes": cover.stat().st_size,
        "create": _summary(created),
        "update": _summary(updated),
        "cold_create": _summary(cold),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep-dir", type=Path, default=None, help="reuse/keep the WordPress in this dir")
    args = parser.parse_args(argv)
    missing = missing_packages()
    if missing:
        print(json.dumps({"skipped": f"missing {missing}"}))
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        root = args.keep_dir or Path(tmp) / "wp"
        started = time.perf_counter()
        site = LocalWordPress.start(root)
        start_s = time.perf_counter() - started
        try:
            result = asyncio.run(run(site, Path(tmp), args.runs))
        finally:
            if args.keep_dir is None:
                site.stop(purge=True)
    result["wordpress_start_s"] = round(start_s, 2)
    print(json.dumps(result, indent=2))
    return 0


def test_bench_publish():
    """pytest entry (tests/perf is excluded by default): runs a short benchmark and checks the target."""
    import pytest

    if missing_packages():
        pytest.skip("real WordPress unavailable")
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        site = LocalWordPress.start(Path(tmp) / "wp")
        try:
            result = asyncio.run(run(site, Path(tmp), 8))
        finally:
            site.stop(purge=True)
    print(json.dumps(result, indent=2))
    assert result["create"]["median_client_overhead_pct"] <= 10.0


if __name__ == "__main__":
    sys.exit(main())
