"""Findings 1-3 of the hostile-input review: page text is data on every path (parser, skeleton, publish, CLI)."""

from __future__ import annotations

import json

import pytest

from pigmeu_desktop.core.models import Book
from pigmeu_desktop.paths import resources_dir
from pigmeu_desktop.services.llm.prompts import Prompt
from pigmeu_desktop.services.llm.skeleton import skeleton_draft
from pigmeu_desktop.services.scraping.parser import parse_product_page
from pigmeu_desktop.services.wordpress.content import prepare_post_text
from tests.support import hostile_page as hp

CONTROL = [chr(c) for c in (*range(0, 9), *range(11, 32), *range(0x7F, 0xA0))] + [
    "\u202e",
    "\u200b",
    "\u200f",
]


def parsed_book():
    parsed = parse_product_page(hp.hostile_page(), hp.URL)
    return parsed.book


def prompt(language: str = "pt-BR") -> Prompt:
    path = resources_dir() / "prompts" / f"book-review.{language}.json"
    return Prompt(json.loads(path.read_text(encoding="utf-8")))


def test_parser_reads_escaped_markup_as_text_and_drops_control_and_bidi_characters():
    book = parsed_book()
    assert book.title == hp.TITLE_TEXT
    assert [a.name for a in book.authors] == [hp.AUTHOR_TEXT]
    assert book.publisher == hp.PUBLISHER_TEXT
    assert book.categories[0] == hp.CATEGORY_TEXT
    for text in (
        book.title,
        book.publisher,
        book.description,
        *book.categories,
        *(a.name for a in book.authors),
    ):
        assert not any(c in text for c in CONTROL), repr(text)


def test_title_sent_to_wordpress_is_escaped_on_the_skeleton_and_any_draft_path():
    book = parsed_book()
    draft = skeleton_draft(book, hp.URL, prompt())
    text = prepare_post_text(
        draft, submission_id="s1", product_url=hp.URL, affiliate_tags={}, disclosure_text="d"
    )
    assert "<script" not in text.title and "&lt;script&gt;alert(1)&lt;/script&gt;" in text.title
    assert "<script" not in text.excerpt and "<img" not in text.excerpt
    # A title the model returns is sent the same way.
    llm = draft.model_copy(
        update={"title": "Resenha <script>alert(1)</script>", "excerpt": "<b onclick=x>e</b>"}
    )
    text = prepare_post_text(
        llm, submission_id="s1", product_url=hp.URL, affiliate_tags={}, disclosure_text="d"
    )
    assert text.title == "Resenha &lt;script&gt;alert(1)&lt;/script&gt;"
    assert text.excerpt == "&lt;b onclick=x&gt;e&lt;/b&gt;"


@pytest.mark.parametrize("language", ["pt-BR", "en"])
def test_skeleton_body_keeps_scraped_links_images_and_html_as_words(language):
    book = parsed_book()
    draft = skeleton_draft(book, hp.URL, prompt(language))
    html = prepare_post_text(
        draft, submission_id="s1", product_url=hp.URL, affiliate_tags={}, disclosure_text="d"
    ).rendered.html
    assert hp.markup_from_page(html) == []
    assert "[click](https://evil.example/phish)" in html  # the words are there, as words
    assert "<img" not in html and "<h1" not in html and "<li>not a list" not in html


def test_list_and_show_print_terminal_escapes_visibly(run_cli, pigmeu_home):
    import asyncio

    from pigmeu_desktop.app import Services
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.schema import Settings

    async def seed() -> str:
        services = Services(AppPaths.under(pigmeu_home).ensure(), Settings())
        try:
            store = await services.store()
            (outcome,) = await store.add_links([_new_link()])
            sub = await store.get(outcome.id)
            # An item stored before parse-time cleaning existed: the terminal must still be safe.
            raw_title = "Siddhartha\x1b]0;owned\x07\x1b[31m\u202eevil\x9b"
            await store.save(sub.model_copy(update={"book": Book(title=raw_title)}))
            return outcome.id
        finally:
            await services.aclose()

    sid = asyncio.run(seed())
    for argv in (("list",), ("show", sid), ("list", "--json"), ("show", sid, "--json")):
        code, out, err = run_cli(*argv)
        assert code == 0, err
        assert not any(c in out + err for c in ("\x1b", "\x07", "\u202e", "\x9b")), argv
        assert "\\u001b]0;owned" in out
    assert (
        json.loads(run_cli("show", sid, "--json")[1])["book"]["title"]
        == "Siddhartha\x1b]0;owned\x07\x1b[31m\u202eevil\x9b"
    )


def _new_link():
    from pigmeu_desktop.core.ports import NewLink

    return NewLink(amazon_url=hp.URL, asin=hp.ASIN, marketplace="amazon.com", source_url=hp.URL)


def test_log_lines_show_terminal_escapes_visibly():
    import logging

    from pigmeu_desktop.logs import SecretRedactor

    record = logging.LogRecord(
        "pigmeu.test", logging.INFO, __file__, 1, "scraped %s", ("T\x1b]0;x\x07\u202e",), None
    )
    SecretRedactor().filter(record)
    assert record.getMessage() == "scraped T\\u001b]0;x\\u0007\\u202e"
