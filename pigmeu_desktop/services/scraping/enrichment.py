"""Optional enrichment: Open Library, then Google Books, fill by ISBN the fields an Amazon page lacks."""
# Rules: a value the page showed is never replaced; when a source disagrees with it, the editor gets a
# warning instead. Each filled field names its source in `book.sources`. A source that fails is a
# warning too: enrichment is a bonus, never a reason for a scrape to fail.

from __future__ import annotations

import asyncio
import json
import logging
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from lxml import etree

from pigmeu_desktop.core.models import BOOK_FACTS, Author, Book
from pigmeu_desktop.core.ports import Context, ProgressFn, no_progress
from pigmeu_desktop.core.text_boundary import clean_scraped_text
from pigmeu_desktop.services.scraping.parsing.dates import parse_date
from pigmeu_desktop.services.scraping.parsing.description import to_paragraphs
from pigmeu_desktop.services.scraping.parsing.isbn import is_valid_isbn10, is_valid_isbn13, normalize

log = logging.getLogger("pigmeu.scraping.enrichment")

OPENLIBRARY_URL = "https://openlibrary.org"
GOOGLEBOOKS_URL = "https://www.googleapis.com"
OPENLIBRARY, GOOGLEBOOKS = "openlibrary", "googlebooks"
# The sources' documented cover hosts (Open Library Covers API; Google Books imageLinks): covers they
# name are downloaded from these only.
COVER_HOSTS = ("covers.openlibrary.org", "books.google.com", "books.googleusercontent.com")

# Fields a source may fill, in the order warnings are written: a catalogue knows the book, not a store's
# binding, price, ratings or sales rank.
_STORE_ONLY = frozenset({"binding", "price", "rating", "rating_count", "bestseller_rank"})
FILLABLE = tuple(name for name in BOOK_FACTS if name not in _STORE_ONLY)
_MAX_BODY = 2_000_000  # an answer about one book is a few KB; anything huge is not what we asked for
_MAX_CATEGORIES = 10  # Open Library lists dozens of subjects; the first few are the useful ones
# Google Books gives ISO 639-1 codes; the page gives names. English names read fine in every UI language.
_LANGUAGES = {
    "en": "English",
    "pt": "Portuguese",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "ja": "Japanese",
    "nl": "Dutch",
    "sv": "Swedish",
    "pl": "Polish",
    "zh": "Chinese",
    "ru": "Russian",
    "ko": "Korean",
    "tr": "Turkish",
    "ar": "Arabic",
}

ClientFactory = Callable[[], httpx.AsyncClient]


@dataclass
class Found:
    """What one source says about the book, already in Book field names and types."""

    source: str
    fields: dict[str, Any] = field(default_factory=dict)
    date_exact: bool = True  # False when the source gave only a year (or month): compare years only


class SourceFailed(Exception):
    """A source could not answer usefully; the message is the short reason shown in the warning."""


