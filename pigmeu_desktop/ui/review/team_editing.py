"""The review editor in team mode: it claims the item it shows, is read-only while a teammate edits it,
saves and turns read-only when taken over, and keeps saves on this computer while MongoDB is down."""

from __future__ import annotations

import asyncio
import html
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from pigmeu_desktop.core.models import Draft, Submission
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.operations import editing
from pigmeu_desktop.services.storage.offline_edits import OfflineEditsStore
from pigmeu_desktop.services.sync.presence import Claim, PresenceEvent, PresenceEventKind

if TYPE_CHECKING:
    from pigmeu_desktop.ui.review.window import ReviewWindow
    from pigmeu_desktop.ui.team_presence import TeamPresence

log = logging.getLogger("pigmeu.ui")

TAKE_OVER_KEYS = "Ctrl+Shift+T"  # as in the queue window

_releasing: set[asyncio.Task] = set()  # claims let go as the editor closes (the window's tasks stop)


class ReviewTeam(QObject):
    """Claims and offline saves for one ReviewWindow, through the app's TeamPresence (one presence,
    one outbox per app). The window calls `opening`, `restrict_actions`, `saved` and `closed`."""

    def __init__(self, window: ReviewWindow, team: TeamPresence, store: OfflineEditsStore | None) -> None:
        super().__init__(window)
        self.window = window
        self.team = team
        self.presence = team.presence
        self.store = store
        self.item_id: str | None = None
        self.holder: Claim | None = None  # a teammate holding the open item: read-only here
        self.taken_by: str | None = None  # who took the item from this editor (the banner says so)
        self._reclaiming = False
        self._resolving = False  # an offline edit's conflict is being shown
        self._build_banner()
        self.take_over_action = QAction(window)
        self.take_over_action.setShortcut(QKeySequence(TAKE_OVER_KEYS))
        self.take_over_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.take_over_action.triggered.connect(self.take_over)
        window.addAction(self.take_over_action)
        window.menu.addAction(self.take_over_action)
        self.take_over_button.clicked.connect(self.take_over_action.trigger)
        team.taken_over.connect(self._taken_over)
        team.outbox_changed.connect(self._outbox_changed)
        self._unsubscribe = self.presence.subscribe(self._presence_event)
        window.team = self
        self.retranslate()

    def _build_banner(self) -> None:
        """A full-width strip above the three panes (the window's central widget moves under it)."""
        self.banner = QFrame()
        self.banner.setObjectName("review-team-banner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(self.banner.palette().ColorRole.AlternateBase)  # follows the theme
        icon = QLabel(self.banner)  # the style's own icon: it follows the theme
        side = self.banner.fontMetrics().height() + 4
        icon.setPixmap(
            self.window.style()
            .standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            .pixmap(side, side)
        )
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextFormat(Qt.TextFormat.RichText)
        self.take_over_button = QPushButton(self.banner)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(icon)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.take_over_button)
        self.banner.hide()
        panes = self.window.takeCentralWidget()
        assert panes is not None  # the window's three panes, set in its constructor
        column_widget = QWidget(self.window)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(panes, 1)
        self.window.setCentralWidget(column_widget)

    # -- what the window calls ------------------------------------------------------------------------

    def waiting(self, item_id: str) -> bool:
        """An edit of the item is kept on this computer, not yet in the team database."""
        return self.store is not None and self.store.waiting(item_id)

    @property
    def read_only(self) -> bool:
        return self.holder is not None

    async def opening(self, item_id: str) -> None:
        """The editor is about to show `item_id`: claim it (letting go of the previous one)."""
        previous, self.item_id = self.item_id, item_id
        if previous is not None and previous != item_id:
            await self.presence.unpin(previous)
        result = await self.presence.pin(item_id)
        if self.item_id != item_id:
            return  # moved on meanwhile
        self.taken_by = None
        self._set_holder(None if result.editable else result.holder)

    def restrict_actions(self) -> None:
        """After the window set its actions: nothing that writes while a teammate holds the item."""
        holder = self.holder
        if holder is not None:
            why = self.tr("%s is editing this item; take it over to change it") % holder.editor
            window = self.window
            for action in (
                window.save_action,
                window.approve_action,
                window.publish_action,
                window.generate_action,
                window.section_action,
                window.revisions_action,
                window.replace_action,  # a replace writes through the text cursor, read-only or not
            ):
                action.setEnabled(False)
                action.setToolTip(why)
        else:  # the window leaves Replace on at all times: on again, with its own tooltip
            replace = self.window.replace_action
            replace.setEnabled(True)
            keys = replace.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            replace.setToolTip(f"{replace.statusTip()} ({keys})")
        can_take = holder is not None and self.presence.online is not False
        self.take_over_action.setEnabled(can_take)
        self.take_over_button.setEnabled(can_take)
        tip = (
            self.tr("Nobody else is editing this item")
            if holder is None
            else self.tr("Edit this item yourself: %s's editor saves their changes and turns read-only (%s)")
            % (holder.editor, TAKE_OVER_KEYS)
            if can_take
            else self.tr("The team server cannot be reached, so the item cannot be taken over now")
        )
        self.take_over_action.setToolTip(tip)
        self.take_over_button.setToolTip(tip)

    def saved(self, sub: Submission, *, approved: bool = False) -> None:
        """After a save or an approve: say so when it is kept on this computer, not in the database."""
        if sub.id != self.item_id or not self.waiting(sub.id):
            self.window.save_label.setToolTip("")
            return
        self.window.save_label.setText(self.tr("Kept on this computer"))
        self.window.save_label.setToolTip(self._queued_tip())
        if approved:
            self.window.statusBar().showMessage(
                self.tr("Approved on this computer; sent to the team database when it answers again."),
                15000,
            )

    def closed(self) -> None:
        """The editor closed (its text is saved): let go of the item."""
        item_id, self.item_id = self.item_id, None
        self._set_holder(None)
        if item_id is not None:
            task = asyncio.ensure_future(self.presence.unpin(item_id))
            _releasing.add(task)
            task.add_done_callback(_releasing.discard)

    # -- take over, both ways ------------------------------------------------------------------------

    def take_over(self) -> None:
        if self.item_id is not None and self.holder is not None:
            self.window.run(self._take_over(self.item_id))

    async def _take_over(self, item_id: str) -> None:
        previous = self.holder
        await self.presence.take_over(item_id, pin=True)
        if item_id != self.item_id:
            return
        self.taken_by = None
        self._set_holder(None)
        # Their editor saves what it had as it turns read-only: that save arrives as a store change and
        # is shown here (this editor has typed nothing yet); typing first would meet the conflict dialog.
        self.window._refresh_timer.start()
        if previous is not None:
            self.window.statusBar().showMessage(
                self.tr("You took this item over from %s; their editor saved and turned read-only.")
                % previous.editor,
                10000,
            )

    def _taken_over(self, item_id: str, by: str) -> None:
        if item_id == self.item_id and shiboken6.isValid(self.window):
            self.window.run(self._save_and_stop(item_id, by))

    async def _save_and_stop(self, item_id: str, by: str) -> None:
        """A teammate took the item: read-only at once (no more typing), then what was typed is saved
        through the editor's normal save path (the conflict rules as always)."""
        self.taken_by = by
        claim = self.presence.claim_of(item_id)
        self._set_holder(
            claim
            if claim is not None and claim.origin != self.presence.origin
            else Claim(item_id, by, "", datetime.now(UTC))
        )
        window = self.window
        if window.autosaver.paused and window.autosaver.dirty:
            # A conflict dialog is open: this text becomes a revision beside theirs, never over it.
            await editing.keep_text_aside(
                window.store,
                item_id,
                window.current_draft(),
                author=window.services.settings.editor_name or "",
            )
            window.autosaver.dirty = False
        else:
            await window.autosaver.flush()
        self.window.statusBar().showMessage(
            self.tr("%s took this item over; your changes are saved and it is read-only here.") % by, 15000
        )

    # -- presence and outbox events ------------------------------------------------------------------

    def _presence_event(self, event: PresenceEvent) -> None:
        if self.item_id is None or not shiboken6.isValid(self.window):
            return
        if event.kind is PresenceEventKind.CHANGED and self.holder is not None:
            claim = self.presence.claim_of(self.item_id)
            if claim is None and not self._reclaiming:  # the teammate let go, or their app died
                self.window.run(self._reclaim(self.item_id))
            elif claim is not None and claim.origin == self.presence.origin:
                self._set_holder(None)  # taken over from the queue window of this same app
        elif event.kind in (PresenceEventKind.ONLINE, PresenceEventKind.OFFLINE):
            self.window._update_actions()

    async def _reclaim(self, item_id: str) -> None:
        self._reclaiming = True
        try:
            result = await self.presence.pin(item_id)
        finally:
            self._reclaiming = False
        self._resolving = False  # an offline edit's conflict is being shown
        if item_id != self.item_id or not result.editable:
            return
        self.taken_by = None
        self._set_holder(None)
        self.window._refresh_timer.start()  # the teammate's last save, if it came after ours
        self.window.statusBar().showMessage(
            self.tr("Nobody else is editing this item now: it is yours to edit."), 10000
        )

    def _outbox_changed(self, _pending: int, _conflicts: int, _online: bool) -> None:
        item_id = self.item_id
        if item_id is None or not shiboken6.isValid(self.window):
            return
        if self.store is not None and self.store.conflicted(item_id) and not self._resolving:
            self._resolving = True
            self.window.run(self._offline_conflict(item_id))
            return
        label = self.window.save_label
        if label.text() == self.tr("Kept on this computer") and not self.waiting(item_id):
            label.setText(self.tr("Sent to the team database"))
            label.setToolTip("")
            self.window._refresh_timer.start()  # its new version, as the database has it

    async def _offline_conflict(self, item_id: str) -> None:
        """A change kept while the database was down met a teammate's newer version: the editor's own
        conflict dialog decides (keep mine, take theirs, merge), with the kept text still in the window."""
        assert self.store is not None
        try:
            kept = self.store.outbox.local_copy(item_id)
            base = self.store.offline_base(item_id)
            theirs = await self.store.inner.get(item_id)
            if item_id != self.item_id or kept is None:
                return
            self.store.forget(item_id)  # from here the text lives in the window, as with any conflict
        finally:
            self._resolving = False
        window = self.window
        window.autosaver.pause()
        window.autosaver.dirty = True
        # Unknown base (kept by an earlier session): an empty one makes a merge mark every differing
        # field instead of quietly taking theirs.
        window.base = base if base is not None else Draft()
        window.save_label.setText(self.tr("Changed elsewhere"))
        window.save_label.setToolTip("")
        window.open_conflict(theirs)
        message = self.tr(
            "Your changes made while the team database was down meet a teammate's newer version: choose "
            "which to keep."
        )
        if kept.status is Status.APPROVED and theirs.status is not Status.APPROVED:
            message += " " + self.tr("Approve again once it is settled.")
        window.statusBar().showMessage(message, 20000)

    # -- showing the state ---------------------------------------------------------------------------

    def _set_holder(self, holder: Claim | None) -> None:
        self.holder = holder
        read_only = holder is not None
        window = self.window
        for edit in (
            *(line.edit for line in window.counted.values()),
            window.tags_edit,
            window.categories_edit,
            window.body,
            window.instructions,
            *window.source.edits.values(),
        ):
            edit.setReadOnly(read_only)
        bar = window.find_bar  # its Replace buttons write through the text cursor, read-only or not
        for widget in (bar.replace_edit, bar.replace_button, bar.replace_all_button):
            widget.setEnabled(not read_only)
        self._show_banner()
        window._update_actions()

    def _show_banner(self) -> None:
        holder = self.holder
        if holder is None:
            self.banner.hide()
            return
        name = html.escape(holder.editor)
        if self.taken_by is not None:
            text = self.tr(
                "<b>%s</b> took this item over. Your changes are saved; it is read-only here — take it back?"
            )
        else:
            text = self.tr("<b>%s</b> is editing — take over?")
        self.banner_text.setText(text % name)
        self.banner.show()

    def _queued_tip(self) -> str:
        return self.tr(
            "The team database does not answer: this change is kept on this computer and sent when it "
            "is back, through the same check for a teammate's newer version. Nothing is lost."
        )

    def retranslate(self) -> None:
        self.take_over_button.setText(self.tr("Take over"))
        self.take_over_action.setText(self.tr("Take over editing"))
        self.take_over_action.setStatusTip(
            self.tr("Edit this item yourself; the teammate's editor turns read-only")
        )
        self._show_banner()
        if self.item_id is not None and self.waiting(self.item_id):
            self.window.save_label.setText(self.tr("Kept on this computer"))
            self.window.save_label.setToolTip(self._queued_tip())
        self.restrict_actions()
