"""A draft generated against the local server through the real openai and groq SDKs is schema-valid,
names the book and its author, carries the canonical Amazon link and records its provenance."""

from __future__ import annotations

import json

import pytest

from pigmeu_desktop.paths import resources_dir
from pigmeu_desktop.services.llm.prompts import Prompt
from pigmeu_desktop.services.llm.schema import draft_errors
from tests.services.llm.conftest import AMAZON_URL, fake_env, page_options
from tests.support.fake_openai import DEFAULT_KEY, FakeOpenAI

SCHEMA = json.loads((resources_dir() / "schemas" / "book-review.json").read_text(encoding="utf-8"))
PROMPT_PT = Prompt(
    json.loads((resources_dir() / "prompts" / "book-review.pt-BR.json").read_text(encoding="utf-8"))
)


def assert_publishable(draft, book) -> None:
    doc = {k: getattr(draft, k) for k in SCHEMA["required"]}
    assert draft_errors(doc, SCHEMA, PROMPT_PT.sections) == []
    assert book.title in draft.title
    assert book.authors[0].name in draft.body_markdown
    assert f"[Compre na Amazon]({AMAZON_URL})" in draft.body_markdown


@pytest.mark.asyncio
async def test_openai_draft_streams_and_passes_the_schema(fake_openai, make_services, drafter_for, book):
    services = make_services(env=fake_env(fake_openai))
    drafter = drafter_for(services)
    tokens: list[str] = []
    try:
        gen = await drafter.generate(book, page_options(on_token=tokens.append))
    finally:
        await drafter.aclose()
        await services.aclose()
    draft = gen.draft
    assert_publishable(draft, book)
    assert (draft.provider, draft.model) == ("openai", "gpt-4o-mini")
    assert (draft.prompt_id, draft.prompt_version) == ("book-review.pt-BR", 1)
    assert draft.generated_at is not None and not draft.needs_writing
    # Tokens arrived one by one and add up to exactly what the model said.
    assert len(tokens) > 10 and "".join(tokens) == gen.raw_text
    [req] = fake_openai.chat_requests
    assert req.body["stream"] is True and req.body["stream_options"] == {"include_usage": True}
    fmt = req.body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    # The provider gets the schema without the keywords strict mode refuses; they are checked locally.
    assert "maxLength" not in json.dumps(fmt["json_schema"]["schema"])
    assert draft.usage.input_tokens > 0 and draft.usage.output_tokens == len(tokens)
    assert draft.usage.cost_usd > 0  # gpt-4o-mini is in the shipped price table


@pytest.mark.asyncio
async def test_groq_sdk_draft_uses_json_mode_and_x_groq_usage(make_services, drafter_for, book):
    with FakeOpenAI(api_keys={"gsk-test"}) as server:
        services = make_services(
            env={"GROQ_API_KEY": "gsk-test", "GROQ_BASE_URL": server.groq_base_url}, llm_provider="groq"
        )
        drafter = drafter_for(services)
        try:
            gen = await drafter.generate(book, page_options())
        finally:
            await drafter.aclose()
            await services.aclose()
        [req] = server.chat_requests
    assert req.path == "/openai/v1/chat/completions"
    assert req.body["response_format"] == {"type": "json_object"}
    assert "stream_options" not in req.body
    assert gen.draft.provider == "groq" and gen.draft.model == "llama-3.3-70b-versatile"
    assert gen.draft.usage.output_tokens == len(req.chunks)  # usage came from x_groq on the last chunk
    assert_publishable(gen.draft, book)


@pytest.mark.asyncio
async def test_mistral_goes_through_its_openai_compatible_endpoint(make_services, drafter_for, book):
    with FakeOpenAI(api_keys={"mistral-test"}) as server:
        services = make_services(
            env={"MISTRAL_API_KEY": "mistral-test", "MISTRAL_BASE_URL": server.base_url},
            llm_provider="mistral",
        )
        drafter = drafter_for(services)
        try:
            gen = await drafter.generate(book, page_options())
        finally:
            await drafter.aclose()
            await services.aclose()
        [req] = server.chat_requests
    assert req.path == "/v1/chat/completions"
    assert "stream_options" not in req.body  # Mistral rejects unknown fields; it sends usage anyway
    assert req.body["max_tokens"] == 3000 and "max_completion_tokens" not in req.body
    assert gen.draft.provider == "mistral" and gen.draft.usage.output_tokens == len(req.chunks)
    assert_publishable(gen.draft, book)


@pytest.mark.asyncio
async def test_english_prompt_is_chosen_by_prompt_language(fake_openai, make_services, drafter_for, book):
    services = make_services(env=fake_env(fake_openai))
    drafter = drafter_for(services)
    try:
        gen = await drafter.generate(book, page_options("en"))
    finally:
        await drafter.aclose()
        await services.aclose()
    assert gen.draft.prompt_id == "book-review.en"
    assert "## Verdict" in gen.draft.body_markdown
    assert f"[Buy on Amazon]({AMAZON_URL})" in gen.draft.body_markdown


@pytest.mark.asyncio
async def test_an_edited_prompt_in_the_store_wins_over_the_shipped_one(
    fake_openai, make_services, drafter_for, book
):
    services = make_services(env=fake_env(fake_openai))
    store = await services.store()
    doc = dict(
        PROMPT_PT.doc, version=7, system=PROMPT_PT.doc["system"] + "\nEscreva como um poeta. PROMPT-V7"
    )
    await store.put_document("prompts", doc)
    drafter = drafter_for(services)
    try:
        gen = await drafter.generate(book, page_options())
    finally:
        await drafter.aclose()
        await services.aclose()
    assert gen.draft.prompt_version == 7
    assert "PROMPT-V7" in fake_openai.chat_requests[0].messages[0]["content"]


@pytest.mark.asyncio
@pytest.mark.qasync
async def test_streaming_works_on_the_qt_event_loop(fake_openai, make_services, drafter_for, book):
    services = make_services(env=fake_env(fake_openai))
    drafter = drafter_for(services)
    tokens: list[str] = []
    try:
        gen = await drafter.generate(book, page_options(on_token=tokens.append))
    finally:
        await drafter.aclose()
        await services.aclose()
    assert "".join(tokens) == gen.raw_text and gen.draft.title


def test_fake_server_rejects_a_wrong_key_like_the_real_api():
    import httpx

    with FakeOpenAI() as server:
        wrong = httpx.post(
            server.base_url + "/chat/completions",
            json={"messages": []},
            headers={"Authorization": "Bearer nope"},
        )
        right = httpx.post(
            server.base_url + "/chat/completions",
            json={"model": "m", "messages": []},
            headers={"Authorization": f"Bearer {DEFAULT_KEY}"},
        )
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "invalid_api_key"
    assert right.status_code == 200 and right.json()["usage"]["completion_tokens"] > 0
