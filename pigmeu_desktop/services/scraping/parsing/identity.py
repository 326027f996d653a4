"""ASIN and marketplace of a page: from the URL it was served for, else from the page itself."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pigmeu_desktop.core.marketplaces import ASIN_RE, asin_in_path, marketplace_of
from pigmeu_desktop.services.scraping.parsing.dom import Page

# The mobile web's own-reviews link, /gp/aw/cr/ASIN (not a product link, so not among core's patterns).
_MOBILE_REVIEWS_PATH = re.compile(r"/gp/aw/cr/([A-Z0-9]{10})(?:[/?#]|$)", re.IGNORECASE)


def from_url(url: str | None) -> tuple[str | None, str | None]:
    """(asin, marketplace) from a product URL; (None, None) for anything unparseable."""
    if not url or not isinstance(url, str):
        return None, None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return None, None
    return asin_in_path(parts.path), marketplace_of(host)


def from_page(page: Page) -> tuple[str | None, str | None]:
    """(asin, marketplace) from the canonical link, hidden ASIN inputs or data-asin attributes."""
    asin = marketplace = None
    for href in page.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        found_asin, found_market = from_url(str(href))
        asin = asin or found_asin
        marketplace = marketplace or found_market
    if asin is None:
        for value in page.xpath("//input[@id='ASIN' or @name='ASIN']/@value | //*[@id='dp']/@data-asin"):
            if ASIN_RE.fullmatch(str(value).upper()):
                asin = str(value).upper()
                break
    return asin, marketplace


# Where a page names its own product, most trusted first: the buy form's hidden ASIN (what is sold),
# the canonical link, the fast-track form, the og:url, then the main image's ASIN (mobile web).
_OWN_ASIN_RULES: tuple[tuple[str, str], ...] = (
    ("buy form input#ASIN", "#ASIN/@value"),
    ("canonical link", "//link[@rel='canonical']/@href"),
    ("buy form input[name=ASIN]", "//form//input[@name='ASIN']/@value"),
    ("fast-track input#ftSelectAsin", "#ftSelectAsin/@value"),
    ("og:url", "//meta[@property='og:url']/@content"),
    # Mobile web (2016-2019): the cart form's "a" input, the selected format's /gp/aw/d/ link, the
    # item's own reviews link (/gp/aw/cr/ASIN), the main image's ASIN.
    ("mobile cart form input[name=a]", "#addToCart//input[@name='a']/@value"),
    (
        "mobile format list, selected /gp/aw/d/ link",
        "//a[contains(@class, 'mediaMatrixListItem') and contains(concat(' ', @class, ' '), ' a-active ')]/@href",
    ),
    ("mobile reviews link", "#acrCustomerReviewLink/@href"),
    ("main image data-fling-asin", "#main-image|landingImage|imgBlkFront/@data-fling-asin"),
)


def page_asin(page: Page) -> tuple[str | None, str, object]:
    """(asin, rule, element) of the product the page itself is about; (None, "", None) if it does not say."""
    for rule, expression in _OWN_ASIN_RULES:
        for hit in page.select(expression):
            value = str(hit).strip()
            asin: str | None = value.upper()
            if "/" in value:
                reviews = _MOBILE_REVIEWS_PATH.search(value)
                asin = from_url(value)[0] or (reviews.group(1).upper() if reviews else None)
            if asin and ASIN_RE.fullmatch(asin):
                return asin, rule, hit.getparent() if hasattr(hit, "getparent") else None
    return None, "", None


def identify(url: str | None, page: Page) -> tuple[str | None, str | None]:
    asin, marketplace = from_url(url)
    if asin is None or marketplace is None:
        page_asin, page_market = from_page(page)
        asin = asin or page_asin
        marketplace = marketplace or page_market
    return asin, marketplace