class Enricher:
    """One enrichment run per call: one httpx client, Open Library first, Google Books for what is left."""

    def __init__(
        self,
        *,
        openlibrary_url: str = OPENLIBRARY_URL,
        googlebooks_url: str = GOOGLEBOOKS_URL,
        timeout_s: float = 5.0,
        proxy: str = "",
        client_factory: ClientFactory | None = None,
    ) -> None:
        self.openlibrary_url = openlibrary_url.rstrip("/")
        self.googlebooks_url = googlebooks_url.rstrip("/")
        self.timeout_s = timeout_s
        self._proxy = proxy
        self._client_factory = client_factory or self._default_client

    @classmethod
    def from_services(cls, services: Context) -> Enricher:
        """Base URLs from env (PIGMEU_OPENLIBRARY_URL / PIGMEU_GOOGLEBOOKS_URL, so tests stay local), proxy
        from settings: a user who needs a proxy for Amazon needs it for these too."""
        env: Mapping[str, str] = services.env
        return cls(
            openlibrary_url=env.get("PIGMEU_OPENLIBRARY_URL") or OPENLIBRARY_URL,
            googlebooks_url=env.get("PIGMEU_GOOGLEBOOKS_URL") or GOOGLEBOOKS_URL,
            proxy=getattr(services.settings, "proxy", "") or "",
        )

    def _default_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            timeout=httpx.Timeout(self.timeout_s, connect=min(3.0, self.timeout_s)),
            proxy=self._proxy or None,
            follow_redirects=True,
            # Open Library asks API users to identify themselves.
            headers={
                "User-Agent": "PigmeuCopilot/1.0 (book metadata enrichment)",
                "Accept": "application/json",
            },
        )

    async def enrich(self, book: Book, *, progress: ProgressFn = no_progress, at: float = 0.7) -> Book:
        """The book with missing fields filled, sources recorded and disagreements/failures as warnings."""
        isbn = book_isbn(book)
        if isbn is None or not missing_fields(book):
            return book
        updates: dict[str, Any] = {}
        sources = dict(book.sources)
        warnings = list(book.warnings)
        async with self._client_factory() as client:
            for fraction, source, label, fetch in (
                (at, OPENLIBRARY, "Open Library", self._openlibrary),
                (at + 0.05, GOOGLEBOOKS, "Google Books", self._googlebooks),
            ):
                # Google Books is only asked when Open Library left something empty.
                if not missing_fields(book.model_copy(update=updates)):
                    break
                progress(fraction, f"Looking up ISBN {isbn} on {label}")
                try:
                    found = await fetch(client, isbn)
                except SourceFailed as exc:
                    log.info("enrichment: %s failed for %s: %s", source, isbn, exc)
                    warnings.append(f"enrichment: {source} unavailable ({exc})")
                    continue
                if found is not None:
                    apply_found(book, found, updates, sources, warnings)
        return book.model_copy(update={**updates, "sources": sources, "warnings": warnings})

    # -- sources ---------------------------------------------------------------------------------

    async def _openlibrary(self, client: httpx.AsyncClient, isbn: str) -> Found | None:
        data = await self._get_json(
            client,
            f"{self.openlibrary_url}/api/books",
            {"bibkeys": f"ISBN:{isbn}", "format": "json", "jscmd": "data"},
        )
        if not isinstance(data, dict):
            raise SourceFailed("unexpected answer")
        record = data.get(f"ISBN:{isbn}")
        return openlibrary_found(record) if isinstance(record, dict) else None

    async def _googlebooks(self, client: httpx.AsyncClient, isbn: str) -> Found | None:
        data = await self._get_json(client, f"{self.googlebooks_url}/books/v1/volumes", {"q": f"isbn:{isbn}"})
        if not isinstance(data, dict):
            raise SourceFailed("unexpected answer")
        info = matching_volume(data.get("items"), isbn)
        return googlebooks_found(info) if info is not None else None

    async def _get_json(self, client: httpx.AsyncClient, url: str, params: dict[str, str]) -> Any:
        try:
            # httpx's timeouts are per read; the overall cap stops a server that drips bytes forever.
            async with asyncio.timeout(self.timeout_s * 2):
                async with client.stream("GET", url, params=params) as response:
                    if response.status_code >= 400:
                        raise SourceFailed(f"HTTP {response.status_code}")
                    body = bytearray()
                    async for chunk in response.aiter_bytes():
                        body += chunk
                        if len(body) > _MAX_BODY:
                            raise SourceFailed("answer too large")
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise SourceFailed("timeout") from exc
        except httpx.HTTPError as exc:
            raise SourceFailed(f"network error: {type(exc).__name__}") from exc
        try:
            return json.loads(bytes(body))
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
            raise SourceFailed("invalid JSON") from exc


# -- pure helpers (no I/O; unit-testable) --------------------------------------------------------


def book_isbn(book: Book) -> str | None:
    """The ISBN to look up: ISBN-13 if valid, else ISBN-10, else None (a bad checksum is not an ISBN)."""
    isbn13, isbn10 = normalize(book.isbn13), normalize(book.isbn10)
    if is_valid_isbn13(isbn13):
        return isbn13
    return isbn10 if is_valid_isbn10(isbn10) else None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def missing_fields(book: Book) -> list[str]:
    return [name for name in FILLABLE if _empty(getattr(book, name))]


def apply_found(
    book: Book, found: Found, updates: dict[str, Any], sources: dict[str, str], warnings: list[str]
) -> None:
    """Fill empty fields from `found`; compare filled-by-the-page ones and warn where they disagree."""
    for name in FILLABLE:
        value = found.fields.get(name)
        if _empty(value):
            continue
        current = updates.get(name, getattr(book, name))
        if _empty(current):
            if name == "subtitle" and _norm(value) in _norm(updates.get("title", book.title)):
                continue  # Amazon titles often carry the subtitle already ("Title: Subtitle")
            updates[name] = value
            sources[name] = found.source
        elif name not in sources and _disagrees(name, current, value, found):
            warnings.append(
                f"enrichment: {found.source} says {name}={_show(value)}, page says {_show(current)}"
            )


def _disagrees(name: str, page: Any, other: Any, found: Found) -> bool:
    """Only fields that can be compared fairly; wording (description, categories) and formats
    (language names vs codes, cover URLs) differ by nature and would only make noise."""
    if name in ("pages", "isbn10", "isbn13"):
        return page != other
    if name in ("title", "publisher"):
        a, b = _norm(page), _norm(other)
        return bool(a and b) and a not in b and b not in a  # "Suhrkamp Verlag" agrees with "Suhrkamp"
    if name == "publication_date":
        if not found.date_exact or (page.month, page.day) == (1, 1):
            return page.year != other.year  # a year-only date (either side) is only a year
        return page != other
    if name == "authors":
        page_names = [set(_norm_words(a.name)) for a in page]
        return not any(
            words and any(words <= p or p <= words for p in page_names if p)
            for words in (set(_norm_words(a.name)) for a in other)
        )
    return False


def _norm_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.findall(r"[^\W_]+", text)


