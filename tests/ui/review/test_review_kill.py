"""Never lose a word: the app killed with SIGKILL while typing loses at most the last second."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.review.window import ReviewWindow
from tests.ui.review.conftest import BODY, add_drafted, discard

pytestmark = [pytest.mark.gui, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[3]


def typed_lines(log: Path) -> list[tuple[float, int]]:
    out = []
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) == 2:
            out.append((float(parts[0]), int(parts[1])))
    return out


def test_sigkill_while_typing_loses_at_most_the_last_second(qtbot, run_async, tmp_path):
    home = tmp_path / "home"
    services = Services(AppPaths.under(home).ensure(), Settings(), env={})
    store = run_async(services.store())
    sub = run_async(add_drafted(store))
    run_async(services.aclose())

    log = tmp_path / "typed.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.review.typist", str(home), sub.id, str(log)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "typing", proc.stderr.read()
        # Type for a few seconds: several autosaves happen while typing never pauses.
        qtbot.waitUntil(lambda: log.exists() and len(typed_lines(log)) >= 150, timeout=30000)
        proc.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    lines = typed_lines(log)
    typed_total = lines[-1][1]
    # Everything typed more than a second before the kill must be in the store.
    must_have = max((n for t, n in lines if t <= killed_at - 1.0), default=0)
    assert must_have >= 50

    # "Restart the app": a new store and editor on the same data folder.
    services = Services(AppPaths.under(home).ensure(), Settings(), env={})
    try:
        store = run_async(services.store())
        window = ReviewWindow(services, store)
        window.show()
        run_async(window.open_item(sub.id))
        shown = window.body.toPlainText()
        assert shown.startswith(BODY)
        recovered = len(shown) - len(BODY)
        assert must_have <= recovered <= typed_total, (must_have, recovered, typed_total)
        assert shown[len(BODY) :] == ("abcdefghij" * 1000)[:recovered]
        discard(window)
    finally:
        run_async(services.aclose())
