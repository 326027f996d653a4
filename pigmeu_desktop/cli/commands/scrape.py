"""`pigmeu scrape ID [--html FILE]` and `pigmeu scrape --url URL [--html FILE]`: read a book's page."""

from __future__ import annotations

from typing import Any

from pigmeu_desktop import operations
from pigmeu_desktop.cli.context import add_command
from pigmeu_desktop.core.book_flags import book_flags
from pigmeu_desktop.core.errors import ErrorCode, LinkError, PigmeuError
from pigmeu_desktop.core.models import Book, Submission


def register(sub, common) -> None:
    p = add_command(
        sub,
        common,
        "scrape",
        "read a book's Amazon page (stores the book), or parse a page without storing (--url)",
        handler,
        description="With ID: scrape the item (status scraped, or failed with the code). "
        "With --url: parse only, store nothing.",
    )
    p.add_argument("id", nargs="?", help="item id (or a unique prefix of it)")
    p.add_argument("--url", help="an Amazon product URL to parse without storing anything")
    p.add_argument("--html", metavar="FILE", help="parse this saved page instead of opening the browser")
    p.add_argument(
        "--explain",
        action="store_true",
        help="with --url: print every field with the rule and the page element it was read from",
    )
    p.add_argument(
        "--visible",
        action="store_true",
        help="with --url: open the page in a browser window to solve Amazon's check once; "
        "the session is saved for later scrapes (waits until you close the window)",
    )


def book_summary(book: Book | None) -> dict[str, Any] | None:
    """The book as stored (core/models.py field names), with its page ASIN, local cover path and warnings."""
    return book.to_doc() if book is not None else None


def asin_check(sub: Submission) -> dict[str, Any]:
    """The page's own ASIN beside the link's (differing: Amazon served another product), and the core
    fields the page missed."""
    flags = book_flags(sub)
    return {
        "page_asin": flags.page_asin,
        "asin_differs": flags.asin_differs,
        "missing": list(flags.missing),
        "kept_page": flags.kept_page,
    }


def submission_summary(sub: Submission) -> dict[str, Any]:
    return {
        "id": sub.id,
        "status": sub.status.value,
        "amazon_url": sub.amazon_url,
        "asin": sub.asin,
        **asin_check(sub),
        "marketplace": sub.marketplace,
        "title": sub.title,
        "version": sub.version,
        "book": book_summary(sub.book),
        "error": sub.error.to_doc() if sub.error else None,
    }


def _book_text(book: Book) -> str:
    authors = ", ".join(a.name for a in book.authors) or "?"
    lines = [f"{book.title} — {authors}"]
    for label, value in (
        ("asin", book.asin),
        ("isbn13", book.isbn13),
        ("publisher", book.publisher),
        ("published", book.publication_date),
        ("pages", book.pages),
        ("cover", book.cover_path),
    ):
        if value:
            lines.append(f"  {label}: {value}")
    lines += [f"  warning: {w}" for w in book.warnings]
    return "\n".join(lines)


async def handler(ctx, args) -> int:
    if args.id and args.url:
        raise PigmeuError("Give an item ID or --url, not both.", code=ErrorCode.INVALID_INPUT)
    if not args.id and not args.url:
        raise PigmeuError(
            "Give an item ID, or --url URL to parse without storing.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Run `pigmeu list` to see the items.",
        )
    if args.visible and not args.url:
        raise PigmeuError(
            "--visible needs --url (the page that asked for the check).", code=ErrorCode.INVALID_INPUT
        )
    if args.explain and not (args.url and args.html):
        raise PigmeuError(
            "--explain needs --url and --html (it explains a saved page).",
            code=ErrorCode.INVALID_INPUT,
            next_step="Save the page from the browser, then run `pigmeu scrape --url URL --html FILE --explain`.",
        )
    if args.visible:
        return await _solve_in_window(ctx, args)
    if args.url:
        return await _parse_only(ctx, args)
    return await _scrape_item(ctx, args)


async def _scrape_item(ctx, args) -> int:
    saved = await operations.scrape(ctx.services, args.id, html_path=args.html, progress=ctx.progress)
    assert saved.book is not None
    ctx.emit(
        submission_summary(saved), f"scraped {saved.id[:8]} ({saved.status.value})\n{_book_text(saved.book)}"
    )
    return 0


async def _parse_only(ctx, args) -> int:
    from pigmeu_desktop.core.links import CanonicalLink, parse_link
    from pigmeu_desktop.services.scraping.usecase import read_saved_page

    link = parse_link(args.url, ctx.services.settings.default_marketplace)
    if not isinstance(link, CanonicalLink):
        code = getattr(link, "code", ErrorCode.NOT_A_PRODUCT_LINK)
        message = getattr(
            link, "message", "Short links must be added first (`pigmeu add`) so they are resolved."
        )
        raise LinkError(message, code=code)
    scraper = ctx.services.scraper
    if args.html:
        html = await read_saved_page(args.html)
        parsed = await scraper.read_page(html, link.amazon_url)
        if args.explain:
            from pigmeu_desktop.services.scraping.explain import explain_doc, explain_text

            ctx.emit(explain_doc(parsed), explain_text(parsed))
            return 0
        book = scraper.book_from(parsed, link.amazon_url, live=False)
        asin_doc = {"asin": parsed.asin, "link_asin": parsed.link_asin, "asin_differs": parsed.asin_differs}
    else:
        # Live, but still "stores nothing": no cover download, no database, no kept page.
        book = (
            await scraper.fetch_book(link.amazon_url, marketplace=link.marketplace, keep_incomplete=False)
        ).book
        asin_doc = {
            "asin": book.asin,
            "link_asin": link.asin,
            "asin_differs": bool(book.asin and book.asin != link.asin),
        }
    ctx.emit({"kind": "book", **asin_doc, "book": book_summary(book)}, _book_text(book))
    return 0


async def _solve_in_window(ctx, args) -> int:
    """The captcha flow for CLI users: a real window on the saved profile; closing it saves the session."""
    session = await operations.open_captcha_window(ctx.services, args.url)
    if not ctx.json_output:
        ctx.err.write("A browser window is open: solve Amazon's check there, then close the window.\n")
    await session.closed
    ctx.emit(
        {"saved": str(session.storage_state_path)},
        f"session saved ({session.storage_state_path}); later scrapes use it",
    )
    return 0
