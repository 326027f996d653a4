"""Executor events → Qt signals, delivered on the UI thread whatever thread the executor reported from."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from pigmeu_desktop.core.errors import ErrorCode
from pigmeu_desktop.jobs.events import JobEvent


class JobBridge(QObject):
    """A JobObserver for the executor; views connect to its signals (queued across threads by Qt)."""

    job_started = Signal(str, str)  # submission id, step
    job_progressed = Signal(str, object, str)  # id, fraction (float | None), message
    job_finished = Signal(str, str)  # id, step
    job_failed = Signal(str, str, str, str, object)  # id, step, code, message, retry_in_s (float | None)

    def job_did_start(self, event: JobEvent) -> None:
        self.job_started.emit(event.submission_id, str(event.step))

    def job_did_progress(self, event: JobEvent) -> None:
        self.job_progressed.emit(event.submission_id, event.fraction, event.message)

    def job_did_finish(self, event: JobEvent) -> None:
        self.job_finished.emit(event.submission_id, str(event.step))

    def job_did_fail(self, event: JobEvent) -> None:
        error = event.error
        code = str(error.code) if error is not None else str(ErrorCode.INTERNAL)
        message = error.message if error is not None else ""
        self.job_failed.emit(event.submission_id, str(event.step), code, message, event.retry_in_s)
