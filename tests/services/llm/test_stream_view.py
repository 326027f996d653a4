"""The growing draft the GUI shows: any prefix of the streamed JSON decodes to a prefix of the field."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pigmeu_desktop.services.llm.stream_view import PartialDraft, partial_string_field
from tests.services.llm.conftest import fake_env, page_options


@settings(max_examples=200, deadline=None)
@given(body=st.text(), ascii_only=st.booleans())
def test_every_prefix_decodes_to_a_prefix_of_the_field(body, ascii_only):
    full = json.dumps({"title": "x", "body_markdown": body, "tags": ["a"]}, ensure_ascii=ascii_only)
    for i in range(len(full) + 1):
        assert body.startswith(partial_string_field(full[:i], "body_markdown"))
    assert partial_string_field(full, "body_markdown") == body


def test_a_field_not_started_is_empty():
    assert partial_string_field('{"title": "Sid', "body_markdown") == ""
    assert partial_string_field('{"title": "Sid', "title") == "Sid"


@pytest.mark.asyncio
async def test_the_gui_view_grows_with_the_stream_and_resets_on_a_new_attempt(
    fake_openai, make_services, drafter_for, book
):
    from tests.support.fake_openai import Fault

    fake_openai.fail(Fault.cut_stream(after_chunks=20))
    services = make_services(env=fake_env(fake_openai))
    drafter = drafter_for(services)
    view = PartialDraft()
    seen: list[str] = []

    def token(delta: str) -> None:
        view.feed(delta)
        seen.append(view.field("body_markdown"))

    try:
        gen = await drafter.generate(book, page_options(on_token=token, on_attempt=lambda _a: view.reset()))
    finally:
        await drafter.aclose()
        await services.aclose()
    assert view.text == gen.raw_text
    grown = [s for s in seen if s]
    assert len(set(grown)) > 5 and gen.draft.body_markdown.startswith(grown[-1].rstrip())
