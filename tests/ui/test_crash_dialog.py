"""Crash safety: an exception nobody handled, in a slot, a task or a thread, shows the crash dialog."""

from __future__ import annotations

import gc
import logging
import logging.handlers
import threading

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from pigmeu_desktop.logs import LOG_BACKUPS, LOG_MAX_BYTES, configure_logging
from pigmeu_desktop.ui.crash_dialog import CrashDialog, CrashReporter

pytestmark = pytest.mark.gui


@pytest.fixture
def reporter(qapp, qloop, tmp_path):
    log_file = tmp_path / "logs" / "pigmeu.log"
    reporter = CrashReporter(log_file).install(qloop)
    yield reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()
    qapp.processEvents()


def shown(qtbot, reporter) -> CrashDialog:
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=5000)
    return reporter.dialog


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_dialog_with_the_log_path_and_copyable_details(
    qtbot, reporter, caplog
):
    button = QPushButton("boom")
    qtbot.addWidget(button)

    def slot() -> None:
        raise ValueError("the slot failed with password=hunter2-secret")

    button.clicked.connect(slot)
    with caplog.at_level(logging.CRITICAL, logger="pigmeu.crash"):
        button.click()
        dialog = shown(qtbot, reporter)
    assert "ValueError: the slot failed" in dialog.summary.text()
    assert str(reporter.log_file) in dialog.where.text()
    assert (
        "Traceback" in dialog.details.toPlainText() and "hunter2-secret" not in dialog.details.toPlainText()
    )
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.details.toPlainText()
    assert any("unhandled exception (main thread)" in r.getMessage() for r in caplog.records)


def test_an_exception_in_a_task_nobody_awaits_shows_the_dialog(qtbot, reporter, qloop):
    async def failing() -> None:
        raise RuntimeError("the task failed")

    task = qloop.create_task(failing())
    qtbot.waitUntil(task.done, timeout=5000)
    del task  # never retrieved: asyncio hands it to the loop's exception handler when the task goes
    gc.collect()
    dialog = shown(qtbot, reporter)
    assert "RuntimeError: the task failed" in dialog.summary.text()
    assert "event loop" in dialog.details.toPlainText()


def test_an_exception_in_a_loop_callback_and_in_a_thread_end_in_the_same_dialog(qtbot, reporter, qloop):
    def callback() -> None:
        raise KeyError("callback")

    qloop.call_soon(callback)
    dialog = shown(qtbot, reporter)
    thread = threading.Thread(target=lambda: 1 / 0, name="worker-x")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: dialog.count == 2, timeout=5000)
    assert "ZeroDivisionError" in dialog.summary.text() and "2" in dialog.summary.text()
    assert "thread worker-x" in dialog.details.toPlainText()


def test_a_ui_task_of_the_main_window_reports_through_the_dialog(qtbot, reporter):
    from pigmeu_desktop.ui.crash_dialog import report_unexpected

    assert report_unexpected(OSError("disk went away"), "UI task")
    assert "OSError: disk went away" in shown(qtbot, reporter).summary.text()
    reporter.uninstall()
    assert not report_unexpected(OSError("nobody listens"), "UI task")


def test_the_log_file_rotates_with_a_size_cap(tmp_path):
    from pigmeu_desktop.paths import AppPaths

    root = logging.getLogger("pigmeu")
    handlers = [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    if not handlers:  # the first test in this process to configure logging
        configure_logging(AppPaths.under(tmp_path).ensure(), console=False)
        handlers = [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert handlers and all(h.maxBytes == LOG_MAX_BYTES and h.backupCount == LOG_BACKUPS for h in handlers)
    assert LOG_MAX_BYTES * (LOG_BACKUPS + 1) <= 10_000_000
