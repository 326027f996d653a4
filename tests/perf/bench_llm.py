"""Benchmark: 20 drafts, 3 at a time, against the local OpenAI-compatible server (run on demand).

    /tmp/venv/bin/python tests/perf/bench_llm.py [--drafts 20] [--concurrency 3] [--chunk-size 4]
                                                 [--token-delay 0.002]

Prints (1) the pipeline's own overhead per draft: wall time of Drafter.generate minus the time the
server spent on that request (prompt rendering, SDK, HTTP, parsing, validation, links, grounding),
target ≤ 20 ms; and (2) the delay from the server writing a token to on_token receiving it, target
≤ 20 ms. The server runs in its own process so its threads do not steal the client's GIL; both
sides timestamp with perf_counter(), the system-wide monotonic clock on Linux.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.llm import create_drafter
from pigmeu_desktop.settings.schema import Settings
from tests.services.llm.conftest import AMAZON_URL, ASIN, make_book
from tests.support.fake_openai import find_book_data


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def start_server(args) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.fake_openai",
            "--chunk-size",
            str(args.chunk_size),
            "--token-delay",
            str(args.token_delay),
        ],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


async def run(args) -> dict:
    proc = start_server(args)
    try:
        info = json.loads(proc.stdout.readline())
        with tempfile.TemporaryDirectory() as home:
            env = {"OPENAI_BASE_URL": info["base_url"], "OPENAI_API_KEY": info["key"]}
            services = Services(AppPaths.under(Path(home)).ensure(), Settings(), env)
            drafter = create_drafter(services)
            await services.store()
            # Warm-up: imports, the SDK's lazy modules, the connection pool, the store's prompt seeding.
            await drafter.generate(make_book(title="Aquecimento"), amazon_url=AMAZON_URL, asin=ASIN)
            async with httpx.AsyncClient() as h:
                warm = len((await h.get(info["url"] + "/_fake/requests")).json()["requests"])
            semaphore = asyncio.Semaphore(args.concurrency)
            results = {}

            async def one(i: int) -> None:
                title = f"Livro de teste {i}"
                received: list[float] = []
                attempts: list[float] = []
                async with semaphore:
                    started = time.perf_counter()
                    gen = await drafter.generate(
                        make_book(title=title),
                        amazon_url=AMAZON_URL,
                        asin=ASIN,
                        on_token=lambda _d: received.append(time.perf_counter()),
                        on_attempt=lambda _a: attempts.append(time.perf_counter()),
                    )
                    results[title] = (started, time.perf_counter(), received, gen, attempts)

            wall, cpu = time.perf_counter(), time.process_time()
            await asyncio.gather(*(one(i) for i in range(args.drafts)))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            await drafter.aclose()
            await services.aclose()
            async with httpx.AsyncClient() as h:
                records = (await h.get(info["url"] + "/_fake/requests")).json()["requests"][warm:]
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)

    overheads, server_times, delays = [], [], []
    ms = lambda v: round(v * 1000, 2)
    for rec in records:
        title = find_book_data("\n".join(m["content"] for m in rec["body"]["messages"]))["title"]
        started, finished, received, _gen, attempts = results[title]
        if args.verbose:
            print(
                f"{title}: to request {ms(attempts[0] - started)} ms, request→server {ms(rec['started'] - attempts[0])}, "
                f"server {ms(rec['finished'] - rec['started'])}, first token delay {ms(received[0] - rec['chunk_times'][0])}, "
                f"last token delay {ms(received[-1] - rec['chunk_times'][-1])}, after last token {ms(finished - received[-1])}"
            )
        server = rec["finished"] - rec["started"]
        server_times.append(server)
        overheads.append((finished - started) - server)
        assert len(received) == len(rec["chunk_times"]), "every token reached the callback"
        delays += [r - s for r, s in zip(received, rec["chunk_times"])]
    result = {
        "drafts": args.drafts,
        "concurrency": args.concurrency,
        "tokens_per_draft": round(statistics.mean(len(r["chunk_times"]) for r in records)),
        "wall_s": round(wall, 3),
        # CPU the client process spent per draft (SDK parsing, validation, grounding...): unlike the
        # latencies, this hardly moves when other processes load the machine.
        "client_cpu_ms_per_draft": ms(cpu / args.drafts),
        "server_ms_median": ms(statistics.median(server_times)),
        "overhead_ms_median": ms(statistics.median(overheads)),
        "overhead_ms_p95": ms(pct(overheads, 95)),
        "overhead_ms_max": ms(max(overheads)),
        "token_delay_ms_median": ms(statistics.median(delays)),
        "token_delay_ms_p95": ms(pct(delays, 95)),
        "token_delay_ms_max": ms(max(delays)),
        "targets": {"overhead_ms_per_draft": 20, "token_delay_ms": 20},
    }
    try:
        import os

        result["load_average_1min"] = round(os.getloadavg()[0], 2)
    except OSError:
        pass
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=3)
    parser.add_argument("--chunk-size", type=int, default=4, help="characters per streamed token")
    parser.add_argument("--token-delay", type=float, default=0.002, help="seconds between tokens")
    parser.add_argument("--verbose", action="store_true", help="print each draft's timeline")
    result = asyncio.run(run(parser.parse_args()))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
