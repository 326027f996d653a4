"""The queue commands end to end: add/list/show/delete/approve with their --json contracts and exit codes."""

import json

import pytest

from pigmeu_desktop.core.models import Book
from pigmeu_desktop.core.states import Status, transition


def test_add_json_lists_every_link_in_input_order(run_cli):
    code, out, _ = run_cli(
        "add",
        "--json",
        "Olha https://www.amazon.com.br/Essencial/dp/8565042472?th=1 e https://evil.example/dp/1",
        "9788565042475",
        "https://www.amazon.com/s?k=x",
        "B0011UCPM4",
    )
    assert code == 0
    rows = json.loads(out)
    assert [r["result"] for r in rows] == ["added", "rejected", "duplicate", "rejected", "added"]
    assert rows[0]["input"] == "https://www.amazon.com.br/Essencial/dp/8565042472?th=1"
    assert rows[0]["amazon_url"] == rows[2]["amazon_url"] == "https://www.amazon.com.br/dp/8565042472"
    assert rows[0]["id"] == rows[2]["id"]
    assert (rows[1]["code"], rows[3]["code"]) == ("not_amazon", "not_a_product_link")
    assert all(r["message"] for r in rows if r["result"] == "rejected")
    assert rows[4]["amazon_url"] == "https://www.amazon.com.br/dp/B0011UCPM4"  # default marketplace


def test_add_exit_codes(run_cli):
    code, out, _ = run_cli("add", "--json", "https://evil.example/dp/8565042472")
    assert code != 0 and json.loads(out)[0]["code"] == "not_amazon"
    code, out, _ = run_cli("add", "--json", "nothing useful here")
    assert code != 0 and json.loads(out)["error"]["code"] == "invalid_link"
    assert run_cli("add", "8565042472")[0] == 0
    assert run_cli("add", "8565042472")[0] == 0  # already there is still success


def test_marketplace_override_and_files(run_cli, tmp_path):
    f = tmp_path / "links.csv"
    f.write_text("asin\nB0011UCPM4\n", encoding="utf-8")
    code, out, _ = run_cli("add", "--json", "--marketplace", "com", "--file", str(f))
    assert code == 0 and json.loads(out)[0]["amazon_url"] == "https://www.amazon.com/dp/B0011UCPM4"
    code, out, _ = run_cli("add", "--json", "--marketplace", "amazon.nowhere", "B0011UCPM4")
    assert code != 0 and json.loads(out)["error"]["code"] == "invalid_input"
    code, out, _ = run_cli("add", "--json", "--file", str(tmp_path / "missing.txt"))
    error = json.loads(out)["error"]
    assert code == 1 and error["code"] == "invalid_input" and "missing.txt" in error["message"]


def test_list_json_contract_and_status_filter(run_cli):
    run_cli("add", "8565042472", "B0011UCPM4")
    code, out, _ = run_cli("list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2
    assert set(rows[0]) == {"id", "amazon_url", "asin", "marketplace", "status", "title", "updated_at"}
    assert {r["status"] for r in rows} == {"queued"}
    assert json.loads(run_cli("list", "--json", "--status", "drafted")[1]) == []
    code, out, _ = run_cli("--json", "list", "--status", "bogus")
    assert code != 0 and json.loads(out)["error"]["code"] == "invalid_input"


def test_show_delete_and_unknown_ids(run_cli):
    run_cli("add", "8565042472")
    (row,) = json.loads(run_cli("list", "--json")[1])
    code, out, _ = run_cli("show", "--json", row["id"][:8])
    doc = json.loads(out)
    assert code == 0 and doc["_id"] == row["id"] and doc["activity"][0]["event"] == "added"
    code, out, _ = run_cli("show", "--json", "0000000000")
    assert code != 0 and json.loads(out)["error"]["code"] == "no_such_item"
    assert run_cli("delete", row["id"][:8])[0] == 0
    assert json.loads(run_cli("list", "--json")[1]) == []


def test_approve_only_from_drafted(run_cli, pigmeu_home):
    import asyncio

    from pigmeu_desktop.app import Services
    from pigmeu_desktop.core.models import Draft
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.schema import Settings

    run_cli("add", "8565042472")
    (row,) = json.loads(run_cli("list", "--json")[1])
    code, out, _ = run_cli("approve", "--json", row["id"])
    assert code != 0 and json.loads(out)["error"]["code"] == "invalid_transition"

    async def make_drafted():
        services = Services(AppPaths.under(pigmeu_home), Settings(), env={})
        store = await services.store()
        sub = await store.get(row["id"])
        for target in (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING):
            sub = transition(sub, target)
        sub = sub.model_copy(update={"book": Book(title="Livro"), "draft": Draft(title="Resenha")})
        await store.save(transition(sub, Status.DRAFTED))
        await services.aclose()

    asyncio.run(make_drafted())
    code, out, _ = run_cli("approve", "--json", row["id"][:8])
    assert code == 0 and json.loads(out)["status"] == "approved"
    assert json.loads(run_cli("list", "--json", "--status", "approved")[1])[0]["title"] == "Resenha"


@pytest.mark.parametrize("argv", [["list"], ["show", "abcd"]])
def test_text_output_is_readable(run_cli, argv):
    _code, out, err = run_cli(*argv)
    assert (out + err).strip()


def test_show_says_when_a_published_draft_changed(run_cli, pigmeu_home):
    import asyncio

    from pigmeu_desktop.app import Services
    from pigmeu_desktop.core.models import Draft, WordPressRef
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.services.wordpress.hashing import content_hash
    from pigmeu_desktop.settings.schema import Settings

    run_cli("add", "8565042472")
    (row,) = json.loads(run_cli("list", "--json")[1])

    async def publish_then_edit():
        services = Services(AppPaths.under(pigmeu_home), Settings(), env={})
        store = await services.store()
        sub = await store.get(row["id"])
        for target in (
            Status.SCRAPING,
            Status.SCRAPED,
            Status.DRAFTING,
            Status.DRAFTED,
            Status.APPROVED,
            Status.PUBLISHING,
        ):
            sub = transition(sub, target)
        draft = Draft(title="Resenha", body_markdown="texto")
        ref = WordPressRef(
            site_url="http://wp.local",
            post_id=3,
            link="http://wp.local/?p=3",
            content_hash=content_hash(draft),
        )
        sub = await store.save(
            transition(sub.model_copy(update={"draft": draft, "wordpress": ref}), Status.PUBLISHED)
        )
        return services, store, sub

    services, store, sub = asyncio.run(publish_then_edit())
    assert json.loads(run_cli("show", "--json", row["id"])[1])["changed_since_publish"] is False
    asyncio.run(store.save(sub.model_copy(update={"draft": sub.draft.model_copy(update={"title": "Nova"})})))
    asyncio.run(services.aclose())
    assert json.loads(run_cli("show", "--json", row["id"])[1])["changed_since_publish"] is True
    assert "changed since publish" in run_cli("show", row["id"])[1]
