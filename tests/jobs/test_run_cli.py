"""`pigmeu run`: headless processing with a summary; it stops cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from typing import ClassVar

import pytest

from pigmeu_desktop.cli.commands.run import ProgressDisplay, render_summary
from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.core.states import Step
from pigmeu_desktop.jobs.events import JobEvent
from pigmeu_desktop.jobs.executor import RunStats
from tests.conftest import cli_subprocess_cmd


def test_until_idle_on_an_empty_queue_prints_a_summary(run_cli):
    code, out, err = run_cli("run", "--until-idle", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["items"] == {} and summary["finished"] == {} and summary["failed"] == {}


def test_items_waiting_for_review_leave_the_run_idle(run_cli):
    code, out, _err = run_cli("run", "--until-idle")
    assert code == 0 and "Done: nothing." in out


def test_summary_text_names_failures_by_code():
    stats = RunStats()
    stats.finished[Step.SCRAPE] += 3
    stats.failed["captcha"] += 2
    stats.failed["not_a_book"] += 1
    text = render_summary(stats, {"drafted": 3, "failed": 3}, interrupted=False)
    assert "Done: scrape 3." in text and "Failed: captcha 2, not_a_book 1." in text
    assert "Queue now: drafted 3, failed 3." in text


def test_progress_display_lines_without_a_terminal():
    out = io.StringIO()
    display = ProgressDisplay(out, live=False)
    display.job_did_start(JobEvent("abcdef0123456789", Step.SCRAPE))
    display.job_did_progress(JobEvent("abcdef0123456789", Step.SCRAPE, fraction=0.5, message="page"))
    display.job_did_fail(
        JobEvent("abcdef0123456789", Step.SCRAPE, error=PigmeuError("slow", code="timeout"), retry_in_s=4.2)
    )
    assert out.getvalue() == "abcdef01  scrape failed [timeout]: slow (retrying in 4 s)\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_stops_a_continuous_run_cleanly(pigmeu_home):
    env = {**os.environ, "PIGMEU_HOME": str(pigmeu_home)}
    proc = subprocess.Popen(
        [*cli_subprocess_cmd(), "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().startswith("Processing the queue (Ctrl+C to stop)")
    time.sleep(0.3)  # idle on an empty queue: a continuous run keeps waiting for work
    assert proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert out.startswith("Stopped. Done: nothing.")


def test_progress_display_on_a_terminal_redraws_one_status_line():
    out = io.StringIO()
    display = ProgressDisplay(out, live=True)

    class FakeExecutor:
        limits: ClassVar = {Step.SCRAPE: 2, Step.DRAFT: 3, Step.PUBLISH: 1}
        running_count: ClassVar = {Step.SCRAPE: 1, Step.DRAFT: 0, Step.PUBLISH: 0}
        paused = False

    display.executor = FakeExecutor()
    display.job_did_start(JobEvent("abcdef0123456789", Step.SCRAPE))
    for i in range(50):  # a burst: redrawn at most ten times a second
        display.job_did_progress(JobEvent("abcdef0123456789", Step.SCRAPE, fraction=i / 50, message="page"))
    assert out.getvalue().count("\r\x1b[K") <= 2
    assert "[running] scrape 1/2, draft 0/3, publish 0/1  | abcdef01 scrape" in out.getvalue()
    display.close()
    assert out.getvalue().endswith("\r\x1b[K")
