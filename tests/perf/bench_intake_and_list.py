"""Benchmark (run on demand): one paste of 10,000 links added, and a status-filtered list of 10,000 items.

    python tests/perf/bench_intake_and_list.py

Targets on the 2-core reference machine: add ≤ 2 s, list ≤ 200 ms.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pigmeu_desktop.core.links import isbn10_check_digit
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.services.intake import ShortLinkResolver, add_text
from pigmeu_desktop.services.storage.sqlite_store import SqliteStore

N = 10_000
ADD_TARGET_S = 2.0
LIST_TARGET_S = 0.200


def paste_of(n: int) -> str:
    # A realistic paste: product links in several forms, separated by newlines, commas and prose.
    lines = []
    for i in range(n):
        asin = f"{i:09d}" + isbn10_check_digit(f"{i:09d}")
        form = i % 3
        if form == 0:
            lines.append(f"https://www.amazon.com.br/Livro-{i}/dp/{asin}/ref=sr_1_{i % 20}?keywords=livro")
        elif form == 1:
            lines.append(f"veja https://amazon.com.br/gp/product/{asin}?th=1,")
        else:
            lines.append(f"https://www.amazon.com.br/dp/{asin}")
    return "\n".join(lines)


async def main() -> int:
    text = paste_of(N)
    with tempfile.TemporaryDirectory() as tmp:
        store = await SqliteStore.open(Path(tmp) / "bench.sqlite3")
        try:
            started = time.perf_counter()
            outcomes = await add_text(
                store, [text], default_marketplace="amazon.com.br", resolver=ShortLinkResolver()
            )
            add_s = time.perf_counter() - started
            assert sum(o.result == "added" for o in outcomes) == N, "every link must be added"

            timings = []
            for _ in range(7):
                started = time.perf_counter()
                rows = await store.list_summaries(status=Status.QUEUED)
                timings.append(time.perf_counter() - started)
                assert len(rows) == N
            list_s = statistics.median(timings)
        finally:
            await store.close()
    print(
        f"add {N} links (one paste): {add_s * 1000:.0f} ms   target ≤ {ADD_TARGET_S * 1000:.0f} ms   "
        f"ratio {add_s / ADD_TARGET_S:.2f}"
    )
    print(
        f"list {N} items by status (median of 7): {list_s * 1000:.1f} ms   target ≤ {LIST_TARGET_S * 1000:.0f} ms   "
        f"ratio {list_s / LIST_TARGET_S:.2f}"
    )
    return 0 if add_s <= ADD_TARGET_S and list_s <= LIST_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
