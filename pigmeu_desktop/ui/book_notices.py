"""The details pane's notices about the scraped book: Amazon served another product than the link asked
for, or the page missed core fields (and where the kept page is, for a report)."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pigmeu_desktop.core.book_flags import book_flags
from pigmeu_desktop.core.models import Submission

CONTEXT = "BookNotices"
# Core field keys (core.book_flags.CORE_FIELDS) in words.
FIELD_NAMES = {
    "authors": QT_TRANSLATE_NOOP("BookNotices", "authors"),
    "isbn_or_asin": QT_TRANSLATE_NOOP("BookNotices", "ISBN or ASIN"),
    "publisher": QT_TRANSLATE_NOOP("BookNotices", "publisher"),
    "publication_date": QT_TRANSLATE_NOOP("BookNotices", "publication date"),
}
ANOTHER_PRODUCT = QT_TRANSLATE_NOOP("BookNotices", "Another product")
ANOTHER_PRODUCT_TEXT = QT_TRANSLATE_NOOP(
    "BookNotices",
    "The link asked for %1, but Amazon served %2 (another edition?). Check the data before approving.",
)
INCOMPLETE = QT_TRANSLATE_NOOP("BookNotices", "Incomplete: missing %1")
KEPT_PAGE = QT_TRANSLATE_NOOP("BookNotices", "Page kept for a report:")
PAGE_ASIN = QT_TRANSLATE_NOOP("BookNotices", "Page ASIN")


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def book_notices_html(sub: Submission) -> str:
    """HTML paragraphs (page text escaped) for the details pane; "" when there is nothing to say."""
    flags = book_flags(sub)
    e = html.escape
    parts = []
    if flags.asin_differs:
        title = _t(ANOTHER_PRODUCT)
        text = _t(ANOTHER_PRODUCT_TEXT)
        text = text.replace("%1", flags.link_asin or "?").replace("%2", flags.page_asin or "?")
        parts.append(f"<p><b>{e(title)}:</b> {e(text)}</p>")
    if flags.incomplete:
        names = ", ".join(_t(FIELD_NAMES.get(name, name)) for name in flags.missing)
        text = _t(INCOMPLETE).replace("%1", names)
        parts.append(f"<p><b>{e(text)}</b>")
        if flags.kept_page:
            parts.append(f"<br>{e(_t(KEPT_PAGE))} {e(flags.kept_page)}")
        parts.append("</p>")
    if flags.page_asin and not flags.asin_differs:
        parts.append(f"<p><b>{e(_t(PAGE_ASIN))}:</b> {e(flags.page_asin)}</p>")
    return "".join(parts)
