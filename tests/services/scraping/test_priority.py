"""The scraping browser runs at a lower CPU priority than the app (Linux), renderers included."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pigmeu_desktop.services.scraping.priority import (
    BROWSER_NICENESS,
    MAX_NICENESS,
    ROOT_AUTOGROUP,
    _descendants,
    _program_name,
    browser_niceness,
    lower_autogroup,
    lower_browser_priority,
    lower_with_psutil,
    parse_autogroup,
)
from tests.support.polling import eventually_sync

REPO = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")


def test_only_the_browser_descendants_are_reniced(tmp_path):
    fake_browser = tmp_path / "chromium-fake"
    shutil.copy(shutil.which("sleep"), fake_browser)
    # A driver (like Playwright's node process) that starts the browser, which forks a "renderer".
    driver = subprocess.Popen(
        ["sh", "-c", f"'{fake_browser}' 30 & '{fake_browser}' 30 & sleep 30"], start_new_session=True
    )
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    try:

        def browsers() -> dict[int, int]:
            niceness = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        argv0 = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")[0]
                    except OSError:
                        continue
                    if argv0 == str(fake_browser).encode():
                        niceness[int(entry)] = os.getpriority(os.PRIO_PROCESS, int(entry))
            return niceness

        eventually_sync(lambda: len(browsers()) == 2, timeout=4)
        assert lower_browser_priority(str(fake_browser)) == 2
        niceness = browsers()
        assert len(niceness) == 2 and all(v >= browser_niceness() for v in niceness.values())
        assert os.getpriority(os.PRIO_PROCESS, driver.pid) == ours  # the driver is untouched
        assert os.getpriority(os.PRIO_PROCESS, 0) == ours  # and so is the app
        assert ours == MAX_NICENESS or all(v > ours for v in niceness.values())  # below the app
    finally:
        os.killpg(driver.pid, 9)
        driver.wait()


@pytest.mark.parametrize("extra", [0, 5, 12])
def test_the_browser_goes_below_an_app_that_is_already_niced(tmp_path, extra):
    """`nice pigmeu-desktop` (or the suite run under `nice`): the browser still ends up below the app."""
    fake_browser = tmp_path / "chromium-fake"
    shutil.copy(shutil.which("sleep"), fake_browser)
    app = (
        "import os, subprocess\n"
        "from pigmeu_desktop.services.scraping.priority import lower_browser_priority\n"
        f"os.nice({extra})\n"  # an app started niced (raising one's own niceness needs no privilege)
        f"browser = subprocess.Popen([{str(fake_browser)!r}, '30'])\n"
        f"lower_browser_priority({str(fake_browser)!r})\n"
        "print(os.getpriority(os.PRIO_PROCESS, 0), os.getpriority(os.PRIO_PROCESS, browser.pid))\n"
        "browser.kill()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", app], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    app_niceness, browser = map(int, out.split())
    assert app_niceness == min(MAX_NICENESS, os.getpriority(os.PRIO_PROCESS, 0) + extra)
    assert browser == min(MAX_NICENESS, app_niceness + BROWSER_NICENESS)


def test_every_thread_of_a_browser_process_is_reniced(tmp_path):
    """Linux keeps a niceness per thread: Chromium's thread pools, started before the renice, must drop too."""
    fake_browser = tmp_path / "chromium-fake"
    fake_browser.symlink_to(sys.executable)
    script = "import threading, time\n[threading.Thread(target=time.sleep, args=(30,)).start() for _ in range(4)]\ntime.sleep(30)"
    browser = subprocess.Popen([str(fake_browser), "-c", script])
    try:
        tasks = Path(f"/proc/{browser.pid}/task")
        eventually_sync(lambda: len(list(tasks.iterdir())) == 5, timeout=2)
        assert lower_browser_priority(str(fake_browser)) == 1
        niceness = [os.getpriority(os.PRIO_PROCESS, int(t.name)) for t in tasks.iterdir()]
        assert len(niceness) == 5 and all(n >= browser_niceness() for n in niceness), niceness
    finally:
        browser.kill()
        browser.wait()


def _group(pid: int | str) -> tuple[str, int]:
    group = parse_autogroup(Path(f"/proc/{pid}/autogroup").read_text())
    assert group is not None
    return group


def test_the_default_autogroup_prints_nothing_and_is_a_group_too():
    """A process started from init without setsid is in the default group: the kernel prints an empty file."""
    assert parse_autogroup("") == ROOT_AUTOGROUP
    assert parse_autogroup("/autogroup-5622 nice 10\n") == ("/autogroup-5622", 10)
    assert parse_autogroup("garbage") is None


