"""Amazon product page -> book data or a typed page kind. Pure (no I/O, no browser) and never raises.

`parse_product_page(html, url)` is the entry point; `parse_product_page_async` runs it in a worker
thread so a 3 MB page never stalls the UI's event loop (lxml releases the GIL while it parses).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from enum import StrEnum

from pigmeu_desktop.core.models import Book
from pigmeu_desktop.services.scraping.parsing import isbn as isbns
from pigmeu_desktop.services.scraping.parsing.authors import extract_authors
from pigmeu_desktop.services.scraping.parsing.categories import breadcrumbs, rank_categories, rank_text
from pigmeu_desktop.services.scraping.parsing.cover import extract_cover
from pigmeu_desktop.services.scraping.parsing.description import extract_description
from pigmeu_desktop.services.scraping.parsing.details import Details, collect_details
from pigmeu_desktop.services.scraping.parsing.dom import Page, parse_page
from pigmeu_desktop.services.scraping.parsing.fields import (
    binding_from_page,
    extract_title,
    page_count,
    publication_date,
    publisher_name,
    rating,
    rating_count,
    split_subtitle,
)
from pigmeu_desktop.services.scraping.parsing.identity import from_url, identify
from pigmeu_desktop.services.scraping.parsing.kind import (
    book_verdict,
    is_captcha,
    is_not_found,
    is_transient_error,
)
from pigmeu_desktop.services.scraping.parsing.price import extract_price

log = logging.getLogger(__name__)

# Warning on a NOT_FOUND result that is really Amazon's "Something went wrong" error page (retryable).
TRANSIENT_ERROR_WARNING = "amazon_error_page: Amazon answered with its 'something went wrong' page; retry later"

# Marketplaces that write all-numeric dates month first (1/30/2020).
_MONTH_FIRST = {"amazon.com", "amazon.ca"}


class PageKind(StrEnum):
    BOOK = "book"
    CAPTCHA = "captcha"
    NOT_FOUND = "not_found"
    NOT_A_BOOK = "not_a_book"


@dataclass(frozen=True)
class ParsedPage:
    kind: PageKind
    book: Book | None
    asin: str | None
    marketplace: str | None
    warnings: tuple[str, ...] = ()


def parse_product_page(html: str | bytes, url: str) -> ParsedPage:
    """Classify and extract one product page. Any input gives a typed result, never an exception."""
    try:
        return _parse(html, url)
    except Exception as exc:  # the contract is "never raises"; the cause goes to the log
        log.warning("parser failed on %s: %s", url, exc, exc_info=True)
        asin, marketplace = from_url(url)  # never raises: anything unreadable is (None, None)
        return ParsedPage(PageKind.NOT_FOUND, None, asin, marketplace, (f"parser_error: {type(exc).__name__}",))


async def parse_product_page_async(html: str | bytes, url: str) -> ParsedPage:
    """`parse_product_page` in a worker thread: keeps the Qt/asyncio loop responsive on big pages."""
    return await asyncio.to_thread(parse_product_page, html, url)


def _parse(html: str | bytes, url: str) -> ParsedPage:
    if html is None:
        html = ""
    page = parse_page(html)
    asin, marketplace = identify(url, page)
    title = extract_title(page)
    if is_captcha(page, has_title=bool(title)):
        return ParsedPage(PageKind.CAPTCHA, None, asin, marketplace)
    if not title and is_transient_error(page):
        # No kind fits a server error; NOT_FOUND with this warning lets the caller retry instead of failing.
        return ParsedPage(PageKind.NOT_FOUND, None, asin, marketplace, (TRANSIENT_ERROR_WARNING,))
    if is_not_found(page, has_title=bool(title)):
        return ParsedPage(PageKind.NOT_FOUND, None, asin, marketplace)
    if not title:
        return ParsedPage(PageKind.NOT_FOUND, None, asin, marketplace, ("no product title on the page",))

    details = collect_details(page)
    asin = asin or _asin_from_details(details)
    warnings: list[str] = []
    isbn10, isbn13 = _isbns(details, warnings)
    authors = extract_authors(page)
    categories = breadcrumbs(page)
    binding = binding_from_page(page, details)
    is_book, reason = book_verdict(
        page, details, categories=categories, binding=binding,
        roles=[a.role for a in authors], has_isbn=bool(isbn10 or isbn13),
    )
    if not is_book:
        return ParsedPage(PageKind.NOT_A_BOOK, None, asin, marketplace, (f"not a book: {reason}",))

    book = _book(page, details, title=title, authors=authors, categories=categories, binding=binding,
                 isbn10=isbn10, isbn13=isbn13, marketplace=marketplace, warnings=warnings)
    return ParsedPage(PageKind.BOOK, book, asin, marketplace, tuple(warnings))


def _book(page: Page, details: Details, *, title, authors, categories, binding, isbn10, isbn13,
          marketplace, warnings: list[str]) -> Book:
    published, exact = publication_date(page, details, month_first=marketplace in _MONTH_FIRST)
    if published and not exact:
        warnings.append("publication_date shows only month/year; day set to 1")
    rank_element = details.element("bestseller_rank")
    if not categories:
        categories = rank_categories(rank_element)
    price = extract_price(page, marketplace)
    description = extract_description(page)
    cover = extract_cover(page)
    for name, value in (("price", price), ("description", description), ("cover_url", cover),
                        ("authors", authors)):
        if not value:
            warnings.append(f"{name} not found on the page")
    return Book(
        title=title,
        subtitle=split_subtitle(title),
        authors=authors,
        isbn10=isbn10,
        isbn13=isbn13,
        publisher=publisher_name(details),
        publication_date=published,
        language=details.first("language"),
        pages=page_count(details),
        binding=binding,
        price=price,
        rating=rating(page),
        rating_count=rating_count(page),
        description=description,
        cover_url=cover,
        categories=categories,
        bestseller_rank=rank_text(details.first("bestseller_rank"), rank_element, details.rank_label),
        warnings=list(warnings),
    )


def _asin_from_details(details: Details) -> str | None:
    value = (details.first("asin") or "").strip().upper()
    return value if len(value) == 10 and value.isalnum() else None


def _isbns(details: Details, warnings: list[str]) -> tuple[str | None, str | None]:
    """ISBNs from the details rows only (tooltips quote other editions' ISBNs), checksum-validated."""
    found: dict[int, str | None] = {10: None, 13: None}
    for key, length in (("isbn10", 10), ("isbn13", 13)):
        for value in details.all(key):
            valid = isbns.first_isbn(value, length)
            if valid:
                found[length] = valid
                break
            warnings.append(f"{key} {isbns.normalize(value)!r} failed its checksum; ignored")
    isbn10, isbn13 = found[10], found[13]
    if isbn10 and isbn13 and isbns.isbn10_to_13(isbn10) != isbn13:
        warnings.append("isbn10 and isbn13 name different editions")
    return isbn10, isbn13
