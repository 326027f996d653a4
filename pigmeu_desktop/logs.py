"""Logging: named categories under `pigmeu.*`, a rotating file in the log dir, Qt messages routed in."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from pigmeu_desktop.paths import AppPaths

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_configured = False


def configure_logging(paths: AppPaths, level: str | None = None, *, console: bool = True) -> None:
    """Log to <log_dir>/pigmeu.log (rotating) and, optionally, to stderr. Idempotent per process."""
    global _configured
    root = logging.getLogger("pigmeu")
    root.setLevel((level or "INFO").upper() if (level or "INFO").upper() in logging._nameToLevel else "INFO")
    if _configured:
        return
    _configured = True
    root.propagate = True
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_dir / "pigmeu.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
    except OSError as exc:  # a read-only log dir must not stop the app
        print(f"pigmeu: cannot write logs to {paths.log_dir}: {exc}", file=sys.stderr)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(stream)
