"""What the app's dialogs and form pages share: retranslating on a language change, opening window-modal."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog


class Retranslating:
    """Mixin, listed before the Qt class: a LanguageChange (a translator installed) calls `retranslate()`."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]  # the Qt class after this one in the MRO


DialogT = TypeVar("DialogT", bound=QDialog)


def open_window_modal(dialog: DialogT) -> DialogT:
    """Show `dialog` modal to its window only: the main window's event loop keeps running its jobs."""
    dialog.setModal(True)
    dialog.open()
    return dialog