@pytest.mark.skipif(not Path("/proc/self/autogroup").exists(), reason="kernel without scheduler autogroups")
def test_a_browser_in_a_session_of_its_own_gets_its_autogroup_lowered(tmp_path):
    """Playwright starts the browser with setsid: its autogroup would get as much CPU as the whole app.

    Not when this process is in the default group (CI started from init without a session of its own):
    there each of our threads weighs as much as the browser's whole group already.
    """
    fake_browser = tmp_path / "chromium-fake"
    shutil.copy(shutil.which("sleep"), fake_browser)
    ours = _group("self")
    browser = subprocess.Popen([str(fake_browser), "30"], start_new_session=True)
    try:
        # The new session's group appears once setsid has run.
        eventually_sync(lambda: _group(browser.pid)[0] != ours[0], timeout=1)
        assert _group(browser.pid)[1] == 0
        # Seen from the default group (as under CI), the browser's group is left as it is.
        assert lower_autogroup(browser.pid, ours=ROOT_AUTOGROUP) is False
        assert _group(browser.pid)[1] == 0
        for _ in range(30):  # an unprivileged process may change a group's nice once per 100 ms
            lower_browser_priority(str(fake_browser))
            if _group(browser.pid)[1] != 0:
                break
            time.sleep(0.05)
        if ours == ROOT_AUTOGROUP:
            assert _group(browser.pid)[1] == 0
        else:
            assert _group(browser.pid)[1] >= min(MAX_NICENESS, ours[1] + BROWSER_NICENESS)
        assert _group("self") == ours  # ours is untouched
    finally:
        browser.kill()
        browser.wait()


def test_the_editors_visible_browser_keeps_its_priority(tmp_path):
    """The captcha window runs on the profile directory: it and its children (renderers) are left alone."""
    fake_browser = tmp_path / "chromium-fake"
    fake_browser.symlink_to(sys.executable)
    profile = tmp_path / "profile"
    # The visible browser starts a "renderer" (whose command line does not name the profile).
    starts_renderer = (
        "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', "
        "'import time; time.sleep(30)']); time.sleep(30)"
    )
    visible = subprocess.Popen([str(fake_browser), "-c", starts_renderer, f"--user-data-dir={profile}"])
    headless = subprocess.Popen([str(fake_browser), "-c", "import time; time.sleep(30)"])
    try:
        renderer = eventually_sync(lambda: _descendants(visible.pid), timeout=4)
        assert len(renderer) == 1
        assert lower_browser_priority(str(fake_browser), keep=str(profile)) == 1
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, visible.pid) == ours
        assert os.getpriority(os.PRIO_PROCESS, next(iter(renderer))) == ours
        assert os.getpriority(os.PRIO_PROCESS, headless.pid) >= browser_niceness()
    finally:
        for pid in _descendants(visible.pid):
            os.kill(pid, 9)
        for proc in (visible, headless):
            proc.kill()
            proc.wait()


# -- the portable path (macOS, Windows), run here on Linux ------------------------------------------


def test_program_names_of_every_platform():
    assert _program_name("/opt/google/chrome/chrome") == "chrome"
    assert _program_name("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe") == "chrome"
    assert (
        _program_name(
            "/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/"
            "Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer)"
        )
        == "google chrome helper (renderer)"
    )


def test_portable_path_lowers_browser_processes_and_keeps_the_visible_window(tmp_path):
    fake_browser = tmp_path / "Google Chrome"  # a macOS-like name, with a space
    fake_browser.symlink_to(sys.executable)
    helper = tmp_path / "Google Chrome Helper (Renderer)"
    helper.symlink_to(sys.executable)
    profile = tmp_path / "profile"
    starts_renderer = (
        f"import subprocess, time; subprocess.Popen([{str(helper)!r}, '-c', 'import time; time.sleep(30)']);"
        " time.sleep(30)"
    )
    driver = subprocess.Popen(["sh", "-c", "sleep 30"])  # not a browser: stays as it is
    headless = subprocess.Popen([str(fake_browser), "-c", starts_renderer])
    visible = subprocess.Popen([str(fake_browser), "-c", starts_renderer, f"--user-data-dir={profile}"])
    try:
        eventually_sync(lambda: _descendants(headless.pid) and _descendants(visible.pid), timeout=4)
        (headless_renderer,), (visible_renderer,) = _descendants(headless.pid), _descendants(visible.pid)
        assert lower_with_psutil(str(fake_browser), keep=str(profile)) == 2
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, headless.pid) >= browser_niceness()
        assert os.getpriority(os.PRIO_PROCESS, headless_renderer) >= browser_niceness()  # a helper, by prefix
        assert os.getpriority(os.PRIO_PROCESS, visible.pid) == ours
        assert os.getpriority(os.PRIO_PROCESS, visible_renderer) == ours
        assert os.getpriority(os.PRIO_PROCESS, driver.pid) == ours
    finally:
        for root in (headless, visible):
            for pid in _descendants(root.pid):
                os.kill(pid, 9)
        for proc in (driver, headless, visible):
            proc.kill()
            proc.wait()
