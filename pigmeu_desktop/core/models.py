"""Domain models shared by SQLite, MongoDB, the CLI and the UI (ARCHITECTURE.md, "Data model")."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pigmeu_desktop.core.states import Status


def utcnow() -> datetime:
    """Timezone-aware UTC now, to the millisecond; every timestamp the app stores is UTC.

    Milliseconds because that is what MongoDB keeps: a document reads back equal in both stores.
    """
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def new_id() -> str:
    """A random 24-hex id (ObjectId-sized, so MongoDB tools show it naturally).

    Random rather than time-first, so the short 8-character prefix the CLI and UI show is unique.
    """
    return os.urandom(12).hex()


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, validate_assignment=False)

    def to_doc(self) -> dict[str, Any]:
        """JSON-ready dict with the document field names (dates as ISO strings, decimals as strings)."""
        return self.model_dump(mode="json", by_alias=True)


class Author(_Model):
    name: str
    role: str | None = None


class Price(_Model):
    amount: Decimal
    currency: str  # ISO 4217, e.g. "BRL"


class Book(_Model):
    """What the scraper extracted from the product page; `None` where the page does not show a field."""

    title: str
    subtitle: str | None = None
    authors: list[Author] = Field(default_factory=list)
    # The ASIN of the page itself (Amazon may serve another edition than the link asked for).
    asin: str | None = None
    isbn10: str | None = None
    isbn13: str | None = None
    publisher: str | None = None
    publication_date: date | None = None
    language: str | None = None
    pages: int | None = None
    binding: str | None = None
    price: Price | None = None
    rating: float | None = None
    rating_count: int | None = None
    description: str | None = None
    cover_url: str | None = None
    categories: list[str] = Field(default_factory=list)
    bestseller_rank: str | None = None
    scraped_at: datetime | None = None
    # Local file of the downloaded cover (content-addressed, under the data dir), and whether it is pending.
    cover_path: str | None = None
    # Local copy of the product page, kept when it missed core fields (for the editor's report).
    kept_page: str | None = None
    warnings: list[str] = Field(default_factory=list)
    # Where a field came from when it is not the Amazon page (e.g. {"pages": "openlibrary"}).
    sources: dict[str, str] = Field(default_factory=dict)


# A book's facts, in the order an editor reads them: what a page or a catalogue states about the book
# (not the scraper's bookkeeping: page ASIN, scrape time, local files, warnings, sources). The prompt's
# facts, the enrichment's fillable fields and `scrape --explain` are each a selection of this list.
BOOK_FACTS = (
    "title",
    "subtitle",
    "authors",
    "isbn10",
    "isbn13",
    "publisher",
    "publication_date",
    "language",
    "pages",
    "binding",
    "price",
    "rating",
    "rating_count",
    "description",
    "cover_url",
    "categories",
    "bestseller_rank",
)


class Usage(_Model):
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0


class Draft(_Model):
    """The review article as the LLM (or the editor) wrote it."""

    title: str = ""
    slug: str = ""
    excerpt: str = ""
    meta_description: str = ""
    focus_keyword: str = ""
    body_markdown: str = ""
    tags: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    provider: str | None = None
    model: str | None = None
    prompt_id: str | None = None
    prompt_version: int | None = None
    schema_id: str | None = None  # the content schema (and its version) the AI's answer was checked against
    schema_version: int | None = None
    usage: Usage = Field(default_factory=Usage)
    generated_at: datetime | None = None
    # Facts in the draft that the book data does not back (numbers, names, dates); shown to the editor.
    ungrounded: list[str] = Field(default_factory=list)
    needs_writing: bool = False


class Revision(_Model):
    n: int
    at: datetime = Field(default_factory=utcnow)
    author: str  # editor name, or "ai:<model>"
    draft: Draft
    # What made it: "ai", "edit" (an editing session; its autosaves update it), "restore", "merge",
    # "ai-partial" (a generation stopped part-way and kept). None on revisions older than the editor.
    kind: str | None = None
    session: str | None = None  # the editing session whose autosaves this revision holds
    restored_from: int | None = None


class WordPressRef(_Model):
    site_url: str
    post_id: int | None = None
    media_id: int | None = None
    link: str | None = None
    status: str | None = None
    published_at: datetime | None = None
    content_hash: str | None = None


class ErrorInfo(_Model):
    step: str
    code: str
    message: str
    attempts: int = 1
    at: datetime = Field(default_factory=utcnow)
    next_step: str | None = None
    # Small facts the editor can act on (e.g. raw_output_path of an unusable AI answer); never secrets.
    data: dict[str, Any] = Field(default_factory=dict)


class Lease(_Model):
    owner: str
    until: datetime


class Submission(_Model):
    """One book link in the queue: the `submissions` document."""

    id: str = Field(default_factory=new_id, alias="_id")
    amazon_url: str
    asin: str
    marketplace: str
    source_url: str | None = None
    status: Status = Status.QUEUED
    pipeline_id: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    created_by: str | None = None
    version: int = 1
    book: Book | None = None
    # The editor's corrections of book fields, kept apart from the scraped `book` so a re-scrape
    # never loses them (core/editing.py applies them: `effective_book`).
    book_edits: dict[str, Any] = Field(default_factory=dict)
    draft: Draft | None = None
    revisions: list[Revision] = Field(default_factory=list)
    wordpress: WordPressRef | None = None
    error: ErrorInfo | None = None
    lease: Lease | None = None

    @property
    def title(self) -> str | None:
        if self.draft and self.draft.title:
            return self.draft.title
        return self.book.title if self.book else None

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Submission:
        return cls.model_validate(doc)
