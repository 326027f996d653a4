"""A small list of doctor results (ok / warn / fail, message, next step) under each Test button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStyle, QVBoxLayout, QWidget

from pigmeu_desktop.services.doctor import CheckResult, CheckStatus
from pigmeu_desktop.ui.errors import next_step_for, title_for

ICONS = {
    CheckStatus.OK: QStyle.StandardPixmap.SP_DialogApplyButton,
    CheckStatus.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    CheckStatus.FAIL: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class DoctorView(QWidget):
    """Shows the last test's results; icons come from the platform style (no colours of our own)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        self.results: list[CheckResult] = []
        self.setVisible(False)

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def show_running(self, text: str) -> None:
        self._clear()
        self.results = []
        label = QLabel(text, self)
        label.setObjectName("doctor-running")
        self._layout.addWidget(label)
        self.setVisible(True)

    def show_results(self, results: Sequence[CheckResult]) -> None:
        self._clear()
        self.results = list(results)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        for result in results:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            icon = QLabel(row)
            icon.setPixmap(self.style().standardIcon(ICONS[result.status]).pixmap(size, size))
            icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            icon.setAccessibleName(str(result.status))
            text = result.message
            if result.code:  # the presenter gives the translated title and next step of a known code
                text = f"{title_for(result.code)}: {text}"
            if result.next_step and result.status is not CheckStatus.OK:
                text += f"\n→ {next_step_for(result.code or '', result.next_step)}"
            message = QLabel(text, row)
            message.setWordWrap(True)
            message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            message.setObjectName(f"doctor-{result.status}")
            message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            line.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(message, 1, Qt.AlignmentFlag.AlignTop)
            self._layout.addWidget(row)
        self.setVisible(bool(results))

    def text(self) -> str:
        """What the view says, for tests and screen readers' summaries."""
        return "\n".join(f"{r.status}: {r.message}" for r in self.results)
