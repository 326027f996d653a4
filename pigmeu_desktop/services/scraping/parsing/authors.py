"""Contributors from the byline: every `span.author` (including those hidden behind "& N more"), the
2012 `.buying` byline, and author links as a last resort; each with the role the page shows."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pigmeu_desktop.core.models import Author
from pigmeu_desktop.services.scraping.parsing.dom import Page
from pigmeu_desktop.services.scraping.parsing.text import clean, node_text
from pigmeu_desktop.services.scraping.parsing.trace import note

_BYLINE_IDS = (
    "bylineInfo",
    "byline",
    "bylineInfo_feature_div",
    "byline_secondary_view_div",
    "bylineContainer",
)
# Popovers repeat the names with "Visit Amazon's … Page" links; 2012-2014 ones are hidden divs
# (id="contributorContainer…", style="display:none").
_NOT_IN_POPOVER = (
    "not(ancestor::*[contains(@class, 'a-popover-preload') or contains(@class, 'a-popover-content')"
    " or starts-with(@id, 'contributorContainer') or contains(translate(@style, ' ', ''), 'display:none')])"
)
_ROLE_PAREN = re.compile(r"^\s*\(([^()]{1,60})\)")
# Author links of every layout: search by author, author pages (/e/…), the mobile-web byline
# ("/kindle-dbs/author/ref=mw_dp_a_ap?author=…", "/gp/aw/s/?…field-author"), 2012 "ntt_athr".
_AUTHOR_LINK = re.compile(
    r"field-author=|/e/B[0-9A-Z]{9}|/author/|/-/e/|ntt_athr|dp_byline|mw_dp_a|[?&]author="
)


def extract_authors(page: Page) -> list[Author]:
    authors = _in_bylines(page, _from_author_spans, "span.author")
    if authors:
        return authors
    authors = _from_old_buying_block(page)
    if authors:
        note("authors", "2012-2014 byline under #btAsinTitle", page.by_id("btAsinTitle"))
        return _dedupe(authors)
    return _in_bylines(page, _from_links, "author links")


def _in_bylines(page: Page, read: Callable[[Any], list[Author]], rule: str) -> list[Author]:
    """The authors `read` finds in the first byline that has any (noted with `rule`), else []."""
    for ident in _BYLINE_IDS:
        for byline in page.all_by_id(ident):
            authors = read(byline)
            if authors:
                note("authors", f"byline #{ident}, {rule}", byline)
                return _dedupe(authors)
    return []


def _role_text(text: str) -> str | None:
    role = clean(text).strip(" ,;&")
    role = role.strip("()").strip(" ,;")
    role = re.sub(r"\)\s*,?\s*$", "", role)
    return role or None


def _from_author_spans(byline) -> list[Author]:
    authors: list[Author] = []
    for span in byline.xpath(
        f".//span[contains(concat(' ', normalize-space(@class), ' '), ' author ')][{_NOT_IN_POPOVER}]"
    ):
        name_el = span.xpath(f".//a[contains(@class, 'contributorNameID')][{_NOT_IN_POPOVER}]")
        if not name_el:
            name_el = span.xpath(f".//a[normalize-space()][{_NOT_IN_POPOVER}]")
        name = node_text(name_el[0]) if name_el else ""
        if not name:
            # Contributors without an author page are plain text inside the span.
            name = clean(re.sub(r"\([^)]*\)", "", node_text(span)))
        role_el = span.xpath(f".//span[contains(@class, 'contribution')][{_NOT_IN_POPOVER}]")
        role = _role_text(node_text(role_el[0])) if role_el else None
        if role is None:
            match = re.search(r"\(([^()]{1,60})\)\s*,?\s*$", node_text(span))
            role = _role_text(match.group(1)) if match else None
        name = name.strip(" ,")
        if name:
            authors.append(Author(name=name, role=role))
    return authors


def _from_old_buying_block(page: Page) -> list[Author]:
    """2012 layout: <div class="buying"><h1><span id="btAsinTitle">…</span></h1>
    <span><a href="/Hermann-Hesse/e/…">Hermann Hesse</a> (Author), <a …>Hilda Rosner</a> (Translator)</span>."""
    title = page.by_id("btAsinTitle")
    if title is None:
        return []
    block = title.getparent()
    while block is not None and block.tag != "div":
        block = block.getparent()
    if block is None:
        return []
    return _from_links(block)


def _from_links(container) -> list[Author]:
    authors: list[Author] = []
    # 2012 bylines also name contributors without an author page in span.contributorNameTrigger.
    for link in container.xpath(
        f".//*[(self::a and @href) or contains(@class, 'contributorNameTrigger')][{_NOT_IN_POPOVER}]"
    ):
        mobile_contributor = link.get("id") == "bylineContributor" or "bylineContributor" in (
            link.get("class") or ""
        )
        if (
            link.tag == "a"
            and not mobile_contributor
            and (
                not _AUTHOR_LINK.search(link.get("href", ""))
                or link.xpath("ancestor::*[contains(@class, 'contributorNameTrigger')]")
            )
        ):
            continue
        name = node_text(link)
        if not name or len(name) > 120:
            continue
        authors.append(Author(name=name, role=_role_after(link)))
    return authors


def _role_after(link) -> str | None:
    """The "(Author)" after a contributor: in its tail, or in the next span (2014: `span.byLinePipe`, after
    the hidden popover div and inputs), never past the next contributor."""
    match = _ROLE_PAREN.match(link.tail or "")
    if match:
        return _role_text(match.group(1))
    for sibling in link.itersiblings():
        if not isinstance(sibling.tag, str) or sibling.tag in ("input", "script", "style", "div", "noscript"):
            if sibling.tail and sibling.tail.strip():
                match = _ROLE_PAREN.match(sibling.tail)
                return _role_text(match.group(1)) if match else None
            continue
        if sibling.tag == "a" or "contributorNameTrigger" in (sibling.get("class") or ""):
            return None
        match = _ROLE_PAREN.match(node_text(sibling))
        return _role_text(match.group(1)) if match else None
    return None


def _dedupe(authors: list[Author]) -> list[Author]:
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for author in authors:
        key = (author.name.casefold(), (author.role or "").casefold())
        if key not in seen:
            seen.add(key)
            unique.append(author)
    return unique
