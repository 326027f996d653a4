"""Settings file: JSON in the config dir, written atomically, never holding secrets."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from pigmeu_desktop.settings.schema import Settings

log = logging.getLogger("pigmeu.settings")

SETTINGS_VERSION = 1


def write_atomically(path: Path, text: str) -> None:
    """Write via a temp file + fsync + rename, so a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_settings(path: Path) -> Settings:
    """Read the settings file; a missing or unreadable one gives defaults (and is logged, not fatal)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s unreadable (%s); using defaults", path, exc)
        return Settings()
    values = raw.get("values", raw) if isinstance(raw, dict) else {}
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        log.warning("settings file %s invalid (%s); using defaults", path, exc.error_count())
        return Settings()


def save_settings(path: Path, settings: Settings) -> None:
    payload = {"version": SETTINGS_VERSION, "values": settings.model_dump(mode="json")}
    write_atomically(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
