"""The Scraper: politeness → shared browser → parser off the UI thread → typed result → cover."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.core.marketplaces import asin_in_path, strip_host_prefix
from pigmeu_desktop.core.models import Book, utcnow
from pigmeu_desktop.core.ports import ProgressFn, no_progress
from pigmeu_desktop.services.scraping.browser import BrowserManager, FetchResult, VisibleSession
from pigmeu_desktop.services.scraping.covers import CoverStore
from pigmeu_desktop.services.scraping.kept_pages import KeptPages
from pigmeu_desktop.services.scraping.politeness import Politeness

log = logging.getLogger("pigmeu.scraping")

# The parser's warning for Amazon's "something went wrong" page (parser.TRANSIENT_ERROR_WARNING).
AMAZON_ERROR_PAGE = "amazon_error_page"
# Warning on a book whose page is another product than the link asked for (another edition, a redirect).
ASIN_CHANGED = "asin_changed"

ParseFn = Callable[[bytes | str, str], Awaitable[Any]]  # parse_product_page_async(html, url) → ParsedPage


async def default_parse(html: bytes | str, url: str) -> Any:
    """The parser package's async entry point (imported late: it is a sibling module with its own owner)."""
    from pigmeu_desktop.services.scraping.parser import parse_product_page_async

    return await parse_product_page_async(html, url)


@dataclass(frozen=True)
class ScrapeOutcome:
    """A book read from a page, and the page's final URL (Amazon may redirect to another ASIN)."""

    book: Book
    url: str


