"""Start-up of the built app: cold start to window shown, and resident memory with 10,000 queued items.

Usage: python tests/perf/bench_installed_app.py [EXECUTABLE]   (default: /usr/bin/pigmeu-desktop, else
dist/pigmeu-desktop/pigmeu-desktop). Runs offscreen. "Window shown" is the self-test's line, printed right
after the main window is shown; the memory figure is read from the running app once its queue has loaded,
with what it is made of on Linux (resident MiB per mapped library and for anonymous memory, from smaps).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


async def fill(home: Path, count: int) -> None:
    from pigmeu_desktop.app import Services
    from pigmeu_desktop.core.ports import NewLink
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.schema import Settings
    from pigmeu_desktop.settings.store import save_settings

    paths = AppPaths.under(home).ensure()
    save_settings(paths.settings_file, Settings())  # no first-run wizard
    services = Services(paths, Settings(), {})
    store = await services.store()
    links = [
        NewLink(f"https://www.amazon.com.br/dp/B{n:09d}", f"B{n:09d}", "amazon.com.br", "x")
        for n in range(count)
    ]
    await store.add_links(links)
    await services.aclose()
    # Drafted: nothing for the queue to do, so the figure is the window and its list, not a browser.
    with sqlite3.connect(paths.database) as conn:
        conn.execute("UPDATE submissions SET status='drafted', doc=json_set(doc, '$.status', 'drafted')")


def time_to_window(exe: str, home: Path, env: dict) -> tuple[float, float]:
    """(seconds to the self-test's "window visible" line, seconds to exit). Its output goes to a pseudo
    terminal, so the line arrives when printed (a pipe would hold it until the program exits)."""
    import pty

    leader, follower = pty.openpty()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [exe, "--self-test", "--data-dir", str(home)], env=env, stdout=follower, stderr=subprocess.DEVNULL
    )
    os.close(follower)
    seen, shown = b"", None
    while shown is None:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if b"window visible" in seen:
            shown = time.perf_counter() - t0
    proc.wait(60)
    total = time.perf_counter() - t0
    os.close(leader)
    assert shown is not None, seen
    return shown, total


def rss_by_mapping(pid: int, top: int = 12) -> dict[str, float]:
    """Resident MB per mapped file (the bundle's libraries, the PYZ) and for anonymous memory (the Python
    heap, Qt's allocations, thread stacks), largest first: where the resident figure goes."""
    sizes: dict[str, int] = {}
    name = "?"
    with open(f"/proc/{pid}/smaps", encoding="utf-8") as smaps:
        for line in smaps:
            fields = line.split()
            if "-" in fields[0] and len(fields) >= 5:  # a mapping's header line
                path = fields[5] if len(fields) > 5 else "[anonymous]"
                name = path.rsplit("/", 1)[-1] if path.startswith("/") else path
            elif fields[0] == "Rss:":
                sizes[name] = sizes.get(name, 0) + int(fields[1])
    ranked = sorted(sizes.items(), key=lambda item: -item[1])
    shown = {key: round(kb / 1024, 1) for key, kb in ranked[:top]}
    shown["(everything else)"] = round(sum(kb for _, kb in ranked[top:]) / 1024, 1)
    return shown


def main() -> None:
    exe = (
        sys.argv[1]
        if len(sys.argv) > 1
        else (
            shutil.which("pigmeu-desktop")
            if Path("/usr/bin/pigmeu-desktop").exists()
            else str(ROOT / "dist" / "pigmeu-desktop" / "pigmeu-desktop")
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PIGMEU_BROWSER": shutil.which("chromium") or ""}
    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp) / "empty", Path(tmp) / "full"
        asyncio.run(fill(full, 10_000))
        from pigmeu_desktop.paths import AppPaths

        AppPaths.under(empty).ensure()
        starts, totals = [], []
        for _ in range(5):
            shown, total = time_to_window(exe, empty, env)
            starts.append(shown)
            totals.append(total)
        proc = subprocess.Popen(
            [exe, "--data-dir", str(full)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            ps = psutil.Process(proc.pid)
            samples = []
            for _ in range(40):  # the queue loads in the background: wait until the memory settles
                time.sleep(0.25)
                samples.append(ps.memory_info().rss)
                if len(samples) > 8 and max(samples[-8:]) - min(samples[-8:]) < 1_000_000:
                    break
            breakdown = rss_by_mapping(proc.pid) if sys.platform.startswith("linux") else {}
        finally:
            proc.terminate()
            proc.wait(10)
    print(
        json.dumps(
            {
                "executable": exe,
                "start_to_window_shown_s": {
                    "first": round(starts[0], 3),
                    "best": round(min(starts), 3),
                    "median": round(sorted(starts)[2], 3),
                },
                "self_test_start_to_exit_s_median": round(sorted(totals)[2], 3),
                "rss_10000_items_mb": round(samples[-1] / 1e6, 1),
                "rss_by_mapping_mib": breakdown,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
