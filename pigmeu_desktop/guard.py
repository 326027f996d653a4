"""The top-level guard of the CLI and the GUI: whatever escapes becomes `internal_error` with the log path."""

from __future__ import annotations

import logging
from pathlib import Path

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError

log = logging.getLogger("pigmeu.guard")

LOG_NAME = "pigmeu.log"


def log_file(paths=None) -> Path | None:
    """Where the log is written (the default home's when `paths` is unknown)."""
    try:
        if paths is None:
            from pigmeu_desktop.paths import AppPaths

            paths = AppPaths.resolve()
        return Path(paths.log_dir) / LOG_NAME
    except Exception:  # noqa: BLE001 - the guard itself must never fail
        return None


def internal_error(exc: BaseException, paths=None) -> PigmeuError:
    """Log `exc` with its traceback (secrets redacted) and return the coded error to show instead of it."""
    path = log_file(paths)
    try:
        from pigmeu_desktop.logs import configure_logging

        if paths is not None:
            configure_logging(paths, console=False)  # idempotent: a no-op once the app configured it
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    except Exception:  # noqa: BLE001 - no log to write to: the error below still says what happened
        pass
    where = f"The details are in {path}" if path is not None else "The log has the details"
    return PigmeuError(
        f"Something unexpected went wrong ({type(exc).__name__}).",
        code=ErrorCode.INTERNAL,
        next_step=f"{where}; retry, and report it if it happens again.",
        log=str(path) if path is not None else None,
    )


def error_text(error: PigmeuError) -> str:
    """The plain-text form of a coded error, for a terminal: `error [code]: message` and the next step."""
    text = f"error [{error.code}]: {error.message}\n"
    if error.next_step:
        text += f"  next step: {error.next_step}\n"
    return text