def _norm(text: str | None) -> str:
    return " ".join(_norm_words(text or ""))


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(a.name if isinstance(a, Author) else str(a) for a in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _text(value: Any) -> str | None:
    # Open data is scraped text too: the same cleaning as the page parser's (core/text_boundary).
    if isinstance(value, str) and (text := clean_scraped_text(value)):
        return text
    return None


def _pages(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip()) or None
    return None


def _date(found: Found, value: Any) -> None:
    text = _text(value)
    if text:
        parsed, exact = parse_date(text, month_first=True)
        if parsed is not None:
            found.fields["publication_date"] = parsed
            found.date_exact = exact


def _isbns(found: Found, values10: Any, values13: Any) -> None:
    for key, values, valid in (("isbn10", values10, is_valid_isbn10), ("isbn13", values13, is_valid_isbn13)):
        for value in values if isinstance(values, list) else []:
            isbn = normalize(value) if isinstance(value, str) else ""
            if valid(isbn):
                found.fields[key] = isbn
                break


def openlibrary_found(record: dict[str, Any]) -> Found:
    """Open Library's `jscmd=data` record → Found (anything of an unexpected type is skipped)."""
    found = Found(OPENLIBRARY)
    f = found.fields
    f["title"] = _text(record.get("title"))
    f["subtitle"] = _text(record.get("subtitle"))
    authors = record.get("authors")
    f["authors"] = [
        Author(name=n)
        for a in (authors if isinstance(authors, list) else [])
        if isinstance(a, dict) and (n := _text(a.get("name")))
    ]
    publishers = record.get("publishers")
    names = [
        n
        for p in (publishers if isinstance(publishers, list) else [])
        if isinstance(p, dict) and (n := _text(p.get("name")))
    ]
    f["publisher"] = names[0] if names else None
    _date(found, record.get("publish_date"))
    f["pages"] = _pages(record.get("number_of_pages"))
    cover = record.get("cover")
    if isinstance(cover, dict):
        f["cover_url"] = _https(_text(cover.get("large")) or _text(cover.get("medium")))
    subjects = record.get("subjects")
    f["categories"] = [
        n
        for s in (subjects if isinstance(subjects, list) else [])
        if (n := _text(s.get("name") if isinstance(s, dict) else s))
    ][:_MAX_CATEGORIES]
    identifiers = record.get("identifiers")
    if isinstance(identifiers, dict):
        _isbns(found, identifiers.get("isbn_10"), identifiers.get("isbn_13"))
    return found


def matching_volume(items: Any, isbn: str) -> dict[str, Any] | None:
    """The first volume whose identifiers include our ISBN: a `q=isbn:` search can return near misses."""
    for item in items if isinstance(items, list) else []:
        info = item.get("volumeInfo") if isinstance(item, dict) else None
        if not isinstance(info, dict):
            continue
        ids = info.get("industryIdentifiers")
        values = {
            normalize(i.get("identifier"))
            for i in (ids if isinstance(ids, list) else [])
            if isinstance(i, dict) and isinstance(i.get("identifier"), str)
        }
        if isbn in values:
            return info
    return None


def googlebooks_found(info: dict[str, Any]) -> Found:
    """Google Books' `volumeInfo` → Found."""
    found = Found(GOOGLEBOOKS)
    f = found.fields
    f["title"] = _text(info.get("title"))
    f["subtitle"] = _text(info.get("subtitle"))
    authors = info.get("authors")
    f["authors"] = [Author(name=n) for a in (authors if isinstance(authors, list) else []) if (n := _text(a))]
    f["publisher"] = _text(info.get("publisher"))
    _date(found, info.get("publishedDate"))
    f["pages"] = _pages(info.get("pageCount"))
    f["description"] = _html_text(info.get("description"))
    categories = info.get("categories")
    f["categories"] = [n for c in (categories if isinstance(categories, list) else []) if (n := _text(c))]
    code = _text(info.get("language"))
    f["language"] = _LANGUAGES.get(code.lower().split("-")[0], code) if code else None
    links = info.get("imageLinks")
    if isinstance(links, dict):
        for size in ("extraLarge", "large", "medium", "small", "thumbnail", "smallThumbnail"):
            if url := _text(links.get(size)):
                f["cover_url"] = _https(url.replace("&edge=curl", ""))
                break
    ids = info.get("industryIdentifiers")
    ids = ids if isinstance(ids, list) else []
    _isbns(
        found,
        [i.get("identifier") for i in ids if isinstance(i, dict) and i.get("type") == "ISBN_10"],
        [i.get("identifier") for i in ids if isinstance(i, dict) and i.get("type") == "ISBN_13"],
    )
    return found


def _https(url: str | None) -> str | None:
    # Both APIs still hand out http:// image links; the same URLs work over https.
    return "https://" + url[len("http://") :] if url and url.startswith("http://") else url


def _html_text(value: Any) -> str | None:
    """Google Books descriptions carry light HTML (<p>, <br>, <b>): clean text with paragraphs,
    the same shape the page parser gives."""
    text = _text(value)
    if not text:
        return None
    if "<" not in text and "&" not in text:
        return text
    try:  # the HTML parser decodes its entities, once
        root = etree.fromstring(f"<div>{value}</div>", etree.HTMLParser(recover=True, no_network=True))
    except (etree.LxmlError, ValueError):
        return None
    return (to_paragraphs(root) or None) if root is not None else None
