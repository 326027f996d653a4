"""Amazon product page -> book data or a typed page kind. Pure (no I/O, no browser) and never raises.

`parse_product_page(html, url)` is the entry point; `parse_product_page_async` runs it in a worker
thread so a 3 MB page never stalls the UI's event loop (lxml releases the GIL while it parses).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field, replace
from enum import StrEnum

from pigmeu_desktop.core.book_flags import incomplete_warning, missing_core_fields
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
    language,
    page_count,
    publication_date,
    publisher_name,
    rating,
    rating_count,
    split_subtitle,
)
from pigmeu_desktop.services.scraping.parsing.identity import from_url, identify, page_asin
from pigmeu_desktop.services.scraping.parsing.kind import (
    book_verdict,
    is_captcha,
    is_not_found,
    is_transient_error,
)
from pigmeu_desktop.services.scraping.parsing.price import extract_price
from pigmeu_desktop.services.scraping.parsing.scope import ItemScope
from pigmeu_desktop.services.scraping.parsing.trace import Source, note, tracing

log = logging.getLogger(__name__)

# Warning on a NOT_FOUND result that is really Amazon's "Something went wrong" error page (retryable).
TRANSIENT_ERROR_WARNING = (
    "amazon_error_page: Amazon answered with its 'something went wrong' page; retry later"
)

# Marketplaces that write all-numeric dates month first (1/30/2020).
_MONTH_FIRST = {"amazon.com", "amazon.ca"}


class PageKind(StrEnum):
    BOOK = "book"
    CAPTCHA = "captcha"
    NOT_FOUND = "not_found"
    NOT_A_BOOK = "not_a_book"


@dataclass(frozen=True)
class ParsedPage:
    """`asin` is the page's own product (what Amazon served); `link_asin` the one the URL asked for."""

    kind: PageKind
    book: Book | None
    asin: str | None
    marketplace: str | None
    warnings: tuple[str, ...] = ()
    link_asin: str | None = None
    # field -> where it was read (rule and element), for `pigmeu scrape --explain`.
    sources: dict[str, Source] = field(default_factory=dict, compare=False)
    missing: tuple[str, ...] = ()  # core fields a book page did not show (core.book_flags.CORE_FIELDS)

    @property
    def asin_differs(self) -> bool:
        """Amazon served another product than the link asked for (another edition, a redirect)."""
        return bool(self.asin and self.link_asin and self.asin != self.link_asin)


def parse_product_page(html: str | bytes, url: str) -> ParsedPage:
    """Classify and extract one product page. Any input gives a typed result, never an exception."""
    try:
        with tracing() as trace:
            parsed = _parse(html, url)
        return replace(parsed, sources=dict(trace.sources))
    except Exception as exc:  # the contract is "never raises"; the cause goes to the log
        log.warning("parser failed on %s: %s", url, exc, exc_info=True)
        asin, marketplace = from_url(url)  # never raises: anything unreadable is (None, None)
        return ParsedPage(
            PageKind.NOT_FOUND,
            None,
            asin,
            marketplace,
            (f"parser_error: {type(exc).__name__}",),
            link_asin=asin,
        )


async def parse_product_page_async(html: str | bytes, url: str) -> ParsedPage:
    """`parse_product_page` in a worker thread: keeps the Qt/asyncio loop responsive on big pages."""
    return await asyncio.to_thread(parse_product_page, html, url)


