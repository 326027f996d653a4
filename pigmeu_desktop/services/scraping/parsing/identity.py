"""ASIN and marketplace of a page: from the URL it was served for, else from the page itself."""

from __future__ import annotations

from urllib.parse import urlsplit

from pigmeu_desktop.core.marketplaces import ASIN_RE, asin_in_path, marketplace_of
from pigmeu_desktop.services.scraping.parsing.dom import Page


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


def identify(url: str | None, page: Page) -> tuple[str | None, str | None]:
    asin, marketplace = from_url(url)
    if asin is None or marketplace is None:
        page_asin, page_market = from_page(page)
        asin = asin or page_asin
        marketplace = marketplace or page_market
    return asin, marketplace