class Scraper:
    """What `services.scraper` is: one browser, one politeness state and one cover store per app."""

    def __init__(
        self,
        browser: BrowserManager,
        politeness: Politeness,
        covers: CoverStore,
        *,
        parse: ParseFn = default_parse,
        max_attempts: int = 3,
        kept_pages: KeptPages | None = None,
    ) -> None:
        self.kept_pages = kept_pages
        self.browser = browser
        self.politeness = politeness
        self.covers = covers
        self._parse = parse
        self.max_attempts = max_attempts

    # -- parsing ---------------------------------------------------------------------------------

    async def parse_page(
        self,
        html: bytes | str,
        url: str,
        *,
        live: bool,
        expected_asin: str | None = None,
        keep_incomplete: bool = True,
    ) -> Book:
        """Parse a page and turn every non-book kind into its ScrapeError (see `book_from`)."""
        parsed = await self._parse(html, url)
        book = self.book_from(parsed, url, live=live, expected_asin=expected_asin)
        if keep_incomplete and parsed.missing and self.kept_pages is not None:
            book = await asyncio.to_thread(
                self._keep, book, html, parsed.marketplace or strip_host_prefix(_host(url))
            )
        return book

    async def read_page(self, html: bytes | str, url: str) -> Any:
        """The parser's whole result (kind, both ASINs, where each field came from): `scrape --explain`."""
        return await self._parse(html, url)

    def book_from(self, parsed: Any, url: str, *, live: bool, expected_asin: str | None = None) -> Book:
        """The book of a parsed page, or the ScrapeError of its kind.

        `live` pages (just fetched from Amazon) that turn out to be captchas pause the marketplace;
        a captcha inside a saved file says nothing about Amazon now. A book whose ASIN is not the
        one asked for (Amazon redirected to another edition) carries an `asin_changed` warning for the
        editor. (`parse_page` also keeps a book page that missed core fields in the data folder, so the
        editor can attach it to a report.)
        """
        kind = str(parsed.kind)
        marketplace = parsed.marketplace or strip_host_prefix(_host(url))
        page_asin = getattr(parsed, "asin", None)
        if kind == "book" and parsed.book is not None:
            book = parsed.book
            if book.asin is None and page_asin:
                book = book.model_copy(update={"asin": page_asin})
            if expected_asin and page_asin and page_asin.upper() != expected_asin.upper():
                book = book.model_copy(
                    update={
                        "warnings": [
                            *book.warnings,
                            f"{ASIN_CHANGED}: asked for {expected_asin}, Amazon showed {page_asin}",
                        ]
                    }
                )
            return book
        if kind == "not_found" and any(w.startswith(AMAZON_ERROR_PAGE) for w in parsed.warnings):
            # Amazon's "something went wrong" page is Amazon having a bad moment, not a missing book.
            raise ScrapeError("Amazon answered with its error page.", code=ErrorCode.NETWORK, url=url)
        if kind == "captcha":
            if live:
                self.politeness.record_captcha(marketplace, reason="Amazon asked for a captcha")
                state = self.politeness.snapshot_of(marketplace)
                raise ScrapeError(
                    f"Amazon ({marketplace}) asked for a captcha; scraping there is paused until "
                    f"{state['paused_until']}.",
                    code=ErrorCode.CAPTCHA,
                    marketplace=marketplace,
                    paused_until=state["paused_until"],
                    url=url,
                )
            raise ScrapeError(
                "The saved page is Amazon's captcha page, not the book.", code=ErrorCode.CAPTCHA
            )
        if kind == "not_found":
            raise ScrapeError("Amazon has no page for this product.", code=ErrorCode.NOT_FOUND, url=url)
        if kind == "not_a_book":
            raise ScrapeError(
                "This product is not a book.", code=ErrorCode.NOT_A_BOOK, url=url, asin=page_asin
            )
        raise ScrapeError(
            "No book data could be read from the page.", code=ErrorCode.NOT_A_BOOK, url=url, kind=kind
        )

    # -- fetching --------------------------------------------------------------------------------

    def _keep(self, book: Book, html: bytes | str, marketplace: str) -> Book:
        kept_pages = self.kept_pages
        if kept_pages is None:
            return book
        try:
            path = kept_pages.keep(html, asin=book.asin, marketplace=marketplace)
        except OSError as exc:  # a full disk must not fail the scrape: the data is still good
            log.warning("could not keep the incomplete page: %s", exc)
            return book
        return book.model_copy(
            update={"kept_page": str(path), "warnings": [*book.warnings, f"page kept for a report: {path}"]}
        )

    async def fetch_book(
        self,
        url: str,
        *,
        marketplace: str | None = None,
        progress: ProgressFn = no_progress,
        keep_incomplete: bool = True,
    ) -> ScrapeOutcome:
        """Open `url` politely in the shared browser and return the parsed book (no cover yet)."""
        marketplace = strip_host_prefix(marketplace or _host(url))
        for attempt in range(1, self.max_attempts + 1):
            progress(0.05, f"Waiting for a free slot on {marketplace}")
            await self._wait_for_slot(marketplace)
            progress(0.2, "Opening the Amazon page")
            result = await self.browser.fetch(url, marketplace=marketplace)
            if result.status == 503 and not await self._is_captcha(result):
                extra = self.politeness.record_unavailable(marketplace)
                log.info("503 from %s (attempt %d); backing off %.1f s", marketplace, attempt, extra)
                if attempt < self.max_attempts:
                    progress(0.1, f"Amazon is busy; retrying in {extra:.0f} s")
                    continue
                raise ScrapeError(
                    f"Amazon ({marketplace}) answered 503 (busy) {attempt} times.",
                    code=ErrorCode.NETWORK,
                    url=url,
                    status=503,
                )
            if result.status >= 500 and result.status != 503:
                raise ScrapeError(
                    f"Amazon answered {result.status}.", code=ErrorCode.NETWORK, url=url, status=result.status
                )
            progress(0.6, "Reading the book data")
            try:
                book = await self.parse_page(
                    result.body,
                    result.url,
                    live=True,
                    expected_asin=_asin_of(url),
                    keep_incomplete=keep_incomplete,
                )
            except ScrapeError as exc:
                if result.status == 404 and exc.code is not ErrorCode.CAPTCHA:
                    raise ScrapeError(
                        "Amazon has no page for this product.", code=ErrorCode.NOT_FOUND, url=url
                    ) from exc
                raise
            self.politeness.record_success(marketplace)
            return ScrapeOutcome(book, result.url)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _wait_for_slot(self, marketplace: str) -> None:
        """Wait for the marketplace's politeness slot; meanwhile the browser readies the page (a fake
        browser may not). A scrape cancelled while it waits takes back what it asked to be prepared."""
        prepare, withdraw = getattr(self.browser, "prepare", None), getattr(self.browser, "withdraw", None)
        asked = False

        def on_wait(_delay_s: float) -> None:
            nonlocal asked
            if prepare is not None:
                prepare(marketplace)
                asked = True

        try:
            await self.politeness.acquire(marketplace, on_wait=on_wait)
        except asyncio.CancelledError:
            if asked and withdraw is not None:
                withdraw(marketplace)
            raise

    async def _is_captcha(self, result: FetchResult) -> bool:
        """Amazon sometimes serves its captcha with a 503: that is a captcha, not "busy"."""
        try:
            parsed = await self._parse(result.body, result.url)
        except Exception:  # noqa: BLE001 - the parser never raises by contract; be safe anyway
            return False
        return str(parsed.kind) == "captcha"

    async def finish_book(self, book: Book, *, progress: ProgressFn = no_progress) -> Book:
        """Stamp `scraped_at` and download the cover (a failed cover is a warning, not a failure)."""
        if book.scraped_at is None:
            book = book.model_copy(update={"scraped_at": utcnow()})
        progress(0.8, "Downloading the cover")
        return await self.covers.attach(book)

    # -- editor-facing controls ------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        """Browser choice and per-marketplace pauses, JSON-ready (doctor, status bar)."""
        choice = self.browser.choice
        return {
            "browser": {"kind": choice.kind, "path": choice.path} if choice else None,
            "marketplaces": self.politeness.snapshot(),
        }

    async def open_visible(self, url: str, *, headless: bool = False) -> VisibleSession:
        """Open `url` for the editor to solve a captcha; closing the window lifts the marketplace's pause."""
        session = await self.browser.open_visible(url, headless=headless)
        marketplace = strip_host_prefix(_host(url))
        session.closed.add_done_callback(lambda _f: self.politeness.resume(marketplace))
        return session

    def pause_of(self, marketplace: str) -> dict[str, Any] | None:
        """{"marketplace", "paused_until", "reason", ...} while a captcha pauses it, else None.

        The executor checks this before starting a scrape, so queued items wait out the pause
        instead of each failing with `captcha`.
        """
        marketplace = strip_host_prefix(marketplace)
        return self.politeness.snapshot_of(marketplace) if self.politeness.paused(marketplace) else None

    def resume(self, marketplace: str) -> None:
        self.politeness.resume(strip_host_prefix(marketplace))

    async def aclose(self) -> None:
        try:
            await self.covers.aclose()
            await self.browser.aclose()
        finally:
            self.politeness.close()


def _asin_of(url: str) -> str | None:
    from urllib.parse import urlsplit

    return asin_in_path(urlsplit(url).path)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""
