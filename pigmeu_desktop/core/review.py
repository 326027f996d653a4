"""Review logic as data: draft-vs-draft and source-vs-draft comparisons as structured hunks (no Qt)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from pigmeu_desktop.core.models import Book, Draft, Submission

HunkKind = Literal["equal", "insert", "delete", "replace"]
# Text fields compared word by word (short) or line by line (the body); list fields as added/removed items.
WORD_FIELDS = ("title", "slug", "excerpt", "meta_description", "focus_keyword")
LINE_FIELDS = ("body_markdown",)
LIST_FIELDS = ("tags", "categories")
# Every field of a draft that the editor writes and the post carries (the one list of them).
DRAFT_FIELDS = WORD_FIELDS + LINE_FIELDS + LIST_FIELDS
# The short texts the AI can rewrite one at a time (the slug follows the title).
SHORT_TEXT_FIELDS = tuple(name for name in WORD_FIELDS if name != "slug")
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True, slots=True)
class Hunk:
    """One run of a diff: what the old text had and what the new text has there."""

    kind: HunkKind
    old: tuple[str, ...]
    new: tuple[str, ...]


def hunk_lines(hunks: Iterable[Hunk]) -> Iterator[tuple[str, str]]:
    """Every line of `hunks` as (kind, text): "equal", "delete" (an old line) or "insert" (a new one),
    without its line break; what a line-by-line diff view prints, each with its own marks."""
    for hunk in hunks:
        if hunk.kind == "equal":
            yield from (("equal", line.rstrip("\n")) for line in hunk.old)
            continue
        yield from (("delete", line.rstrip("\n")) for line in hunk.old)
        yield from (("insert", line.rstrip("\n")) for line in hunk.new)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A draft field that differs, with the hunks a view paints (or added/removed items for lists)."""

    field: str
    hunks: tuple[Hunk, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def _tokens(text: str, by: Literal["word", "line"]) -> list[str]:
    if by == "line":
        return text.splitlines(keepends=True)
    return _WORDS.findall(text)  # words and the whitespace between them, so joining gives the text back


def diff_text(old: str, new: str, *, by: Literal["word", "line"] = "line") -> tuple[Hunk, ...]:
    """Hunks that turn `old` into `new`; joining each side's pieces in order gives back each text."""
    a, b = _tokens(old, by), _tokens(new, by)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return tuple(Hunk(tag, tuple(a[i1:i2]), tuple(b[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes())


def diff_drafts(old: Draft, new: Draft) -> tuple[FieldChange, ...]:
    """Every published field that differs between two drafts, in the order an editor reads them."""
    changes: list[FieldChange] = []
    for name in WORD_FIELDS + LINE_FIELDS:
        before, after = getattr(old, name) or "", getattr(new, name) or ""
        if before != after:
            changes.append(
                FieldChange(name, diff_text(before, after, by="line" if name in LINE_FIELDS else "word"))
            )
    for name in LIST_FIELDS:
        before, after = list(getattr(old, name)), list(getattr(new, name))
        if before != after:
            changes.append(
                FieldChange(
                    name,
                    added=tuple(x for x in after if x not in before),
                    removed=tuple(x for x in before if x not in after),
                )
            )
    return tuple(changes)


def revision_diff(submission: Submission, old_n: int, new_n: int) -> tuple[FieldChange, ...]:
    """What changed from revision `old_n` to revision `new_n` of an item (KeyError if one is missing)."""
    by_n = {revision.n: revision.draft for revision in submission.revisions}
    return diff_drafts(by_n[old_n], by_n[new_n])


@dataclass(frozen=True, slots=True)
class SourceFact:
    """One fact read from Amazon and whether the draft mentions it (the source side of the review)."""

    field: str
    value: str
    in_draft: bool


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def source_facts(book: Book, draft: Draft) -> tuple[SourceFact, ...]:
    """The book's key facts (title, authors, publisher, year, pages) and whether the draft states each.

    Shown beside the draft so the editor sees at a glance what the review covers; the opposite check
    (facts in the draft that the book data lacks) is the drafter's grounding list, `draft.ungrounded`.
    """
    text = _normal(" ".join([draft.title, draft.excerpt, draft.body_markdown]))
    facts: list[tuple[str, str]] = [("title", book.title)]
    facts += [("author", author.name) for author in book.authors]
    if book.publisher:
        facts.append(("publisher", book.publisher))
    if book.publication_date:
        facts.append(("year", str(book.publication_date.year)))
    if book.pages:
        facts.append(("pages", str(book.pages)))
    return tuple(SourceFact(field, value, _mentions(text, value)) for field, value in facts if value)


def _mentions(text: str, value: str) -> bool:
    """Whole-word match, so "200" (pages) is not found inside "2009" (a year)."""
    return re.search(rf"(?<!\w){re.escape(_normal(value))}(?!\w)", text) is not None
