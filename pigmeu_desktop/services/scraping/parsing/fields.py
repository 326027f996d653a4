"""Field-level readers that combine several page areas: title, binding, publisher, dates, pages, language,
rating. Each notes the rule and element it used (`trace`) and reads only the item's own blocks (`scope`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from pigmeu_desktop.services.scraping.parsing.dates import parse_date
from pigmeu_desktop.services.scraping.parsing.details import Details
from pigmeu_desktop.services.scraping.parsing.dom import Page
from pigmeu_desktop.services.scraping.parsing.numbers import parse_int, parse_pages, parse_rating
from pigmeu_desktop.services.scraping.parsing.rules import (
    MOBILE_BINDING_RULES,
    RATING_COUNT_RULES,
    RATING_RULES,
    TITLE_FALLBACK_RULES,
    TITLE_IDS,
)
from pigmeu_desktop.services.scraping.parsing.scope import ItemScope, owner_of
from pigmeu_desktop.services.scraping.parsing.text import clean, node_text
from pigmeu_desktop.services.scraping.parsing.trace import note

T = TypeVar("T")

_SUBTITLE_SPLIT = re.compile(r"\s+[–—-]\s+")
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_LEADING_PAREN = re.compile(r"^\([^()]*\)\s*")  # "(日本語) コミック": the language before the binding
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
# Title ids that name a block holding the title (and more), not the title element itself.
_CONTAINER_TITLE_IDS = frozenset(
    {
        "title_feature_div",
        "title_row",
        "booksTitle",
        "ebooksTitle",
        "ebooksTitle_feature_div",
        "booksTitle_feature_div",
        "titleblock_feature_div",
    }
)
_COUNT_IN_PARENS = re.compile(r"\(\s*([\d.,\u00a0\u202f ]+)\s*\)")


def extract_title(page: Page) -> str | None:
    for ident in TITLE_IDS:
        for element in page.all_by_id(ident):
            source = element
            if ident == "btAsinTitle":
                # 2012: <span id="btAsinTitle">Siddhartha <span>[Paperback]</span></span>
                text = clean(element.text or "") or node_text(element)
                text = re.sub(r"\s*\[[^\]]*\]\s*$", "", text)
            elif element.tag in ("h1", "span", "b", "strong", "a") and ident not in _CONTAINER_TITLE_IDS:
                text = _heading_text(element)
            else:
                # A container (the mobile title feature, "booksTitle" blocks): its heading, else its bold
                # title span; never its whole text (edition, format and byline live there too).
                heading = element.xpath(".//h1") or element.xpath(
                    ".//span[contains(@id, 'itle') or contains(@class, 'a-size-large') or "
                    "contains(@class, 'a-size-medium') or contains(@class, 'a-size-extra-large')]"
                    "[not(contains(@class, 'a-color-secondary'))][normalize-space()]"
                )
                if heading:
                    source = heading[0]
                    text = _heading_text(heading[0])
                elif ident == "title" and element.tag == "div":
                    text = node_text(element)
                else:
                    text = ""
            if text and len(text) <= 1000:
                note("title", f"title #{ident}", source)
                return text
    for rule, expression in TITLE_FALLBACK_RULES:
        for found in page.select(expression):
            text = node_text(found)
            if 2 <= len(text) <= 500:
                note("title", rule, found)
                return text
    return None


def _heading_text(element) -> str:
    """A title heading's text without its grey spans (format, "– date", "(English)", edition): mobile
    and 2015-2019 headings put them inside the same <h1>."""
    if not element.xpath(".//*[contains(@class, 'a-color-secondary')]"):
        return node_text(element)
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and "a-color-secondary" not in (child.get("class") or ""):
            parts.append(node_text(child))
        parts.append(child.tail or "")
    return clean(" ".join(parts))


def split_subtitle(title: str) -> str | None:
    """ "Sapiens: A Brief History of Humankind" -> "A Brief History of Humankind"."""
    if ": " in title:
        subtitle = title.split(": ", 1)[1].strip()
        return subtitle or None
    return None


def _subtitle_element(page: Page):
    """The line under the title: "Paperback – January 1, 1981", "Kindle Edition", "Broché – 26 septembre 2014".

    (`#bookEdition` is left out: it names the edition, "1st Edition", never the format.)"""
    for ident in ("productSubtitle", "subtitle"):
        for element in page.all_by_id(ident):
            if node_text(element):
                return element
    return None


# 2015-2019 desktop titles: <h1 id="title"><span id="productTitle">…</span>
# <span class="a-color-secondary">(Englisch)</span> <span class="a-color-secondary">Taschenbuch</span>
# <span class="a-color-secondary">– 7. Februar 2000</span></h1> (no productSubtitle).
_TITLE_SECONDARY = "#title/span[contains(@class, 'a-color-secondary')]"
_DASH = re.compile(r"^[–—-]\s*")


def _title_spans(page: Page) -> list[tuple[str, object]]:
    """(text, span) of the secondary spans beside the title: language, format and "– date"."""
    return [(clean(node_text(span)), span) for span in page.select(_TITLE_SECONDARY) if node_text(span)]


def subtitle_line(page: Page) -> str:
    element = _subtitle_element(page)
    return node_text(element) if element is not None else ""


def binding_from_page(page: Page, details: Details) -> str | None:
    subtitle = _subtitle_element(page)
    if subtitle is not None:
        first = _LEADING_PAREN.sub("", clean(_SUBTITLE_SPLIT.split(node_text(subtitle), 1)[0]))
        if first and not parse_date(first)[0] and not first[0].isdigit():
            note("binding", "line under the title, before the dash", subtitle)
            return first
    for text, span in _title_spans(page):
        if _DASH.match(text) or (text.startswith("(") and text.endswith(")")):
            continue  # "– 7. Februar 2000", "(Englisch)"
        if not parse_date(text)[0] and not text[0].isdigit():
            note("binding", "format span beside the title", span)
            return text
    if details.bindings:
        note("binding", "details row '<format>: N pages'", details.binding_elements[0])
        return details.bindings[0][0]
    byline = page.by_id("bylineInfo")
    if byline is not None:
        # "Format: Kindle Edition" in the byline of ebook pages.
        for label in byline.xpath(".//span[contains(@class, 'a-color-secondary')]"):
            following = label.getnext()
            if following is not None and clean(node_text(label)).endswith(":"):
                value = node_text(following)
                if value:
                    note("binding", "byline 'Format:'", following)
                    return value
    title = page.by_id("btAsinTitle")
    if title is not None:
        match = re.search(r"\[([^\]]+)\]\s*$", node_text(title))
        if match:
            note("binding", "[format] after the 2012-2014 title", title)
            return clean(match.group(1))
    for rule, expression in MOBILE_BINDING_RULES:
        for found in page.select(expression):
            value = node_text(found)
            if value:
                note("binding", rule, found)
                return value
    selected = page.within("tmmSwatches", ".//*[contains(@class, 'a-button-selected')]//a/span[1]")
    if selected:
        value = node_text(selected[0])
        if value:
            note("binding", "selected format swatch", selected[0])
            return value
    for value, element, rule in details.entries("binding"):
        note("binding", rule, element)
        return value
    return None


def _publisher_text(value: str) -> str:
    name = value
    paren = _TRAILING_PAREN.search(name)
    if paren and (parse_date(paren.group(1))[0] or _YEAR.search(paren.group(1))):
        name = name[: paren.start()]
    # "Grand Central Publishing; 1st edition", "Suhrkamp; Auflage: 1"
    return clean(name.split(";")[0])


def publisher_name(details: Details, warnings: list[str] | None = None) -> str | None:
    found = [
        (name, element, rule)
        for value, element, rule in details.entries("publisher")
        if (name := _publisher_text(value))
    ]
    return _most_trusted("publisher", found, warnings)


def publication_date(
    page: Page, details: Details, *, month_first: bool, warnings: list[str] | None = None
) -> tuple[date | None, bool]:
    candidates: list[tuple[tuple[date, bool], object, str]] = []
    for value, element, rule in details.entries("publication_date"):
        found = parse_date(value, month_first=month_first)
        if found[0]:
            candidates.append(((found[0], found[1]), element, rule))
    for value, element, rule in details.entries("publisher"):
        # 2012-2020 bullets: "Publisher: Suhrkamp (January 1, 1981)".
        paren = _TRAILING_PAREN.search(value)
        if paren:
            found = parse_date(paren.group(1), month_first=month_first)
            if found[0]:
                candidates.append(
                    ((found[0], found[1]), element, f"{rule}, date in brackets after the publisher")
                )
    subtitle = _subtitle_element(page)
    if subtitle is not None:
        parts = _SUBTITLE_SPLIT.split(node_text(subtitle), 1)
        if len(parts) == 2:
            found = parse_date(parts[1], month_first=month_first)
            if found[0]:
                candidates.append(((found[0], found[1]), subtitle, "line under the title, after the dash"))
    for text, span in _title_spans(page):
        if _DASH.match(text):
            found = parse_date(_DASH.sub("", text), month_first=month_first)
            if found[0]:
                candidates.append(((found[0], found[1]), span, "date span beside the title"))
    if not candidates:
        return None, False
    # An exact day beats a month-only date for the same month; otherwise the first (most trusted) source wins.
    best = candidates[0]
    for candidate in candidates[1:]:
        same_month = candidate[0][0].replace(day=1) == best[0][0].replace(day=1)
        if same_month and candidate[0][1] and not best[0][1]:
            best = candidate
    _disagreement("publication_date", [c[0][0].isoformat() for c in candidates if c[0][1]], warnings)
    note("publication_date", best[2], best[1])
    return best[0]


def language(details: Details, warnings: list[str] | None = None) -> str | None:
    return _most_trusted("language", details.entries("language"), warnings)


def page_count(details: Details, warnings: list[str] | None = None) -> int | None:
    counts = [
        (pages, element, rule)
        for value, element, rule in details.entries("print_length")
        if (pages := parse_pages(value))
    ]
    if counts:
        return _most_trusted("pages", counts, warnings)
    for (_label, value), element in zip(details.bindings, details.binding_elements, strict=True):
        pages = parse_pages(value)
        if pages:
            note("pages", "details row '<format>: N pages'", element)
            return pages
    return None


def _most_trusted(field: str, found: Sequence[tuple[T, Any, str]], warnings: list[str] | None) -> T | None:
    """The first (most trusted) of the (value, element, rule) places that show the field, noted as its
    source; places that disagree with it are a warning."""
    if not found:
        return None
    value, element, rule = found[0]
    _disagreement(field, [str(f[0]) for f in found], warnings)
    note(field, rule, element)
    return value


def _disagreement(field: str, values: list[str], warnings: list[str] | None) -> None:
    """Several places show the field and they disagree: keep the most trusted, tell the editor."""
    distinct = list(dict.fromkeys(v for v in values if v))
    if warnings is not None and len(distinct) > 1:
        warnings.append(f"{field}: the page shows {' / '.join(distinct[:3])}; kept {distinct[0]}")


def rating(page: Page, scope: ItemScope) -> float | None:
    for rule, expression in RATING_RULES:
        for found in page.select(expression):
            owner = owner_of(found)
            if not scope.own(owner):
                continue
            value = parse_rating(str(found) if isinstance(found, str) else node_text(found))
            if value is not None:
                note("rating", rule, owner)
                return value
    return None


def rating_count(page: Page, scope: ItemScope) -> int | None:
    for rule, expression in RATING_COUNT_RULES:
        for found in page.select(expression):
            if not scope.own(found):
                continue
            text = node_text(found)
            in_parens = _COUNT_IN_PARENS.search(text)
            # "4.2 out of 5 stars (58)": the count is the bracketed number, not the stars.
            value = parse_int(in_parens.group(1)) if in_parens else parse_int(text)
            if value is not None:
                note("rating_count", rule, found)
                return value
    return None
