"""Crash safety: an unhandled exception anywhere (slot, loop callback, task, thread) ends in a dialog.

The dialog says what happened in plain words, where the log is, and offers "Copy details" (the
traceback with secrets redacted, plus versions) for a support message. The app keeps running: saved
work is in the database, and the editor decides whether to go on or quit.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pigmeu_desktop import APP_NAME, __version__

log = logging.getLogger("pigmeu.crash")

_active: CrashReporter | None = None


def format_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str
) -> str:
    """The text behind "Copy details": where, the versions, and the traceback, secrets redacted."""
    import platform

    from pigmeu_desktop.logs import redactor

    text = "".join(traceback.format_exception(exc_type, exc, tb))
    head = f"{APP_NAME} {__version__} · Python {platform.python_version()} · {platform.platform()}\nWhere: {where}\n\n"
    return redactor().redact(head + text)


class CrashDialog(QDialog):
    """What happened, the log file's path, the details (hidden until asked) and "Copy details"."""

    def __init__(self, summary: str, details: str, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash-dialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setMinimumWidth(560)
        self.log_file = log_file
        self.count = 1
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)  # an exception message is data, never markup
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(160)
        self.details.setAccessibleName(self.tr("Error details"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.copy_button.setToolTip(self.tr("Copy the error and versions, to paste in a message to support"))
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button = QPushButton(self.tr("Open log folder"), self)
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))
        )
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.headline, self.summary, self.where, self.details, buttons):
            layout.addWidget(widget)
        self._describe()

    def _describe(self) -> None:
        self.headline.setText(
            self.tr(
                "Pigmeu hit an unexpected error. Your saved work is safe: the queue and drafts are kept in "
                "the database. You can keep working; if something looks wrong, restart the app."
            )
        )
        self.where.setText(
            self.tr("The full report is in the log file: %1").replace("%1", str(self.log_file))
        )

    def add(self, summary: str, details: str) -> None:
        """Another error while the dialog is open: one dialog, with every report in its details."""
        self.count += 1
        self.summary.setText(
            self.tr("%n error(s) so far; the latest: %1", "", self.count).replace("%1", summary)
        )
        self.details.appendPlainText("\n" + "-" * 60 + "\n" + details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("Copied"))


class CrashReporter(QObject):
    """Catches what nobody handled and shows it; reports from other threads are queued to the GUI thread."""

    reported = Signal(str, str)  # summary, details

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = Path(log_file)
        self.dialog: CrashDialog | None = None
        self._previous: tuple = ()
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # -- hooks ---------------------------------------------------------------------------------------

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> CrashReporter:
        """Become sys.excepthook (Qt slots, the main thread), threading.excepthook and the loop's handler."""
        global _active
        self._previous = (
            sys.excepthook,
            threading.excepthook,
            loop,
            loop.get_exception_handler() if loop else None,
        )
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        if loop is not None:
            loop.set_exception_handler(self._loop_handler)
        _active = self
        return self

    def uninstall(self) -> None:
        global _active
        if not self._previous:
            return
        sys.excepthook, threading.excepthook, loop, handler = self._previous
        if loop is not None and not loop.is_closed():
            loop.set_exception_handler(handler)
        self._previous = ()
        if _active is self:
            _active = None

    def _excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report(exc, where="main thread", exc_type=exc_type, tb=tb)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report(args.exc_value, where=f"thread {name}", exc_type=args.exc_type, tb=args.exc_traceback)

    def _loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        exc = context.get("exception")
        if exc is None:  # a message without an exception (e.g. a slow callback): worth a log line only
            log.warning("event loop: %s", context.get("message"))
            return
        self.report(exc, where=f"event loop: {context.get('message', '')}")

    # -- reporting -----------------------------------------------------------------------------------

    def report(self, exc: BaseException, *, where: str, exc_type=None, tb=None) -> None:
        """Log the exception and show (or add to) the dialog; safe to call from any thread."""
        exc_type = exc_type or type(exc)
        tb = tb if tb is not None else exc.__traceback__
        log.critical("unhandled exception (%s)", where, exc_info=(exc_type, exc, tb))
        summary = f"{exc_type.__name__}: {exc}".strip().rstrip(":")
        self.reported.emit(summary[:500], format_details(exc_type, exc, tb, where))

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(summary, details)
            return
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(summary, details, self.log_file, parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.show()
        if QGuiApplication.platformName() not in ("offscreen", "minimal"):  # they cannot raise a window
            self.dialog.raise_()

    @Slot()
    def _forget(self) -> None:
        self.dialog = None


def report_unexpected(exc: BaseException, where: str) -> bool:
    """Show `exc` in the crash dialog when the app installed a reporter; False when none is installed."""
    if _active is None:
        return False
    _active.report(exc, where=where)
    return True


def show_fatal(exc: BaseException, log_file: Path) -> None:
    """Start-up failed before the window: show the dialog modally, so the app never vanishes silently."""
    log.critical("fatal error", exc_info=exc)
    if QApplication.instance() is None:
        return
    dialog = CrashDialog(
        f"{type(exc).__name__}: {exc}",
        format_details(type(exc), exc, exc.__traceback__, "start-up"),
        log_file,
    )
    dialog.exec()
