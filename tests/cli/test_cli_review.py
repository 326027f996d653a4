"""The editor's use cases from the command line: approve refused on placeholders, revisions, diff, restore."""

import asyncio
import json

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Book, Draft, Revision
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings


def drafted(run_cli, home, *drafts: Draft) -> str:
    run_cli("add", "8565042472")
    (row,) = json.loads(run_cli("list", "--json")[1])

    async def make() -> None:
        services = Services(AppPaths.under(home), Settings(), env={})
        store = await services.store()
        sub = await store.get(row["id"])
        for target in (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING):
            sub = transition(sub, target)
        revisions = [
            Revision(n=i + 1, author="ai:m" if i == 0 else "Ana", draft=d) for i, d in enumerate(drafts)
        ]
        sub = sub.model_copy(
            update={"book": Book(title="Livro"), "draft": drafts[-1], "revisions": revisions}
        )
        await store.save(transition(sub, Status.DRAFTED))
        await services.aclose()

    asyncio.run(make())
    return row["id"]


def test_approve_is_refused_while_the_skeletons_placeholder_is_left(run_cli, pigmeu_home):
    item = drafted(
        run_cli, pigmeu_home, Draft(title="Resenha", body_markdown="## Introdução\n\n> ESCREVER: texto.\n")
    )
    code, out, _ = run_cli("approve", "--json", item)
    error = json.loads(out)["error"]
    assert code != 0 and error["code"] == "invalid_transition" and "ESCREVER" in error["message"]
    assert error["check"] == "placeholder_left"
    assert json.loads(run_cli("list", "--json", "--status", "drafted")[1])[0]["id"] == item


def test_revisions_list_diff_and_restore(run_cli, pigmeu_home):
    item = drafted(
        run_cli,
        pigmeu_home,
        Draft(title="Resenha velha", body_markdown="um\ndois\n"),
        Draft(title="Resenha nova", body_markdown="um\ntrês\n"),
    )
    code, out, _ = run_cli("revisions", "--json", item)
    assert code == 0 and [(r["n"], r["author"]) for r in json.loads(out)] == [(1, "ai:m"), (2, "Ana")]
    code, out, _ = run_cli("revisions", "--json", item, "--diff", "1", "2")
    changes = {c["field"]: c["hunks"] for c in json.loads(out)}
    assert changes["title"] == [{"kind": "replace", "old": "velha", "new": "nova"}]
    assert changes["body_markdown"] == [{"kind": "replace", "old": "dois\n", "new": "três\n"}]
    code, out, _ = run_cli("revisions", item, "--diff", "1", "2")
    assert "- velha" in out and "+ nova" in out
    code, out, _ = run_cli("revisions", "--json", item, "--restore", "1")
    assert code == 0 and json.loads(out) == {"id": item, "revision": 3, "restored_from": 1}
    doc = json.loads(run_cli("show", "--json", item)[1])
    assert doc["draft"]["title"] == "Resenha velha" and len(doc["revisions"]) == 3
    code, out, _ = run_cli("revisions", "--json", item, "--diff", "1", "9")
    assert code != 0 and json.loads(out)["error"]["code"] == "invalid_input"
