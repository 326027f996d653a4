"""What the editor must know about a scraped book before trusting it: Amazon served another product than
the link asked for (its page ASIN differs), or the page missed core fields ("incomplete: missing …")."""

from __future__ import annotations

from dataclasses import dataclass

from pigmeu_desktop.core.models import Book, Submission

# Core fields of a book page; one that gives a title but misses any is "incomplete" (`isbn_or_asin` is met by
# either identifier).
CORE_FIELDS = ("authors", "isbn_or_asin", "publisher", "publication_date")
INCOMPLETE_PREFIX = "incomplete: missing "


def missing_core_fields(book: Book) -> list[str]:
    present = {
        "authors": bool(book.authors),
        "isbn_or_asin": bool(book.isbn10 or book.isbn13 or book.asin),
        "publisher": bool(book.publisher),
        "publication_date": book.publication_date is not None,
    }
    return [name for name in CORE_FIELDS if not present[name]]


def incomplete_warning(missing: list[str] | tuple[str, ...]) -> str:
    return INCOMPLETE_PREFIX + ", ".join(missing)


@dataclass(frozen=True)
class BookFlags:
    page_asin: str | None
    link_asin: str | None
    asin_differs: bool
    missing: tuple[str, ...]
    kept_page: str | None

    @property
    def incomplete(self) -> bool:
        return bool(self.missing)


def book_flags(sub: Submission) -> BookFlags:
    book = sub.book
    page_asin = book.asin if book is not None else None
    differs = bool(page_asin and sub.asin and page_asin.upper() != sub.asin.upper())
    missing: tuple[str, ...] = ()
    if book is not None:
        for warning in book.warnings:
            if warning.startswith(INCOMPLETE_PREFIX):
                missing = tuple(
                    part.strip() for part in warning[len(INCOMPLETE_PREFIX) :].split(",") if part.strip()
                )
                break
    return BookFlags(page_asin, sub.asin, differs, missing, book.kept_page if book is not None else None)
