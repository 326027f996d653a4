"""Start-up of the built app: cold start to window shown, and resident memory with 10,000 queued items.

Usage: python tests/perf/bench_installed_app.py [EXECUTABLE]   (default: /usr/bin/pigmeu-desktop, else
dist/pigmeu-desktop/pigmeu-desktop). Runs offscreen. "Window shown" is the self-test's line, printed right
after the main window is shown; the memory figure is read from the running app once its queue has loaded.
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
    links = [NewLink(f"https://www.amazon.com.br/dp/B{n:09d}", f"B{n:09d}", "amazon.com.br", "x") for n in range(count)]
    await store.add_links(links)
    await services.aclose()
    # Drafted: nothing for the queue to do, so the figure is the window and its list, not a browser.
    with sqlite3.connect(paths.database) as conn:
        conn.execute("UPDATE submissions SET status='drafted', doc=json_set(doc, '$.status', 'drafted')")


def main() -> None:
    exe = sys.argv[1] if len(sys.argv) > 1 else (shutil.which("pigmeu-desktop") if Path("/usr/bin/pigmeu-desktop").exists()
                                                 else str(ROOT / "dist" / "pigmeu-desktop" / "pigmeu-desktop"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PIGMEU_BROWSER": shutil.which("chromium") or ""}
    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp) / "empty", Path(tmp) / "full"
        asyncio.run(fill(full, 10_000))
        AppPaths = __import__("pigmeu_desktop.paths", fromlist=["AppPaths"]).AppPaths
        AppPaths.under(empty).ensure()
        starts = []
        for _ in range(5):
            t0 = time.perf_counter()
            out = subprocess.run([exe, "--self-test", "--data-dir", str(empty)], env=env, capture_output=True,
                                 text=True, timeout=60)
            starts.append(time.perf_counter() - t0)
            assert "window visible" in out.stdout, out.stdout + out.stderr
        proc = subprocess.Popen([exe, "--data-dir", str(full)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            ps = psutil.Process(proc.pid)
            samples = []
            for _ in range(40):  # the queue loads in the background: wait until the memory settles
                time.sleep(0.25)
                samples.append(ps.memory_info().rss)
                if len(samples) > 8 and max(samples[-8:]) - min(samples[-8:]) < 1_000_000:
                    break
        finally:
            proc.terminate()
            proc.wait(10)
    print(json.dumps({
        "executable": exe,
        "start_to_window_shown_s": {"first": round(starts[0], 3), "best": round(min(starts), 3),
                                     "median": round(sorted(starts)[2], 3)},
        "rss_10000_items_mb": round(samples[-1] / 1e6, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
