"""Benchmark: 20 drafts, 3 at a time, against the local OpenAI-compatible server (run on demand).

    /tmp/venv/bin/python tests/perf/bench_llm.py [--drafts 20] [--concurrency 3] [--chunk-size 4]
                                                 [--token-delay 0.002] [--loop]

Prints (1) the pipeline's own overhead per draft: wall time of Drafter.generate minus the time the
server spent on that request (prompt rendering, SDK, HTTP, parsing, validation, links, grounding),
target ≤ 20 ms; and (2) the delay from the server writing a token to on_token receiving it, target
≤ 20 ms. The server runs in its own process so its threads do not steal the client's GIL; both
sides timestamp with perf_counter(), the system-wide monotonic clock on Linux.

`--loop` measures how smooth the event loop stays instead: the drafts go through
`draft_submission` (the real StepWork) with a long, realistic book description, while a 10 ms ticker
runs on the loop under asyncio debug mode (slow_callback_duration 20 ms). Prints the ticker's
p50/p99/max interval (targets p99 <= 30 ms, max <= 100 ms) and the callbacks that held the loop longest.
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
from tests.perf.loop_probe import Ticker, Watchdog
from tests.services.llm.conftest import make_book, page_options
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
            await drafter.generate(make_book(title="Aquecimento"), page_options())
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
                        page_options(
                            on_token=lambda _d: received.append(time.perf_counter()),
                            on_attempt=lambda _a: attempts.append(time.perf_counter()),
                        ),
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

    def ms(v):
        return round(v * 1000, 2)

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
        delays += [r - s for r, s in zip(received, rec["chunk_times"], strict=False)]
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


LONG_DESCRIPTION = (
    "Sidarta, filho de um brâmane, deixa a casa do pai em busca da iluminação. Ao lado do amigo Govinda, "
    "passa três anos entre os samanas, conhece Gotama, o Buda, e depois Kamala, em 1922 escrita por "
    "Hermann Hesse, Prêmio Nobel de Literatura em 1946. Tradução de Herbert Caro, 200 páginas. "
) * 20  # ~5 KB, like a real scraped description (the grounding check reads all of it)


async def run_loop(args) -> dict:
    """The ticker and asyncio's slow-callback report while drafts run through draft_submission."""
    import logging

    from pigmeu_desktop.services.llm import AIChoice, draft_submission
    from tests.services.llm.conftest import make_submission

    proc = start_server(args)
    slow: list[tuple[float, str]] = []

    class Collect(logging.Handler):
        def emit(self, record):
            msg = record.getMessage()
            if " took " in msg:
                seconds = float(msg.rsplit("took ", 1)[1].split()[0])
                where = msg.rsplit(" took ", 1)[0]
                where = where.split(" coro=<", 1)[-1] if "coro=<" in where else where
                where = where.replace(str(REPO) + "/", "")[:200]
                slow.append((seconds, where))

    try:
        info = json.loads(proc.stdout.readline())
        with tempfile.TemporaryDirectory() as home:
            env = {"OPENAI_BASE_URL": info["base_url"], "OPENAI_API_KEY": info["key"]}
            services = Services(AppPaths.under(Path(home)).ensure(), Settings(), env)
            await services.store()
            book = make_book(description=LONG_DESCRIPTION)
            tokens: dict[int, list[str]] = {}
            if not args.cold:  # warm-up: imports, the SDK's lazy modules, the connection pool
                await draft_submission(services, make_submission(book=book))
            idle = Ticker()
            tick = asyncio.ensure_future(idle.run())
            await asyncio.sleep(1.0)  # control: the ticker on an idle loop (noise floor of a busy machine)
            tick.cancel()
            loop = asyncio.get_running_loop()
            if args.diagnose:  # debug mode slows everything down: the ticker figures are then pessimistic
                logging.getLogger("asyncio").addHandler(Collect())
                loop.set_debug(True)
                loop.slow_callback_duration = 0.02
            semaphore = asyncio.Semaphore(args.concurrency)

            async def one(i: int) -> None:
                async with semaphore:
                    parts = tokens.setdefault(i, [])
                    sub = make_submission(book=book.model_copy(update={"title": f"Livro {i}"}))
                    done = await draft_submission(services, sub, ai=AIChoice(on_token=parts.append))
                    assert done.draft is not None and not done.draft.needs_writing

            ticker = Ticker()
            tick = asyncio.ensure_future(ticker.run())
            watchdog = Watchdog(ticker)
            if args.diagnose:
                watchdog.thread.start()
            wall, cpu = time.perf_counter(), time.process_time()
            await asyncio.gather(*(one(i) for i in range(args.drafts)))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            tick.cancel()
            watchdog.stop.set()
            loop.set_debug(False)
            await services.aclose()
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)
    import os

    return {
        "drafts": args.drafts,
        "concurrency": args.concurrency,
        "wall_s": round(wall, 3),
        "client_cpu_ms_per_draft": round(cpu / args.drafts * 1000, 2),
        "ticker": ticker.summary(),
        "ticker_idle_control": idle.summary(),
        "targets": {"p99_ms": 30, "max_ms": 100},
        "slow_callbacks": [f"{t:.3f}s {w}" for t, w in sorted(slow, reverse=True)[:12]],
        "stall_samples": watchdog.top(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=3)
    parser.add_argument("--chunk-size", type=int, default=4, help="characters per streamed token")
    parser.add_argument("--token-delay", type=float, default=0.002, help="seconds between tokens")
    parser.add_argument("--verbose", action="store_true", help="print each draft's timeline")
    parser.add_argument("--loop", action="store_true", help="ticker and slow callbacks")
    parser.add_argument("--cold", action="store_true", help="with --loop: no warm-up draft first")
    parser.add_argument("--diagnose", action="store_true", help="with --loop: asyncio debug mode")
    args = parser.parse_args()
    result = asyncio.run(run_loop(args) if args.loop else run(args))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
