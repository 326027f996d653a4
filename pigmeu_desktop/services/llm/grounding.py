"""Grounding check: facts in a draft (numbers, ISBNs, dates, prices, names) that the book data lacks.

It is a screen for the editor, not a verdict: it lists what to double-check. Numbers match if any
reading of them (1.234 / 1,234 / 1234; 4,6 / 4.6) appears in the book data; names match if every
word of the name appears in the book data. Headings and the purchase link's words are not facts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

from pigmeu_desktop.core.models import Book, Draft

_PRICE = re.compile(
    r"(?:R\$|US\$|\$|€|£|¥)\s?\d[\d.,]*\d|\d[\d.,]*\s?(?:reais|dólares|euros|dollars)\b", re.IGNORECASE
)
_ISBN = re.compile(r"\b(?:97[89][- ]?)?\d{1,5}[- ]?\d{1,7}[- ]?\d{1,7}[- ]?[\dX]\b")
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_WORD = r"[A-ZÀ-ÖØ-Þ][\wÀ-ÖØ-öø-ÿ'’-]+"
# Particles inside one name ("Companhia das Letras", "Ludwig van Beethoven"); never across lines.
_CONNECT = r"(?:[ \t]+(?:de|da|do|dos|das|del|van|von|der|di|du|la|le|of|the)[ \t]+|[ \t]+)"
_NAME = re.compile(rf"{_WORD}(?:{_CONNECT}{_WORD})*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*(?:[-*>]\s*)?|[\"“(]\s*)$")
# Capitalised words that are not facts to check (the store, formats, the blog's own vocabulary).
_COMMON = {"amazon", "kindle", "i", "isbn", "e-book", "ebook"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.lower()


def _number_readings(token: str) -> set[str]:
    """All plausible values of a number token, as normalised strings."""
    digits = re.sub(r"[.,]", "", token)
    readings = {digits.lstrip("0") or "0"}
    for sep in ".,":
        if sep in token:
            head, _, tail = token.rpartition(sep)
            head = re.sub(r"[.,]", "", head)
            try:
                readings.add(_canon(float(f"{head}.{tail}")))
            except ValueError:
                pass
    try:
        readings.add(_canon(float(digits)))
    except ValueError:
        pass
    return readings


def _canon(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _book_text(book: Book) -> str:
    doc = book.to_doc()
    for key in ("cover_url", "cover_path", "kept_page", "warnings", "scraped_at"):
        doc.pop(key, None)
    text = json.dumps(doc, ensure_ascii=False)
    if book.publication_date:
        d = book.publication_date
        text += f" {d.year} {d.month} {d.day} {d.day:02d}/{d.month:02d}/{d.year}"
    return text.replace("-", " ").replace("_", " ")


def ungrounded_facts(draft: Draft, book: Book, *, ignore: Iterable[str] = ()) -> list[str]:
    """Facts in the draft's text that do not appear in the book data, in order of appearance."""
    book_text = _book_text(book)
    book_numbers: set[str] = set()
    for token in _NUMBER.findall(book_text):
        book_numbers |= _number_readings(token)
    book_digits = re.sub(r"\D", "", book_text)
    book_words = set(re.findall(r"[a-z0-9']+", _fold(book_text)))
    ignored_words = set()
    for phrase in ignore:
        ignored_words |= set(re.findall(r"[a-z0-9']+", _fold(phrase)))

    text = "\n".join(
        [draft.title, draft.excerpt, draft.meta_description, _without_markup(draft.body_markdown)]
    )
    found: list[str] = []
    consumed: list[tuple[int, int]] = []

    def note(fact: str) -> None:
        if fact not in found:
            found.append(fact)

    def overlaps(m: re.Match) -> bool:
        return any(m.start() < e and s < m.end() for s, e in consumed)

    for pattern in (_PRICE, _DATE, _ISBN):
        for m in pattern.finditer(text):
            if overlaps(m):
                continue
            consumed.append(m.span())
            token = m.group(0)
            numbers = _NUMBER.findall(token)
            if pattern is _ISBN:
                digits = re.sub(r"[^\dX]", "", token)
                if len(digits) in (10, 13):
                    if digits not in book_digits and digits.rstrip("X") not in book_digits:
                        note(token)
                    continue
                consumed.pop()  # not an ISBN after all: let the number pass judge it
                continue
            if not all(_number_readings(n) & book_numbers for n in numbers):
                note(token.strip())
    for m in _NUMBER.finditer(text):
        if overlaps(m):
            continue
        token = m.group(0)
        readings = _number_readings(token)
        small = re.fullmatch(r"\d", token) is not None  # "3 motivos": counting words, not facts
        if not small and not readings & book_numbers:
            note(token)
    for m in _NAME.finditer(text):
        name = m.group(0)
        words = re.findall(r"[a-z0-9']+", _fold(name))
        significant = [
            w
            for w in words
            if w
            not in {
                "de",
                "da",
                "do",
                "dos",
                "das",
                "del",
                "van",
                "von",
                "der",
                "di",
                "du",
                "la",
                "le",
                "e",
                "y",
                "of",
                "the",
            }
        ]
        at_start = _SENTENCE_START.search(text[: m.start()]) is not None
        if at_start:
            # The first word is capitalised by grammar; judge only the words after it, if any are names.
            significant = significant[1:]
            if not significant:
                continue
        if not significant or all(w in _COMMON or w in ignored_words for w in significant):
            continue
        if any(w not in book_words and w not in ignored_words and w not in _COMMON for w in significant):
            note(name)
    return found[:50]


def _without_markup(body: str) -> str:
    body = re.sub(
        r"^#{1,6}[ \t].*$", "", body, flags=re.MULTILINE
    )  # headings are the blog's words, not facts
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)  # link texts stay, URLs go
    body = re.sub(r"[*_`]+", "", body)
    return body
