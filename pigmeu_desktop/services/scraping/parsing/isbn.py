"""ISBNs in page text: normalisation and the first valid one (the check digits themselves: core/links.py)."""

from __future__ import annotations

import re

from pigmeu_desktop.core.links import is_valid_isbn10
from pigmeu_desktop.core.links import is_valid_isbn13 as _checksum_valid_13
from pigmeu_desktop.core.links import isbn13_to_isbn10 as isbn13_to_10

__all__ = ["first_isbn", "is_valid_isbn10", "is_valid_isbn13", "isbn10_to_13", "isbn13_to_10", "normalize"]
_ISBN_CHARS = re.compile(r"[^0-9Xx]")
_CANDIDATE = re.compile(r"(?<![\dX])(?:97[89][-\s]?)?\d[\d\-\s]{7,15}[\dXx](?![\dX])")


def normalize(text: str | None) -> str:
    """Digits (and a final X) only: "978-3518366820" -> "9783518366820"."""
    return _ISBN_CHARS.sub("", text or "").upper()


def is_valid_isbn13(value: str) -> bool:
    """A checksum-valid ISBN-13 that is one (the Bookland 978/979 prefixes), not any EAN."""
    return value.startswith(("978", "979")) and _checksum_valid_13(value)


def isbn10_to_13(value: str) -> str | None:
    if not is_valid_isbn10(value):
        return None
    core = "978" + value[:9]
    total = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(core))
    return core + str((10 - total % 10) % 10)


def first_isbn(text: str | None, length: int) -> str | None:
    """The first checksum-valid ISBN of `length` (10 or 13) found in text, else None."""
    for match in _CANDIDATE.finditer(text or ""):
        value = normalize(match.group(0))
        if length == 10 and is_valid_isbn10(value):
            return value
        if length == 13 and is_valid_isbn13(value):
            return value
    return None
