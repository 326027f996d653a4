"""A draft built from a hostile page (markup and escapes in title, authors, publisher, description,
categories) published to the real local WordPress: the public post page has no element or attribute
that came from the page, and the page's text reads as the text it was."""

from __future__ import annotations

import json

import httpx
import pytest
from lxml import html as lxml_html

from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.paths import resources_dir
from pigmeu_desktop.services.llm.prompts import Prompt
from pigmeu_desktop.services.llm.skeleton import skeleton_draft
from pigmeu_desktop.services.scraping.parser import parse_product_page
from pigmeu_desktop.services.wordpress import publish_submission
from tests.support import hostile_page as hp

pytestmark = [pytest.mark.wordpress, pytest.mark.slow]


def hostile_submission() -> Submission:
    book = parse_product_page(hp.hostile_page(), hp.URL).book
    prompt = Prompt(
        json.loads((resources_dir() / "prompts" / "book-review.pt-BR.json").read_text(encoding="utf-8"))
    )
    draft = skeleton_draft(book, hp.URL, prompt)
    # Every scraped text field reaches the post: the book's categories and authors as terms too.
    draft = draft.model_copy(
        update={
            "categories": [*draft.categories, *book.categories],
            "tags": [*draft.tags, book.publisher],
            "excerpt": f"{draft.excerpt} {book.publisher}",
        }
    )
    return Submission(
        amazon_url=hp.URL,
        asin=hp.ASIN,
        marketplace="amazon.com",
        status=Status.PUBLISHING,
        book=book,
        draft=draft,
    )


@pytest.mark.asyncio
async def test_a_hostile_page_publishes_as_text_and_never_as_markup(wp_site, wp_env, make_services):
    services = make_services(wp_env)
    sub = hostile_submission()
    try:
        published = await publish_submission(services, sub, status="publish")
    finally:
        await services.aclose()
    link = published.wordpress.link
    async with httpx.AsyncClient(timeout=30, follow_redirects=True) as http:
        page = (await http.get(link)).text  # the public post page, as a visitor's browser gets it
        feed = (await http.get(f"{wp_site.url}/?feed=rss2")).text

    assert hp.markup_from_page(page) == [], hp.markup_from_page(page)
    root = lxml_html.fromstring(page)
    visible = " ".join(root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
    # The page's text is there, as text: the title that reads "<script>…", the author, the publisher,
    # the description's would-be link, the category.
    assert "Siddhartha <script>alert(1)</script>" in visible
    assert 'Eve <img src=x onerror="alert(2)">' in visible
    assert "Evil <iframe src=//evil.example/frame></iframe> Press" in visible
    assert "[click](https://evil.example/phish)" in visible
    assert "Books <svg onload=alert(4)>" in visible
    assert "<script>alert(1)</script>" in " ".join(root.xpath("//title//text()"))
    # No control characters from the page reached the blog.
    assert not any(c in page for c in ("\x1b", "\x07", "\u202e"))
    # The feed (read by other sites and apps): the HTML it carries has no markup from the page either.
    # (Its <category> holds plain text, in CDATA: text there is text, whatever it reads.)
    from lxml import etree

    channel = etree.fromstring(feed.encode("utf-8"))
    ns = {"content": "http://purl.org/rss/1.0/modules/content/"}
    html_parts = channel.xpath("//item/description/text() | //item/content:encoded/text()", namespaces=ns)
    assert html_parts and all(hp.markup_from_page(part) == [] for part in html_parts)
    assert not any("<script" in part.lower() for part in html_parts)
