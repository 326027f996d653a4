"""Closing a test's widget in a fixture finalizer, when pytest-qt may already have deleted it."""

from __future__ import annotations

import shiboken6


def close_if_alive(widget) -> None:
    """Close `widget` unless it is gone.

    pytest-qt's teardown hook closes every `qtbot.addWidget` widget and calls deleteLater() on it before
    fixture finalizers run; whether Qt has carried out that delete by then depends on timing, and a
    close() on a deleted widget raises "Internal C++ object already deleted" (seen on loaded machines).
    """
    if shiboken6.isValid(widget):
        widget.close()
