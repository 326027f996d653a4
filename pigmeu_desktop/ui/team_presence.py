"""The window's side of team presence: who has which item, read-only items, take-over, the team status."""

from __future__ import annotations

import asyncio
import html
import logging
from datetime import UTC
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from pigmeu_desktop.services.sync.presence import Claim, PresenceEvent, PresenceEventKind, PresenceService

if TYPE_CHECKING:
    from pigmeu_desktop.services.storage.outbox import Outbox, OutboxSyncer

log = logging.getLogger("pigmeu.ui")


class TeamPresence(QObject):
    """Claims the item the editor selects; a teammate's item opens read-only with a take-over offer.

    Emits `taken_over(item_id, by)` when a teammate takes this editor's item: whatever edits the item
    (the review editor) saves there and turns read-only. Actions that change an item are disabled, with
    the reason in their tooltip, while a teammate holds it.
    """

    taken_over = Signal(str, str)
    read_only_changed = Signal(str, bool)  # item id, read-only now
    outbox_changed = Signal(int, int, bool)  # edits kept on this computer: pending, conflicts, online

    def __init__(self, window, presence: PresenceService) -> None:
        super().__init__(window)
        self.window = window
        self.presence = presence
        self._item: str | None = None
        self._holder: Claim | None = None  # a teammate holding the open item: it is read-only
        self._opening: asyncio.Task | None = None
        self._feed_live = True  # the team change feed (Redis): False while the queue is polled
        self._waiting = (0, 0)  # edits kept on this computer: (waiting to be sent, in conflict)
        self.outbox: Outbox | None = None  # the offline outbox and its syncer, set by attach_outbox
        self.syncer: OutboxSyncer | None = None

        self.banner = QFrame(window)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.take_over_button = QPushButton(self.banner)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.take_over_button)
        self.banner.hide()
        self._wrap_details()

        self.take_over_action = QAction(window)
        self.take_over_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.take_over_action.triggered.connect(self.take_over)
        window.addAction(self.take_over_action)
        window.queue_menu.insertAction(window.queue_menu.actions()[-1], self.take_over_action)
        self.take_over_button.clicked.connect(self.take_over_action.trigger)

        self.status = QLabel(window)
        window.statusBar().addPermanentWidget(self.status)

        window.model.show_holders(self.holder_text)
        window.team = self
        self._unsubscribe = presence.subscribe(self._presence_event)
        window.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_did_change())
        self.retranslate()

    def _wrap_details(self) -> None:
        """Put the banner above the details pane, in the splitter's place of the pane."""
        splitter: QSplitter = self.window.centralWidget()
        index = splitter.indexOf(self.window.details)
        # Parented to the window (Qt owns it), not to the splitter: replaceWidget refuses a sibling.
        holder = QWidget(self.window)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        splitter.replaceWidget(index, holder)
        column.addWidget(self.banner)
        column.addWidget(self.window.details, 1)

    # -- what the views ask --------------------------------------------------------------------------

    def holder_text(self, item_id: str) -> str | None:
        claim = self.presence.claim_of(item_id)
        if claim is None:
            return None
        return self.tr("you") if claim.origin == self.presence.origin else claim.editor

    def read_only_holder(self) -> Claim | None:
        """The teammate holding the open item, or None when this editor may edit it."""
        return self._holder

    def restrict_actions(self, sub) -> None:
        """After the window set its actions: a teammate's item cannot be changed from here."""
        holder = self._holder if sub is not None and sub.id == self._item else None
        why = self.tr("%s is editing this item; take it over to change it") % holder.editor if holder else ""
        for action in (self.window.approve_action, self.window.delete_action, self.window.retry_action):
            if holder is not None:
                action.setEnabled(False)
                action.setToolTip(why)
        can_take = holder is not None and self.presence.online is not False
        self.take_over_action.setEnabled(can_take)
        self.take_over_action.setToolTip(
            self.tr("Nobody else is editing this item")
            if holder is None
            else self.tr("Take this item over from %s (Ctrl+Shift+T)") % holder.editor
            if can_take
            else self.tr("The team server cannot be reached")
        )

    # -- events ----------------------------------------------------------------------------------------

    def _selection_did_change(self) -> None:
        item_id = self.window.selected_id()
        if item_id == self._item:
            return
        self._item = item_id
        self._opening = self.window.run(self._open(item_id))

    async def _open(self, item_id: str | None) -> None:
        result = await self.presence.open_item(item_id)
        if item_id != self._item:
            return  # the editor moved on meanwhile
        self._set_holder(None if result.editable else result.holder)
        self.window.model.holders_changed()

    def _set_holder(self, holder: Claim | None) -> None:
        was_read_only = self._holder is not None
        self._holder = holder
        if holder is not None:
            self.banner_text.setText(
                self.tr("<b>%s</b> is editing this item — take over?") % html.escape(holder.editor)
            )
            self.banner.show()
        else:
            self.banner.hide()
        self.window._update_actions(self.window._current)
        if self._item is not None and was_read_only != (holder is not None):
            self.read_only_changed.emit(self._item, holder is not None)

    def take_over(self) -> None:
        if self._item is None or self._holder is None:
            return
        self.window.run(self._take_over(self._item))

    async def _take_over(self, item_id: str) -> None:
        previous = self._holder
        await self.presence.take_over(item_id)
        if item_id == self._item:
            self._set_holder(None)
        self.window.model.holders_changed()
        if previous is not None:
            self.window.statusBar().showMessage(
                self.tr("You took this item over from %s; their window turned read-only.") % previous.editor,
                8000,
            )

    def _presence_event(self, event: PresenceEvent) -> None:
        if event.kind is PresenceEventKind.TAKEN_OVER and event.item_id is not None:
            by = event.by or self.tr("a teammate")
            self.taken_over.emit(event.item_id, by)
            if event.item_id == self._item:
                claim = self.presence.claim_of(event.item_id)
                self._set_holder(
                    claim
                    if claim is not None and claim.origin != self.presence.origin
                    else Claim(event.item_id, by, "", claim.since if claim else _now())
                )
            self.window.statusBar().showMessage(
                self.tr("%s took over the item you had open; it is read-only now.") % by, 15000
            )
        elif event.kind is PresenceEventKind.CHANGED and self._item is not None and self._holder is not None:
            claim = self.presence.claim_of(self._item)
            if claim is None:  # the teammate let go (or their app died): offer editing again
                self.window.run(self._open(self._item))
            elif claim.origin == self.presence.origin:  # this app's review editor took it over
                self._set_holder(None)
        self.window.model.holders_changed()
        self._show_status()

    # -- the team status in the status bar -----------------------------------------------------------

    def watch_feed(self, feed) -> None:
        """The store's change feed (RedisChangeBus): say when the queue is polled instead of live."""
        self._feed_live = feed.live
        feed.on_status(self._feed_did_change)
        self._show_status()

    def _feed_did_change(self, live: bool) -> None:
        self._feed_live = live
        self._show_status()

    def outbox_status(self, pending: int, conflicts: int, online: bool) -> None:
        """OutboxSyncer's report: edits kept on this computer while the team database is down."""
        self._waiting = (pending, conflicts)
        self._show_status()
        self.outbox_changed.emit(pending, conflicts, online)

    def _show_status(self) -> None:
        text, tip = self._status_texts()
        self.status.setText(text)
        self.status.setToolTip(tip)

    def _status_texts(self) -> tuple[str, str]:
        """The team status and its tooltip: edits waiting first, then a feed or Redis that is down."""
        pending, conflicts = self._waiting
        if pending or conflicts:
            parts = []
            if pending:
                parts.append(
                    self.tr(
                        "%n edit(s) kept on this computer, sent when the team database is back", "", pending
                    )
                )
            if conflicts:
                parts.append(
                    self.tr(
                        "%n offline edit(s) met a newer version: reload the item and redo them", "", conflicts
                    )
                )
            return self.tr("Team: %n edit(s) waiting", "", pending + conflicts), "\n".join(parts)
        if not self._feed_live:
            return self.tr("Team: refreshing every few seconds"), self.tr(
                "The team's Redis does not answer: the queue is re-read from the database every few "
                "seconds instead of at once. It turns live again by itself."
            )
        if self.presence.online is False:
            return self.tr("Team: offline"), self.tr(
                "The team's Redis does not answer: who is editing what cannot be seen; "
                "your edits are kept and nothing is overwritten."
            )
        others = {p.editor for p in self.presence.presences() if p.origin != self.presence.origin}
        return (
            self.tr("Team: %n other editor(s) online", "", len(others)),
            ", ".join(sorted(others)) or self.tr("Nobody else is working now"),
        )

    def retranslate(self) -> None:
        self.take_over_button.setText(self.tr("Take over"))
        self.take_over_action.setText(self.tr("Take over editing"))
        self.window.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.window.model.columnCount() - 1
        )
        if self._holder is not None:
            self._set_holder(self._holder)
        self._show_status()

    # -- saving through the team rules ---------------------------------------------------------------

    def attach_outbox(self, outbox: Outbox, syncer: OutboxSyncer) -> None:
        self.outbox, self.syncer = outbox, syncer

    def editor_store(self):
        """The store the review editor saves through: the team store, with saves kept in the outbox while
        the database is down (save_or_queue)."""
        if self.outbox is None or self.syncer is None:
            return self.window.store
        from pigmeu_desktop.services.storage.offline_edits import OfflineEditsStore

        return OfflineEditsStore(self.window.store, self.outbox, on_queued=self.syncer.poke)

    def attach_review(self, review) -> None:
        """The review editor of this app: it claims what it shows, and is told when it is taken over."""
        from pigmeu_desktop.services.storage.offline_edits import OfflineEditsStore
        from pigmeu_desktop.ui.review.team_editing import ReviewTeam

        # Without an outbox (a bare window in a test) saves go straight to the store, claims still work.
        ReviewTeam(review, self, review.store if isinstance(review.store, OfflineEditsStore) else None)

    def close(self) -> None:
        self._unsubscribe()

    async def aclose(self) -> None:
        self.close()
        if self.syncer is not None and self.outbox is not None:
            await self.syncer.aclose()
            self.outbox.close()


async def attach_team(window, services, store) -> TeamPresence | None:
    """Team mode's parts of the window: presence and claims, the feed's status, the offline outbox."""
    presence = await services.presence()
    if presence is None:
        return None
    from pigmeu_desktop.services.storage.outbox import Outbox, OutboxSyncer

    team = TeamPresence(window, presence)
    if getattr(store, "bus", None) is not None:
        team.watch_feed(store.bus)
    outbox = Outbox(services.paths.data_dir / "team-outbox.sqlite3")
    syncer = OutboxSyncer(store, outbox, on_status=team.outbox_status)
    team.attach_outbox(outbox, syncer)
    syncer.start()
    if outbox.counts() != (0, 0):  # edits left from a session that ended while the database was down
        syncer.poke()
    return team


def _now():
    from datetime import datetime

    return datetime.now(UTC)
