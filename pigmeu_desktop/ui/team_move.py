"""Tools menu actions that copy the queue between this computer and the team database, with a report."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from pigmeu_desktop.services.storage.move import Direction, MoveReport, Skip, copy_between


class TeamMoveActions(QObject):
    """ "Copy this computer's queue to the team" and back; the same use case as `pigmeu team copy`."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.to_team = self._action("Ctrl+Shift+U", Direction.TO_TEAM)
        self.to_local = self._action("Ctrl+Shift+L", Direction.TO_LOCAL)
        window.tools_menu.addSeparator()
        window.tools_menu.addAction(self.to_team)
        window.tools_menu.addAction(self.to_local)
        self._busy = False
        self.retranslate()

    def _action(self, keys: str, direction: Direction) -> QAction:
        action = QAction(self.window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda: self.copy(direction))
        self.window.addAction(action)
        return action

    def retranslate(self) -> None:
        self.to_team.setText(self.tr("Copy this computer's queue to the team"))
        self.to_local.setText(self.tr("Copy the team's queue to this computer"))
        ready = bool(self.window.services.settings.mongodb_uri) and not self._busy
        for action, tip in (
            (self.to_team, self.tr("Add to the team database every item it lacks, with drafts and history")),
            (self.to_local, self.tr("Add to this computer's database every team item it lacks")),
        ):
            action.setEnabled(ready)
            action.setToolTip(
                tip
                if ready
                else self.tr("A copy is running")
                if self._busy
                else self.tr("Set the team's MongoDB address in Settings → Team first")
            )

    def copy(self, direction: Direction) -> None:
        self.window.run(self._copy(direction))

    async def _copy(self, direction: Direction) -> MoveReport:
        self._busy = True
        self.retranslate()
        self.window.statusBar().showMessage(self.tr("Copying the queue…"))
        try:
            report = await copy_between(self.window.services, direction)
        finally:
            self._busy = False
            self.retranslate()
        self.window.model.schedule_reload()
        self.window.statusBar().showMessage(self.summary(report), 15000)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Queue copied"),
            self.summary(report),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        if report.skipped:
            box.setDetailedText(
                "\n".join(f"{self.reason(why)}: {url}" for url, why in report.skipped.items())
            )
        box.open()
        self.report_box = box
        return report

    def summary(self, report: MoveReport) -> str:
        copied = self.tr("%n item(s) copied", "", len(report.copied))
        duplicates = sum(1 for why in report.skipped.values() if why is Skip.DUPLICATE)
        busy = len(report.skipped) - duplicates
        parts = [copied]
        if duplicates:
            parts.append(self.tr("%n already there (left as they are)", "", duplicates))
        if busy:
            parts.append(self.tr("%n with a step running (copy them when it ends)", "", busy))
        return "; ".join(parts) + "."

    def reason(self, why: Skip) -> str:
        return self.tr("already there") if why is Skip.DUPLICATE else self.tr("a step is running")
