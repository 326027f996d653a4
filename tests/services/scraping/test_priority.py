"""The scraping browser runs at a lower CPU priority than the app (Linux), renderers included."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pigmeu_desktop.services.scraping.priority import BROWSER_NICENESS, lower_browser_priority

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")


def test_only_the_browser_descendants_are_reniced(tmp_path):
    fake_browser = tmp_path / "chromium-fake"
    shutil.copy(shutil.which("sleep"), fake_browser)
    # A driver (like Playwright's node process) that starts the browser, which forks a "renderer".
    driver = subprocess.Popen(
        ["sh", "-c", f"'{fake_browser}' 30 & '{fake_browser}' 30 & sleep 30"], start_new_session=True
    )
    try:
        time.sleep(0.3)
        assert lower_browser_priority(str(fake_browser)) == 2
        niceness = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    argv0 = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")[0]
                except OSError:
                    continue
                if argv0 == str(fake_browser).encode():
                    niceness[int(entry)] = os.getpriority(os.PRIO_PROCESS, int(entry))
        assert len(niceness) == 2 and all(v >= BROWSER_NICENESS for v in niceness.values())
        assert os.getpriority(os.PRIO_PROCESS, driver.pid) == os.getpriority(os.PRIO_PROCESS, 0)  # the driver is untouched
        assert os.getpriority(os.PRIO_PROCESS, 0) < BROWSER_NICENESS  # and so is the app
    finally:
        os.killpg(driver.pid, 9)
        driver.wait()


def test_every_thread_of_a_browser_process_is_reniced(tmp_path):
    """Linux keeps a niceness per thread: Chromium's thread pools, started before the renice, must drop too."""
    fake_browser = tmp_path / "chromium-fake"
    fake_browser.symlink_to(sys.executable)
    script = "import threading, time\n[threading.Thread(target=time.sleep, args=(30,)).start() for _ in range(4)]\ntime.sleep(30)"
    browser = subprocess.Popen([str(fake_browser), "-c", script])
    try:
        tasks = Path(f"/proc/{browser.pid}/task")
        for _ in range(100):
            if len(list(tasks.iterdir())) == 5:
                break
            time.sleep(0.02)
        assert lower_browser_priority(str(fake_browser)) == 1
        niceness = [os.getpriority(os.PRIO_PROCESS, int(t.name)) for t in tasks.iterdir()]
        assert len(niceness) == 5 and all(n >= BROWSER_NICENESS for n in niceness), niceness
    finally:
        browser.kill()
        browser.wait()
