"""A tiny stand-in for parser.py while it is being written elsewhere (tests only; the real one wins)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pigmeu_desktop.core.models import Book


@dataclass(frozen=True)
class StandInPage:
    kind: str
    book: Book | None
    asin: str | None = None
    marketplace: str | None = None
    warnings: tuple[str, ...] = ()


async def stand_in_parse(html: bytes | str, url: str) -> StandInPage:
    text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    m = re.search(r'id="productTitle"[^>]*>\s*([^<]+?)\s*<', text)
    if not m:
        kind = "captcha" if "captcha" in text.lower() else "not_found"
        return StandInPage(kind, None)
    if re.search(r"<title>[^<]*Automotive", text):
        return StandInPage("not_a_book", None)
    return StandInPage("book", Book(title=m.group(1), cover_url="https://m.media-amazon.com/images/I/x._SL1500_.jpg"))


def best_parse():
    """The real parser when it exists, else the stand-in."""
    try:
        from pigmeu_desktop.services.scraping.parser import parse_product_page_async
    except ImportError:
        return stand_in_parse
    return parse_product_page_async
