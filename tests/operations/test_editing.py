"""The editor's use cases against the real SQLite store: saves, conflicts, book edits, restore, approve."""

import pytest
import pytest_asyncio

from pigmeu_desktop.core.checks import Check
from pigmeu_desktop.core.models import Book, Draft, Revision
from pigmeu_desktop.core.ports import NewLink
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.operations import ApprovalRefused, approve
from pigmeu_desktop.operations.editing import (
    DraftMoved,
    restore_revision,
    save_book_field,
    save_draft,
    take_over_draft,
)
from pigmeu_desktop.services.storage.sqlite_store import SqliteStore


@pytest_asyncio.fixture
async def store(tmp_path):
    s = await SqliteStore.open(tmp_path / "store.sqlite3")
    yield s
    await s.close()


@pytest_asyncio.fixture
async def drafted(store):
    [outcome] = await store.add_links(
        [NewLink("https://www.amazon.com.br/dp/8535914846", "8535914846", "amazon.com.br", "x")]
    )
    sub = await store.get(outcome.id)
    for target in (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING):
        sub = transition(sub, target)
    ai = Draft(title="Resenha", body_markdown="AI text\n", model="m")
    sub = sub.model_copy(
        update={
            "book": Book(title="Sidarta", pages=200),
            "draft": ai,
            "revisions": [Revision(n=1, author="ai:m", draft=ai, kind="ai")],
        }
    )
    return await store.save(transition(sub, Status.DRAFTED))


@pytest.mark.asyncio
async def test_saves_land_even_when_only_the_status_moved(store, drafted):
    base = drafted.draft
    mine = base.model_copy(update={"body_markdown": "my text\n"})
    # Someone else approves in between: not a draft change, so not a conflict.
    await store.save(transition(await store.get(drafted.id), Status.APPROVED))
    saved = await save_draft(store, drafted.id, mine, base=base, author="Ana", session="s1")
    assert saved.status is Status.APPROVED and saved.draft.body_markdown == "my text\n"
    again = await save_draft(
        store,
        drafted.id,
        mine.model_copy(update={"body_markdown": "more\n"}),
        base=saved.draft,
        author="Ana",
        session="s1",
    )
    assert [r.n for r in again.revisions] == [1, 2]
    assert [a.event for a in await store.list_activity(drafted.id)].count("edited") == 1


@pytest.mark.asyncio
async def test_a_moved_draft_raises_draft_moved_and_writes_nothing(store, drafted):
    base = drafted.draft
    theirs = await save_draft(
        store,
        drafted.id,
        base.model_copy(update={"body_markdown": "theirs\n"}),
        base=base,
        author="Bia",
        session="other",
    )
    with pytest.raises(DraftMoved) as moved:
        await save_draft(
            store,
            drafted.id,
            base.model_copy(update={"body_markdown": "mine\n"}),
            base=base,
            author="Ana",
            session="s1",
        )
    assert moved.value.code == "store_conflict" and moved.value.theirs.draft.body_markdown == "theirs\n"
    assert (await store.get(drafted.id)).version == theirs.version
    kept = await take_over_draft(
        store, drafted.id, base.model_copy(update={"body_markdown": "mine\n"}), author="Ana", session="s1"
    )
    assert kept.draft.body_markdown == "mine\n"
    assert [r.draft.body_markdown for r in kept.revisions] == ["AI text\n", "theirs\n", "mine\n"]


@pytest.mark.asyncio
async def test_book_field_edit_and_restore(store, drafted):
    edited = await save_book_field(store, drafted.id, "pages", "208")
    assert edited.book.pages == 200 and edited.book_edits == {"pages": 208}
    saved = await save_draft(
        store,
        drafted.id,
        drafted.draft.model_copy(update={"title": "Novo"}),
        base=drafted.draft,
        author="Ana",
        session="s1",
    )
    restored = await restore_revision(store, drafted.id, 1, author="Ana")
    assert restored.draft.title == "Resenha" and len(restored.revisions) == len(saved.revisions) + 1
    assert restored.revisions[-1].restored_from == 1


@pytest.mark.asyncio
async def test_approve_is_refused_while_a_check_blocks(store, drafted):
    stop = Check("placeholder_left", "blocking", {"text": "ESCREVER"})
    with pytest.raises(ApprovalRefused) as refused:
        await approve(store, drafted.id, editor="Ana", checks=[stop])
    assert "ESCREVER" in refused.value.message and refused.value.next_step
    assert (await store.get(drafted.id)).status is Status.DRAFTED
    approved = await approve(store, drafted.id, editor="Ana", checks=[])
    assert approved.status is Status.APPROVED
