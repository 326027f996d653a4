"""Settings file: versioned JSON in the config dir, written atomically, upgraded in place, never secrets."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pigmeu_desktop.settings.problems import SettingProblem
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.upgrades import CURRENT_VERSION, upgrade

log = logging.getLogger("pigmeu.settings")

SETTINGS_VERSION = CURRENT_VERSION
WINDOW_STATE_NAME = "window-state.json"


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


def _read_json(path: Path, problems: list[SettingProblem] | None = None) -> Any:
    """The parsed file, None when missing or unreadable. With `problems`, an unreadable file is one (and
    a copy of it is kept beside it: the next save rewrites the file, the editor's hand edits must not
    vanish with it); without, it is only logged."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("%s unreadable (%s); using defaults", path, exc)
        if problems is None:
            return None
        if isinstance(exc, OSError):
            reason = f"cannot be read ({exc.strerror or type(exc).__name__}); defaults are used"
        else:
            kept = path.with_name(f"{path.name}.unreadable")
            with contextlib.suppress(OSError):
                shutil.copy2(path, kept)
            reason = f"is not valid JSON ({exc}); defaults are used and a copy is kept as {kept.name}"
        problems.append(SettingProblem("", str(path), reason))
        return None


def _validate_keeping_good_fields(
    values: dict[str, Any], path: Path, problems: list[SettingProblem]
) -> Settings:
    """One bad value must not reset every preference: drop only the fields that fail validation, and
    say which (each becomes a problem the window and the CLI show)."""
    values = {k: v for k, v in values.items() if k in Settings.model_fields}
    for _ in range(len(values) + 1):
        try:
            return Settings.model_validate(values)
        except ValidationError as exc:
            reasons: dict[str, str] = {}
            for err in exc.errors():
                if err["loc"]:
                    reasons.setdefault(str(err["loc"][0]), _reason(err["msg"]))
            log.warning("%s: invalid values for %s; using their defaults", path, ", ".join(sorted(reasons)))
            if not reasons.keys() & values.keys():
                break
            problems.extend(
                SettingProblem(name, str(path), f"{reason}; the default is used")
                for name, reason in sorted(reasons.items())
            )
            values = {k: v for k, v in values.items() if k not in reasons}
    return Settings()


def _reason(message: str) -> str:
    """Pydantic's message without its "Value error, " prefix."""
    return message.removeprefix("Value error, ")


def stored_values(path: Path) -> dict[str, Any]:
    """The raw values in the file after upgrading (what the user saved, before env overrides)."""
    raw = _read_json(path)
    if raw is None:
        return {}
    values, _window, _version = upgrade(raw)
    return values


def load_settings(path: Path, window_state_path: Path | None = None) -> Settings:
    """Read the settings file (see load_settings_checked); the problems found are logged only."""
    return load_settings_checked(path, window_state_path)[0]


def load_settings_checked(
    path: Path, window_state_path: Path | None = None
) -> tuple[Settings, list[SettingProblem]]:
    """Read the settings file, upgrading an older version in place (the old file is kept as a .bak).

    Window state found in an old file moves to `window_state_path` (default: window-state.json beside it).
    A missing file gives defaults; a bad value gives its default and a problem (never a crash).
    """
    problems: list[SettingProblem] = []
    raw = _read_json(path, problems)
    if raw is None:
        return Settings(), problems
    if not isinstance(raw, dict):
        problems.append(
            SettingProblem("", str(path), "is not a settings file (no JSON object); defaults are used")
        )
        return Settings(), problems
    values, window, version = upgrade(raw)
    settings = _validate_keeping_good_fields(values, path, problems)
    if version < SETTINGS_VERSION:
        try:
            backup = path.with_name(f"{path.name}.v{version}.bak")
            write_atomically(backup, path.read_text(encoding="utf-8"))
            if window:
                wpath = window_state_path or path.with_name(WINDOW_STATE_NAME)
                save_window_state(wpath, {**load_window_state(wpath), **window})
            save_settings(path, settings)
            log.info(
                "settings upgraded from version %d to %d (backup: %s)", version, SETTINGS_VERSION, backup
            )
        except OSError as exc:  # a read-only config dir: use the upgraded values, try again next time
            log.warning("could not write upgraded settings to %s: %s", path, exc)
    return settings, problems


def save_settings(path: Path, settings: Settings) -> None:
    payload = {"version": SETTINGS_VERSION, "values": settings.model_dump(mode="json")}
    write_atomically(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def load_window_state(path: Path) -> dict[str, Any]:
    """Window geometry, splitter sizes...: UI state, kept apart from preferences, free-form JSON."""
    raw = _read_json(path)
    return raw if isinstance(raw, dict) else {}


def save_window_state(path: Path, state: dict[str, Any]) -> None:
    write_atomically(path, json.dumps(state, indent=2, ensure_ascii=False) + "\n")
