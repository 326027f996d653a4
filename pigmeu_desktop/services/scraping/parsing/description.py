"""The book description as clean text with paragraphs ("\\n\\n" between them, "- " before list items),
from the modern expander, the 2020 noscript copy, the drengr tabs, the encoded iframe data of 2014-2019
pages, or the old `#productDescription`."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from lxml import etree

from pigmeu_desktop.core.text_boundary import HEADING_TAGS
from pigmeu_desktop.services.scraping.parsing.dom import Page
from pigmeu_desktop.services.scraping.parsing.text import clean
from pigmeu_desktop.services.scraping.parsing.trace import note

_BLOCKS = {
    "p",
    "div",
    "ul",
    "ol",
    "li",
    *HEADING_TAGS,
    "blockquote",
    "table",
    "tr",
    "section",
    "article",
    "dd",
    "dt",
    "hr",
    "br",
    "noscript",
}
_SKIP = {"script", "style", "template", "button", "iframe", "img", "svg", "input", "select", "form"}
# The expander's "Read more" / "Ler mais" link and headings Amazon puts above the text.
_SKIP_CLASSES = (
    "a-expander-header",
    "a-expander-prompt",
    "productDescriptionSource",
    "a-popover-preload",
    "bookDescription-heading",
)
_ENCODED = re.compile(rb"""bookDescEncodedData\s*=\s*["']([^"']*)["']""")
_IFRAME_CONTENT = re.compile(rb"""var\s+iframeContent\s*=\s*["']([^"']*)["']""")
_MAX_CHARS = 20_000
_EDITION_NOTICE = re.compile(
    r"\s*--\s*(?:This text refers to|Ce texte fait référence|Dieser Text bezieht sich|"
    r"Este texto se refiere|Questo testo si riferisce|Este texto refere-se)[^\n]*"
)


def _skip(element) -> bool:
    classes = element.get("class") or ""
    return any(name in classes for name in _SKIP_CLASSES)


_PARAGRAPH, _LINE = "\x00P", "\x00L"
_WHITESPACE = re.compile(r"\s+")


def to_paragraphs(element) -> str:
    """Element -> text: blocks and <br> end paragraphs, list items become "- item" lines.

    Newlines inside the HTML source are only whitespace; breaks come from the markup alone.
    """
    out: list[str] = []
    stack: list[Any] = [element]  # text, or an lxml element (lxml ships no types)
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item if item in (_PARAGRAPH, _LINE) else _WHITESPACE.sub(" ", item))
            continue
        if item is not element and item.tail:
            stack.append(item.tail)
        if not isinstance(item.tag, str):
            continue
        tag = item.tag.lower()
        if tag in _SKIP or _skip(item):
            continue
        if tag == "li":
            stack.append(_LINE)
        elif tag in _BLOCKS:
            stack.append(_PARAGRAPH)
        stack.extend(reversed(item))
        if item.text:
            stack.append(item.text)
        if tag == "li":
            stack.append(_LINE + "- ")
        elif tag in _BLOCKS:
            stack.append(_PARAGRAPH)
    return _tidy("".join(out))


def _tidy(text: str) -> str:
    paragraphs: list[str] = []
    for block in text.split(_PARAGRAPH):
        lines = [clean(line) for line in block.split(_LINE)]
        lines = [line for line in lines if line and line != "-"]
        if lines:
            paragraphs.append("\n".join(lines))
    text = "\n\n".join(paragraphs)
    # "--This text refers to an out of print or unavailable edition of this title." is Amazon's, not the book's.
    text = _EDITION_NOTICE.sub("", text)
    return text[:_MAX_CHARS].strip()


def _fragment(html: str):
    try:
        return etree.fromstring(f"<div>{html}</div>", etree.HTMLParser(recover=True, no_network=True))
    except (etree.LxmlError, ValueError):
        return None


def _candidates(page: Page):
    containers = page.all_by_id("bookDescription_feature_div")
    for container in containers:
        yield from container.xpath(".//*[contains(@class, 'a-expander-content')]")
        yield from container.xpath(".//noscript")
        yield from container.xpath(".//*[@id='postBodyPS']")
    for ident in (
        "drengr_DesktopTabbedDescriptionOverviewContent_feature_div",
        "bookDescription_secondary_view_div",
        "postBodyPS",
        "bookDesc_iframe_wrapper",
    ):
        yield from page.all_by_id(ident)
    # 2014-2019: the description is URL-encoded HTML in a script that fills an iframe.
    for literal, pattern in ((b"bookDescEncodedData", _ENCODED), (b"iframeContent", _IFRAME_CONTENT)):
        position = page.raw.find(literal)
        match = pattern.search(page.raw, max(0, position - 8)) if position >= 0 else None
        if match:
            fragment = _fragment(unquote(match.group(1).decode("utf-8", "replace")))
            if fragment is not None:
                wrapper = fragment.xpath("//*[contains(@class, 'productDescriptionWrapper')]")
                yield wrapper[0] if wrapper else fragment
    # 2012: "Book Description" in #ps-content, the publisher's text in #productDescription.
    for container in page.all_by_id("ps-content"):
        yield from container.xpath("./div[contains(@class, 'content')]")
    for container in page.all_by_id("productDescription"):
        wrapper = container.xpath(".//*[contains(@class, 'productDescriptionWrapper')]")
        yield wrapper[0] if wrapper else container
    # Unknown variants of the description block: its whole text, headings and prompts left out.
    yield from containers
    yield from page.all_by_id("productDescription_feature_div")


def extract_description(page: Page) -> str | None:
    for candidate in _candidates(page):
        text = to_paragraphs(candidate)
        if len(text) >= 3:
            note("description", "description block", candidate)
            return text
    return None
