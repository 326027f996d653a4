"""Map a detail label in any supported language ("Editora", "Erscheinungstermin", "発売日") to a field key."""

from __future__ import annotations

import re

from pigmeu_desktop.services.scraping.parsing.locales import DETAIL_LABELS, PAGE_WORDS
from pigmeu_desktop.services.scraping.parsing.text import normalize_label, strip_accents

_LOOKUP: dict[str, str] = {}
for _key, _labels in DETAIL_LABELS.items():
    for _label in _labels:
        _LOOKUP.setdefault(strip_accents(normalize_label(_label)), _key)

# Labels that vary too much to list: any "... rank/ranking/classement ..." is the best-seller rank.
_RANK = re.compile(r"rank|ranking|classement|clasificaci|classifica|bestseller|ランキング|posizione")
_PUBLISHER_PREFIX = re.compile(r"^(publisher|editora|editorial|editeur|verlag|editore|出版社|uitgever)\b")

_PAGE_VALUE = re.compile(
    r"^\s*\d[\d.,\u00a0\u202f ]*\s*(" + "|".join(re.escape(w) for w in PAGE_WORDS) + r")",
    re.IGNORECASE,
)


def lookup_key(label: str) -> str | None:
    """The canonical key of a detail label, or None when the label is not one we read."""
    norm = strip_accents(normalize_label(label))
    if not norm:
        return None
    key = _LOOKUP.get(norm)
    if key:
        return key
    # "Publisher (Kindle)", "ISBN-13 (paperback)", "Language: : English"
    base = re.sub(r"\s*\(.*\)$", "", norm).strip()
    if base != norm and base in _LOOKUP:
        return _LOOKUP[base]
    if _RANK.search(norm):
        return "bestseller_rank"
    if _PUBLISHER_PREFIX.match(norm):
        return "publisher"
    return None


def is_page_count(value: str) -> bool:
    """True for values like "121 pages", "408 páginas", "497ページ" (the binding rows carry these)."""
    return bool(_PAGE_VALUE.match(value or ""))
