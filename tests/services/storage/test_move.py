"""Copying the queue between this computer (SQLite) and the team (the wire-protocol MongoDB)."""

from __future__ import annotations

import json

import pytest

from pigmeu_desktop.core.models import Book, Draft, Revision, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, NewLink
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.services.storage.mongo_store import MongoStore
from pigmeu_desktop.services.storage.move import Direction, Skip, copy_queue
from pigmeu_desktop.services.storage.sqlite_store import SqliteStore


def link(asin: str) -> NewLink:
    return NewLink(f"https://www.amazon.com.br/dp/{asin}", asin, "amazon.com.br", f"pasted {asin}")


async def drafted(store, asin: str, title: str):
    (outcome,) = await store.add_links([link(asin)], created_by="Ana")
    sub = await store.get(outcome.id)
    for target in (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING):
        sub = transition(sub, target)
    draft = Draft(title=title)
    sub = sub.model_copy(
        update={
            "book": Book(title=title),
            "draft": draft,
            "revisions": [
                Revision(n=1, author="ai:test", draft=draft),
                Revision(n=2, author="Ana", draft=Draft(title=title + "!")),
            ],
        }
    )
    saved = await store.save(transition(sub, Status.DRAFTED))
    await store.add_activity(ActivityEntry(saved.id, utcnow(), "step_finished", "draft"))
    return saved


@pytest.mark.asyncio
async def test_copy_to_the_team_and_back_dedups_and_keeps_drafts_revisions_and_history(
    tmp_path, mongo_backend
):
    local = await SqliteStore.open(tmp_path / "local.sqlite3")
    team = await MongoStore.open(mongo_backend.client(), mongo_backend.database())
    try:
        mine = await drafted(local, "8565042472", "Essencialismo")
        await drafted(local, "B0011UCPM4", "Local copy")  # the team has this book already
        theirs = await drafted(team, "B0011UCPM4", "Team copy")
        (busy,) = await local.add_links([link("8535914846")])
        await local.save(transition(await local.get(busy.id), Status.SCRAPING))

        report = await copy_queue(local, team, Direction.TO_TEAM)
        assert report.copied == [mine.amazon_url]
        assert report.skipped == {
            theirs.amazon_url: Skip.DUPLICATE,
            "https://www.amazon.com.br/dp/8535914846": Skip.BUSY,
        }
        copied = await team.find_by_url(mine.amazon_url)
        assert copied.status is Status.DRAFTED and copied.draft.title == "Essencialismo"
        assert [r.author for r in copied.revisions] == ["ai:test", "Ana"] and copied.created_by == "Ana"
        assert [a.event for a in await team.list_activity(copied.id)] == ["added", "step_finished", "added"]
        assert (await team.find_by_url(theirs.amazon_url)).draft.title == "Team copy"  # untouched

        again = await copy_queue(local, team, Direction.TO_TEAM)  # idempotent
        assert again.copied == [] and again.skipped[mine.amazon_url] is Skip.DUPLICATE

        back = await copy_queue(team, local, Direction.TO_LOCAL)
        assert back.copied == [] and set(back.skipped) == {mine.amazon_url, theirs.amazon_url}
        await team.add_links([link("8575422391")])
        back = await copy_queue(team, local, Direction.TO_LOCAL)
        assert back.copied == ["https://www.amazon.com.br/dp/8575422391"]
        assert await local.count() == 4
    finally:
        await team.close()
        await local.close()


def test_the_command_copies_and_reports(run_cli, monkeypatch, mongo_backend):
    monkeypatch.setenv("MONGODB_URI", mongo_backend.uri)
    monkeypatch.setenv("MONGO_DB_NAME", mongo_backend.database())
    monkeypatch.setenv("MONGODB_PASSWORD", "")  # a backend without a password: no keyring needed
    assert run_cli("add", "8565042472", "B0011UCPM4")[0] == 0
    code, out, _ = run_cli("team", "copy", "--to", "team", "--json")
    assert code == 0 and len(json.loads(out)["copied"]) == 2
    code, out, _ = run_cli("team", "copy", "--to", "team")
    assert code == 0 and "copied 0 item(s) to the team queue, skipped 2" in out
