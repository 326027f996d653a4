"""draft_submission / regenerate_section: revisions, running cost, skeleton without a key, sections kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pigmeu_desktop.core.errors import ErrorCode, LLMError, PigmeuError
from pigmeu_desktop.core.models import Revision, Usage
from pigmeu_desktop.services.llm import AIChoice, draft_submission, generation_costs, regenerate_section
from pigmeu_desktop.services.llm.sections import find_section, spans
from tests.services.llm.conftest import AMAZON_URL, canned_review, fake_env, make_submission
from tests.services.llm.test_generation import assert_publishable
from tests.support.fake_openai import Fault

GPT4O_MINI = (0.15, 0.60)  # USD per 1M tokens in resources/llm_prices.json


def use_drafter(services, drafter):
    services.drafter = drafter  # the cached_property slot app.py would fill
    return services


@pytest.mark.asyncio
async def test_skeleton_draft_without_any_key_is_complete_offline_and_deterministic(
    make_services, fake_openai
):
    services = make_services()  # no key anywhere, no provider chosen
    sub = make_submission()
    try:
        first = await draft_submission(services, sub)
        second = await draft_submission(services, sub)
    finally:
        await services.aclose()
    draft = first.draft
    assert draft.needs_writing and draft.provider == "skeleton" and draft.model == "skeleton"
    assert_publishable(draft, sub.book)
    assert "ESCREVER" in draft.body_markdown and "Companhia das Letras" in draft.body_markdown
    assert sub.book.description in draft.body_markdown  # the publisher's text, quoted for the editor
    assert draft.usage == Usage()
    assert first.revisions[-1].author == "ai:skeleton"

    def same(d):
        return d.model_copy(update={"generated_at": None}).to_doc()

    assert same(first.draft) == same(second.draft)
    assert fake_openai.requests == []  # nothing went to any server


@pytest.mark.asyncio
async def test_explicit_skeleton_provider_skips_a_configured_key(make_services, fake_openai):
    services = make_services(env=fake_env(fake_openai), llm_provider="openai")
    try:
        done = await draft_submission(services, make_submission(), ai=AIChoice(provider="skeleton"))
    finally:
        await services.aclose()
    assert done.draft.needs_writing and fake_openai.requests == []


@pytest.mark.asyncio
async def test_cost_is_accounted_per_generation_and_added_up_per_submission(
    fake_openai, make_services, drafter_for
):
    services = make_services(env=fake_env(fake_openai))
    use_drafter(services, drafter_for(services))
    content = canned_review()
    # First draft: an invalid answer then its repair, both billed; second draft: one call.
    fake_openai.fail(
        Fault.reply("not json", usage=(1000, 10)),
        Fault.reply(content, usage=(1200, 800)),
        Fault.reply(content, usage=(900, 700)),
    )
    try:
        sub = await draft_submission(services, make_submission())
        sub = await draft_submission(services, sub)
    finally:
        await services.drafter.aclose()
        await services.aclose()

    def cost(i, o):
        return (i * GPT4O_MINI[0] + o * GPT4O_MINI[1]) / 1e6

    assert sub.draft.usage.input_tokens == 1000 + 1200 + 900
    assert sub.draft.usage.output_tokens == 10 + 800 + 700
    assert sub.draft.usage.cost_usd == pytest.approx(cost(2200, 810) + cost(900, 700))
    assert [r.n for r in sub.revisions] == [1, 2] and all(r.author == "ai:gpt-4o-mini" for r in sub.revisions)
    (_, u1), (_, u2) = generation_costs(sub)
    assert (u1.input_tokens, u1.output_tokens) == (2200, 810) and u1.cost_usd == pytest.approx(
        cost(2200, 810)
    )
    assert (u2.input_tokens, u2.output_tokens) == (900, 700)


@pytest.mark.asyncio
async def test_the_editors_price_table_overrides_the_shipped_one(
    fake_openai, make_services, drafter_for, tmp_path
):
    services = make_services(env=fake_env(fake_openai), openai_model="my-local-model-2025-01-01")
    (services.paths.config_dir / "llm_prices.json").write_text(
        json.dumps({"models": {"my-local-model": {"input": 1.0, "output": 2.0}}}), encoding="utf-8"
    )
    use_drafter(services, drafter_for(services))
    fake_openai.fail(Fault.reply(canned_review(), usage=(1_000_000, 500_000)))
    try:
        sub = await draft_submission(services, make_submission())
    finally:
        await services.drafter.aclose()
        await services.aclose()
    assert sub.draft.usage.cost_usd == pytest.approx(2.0)


@pytest.mark.asyncio
async def test_regenerating_one_section_keeps_every_other_byte(fake_openai, make_services, drafter_for):
    services = make_services(env=fake_env(fake_openai))
    use_drafter(services, drafter_for(services))
    try:
        sub = await draft_submission(services, make_submission())
        # The editor rewrites the introduction by hand (a revision of their own), then asks for a new verdict.
        body = sub.draft.body_markdown
        intro = find_section(body, "Introdução")
        edited_body = body[: intro.start] + "\n\nMinha introdução, escrita à mão.\n\n" + body[intro.end :]
        edited = sub.draft.model_copy(update={"body_markdown": edited_body})
        sub = sub.model_copy(
            update={"draft": edited, "revisions": [*sub.revisions, Revision(n=2, author="Ana", draft=edited)]}
        )
        tokens: list[str] = []
        after = await regenerate_section(
            services, sub, "verdict", instructions="mais curto", ai=AIChoice(on_token=tokens.append)
        )
    finally:
        await services.drafter.aclose()
        await services.aclose()
    old, new = edited.body_markdown, after.draft.body_markdown
    old_spans, new_spans = spans(old), spans(new)
    assert [s.heading for s in old_spans] == [s.heading for s in new_spans]
    for before, now in zip(old_spans, new_spans, strict=False):
        if before.heading == "Veredito":
            assert "Texto reescrito sobre Sidarta" in new[now.start : now.end]
            assert new[now.start : now.end] != old[before.start : before.end]
        else:
            assert new[now.start : now.end] == old[before.start : before.end]
    assert "Minha introdução, escrita à mão." in new
    assert f"[Compre na Amazon]({AMAZON_URL})" in new  # re-added after the last section was replaced
    assert after.draft.title == edited.title and after.draft.tags == edited.tags
    assert [r.author for r in after.revisions] == ["ai:gpt-4o-mini", "Ana", "ai:gpt-4o-mini"]
    assert after.draft.usage.input_tokens > sub.draft.usage.input_tokens  # the rewrite's cost is added
    request = fake_openai.chat_requests[-1]
    assert request.body["response_format"]["json_schema"]["name"] == "section"
    assert (
        "mais curto" in request.messages[-1]["content"]
        and "Minha introdução" in request.messages[-1]["content"]
    )
    assert "".join(tokens).startswith('{"markdown"')


@pytest.mark.asyncio
async def test_regenerating_a_field_and_unknown_sections(fake_openai, make_services, drafter_for):
    services = make_services(env=fake_env(fake_openai))
    use_drafter(services, drafter_for(services))
    try:
        sub = await draft_submission(services, make_submission())
        after = await regenerate_section(services, sub, "excerpt")
        with pytest.raises(PigmeuError) as unknown:
            await regenerate_section(services, sub, "epilogue")
        no_heading = sub.model_copy(update={"draft": sub.draft.model_copy(update={"body_markdown": "texto"})})
        with pytest.raises(PigmeuError) as missing:
            await regenerate_section(services, no_heading, "analysis")
    finally:
        await services.drafter.aclose()
        await services.aclose()
    assert (
        after.draft.excerpt.startswith("Texto reescrito")
        and after.draft.body_markdown == sub.draft.body_markdown
    )
    assert unknown.value.code == ErrorCode.INVALID_INPUT and "verdict" in unknown.value.message
    assert missing.value.code == ErrorCode.INVALID_INPUT and "Análise" in missing.value.message


@pytest.mark.asyncio
async def test_section_regeneration_needs_a_provider(make_services):
    services = make_services()
    try:
        sub = await draft_submission(services, make_submission())
        with pytest.raises(LLMError) as caught:
            await regenerate_section(services, sub, "verdict")
    finally:
        await services.aclose()
    assert caught.value.code == ErrorCode.LLM_AUTH


@pytest.mark.asyncio
async def test_bad_output_keeps_the_raw_text_in_a_file_for_the_editor(
    fake_openai, make_services, drafter_for
):
    services = make_services(env=fake_env(fake_openai))
    use_drafter(services, drafter_for(services))
    fake_openai.fail(Fault.reply("primeira tentativa"), Fault.reply("segunda tentativa, texto livre"))
    sub = make_submission()
    try:
        with pytest.raises(LLMError) as caught:
            await draft_submission(services, sub)
    finally:
        await services.drafter.aclose()
        await services.aclose()
    path = caught.value.details["raw_output_path"]
    assert sub.id in path
    assert Path(path).read_text(encoding="utf-8") == "segunda tentativa, texto livre"


def test_a_draft_without_a_book_is_refused():
    import asyncio

    sub = make_submission(book=None)
    with pytest.raises(PigmeuError) as caught:
        asyncio.run(draft_submission(object(), sub))
    assert caught.value.code == ErrorCode.INVALID_TRANSITION
