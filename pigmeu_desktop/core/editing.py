"""The editor's changes as pure functions: book corrections kept apart from scraped data, draft saves
as revisions (one per editing session), restores, and "did the stored draft move under me"."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.models import Author, Book, Draft, Revision, Submission, utcnow
from pigmeu_desktop.core.review import DRAFT_FIELDS

# Book fields an editor may correct, in the order the Source pane shows them, with their kind.
# "authors" is edited as names separated by ";" (a name may hold a comma: "Assis, Machado de").
BOOK_FIELDS: dict[str, str] = {
    "title": "text",
    "subtitle": "text",
    "authors": "authors",
    "publisher": "text",
    "publication_date": "date",
    "language": "text",
    "pages": "int",
    "binding": "text",
    "isbn10": "text",
    "isbn13": "text",
    "description": "longtext",
}

KIND_AI, KIND_EDIT, KIND_RESTORE, KIND_MERGE, KIND_PARTIAL = "ai", "edit", "restore", "merge", "ai-partial"
KIND_ASIDE = "aside"  # the editor's text kept beside the draft (closed during an unresolved conflict)


def book_field_text(book: Book | None, name: str) -> str:
    """A book field as the editor reads and types it."""
    if book is None:
        return ""
    value = getattr(book, name)
    if value is None:
        return ""
    if name == "authors":
        return "; ".join(a.name for a in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _parse(name: str, text: str) -> Any:
    """The typed value of an edited book field; a bad value is refused with the field named."""
    kind = BOOK_FIELDS[name]
    text = text.strip()
    if kind == "authors":
        return [{"name": part.strip()} for part in text.split(";") if part.strip()]
    if not text:
        return None
    try:
        if kind == "int":
            return int(text)
        if kind == "date":
            return date.fromisoformat(text).isoformat()
    except ValueError:
        raise PigmeuError(
            f"'{text}' is not a valid value for {name}.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Pages are a whole number; dates are written 2024-03-31.",
            field=name,
        ) from None
    return text


def set_book_edit(submission: Submission, name: str, text: str) -> Submission:
    """The submission with the editor's value for one book field; typing the scraped value back removes
    the correction (so "edited" only shows where the text really differs)."""
    if name not in BOOK_FIELDS:
        raise PigmeuError(f"'{name}' is not an editable book field.", code=ErrorCode.INVALID_INPUT)
    edits = dict(submission.book_edits)
    value = _parse(name, text)
    if text.strip() == book_field_text(submission.book, name).strip():
        edits.pop(name, None)
    else:
        edits[name] = value
    return submission.model_copy(update={"book_edits": edits})


def reset_book_edit(submission: Submission, name: str) -> Submission:
    edits = {k: v for k, v in submission.book_edits.items() if k != name}
    return submission.model_copy(update={"book_edits": edits})


def effective_book(submission: Submission) -> Book | None:
    """The scraped book with the editor's corrections applied: what drafting and publishing use."""
    book = submission.book
    if book is None or not submission.book_edits:
        return book
    update: dict[str, Any] = {}
    for name, value in submission.book_edits.items():
        if name not in BOOK_FIELDS:
            continue  # a field a newer version knows; ignored rather than failing
        if name == "authors":
            update[name] = [Author(**a) for a in value]
        elif name == "publication_date" and value:
            update[name] = date.fromisoformat(value)
        else:
            update[name] = value
    if not update.get("title", book.title):
        update.pop("title")  # a book always has a title: an emptied one falls back to the scraped title
    return book.model_copy(update=update)


def published_fields(draft: Draft | None) -> dict[str, Any]:
    draft = draft or Draft()
    return {name: getattr(draft, name) for name in DRAFT_FIELDS}


def same_text(a: Draft | None, b: Draft | None) -> bool:
    """True when two drafts carry the same post (provider, usage and timestamps do not count)."""
    return published_fields(a) == published_fields(b)


def _next_n(submission: Submission) -> int:
    return max((r.n for r in submission.revisions), default=0) + 1


def with_editor_draft(
    submission: Submission, draft: Draft, *, author: str, session: str, now: datetime | None = None
) -> Submission:
    """The submission with the editor's draft, recorded as the revision of this editing session.

    An editing session (opening an item until leaving it, or until an AI generation or a restore)
    is one revision: its autosaves, every second while typing, update that revision rather than add
    hundreds. Every other revision is left as it was.
    """
    now = now or utcnow()
    stored = submission.draft or Draft()
    # The editor owns the text fields; provenance (provider, prompt, usage) stays the generation's.
    merged = stored.model_copy(update={**published_fields(draft), "ungrounded": list(draft.ungrounded)})
    revisions = list(submission.revisions)
    last = revisions[-1] if revisions else None
    if last is not None and last.kind == KIND_EDIT and last.session == session:
        revisions[-1] = last.model_copy(update={"draft": merged, "at": now})
    elif not same_text(merged, stored) or not revisions:
        revisions.append(
            Revision(
                n=_next_n(submission), at=now, author=author, draft=merged, kind=KIND_EDIT, session=session
            )
        )
    return submission.model_copy(update={"draft": merged, "revisions": revisions})


def with_restored_revision(
    submission: Submission, n: int, *, author: str, now: datetime | None = None
) -> Submission:
    """Revision `n` becomes the draft again, as a new revision (nothing is overwritten)."""
    source = next((r for r in submission.revisions if r.n == n), None)
    if source is None:
        raise PigmeuError(f"This item has no revision {n}.", code=ErrorCode.INVALID_INPUT)
    current = submission.draft or Draft()
    draft = current.model_copy(update=published_fields(source.draft))
    revision = Revision(
        n=_next_n(submission),
        at=now or utcnow(),
        author=author,
        draft=draft,
        kind=KIND_RESTORE,
        restored_from=n,
    )
    return submission.model_copy(update={"draft": draft, "revisions": [*submission.revisions, revision]})


def with_kept_partial(
    submission: Submission, draft: Draft, *, author: str, now: datetime | None = None
) -> Submission:
    """A generation stopped part-way whose text the editor chose to keep: a revision of its own."""
    revision = Revision(
        n=_next_n(submission), at=now or utcnow(), author=author, draft=draft, kind=KIND_PARTIAL
    )
    return submission.model_copy(update={"draft": draft, "revisions": [*submission.revisions, revision]})


def with_text_aside(
    submission: Submission, draft: Draft, *, author: str, now: datetime | None = None
) -> Submission:
    """The editor's text kept as a revision without becoming the draft: nothing overwritten, nothing lost."""
    current = submission.draft or Draft()
    kept = current.model_copy(update=published_fields(draft))
    revision = Revision(n=_next_n(submission), at=now or utcnow(), author=author, draft=kept, kind=KIND_ASIDE)
    return submission.model_copy(update={"revisions": [*submission.revisions, revision]})
