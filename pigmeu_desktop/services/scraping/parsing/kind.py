"""What kind of page this is: a bot check (captcha), the 404 page, a book, or another product."""

from __future__ import annotations

import re

from pigmeu_desktop.services.scraping.parsing.details import Details
from pigmeu_desktop.services.scraping.parsing.dom import Page
from pigmeu_desktop.services.scraping.parsing.locales import (
    AUTHOR_ROLES,
    BOOK_BINDINGS,
    BOOK_CATEGORIES,
    BOOK_DP_CLASSES,
    BOOK_NAV_CATEGORIES,
    CAPTCHA_PHRASES,
    NOT_FOUND_PHRASES,
    TRANSIENT_ERROR_PHRASES,
)
from pigmeu_desktop.services.scraping.parsing.text import clean, node_text, strip_accents

# Bot checks and 404s are small pages; product pages are never below this size and may quote the
# phrases in scripts, so the phrase checks only run on pages without a product title.
_SMALL_PAGE = 200_000
_MOBILE_SUFFIX = re.compile(r"[_-](?:mobile|tablet|phone|mweb|aw)$", re.IGNORECASE)


def _page_text(page: Page) -> str:
    if page.root is None:
        return ""
    body = page.root.find("body")
    text = node_text(body if body is not None else page.root)
    # Images carry the 404 message as alt text; comments carry the robot-check notice.
    alts = " ".join(str(a) for a in page.xpath("//img/@alt"))
    comments = " ".join(str(c.text or "") for c in page.xpath("//comment()")[:20])
    return clean(f"{text} {alts} {comments}").casefold()


def is_captcha(page: Page, has_title: bool) -> bool:
    if page.by_id("captchacharacters") is not None:
        return True
    if has_title:
        return False
    if page.xpath("//form[contains(@action, 'validateCaptcha') or contains(@action, 'Captcha')]"):
        return True
    if len(page.raw) > _SMALL_PAGE:
        return False
    text = _page_text(page)
    return any(phrase in text for phrase in CAPTCHA_PHRASES)


def is_not_found(page: Page, has_title: bool) -> bool:
    if has_title:
        return False
    if page.xpath("//a[contains(@href, 'dogsofamazon')] | //img[contains(@src, '/error/title')]"):
        return True
    title = clean(" ".join(node_text(t) for t in page.xpath("//title"))).casefold()
    if "page not found" in title or "404" in title:
        return True
    text = _page_text(page) if len(page.raw) <= _SMALL_PAGE else ""
    return any(phrase in text for phrase in NOT_FOUND_PHRASES)


def is_transient_error(page: Page) -> bool:
    """Amazon's "Sorry! Something went wrong" page (served with 500/503): worth retrying later."""
    if len(page.raw) > _SMALL_PAGE:
        return False
    text = _page_text(page)
    return any(phrase in text for phrase in TRANSIENT_ERROR_PHRASES)


def _norm(text: str) -> str:
    return strip_accents(clean(text).casefold())


_BOOK_CATEGORY_KEYS = {_norm(c) for c in BOOK_CATEGORIES}
_BOOK_BINDING_KEYS = tuple(_norm(b) for b in BOOK_BINDINGS)
_ROLE_KEYS = {_norm(r) for r in AUTHOR_ROLES}


def is_book_binding(binding: str | None) -> bool:
    value = _norm(binding or "")
    return bool(value) and any(value.startswith(b) or b in value for b in _BOOK_BINDING_KEYS)


def _role_is_bookish(role: str | None) -> bool:
    if not role:
        return False
    return any(part.strip() in _ROLE_KEYS for part in _norm(role).replace("/", ",").split(","))


# Author links that search the book or Kindle store ("search-alias=stripbooks", mobile
# "/kindle-dbs/author/…&searchAlias=digital-text"): a byline of a book, not of a film or an album.
_BOOK_SEARCH_ALIASES = (
    "alias=books",
    "alias=stripbooks",
    "alias=digital-text",
    "alias=english-books",
    "alias=foreign-books",
    "alias=audible",
    "/kindle-dbs/author",
)


def _byline_searches_books(page: Page) -> bool:
    for ident in ("byline", "bylineInfo", "byline_feature_div", "bylineInfo_feature_div"):
        for href in page.within(ident, ".//a/@href"):
            value = str(href).casefold().replace("searchalias", "search-alias")
            if any(alias in value for alias in _BOOK_SEARCH_ALIASES):
                return True
    return False


def book_verdict(
    page: Page,
    details: Details,
    *,
    categories: list[str],
    binding: str | None,
    roles: list[str | None],
    has_isbn: bool,
) -> tuple[bool, str]:
    """(is_book, reason). The product's store and category decide; bindings, ISBNs and roles back them."""
    dp = page.by_id("dp")
    # Mobile-web pages suffix the store: "book_mobile", "ebooks_mobile" (2016-2019).
    dp_class = (
        [_MOBILE_SUFFIX.sub("", c) for c in (dp.get("class") or "").split()[:1]] if dp is not None else []
    )
    nav = page.by_id("nav-subnav")
    nav_category = (nav.get("data-category") or "").casefold() if nav is not None else ""
    root_category = _norm(categories[0]) if categories else ""

    if dp_class and dp_class[0].casefold() in BOOK_DP_CLASSES:
        return True, f"dp class {dp_class[0]}"
    if nav_category in BOOK_NAV_CATEGORIES:
        return True, f"store {nav_category}"
    if root_category in _BOOK_CATEGORY_KEYS:
        return True, f"category {categories[0]}"
    if page.by_id("ebooksProductTitle") is not None or page.by_id("booksTitle") is not None:
        return True, "books title block"
    positives = []
    if has_isbn:
        positives.append("isbn")
    if details.bindings:
        positives.append("binding with page count")
    if is_book_binding(binding):
        positives.append("book binding")
    if any(_role_is_bookish(role) for role in roles):
        positives.append("author roles")
    if details.first("print_length"):
        positives.append("print length")
    if _byline_searches_books(page):
        positives.append("byline searches the book store")
    # Layout classes ("a-section") are not store names; only a store-like first class says where it is filed.
    filed_class = bool(dp_class) and not dp_class[0].startswith("a-")
    negative = filed_class or bool(nav_category) or bool(root_category)
    # A product explicitly filed elsewhere needs strong proof (an ISBN) to count as a book;
    # an unfiled one (old or mobile layouts) needs two independent book signs.
    if negative:
        return ("isbn" in positives and len(positives) >= 2), "filed outside books"
    return len(positives) >= 2, ", ".join(positives) or "no book signs"
