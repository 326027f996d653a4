"""`pigmeu add` under SIGKILL and under two processes at once: the queue stays whole and de-duplicated."""

import json
import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from pigmeu_desktop.core.links import isbn10_check_digit


def isbn10s(start: int, stop: int) -> list[str]:
    return [f"{i:09d}" + isbn10_check_digit(f"{i:09d}") for i in range(start, stop)]


def write_links(path, asins):
    path.write_text("\n".join(f"https://www.amazon.com.br/dp/{a}" for a in asins) + "\n", encoding="utf-8")
    return path


def cli(home, *argv):
    env = {**os.environ, "PIGMEU_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    return [sys.executable, "-m", "pigmeu_desktop.cli", "--data-dir", str(home), *argv], env


def stored_urls(home) -> list[str]:
    conn = sqlite3.connect(home / "data" / "pigmeu.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT amazon_url FROM submissions")]
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_during_add_of_1000_links_loses_nothing_reported(pigmeu_home, tmp_path):
    """Kill `pigmeu add` right after it has reported its first committed batch, three times over.

    Whatever the moment of death, the database must open cleanly, hold every link the process said it
    added, and hold each link once; a rerun of the same file completes the queue without duplicates.
    """
    asins = isbn10s(0, 1000)
    links = write_links(tmp_path / "links.txt", asins)
    reported: set[str] = set()
    partial_runs = 0
    for _ in range(3):
        argv, env = cli(pigmeu_home, "add", "--file", str(links))
        with subprocess.Popen(
            argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        ) as proc:
            lines = [proc.stdout.readline()]  # the first batch is committed before it is printed
            os.kill(proc.pid, signal.SIGKILL)
            lines += proc.stdout.read().splitlines()
            proc.wait(timeout=30)
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[0] in ("added", "duplicate"):
                reported.add(parts[2])
        urls = stored_urls(pigmeu_home)
        assert len(urls) == len(set(urls)), "a link was stored twice"
        assert reported <= set(urls), "a link reported as queued is missing after the kill"
        partial_runs += len(urls) < len(asins)
    # Finishing the job afterwards gives exactly the 1,000 books.
    argv, env = cli(pigmeu_home, "add", "--json", "--file", str(links))
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 1000 and {r["result"] for r in rows} <= {"added", "duplicate"}
    urls = stored_urls(pigmeu_home)
    assert sorted(urls) == sorted(f"https://www.amazon.com.br/dp/{a}" for a in asins)
    print(f"runs killed part-way: {partial_runs} of 3")


@pytest.mark.slow
def test_two_processes_adding_overlapping_links_store_each_book_once(pigmeu_home, tmp_path):
    first = write_links(tmp_path / "a.txt", isbn10s(0, 700))
    second = write_links(tmp_path / "b.txt", isbn10s(300, 1000))
    # Create the database first so both processes race on the inserts, not on the schema.
    argv, env = cli(pigmeu_home, "list")
    subprocess.run(argv, env=env, check=True, capture_output=True, timeout=60)
    procs = []
    for path in (first, second):
        argv, env = cli(pigmeu_home, "add", "--json", "--file", str(path))
        procs.append(
            subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        )
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outputs]
    rows = [row for out, _ in outputs for row in json.loads(out)]
    added = [r["amazon_url"] for r in rows if r["result"] == "added"]
    assert len(added) == len(set(added)) == 1000, "each book is added by exactly one of the two processes"
    ids = {}
    for r in rows:
        ids.setdefault(r["amazon_url"], set()).add(r["id"])
    assert all(len(v) == 1 for v in ids.values()), "both processes agree on each book's id"
    assert len(stored_urls(pigmeu_home)) == 1000