def _parse(html: str | bytes, url: str) -> ParsedPage:
    if html is None:
        html = ""
    page = parse_page(html)
    link_asin, marketplace = from_url(url)
    fallback_asin, marketplace = identify(url, page)
    own_asin, asin_rule, asin_element = page_asin(page)
    asin = own_asin or fallback_asin
    if own_asin:
        note("asin", asin_rule, asin_element)
    elif asin:
        note("asin", "the link (the page does not name its product)")

    def result(kind: PageKind, book: Book | None = None, warnings=(), missing=()) -> ParsedPage:
        return ParsedPage(
            kind, book, asin, marketplace, tuple(warnings), link_asin=link_asin, missing=tuple(missing)
        )

    title = extract_title(page)
    if is_captcha(page, has_title=bool(title)):
        return result(PageKind.CAPTCHA)
    if not title and is_transient_error(page):
        # No kind fits a server error; NOT_FOUND with this warning lets the caller retry instead of failing.
        return result(PageKind.NOT_FOUND, warnings=(TRANSIENT_ERROR_WARNING,))
    if is_not_found(page, has_title=bool(title)):
        return result(PageKind.NOT_FOUND)
    if not title:
        return result(PageKind.NOT_FOUND, warnings=("no product title on the page",))

    scope = ItemScope({a for a in (asin, link_asin) if a})
    details = collect_details(page, scope)
    if not own_asin:
        detail_asin = _asin_from_details(details)
        if detail_asin:
            asin = detail_asin
            scope.add(asin)
            note("asin", *_first_source(details, "asin"))
    warnings: list[str] = []
    isbn10, isbn13 = _isbns(details, warnings)
    scope.add(isbn10)
    authors = extract_authors(page)
    categories = breadcrumbs(page)
    binding = binding_from_page(page, details)
    is_book, reason = book_verdict(
        page,
        details,
        categories=categories,
        binding=binding,
        roles=[a.role for a in authors],
        has_isbn=bool(isbn10 or isbn13),
    )
    if not is_book:
        return result(PageKind.NOT_A_BOOK, warnings=(f"not a book: {reason}",))

    book = _book(
        page,
        details,
        scope,
        title=title,
        authors=authors,
        categories=categories,
        binding=binding,
        isbn10=isbn10,
        isbn13=isbn13,
        asin=asin,
        marketplace=marketplace,
        warnings=warnings,
    )
    missing = missing_core_fields(book)
    if missing:
        warnings.append(incomplete_warning(missing))
        book = book.model_copy(update={"warnings": list(warnings)})
    return result(PageKind.BOOK, book, warnings, missing)


def _book(
    page: Page,
    details: Details,
    scope: ItemScope,
    *,
    title,
    authors,
    categories,
    binding,
    isbn10,
    isbn13,
    asin,
    marketplace,
    warnings: list[str],
) -> Book:
    published, exact = publication_date(
        page, details, month_first=marketplace in _MONTH_FIRST, warnings=warnings
    )
    if published and not exact:
        warnings.append("publication_date shows only month/year; day set to 1")
    rank_element = details.element("bestseller_rank")
    if rank_element is not None:
        note("bestseller_rank", *_first_source(details, "bestseller_rank"))
    if not categories:
        categories = rank_categories(rank_element)
    price = extract_price(page, marketplace, scope)
    description = extract_description(page)
    cover = extract_cover(page)
    for name, value in (
        ("price", price),
        ("description", description),
        ("cover_url", cover),
        ("authors", authors),
    ):
        if not value:
            warnings.append(f"{name} not found on the page")
    return Book(
        title=title,
        subtitle=split_subtitle(title),
        authors=authors,
        asin=asin,
        isbn10=isbn10,
        isbn13=isbn13,
        publisher=publisher_name(details, warnings),
        publication_date=published,
        language=language(details, warnings),
        pages=page_count(details, warnings),
        binding=binding,
        price=price,
        rating=rating(page, scope),
        rating_count=rating_count(page, scope),
        description=description,
        cover_url=cover,
        categories=categories,
        bestseller_rank=rank_text(details.first("bestseller_rank"), rank_element, details.rank_label),
        warnings=list(warnings),
    )


def _first_source(details: Details, key: str) -> tuple[str, object]:
    entries = details.entries(key)
    return (entries[0][2], entries[0][1]) if entries else ("details", None)


def _asin_from_details(details: Details) -> str | None:
    value = (details.first("asin") or "").strip().upper()
    return value if len(value) == 10 and value.isalnum() else None


def _isbns(details: Details, warnings: list[str]) -> tuple[str | None, str | None]:
    """ISBNs from the details rows only (tooltips quote other editions' ISBNs), checksum-validated."""
    found: dict[int, str | None] = {10: None, 13: None}
    for key, length in (("isbn10", 10), ("isbn13", 13)):
        for value, element, rule in details.entries(key):
            valid = isbns.first_isbn(value, length)
            if valid:
                found[length] = valid
                note(key, rule, element)
                break
            if length == 10:
                # Some pages (amazon.ca 2019) print the 13-digit ISBN in the "ISBN-10" row: it names the
                # same book, so its ISBN-10 is derived from it.
                as13 = isbns.first_isbn(value, 13)
                derived = isbns.isbn13_to_10(as13) if as13 else None
                if derived:
                    found[10] = derived
                    note(key, f"{rule} (the row holds the ISBN-13; ISBN-10 derived from it)", element)
                    warnings.append(
                        f"the ISBN-10 row shows the ISBN-13 {as13}; isbn10 {derived} derived from it"
                    )
                    break
            warnings.append(f"{key} {isbns.normalize(value)!r} failed its checksum; ignored")
    isbn10, isbn13 = found[10], found[13]
    if isbn10 and isbn13 and isbns.isbn10_to_13(isbn10) != isbn13:
        warnings.append("isbn10 and isbn13 name different editions")
    return isbn10, isbn13
