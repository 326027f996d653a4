"""ISBN-10/13 normalisation and checksum validation (a wrong check digit means the value is not an ISBN)."""

from __future__ import annotations

import re

_ISBN_CHARS = re.compile(r"[^0-9Xx]")
_CANDIDATE = re.compile(r"(?<![\dX])(?:97[89][-\s]?)?\d[\d\-\s]{7,15}[\dXx](?![\dX])")


def normalize(text: str | None) -> str:
    """Digits (and a final X) only: "978-3518366820" -> "9783518366820"."""
    return _ISBN_CHARS.sub("", text or "").upper()


def is_valid_isbn10(value: str) -> bool:
    if not re.fullmatch(r"\d{9}[\dX]", value):
        return False
    total = sum((10 - i) * int(ch) for i, ch in enumerate(value[:9]))
    total += 10 if value[9] == "X" else int(value[9])
    return total % 11 == 0


def is_valid_isbn13(value: str) -> bool:
    if not re.fullmatch(r"97[89]\d{10}", value):
        return False
    total = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(value[:12]))
    return (10 - total % 10) % 10 == int(value[12])


def isbn10_to_13(value: str) -> str | None:
    if not is_valid_isbn10(value):
        return None
    core = "978" + value[:9]
    total = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(core))
    return core + str((10 - total % 10) % 10)


def isbn13_to_10(value: str) -> str | None:
    if not is_valid_isbn13(value) or not value.startswith("978"):
        return None
    core = value[3:12]
    check = (11 - sum((10 - i) * int(ch) for i, ch in enumerate(core)) % 11) % 11
    return core + ("X" if check == 10 else str(check))


def first_isbn(text: str | None, length: int) -> str | None:
    """The first checksum-valid ISBN of `length` (10 or 13) found in text, else None."""
    for match in _CANDIDATE.finditer(text or ""):
        value = normalize(match.group(0))
        if length == 10 and is_valid_isbn10(value):
            return value
        if length == 13 and is_valid_isbn13(value):
            return value
    return None
