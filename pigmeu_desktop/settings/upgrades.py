"""Upgrade steps for the settings file: each one turns version N's raw dict into version N+1's."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger("pigmeu.settings")

# Keys that earlier versions kept among the preferences but that are window state (kept apart: window-state.json).
WINDOW_STATE_KEYS = ("window_geometry", "window_state", "splitter_sizes", "last_tab", "column_widths")


def _v0_to_v1(values: dict[str, Any], window: dict[str, Any]) -> None:
    """v0 was a flat dict without a version; v1 wraps it. Nothing to rename, the wrapper does the rest."""


def _v1_to_v2(values: dict[str, Any], window: dict[str, Any]) -> None:
    """v2 moves window state out of the preferences and normalises values v1 accepted loosely."""
    for key in WINDOW_STATE_KEYS:
        if key in values:
            window[key] = values.pop(key)
    language = str(values.get("language", "")).replace("-", "_")
    if language.lower() in ("pt_br", "pt"):
        values["language"] = "pt_BR"
    elif language.lower().startswith("en"):
        values["language"] = "en"
    market = values.get("default_marketplace")
    if isinstance(market, str):
        values["default_marketplace"] = (
            market.strip().lower().removeprefix("https://").removeprefix("www.").rstrip("/")
        )
    # v1 let the fallback list be typed as "groq, mistral".
    fallback = values.get("llm_fallback")
    if isinstance(fallback, str):
        values["llm_fallback"] = [p.strip() for p in fallback.split(",") if p.strip()]


Step = Callable[[dict[str, Any], dict[str, Any]], None]
# UPGRADES[n] upgrades version n to n+1; CURRENT_VERSION is one past the last step.
UPGRADES: list[Step] = [_v0_to_v1, _v1_to_v2]
CURRENT_VERSION = len(UPGRADES)


def upgrade(raw: Any) -> tuple[dict[str, Any], dict[str, Any], int]:
    """Return (values at CURRENT_VERSION, window state found on the way, the version the file had).

    A file from a newer app (higher version) is read as it is: unknown keys are ignored by the schema.
    """
    if isinstance(raw, dict) and isinstance(raw.get("values"), dict) and isinstance(raw.get("version"), int):
        version = raw["version"]
        values = dict(raw["values"])
    elif isinstance(raw, dict):
        version, values = 0, dict(raw)
    else:
        version, values = CURRENT_VERSION, {}
    window: dict[str, Any] = {}
    for n in range(max(version, 0), CURRENT_VERSION):
        log.info("upgrading settings from version %d to %d", n, n + 1)
        UPGRADES[n](values, window)
    return values, window, version
