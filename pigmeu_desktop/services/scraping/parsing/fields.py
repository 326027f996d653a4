"""Field-level readers that combine several page areas: title, binding, publisher, dates, pages, rating."""

from __future__ import annotations

import re
from datetime import date

from pigmeu_desktop.services.scraping.parsing.dates import parse_date
from pigmeu_desktop.services.scraping.parsing.details import Details
from pigmeu_desktop.services.scraping.parsing.dom import Page
from pigmeu_desktop.services.scraping.parsing.numbers import parse_int, parse_pages, parse_rating
from pigmeu_desktop.services.scraping.parsing.text import clean, node_text

# productTitle (2013+, desktop and mobile), ebooksProductTitle (Kindle 2014-2017), btAsinTitle (2012),
# then the bare containers some mobile and media layouts use.
_TITLE_IDS = ("productTitle", "ebooksProductTitle", "btAsinTitle", "title", "title_feature_div", "title_row",
              "item_name", "product-title", "aiv-content-title")
_SUBTITLE_SPLIT = re.compile(r"\s+[–—-]\s+")
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def extract_title(page: Page) -> str | None:
    for ident in _TITLE_IDS:
        for element in page.all_by_id(ident):
            if ident == "btAsinTitle":
                # 2012: <span id="btAsinTitle">Siddhartha <span>[Paperback]</span></span>
                text = clean(element.text or "") or node_text(element)
                text = re.sub(r"\s*\[[^\]]*\]\s*$", "", text)
            elif ident == "title" and element.tag not in ("h1", "div", "span"):
                continue
            elif ident in ("title_feature_div", "title_row"):
                heading = element.xpath(".//h1")
                text = node_text(heading[0]) if heading else ""
            else:
                text = node_text(element)
            if text:
                return text
    return None


def split_subtitle(title: str) -> str | None:
    """"Sapiens: A Brief History of Humankind" -> "A Brief History of Humankind"."""
    if ": " in title:
        subtitle = title.split(": ", 1)[1].strip()
        return subtitle or None
    return None


def subtitle_line(page: Page) -> str:
    """The line under the title: "Paperback – January 1, 1981", "Kindle Edition", "Broché – 26 septembre 2014"."""
    return page.text("productSubtitle", "bookEdition", "subtitle")


def binding_from_page(page: Page, details: Details) -> str | None:
    line = subtitle_line(page)
    if line:
        first = clean(_SUBTITLE_SPLIT.split(line, 1)[0])
        if first and not parse_date(first)[0] and not first[0].isdigit():
            return first
    if details.bindings:
        return details.bindings[0][0]
    byline = page.by_id("bylineInfo")
    if byline is not None:
        # "Format: Kindle Edition" in the byline of ebook pages.
        for label in byline.xpath(".//span[contains(@class, 'a-color-secondary')]"):
            following = label.getnext()
            if following is not None and clean(node_text(label)).endswith(":"):
                value = node_text(following)
                if value:
                    return value
    title = page.by_id("btAsinTitle")
    if title is not None:
        match = re.search(r"\[([^\]]+)\]\s*$", node_text(title))
        if match:
            return clean(match.group(1))
    selected = page.within("tmmSwatches", ".//*[contains(@class, 'a-button-selected')]//a/span[1]")
    if selected:
        value = node_text(selected[0])
        if value:
            return value
    return details.first("binding")


def publisher_name(details: Details) -> str | None:
    for value in details.all("publisher"):
        name = value
        paren = _TRAILING_PAREN.search(name)
        if paren and (parse_date(paren.group(1))[0] or _YEAR.search(paren.group(1))):
            name = name[: paren.start()]
        # "Grand Central Publishing; 1st edition", "Suhrkamp; Auflage: 1"
        name = clean(name.split(";")[0])
        if name:
            return name
    return None


def publication_date(page: Page, details: Details, *, month_first: bool) -> tuple[date | None, bool]:
    for value in details.all("publication_date"):
        found = parse_date(value, month_first=month_first)
        if found[0]:
            return found
    for value in details.all("publisher"):
        paren = _TRAILING_PAREN.search(value)
        if paren:
            found = parse_date(paren.group(1), month_first=month_first)
            if found[0]:
                return found
    line = subtitle_line(page)
    parts = _SUBTITLE_SPLIT.split(line, 1)
    if len(parts) == 2:
        found = parse_date(parts[1], month_first=month_first)
        if found[0]:
            return found
    return None, False


def page_count(details: Details) -> int | None:
    for value in details.all("print_length"):
        pages = parse_pages(value)
        if pages:
            return pages
    for _label, value in details.bindings:
        pages = parse_pages(value)
        if pages:
            return pages
    return None


def rating(page: Page) -> float | None:
    for element in page.all_by_id("acrPopover"):
        value = parse_rating(element.get("title") or "")
        if value is not None:
            return value
    for ident in ("acrPopover", "averageCustomerReviews", "averageCustomerReviews_feature_div"):
        for found in page.within(ident, ".//span[contains(@class, 'a-icon-alt')]"):
            value = parse_rating(node_text(found))
            if value is not None:
                return value
    # Older layouts: full-page searches, reached only when the ids above are missing.
    for expression in (
        "//*[contains(@class, 'reviewCountTextLinkedHistogram')]/@title",
        "//*[contains(@class, 'asinReviewsSummary')]//*[@title]/@title",
        "//*[contains(@class, 'crAvgStars')]//*[@title]/@title",
        "//*[@id='acrRating' or @id='avgRating']",
    ):
        for found in page.xpath(expression):
            value = parse_rating(found if isinstance(found, str) else node_text(found))
            if value is not None:
                return value
    return None


def rating_count(page: Page) -> int | None:
    for text in (page.text("acrCustomerReviewText"), page.text("acrCustomerReviewLink")):
        value = parse_int(text)
        if value is not None:
            return value
    for expression in (
        "//*[contains(@class, 'crAvgStars')]/a[last()]",
        "//*[@id='averageCustomerReviews']//*[contains(@class, 'totalRatingCount') or contains(@id, 'RatingCount')]",
    ):
        for found in page.xpath(expression):
            value = parse_int(node_text(found))
            if value is not None:
                return value
    return None
