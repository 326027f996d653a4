"""The offline outbox on a real store (SQLite): every history line of a waiting item reaches the history,
and an edit made while the previous one is being sent is neither dropped nor turned into a conflict."""

from __future__ import annotations

import pytest

from pigmeu_desktop.core.models import Book, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, NewLink
from pigmeu_desktop.services.storage.outbox import Outbox
from pigmeu_desktop.services.storage.sqlite_store import SqliteStore

pytestmark = pytest.mark.asyncio

LINK = NewLink("https://www.amazon.com.br/dp/8565042472", "8565042472", "amazon.com.br", "x")


class EditsWhileSending:
    """The store, with the editor saving again (into the outbox) while the first save is on its way."""

    def __init__(self, store: SqliteStore, outbox: Outbox, newer) -> None:
        self.store, self.outbox, self.newer = store, outbox, newer

    async def save(self, submission, *, activity=None):
        if self.newer is not None:
            newer, self.newer = self.newer, None
            self.outbox.put(*newer)  # what save_or_queue does for an item that still waits
        return await self.store.save(submission, activity=activity)

    async def add_activity(self, entry):
        await self.store.add_activity(entry)


async def test_an_edit_made_while_the_previous_is_sent_waits_on_top_of_it(tmp_path):
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    try:
        (added,) = await store.add_links([LINK])
        opened = await store.get(added.id)
        first = opened.model_copy(update={"book": Book(title="v1")})
        outbox.put(first, ActivityEntry(added.id, utcnow(), "edited"))
        second = first.model_copy(update={"book": Book(title="v2")})

        report = await outbox.sync(
            EditsWhileSending(store, outbox, (second, ActivityEntry(added.id, utcnow(), "approved")))
        )
        assert (report.sent, report.conflicts) == (1, 0)
        assert (await store.get(added.id)).book.title == "v1"
        assert outbox.local_copy(added.id).book.title == "v2"  # not dropped with the row it replaced
        assert [e.event for e in outbox._activity_of(added.id)] == ["approved"]  # "edited" is recorded

        report = await outbox.sync(store)  # the newer edit builds on what was sent: no conflict
        assert (report.sent, report.conflicts, report.still_pending) == (1, 0, 0)
        saved = await store.get(added.id)
        assert (saved.book.title, saved.version) == ("v2", opened.version + 2)
        events = [e.event for e in await store.list_activity(added.id)]
        assert events.count("edited") == 1 and events.count("approved") == 1
    finally:
        outbox.close()
        await store.close()


async def test_history_lines_of_several_waiting_edits_are_all_recorded(tmp_path):
    store = await SqliteStore.open(tmp_path / "db.sqlite3")
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    try:
        (added,) = await store.add_links([LINK])
        sub = await store.get(added.id)
        outbox.put(
            sub.model_copy(update={"book": Book(title="a")}), ActivityEntry(added.id, utcnow(), "edited")
        )
        outbox.put(sub.model_copy(update={"book": Book(title="b")}), None)  # an autosave: no new line
        outbox.put(
            sub.model_copy(update={"book": Book(title="c")}), ActivityEntry(added.id, utcnow(), "approved")
        )
        report = await outbox.sync(store)
        assert (report.sent, report.still_pending) == (1, 0)
        events = [e.event for e in await store.list_activity(added.id)]
        assert events[-2:] == ["edited", "approved"]
        assert (await store.get(added.id)).book.title == "c"
    finally:
        outbox.close()
        await store.close()
