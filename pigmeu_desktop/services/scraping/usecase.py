"""The scrape step (StepWork contract, core/ports.py): submission in, submission with `book` out."""
# ensure_cover (the publisher's "retry the cover now") lives in covers.py with the rest of the cover code.

from __future__ import annotations

import asyncio
import codecs
import re
from pathlib import Path

from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.core.models import Book, Submission
from pigmeu_desktop.core.ports import ProgressFn, StepContext, no_progress
from pigmeu_desktop.services.scraping.enrichment import Enricher, book_isbn
from pigmeu_desktop.services.text_input import read_user_file


async def scrape_submission(
    services: StepContext, submission: Submission, *, progress: ProgressFn = no_progress
) -> Submission:
    """Open the item's page in the shared browser, parse it, download the cover; status is not touched."""
    scraper = services.scraper
    outcome = await scraper.fetch_book(
        submission.amazon_url, marketplace=submission.marketplace, progress=progress
    )
    book = await enrich_if_enabled(services, outcome.book, progress=progress)
    book = await scraper.finish_book(book, progress=progress)
    progress(1.0, "Scraped")
    return submission.model_copy(update={"book": book})


async def scrape_submission_from_html(
    services: StepContext,
    submission: Submission,
    html_path: str | Path,
    *,
    progress: ProgressFn = no_progress,
) -> Submission:
    """The same step from a saved page (`pigmeu scrape ID --html FILE`): no browser, no politeness."""
    html = await read_saved_page(html_path)
    progress(0.3, "Reading the book data")
    scraper = services.scraper
    book = await scraper.parse_page(html, submission.amazon_url, live=False, expected_asin=submission.asin)
    book = await enrich_if_enabled(services, book, progress=progress)
    book = await scraper.finish_book(book, progress=progress)
    progress(1.0, "Scraped")
    return submission.model_copy(update={"book": book})


async def enrich_if_enabled(services: StepContext, book: Book, *, progress: ProgressFn = no_progress) -> Book:
    """Open Library / Google Books fill what the page lacks, when the editor turned it on (off by default).

    Before the cover download, so a cover found only by enrichment is downloaded like any other.
    """
    if not getattr(services.settings, "enrich_from_open_data", False) or book_isbn(book) is None:
        return book
    return await Enricher.from_services(services).enrich(book, progress=progress, at=0.7)


async def read_saved_page(html_path: str | Path) -> bytes:
    """Bytes, not text: the parser reads the page's declared charset itself (some are ISO-8859-1)."""
    path = Path(html_path)
    data = await asyncio.to_thread(read_user_file, path, what=f"the saved page {path}")
    if not looks_like_html(data):
        # Not "not_found" (which says: delete the item): the file is wrong, not the Amazon page.
        raise ScrapeError(
            f"The saved page {path} is not an HTML page ({'empty' if not data.strip() else 'no HTML in it'}).",
            code=ErrorCode.INVALID_INPUT,
            next_step='Save the product page from the browser as "Web page, HTML only" and try again.',
        )
    return data


_HTML_START = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|span)\b", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    """An HTML page, as saved by a browser: markup near the start, no binary bytes (PNG, PDF, zip...)."""
    head = data[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif b"\x00" in head:
        return False
    return bool(_HTML_START.search(head))
