"""`pigmeu draft ID`: through the step runner to `drafted`, or `failed` with the code."""

from __future__ import annotations

import asyncio
import json

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.ports import NewLink
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from tests.services.llm.conftest import AMAZON_URL, ASIN, make_book
from tests.support.fake_openai import DEFAULT_KEY


def scraped_item(home) -> str:
    """Queue one link and give it scraped book data, as the scrape step would."""

    async def go() -> str:
        services = Services(AppPaths.under(home).ensure(), Settings(), {})
        try:
            store = await services.store()
            [outcome] = await store.add_links([NewLink(AMAZON_URL, ASIN, "amazon.com.br", AMAZON_URL)])
            sub = await store.get(outcome.id)
            await store.save(sub.model_copy(update={"status": Status.SCRAPED, "book": make_book()}))
            return outcome.id
        finally:
            await services.aclose()

    return asyncio.run(go())


def test_cli_draft_without_a_key_writes_a_skeleton(run_cli, pigmeu_home):
    item = scraped_item(pigmeu_home)
    code, out, _ = run_cli("draft", item[:10], "--json")
    assert code == 0, out
    result = json.loads(out)
    assert (
        result["status"] == "drafted" and result["needs_writing"] is True and result["provider"] == "skeleton"
    )
    code, out, _ = run_cli("show", item, "--json")
    assert code == 0 and "[Compre na Amazon](" + AMAZON_URL + ")" in out


def test_cli_draft_with_the_local_server(run_cli, pigmeu_home, fake_openai, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", DEFAULT_KEY)
    item = scraped_item(pigmeu_home)
    code, out, err = run_cli("draft", item, "--json")
    assert code == 0, out + err
    result = json.loads(out)
    assert (result["status"], result["provider"], result["model"]) == ("drafted", "openai", "gpt-4o-mini")
    assert result["revision"] == 1 and result["usage"]["output_tokens"] > 0
    code, out, err = run_cli("draft", item, "--section", "verdict", "--json")
    assert code == 0, out + err
    assert json.loads(out)["revision"] == 2
    code, out, err = run_cli("draft", item, "--model", "llama3-local")
    assert code == 0 and "openai/llama3-local" in out
    assert fake_openai.chat_requests[-1].body["model"] == "llama3-local"


def test_cli_draft_with_a_wrong_key_fails_the_item_with_llm_auth(
    run_cli, pigmeu_home, fake_openai, monkeypatch
):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong-secret-value")
    item = scraped_item(pigmeu_home)
    code, out, _ = run_cli("draft", item, "--json")
    assert code == 1
    error = json.loads(out)["error"]
    assert error["code"] == "llm_auth" and "OPENAI_API_KEY" in error["message"]
    assert "sk-wrong-secret-value" not in out
    code, out, _ = run_cli("show", item, "--json")
    shown = json.loads(out)
    assert shown["status"] == "failed" and shown["error"]["code"] == "llm_auth"


def test_cli_draft_of_an_unscraped_item_is_refused_without_failing_it(run_cli, pigmeu_home):
    code, out, _ = run_cli("add", AMAZON_URL, "--json")
    assert code == 0
    code, out, _ = run_cli("list", "--json")
    item = json.loads(out)
    item_id = (item["items"] if isinstance(item, dict) else item)[0]["id"]
    code, out, _ = run_cli("draft", item_id, "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_transition"
    code, out, _ = run_cli("show", item_id, "--json")
    assert json.loads(out)["status"] == "queued"


@pytest.mark.parametrize("provider", ["anthropic"])
def test_cli_draft_unknown_provider(run_cli, pigmeu_home, provider):
    item = scraped_item(pigmeu_home)
    code, out, _ = run_cli("draft", item, "--provider", provider, "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_input"
    code, out, _ = run_cli("show", item, "--json")
    assert json.loads(out)["status"] == "scraped"  # a typo does not fail the item
