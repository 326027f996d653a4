"""Window actions made and described one way: the platform's keys, and a tooltip that names them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Keys = str | QKeySequence.StandardKey


def make_action(
    owner: QWidget, keys: Keys | None, slot: Callable[[], object], fallback: str | None = None
) -> QAction:
    """An action on `owner` (its shortcut works wherever the window has focus) running `slot`.

    A standard key takes the platform's bindings, or `fallback` where the platform has none
    (Preferences is Cmd+, on macOS but unbound on Linux and Windows).
    """
    action = QAction(owner)
    if isinstance(keys, QKeySequence.StandardKey):
        bindings = QKeySequence.keyBindings(keys) or ([QKeySequence(fallback)] if fallback else [])
        action.setShortcuts(bindings)
    elif keys:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def describe_action(action: QAction, text: str, tip: str) -> None:
    """An action's text, status tip and tooltip (with its shortcut)."""
    action.setText(text)
    action.setStatusTip(tip)
    action.setToolTip(tooltip_with_keys(action, tip))


def tooltip_with_keys(action: QAction, tip: str) -> str:
    """`tip`, naming the action's shortcut as the platform writes it."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({keys})" if keys else tip
