"""Locale-aware numbers: "1.234,56", "1,234.56", "5 876", "21.2K", ratings like "4,6 de 5" or "5つ星のうち4.6"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pigmeu_desktop.services.scraping.parsing.text import clean

_NUMBER = re.compile(r"\d[\d.,'\u00a0\u202f\u2009 ]*\d|\d")
_COMPACT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(k|mil|m|mi|mio|tsd|千|万)\b", re.IGNORECASE)
_COMPACT_FACTORS = {
    "k": 1000,
    "mil": 1000,
    "tsd": 1000,
    "千": 1000,
    "m": 1_000_000,
    "mi": 1_000_000,
    "mio": 1_000_000,
    "万": 10_000,
}


def _group_chars(raw: str) -> str:
    return (
        raw.replace("\u00a0", "")
        .replace("\u202f", "")
        .replace("\u2009", "")
        .replace(" ", "")
        .replace("'", "")
    )


def parse_decimal(text: str | None, *, zero_decimals: bool = False) -> Decimal | None:
    """The first number in `text` as a Decimal, guessing which of '.'/',' is the decimal separator.

    Rules: with both separators, the last one is the decimal point; with one kind, a single separator
    followed by exactly 1-2 digits is a decimal point and anything else groups thousands. Currencies
    without minor units (`zero_decimals`, e.g. JPY) treat every separator as grouping.
    """
    if not text:
        return None
    match = _NUMBER.search(clean(text).replace("\u00a0", " "))
    if not match:
        return None
    raw = _group_chars(match.group(0)).strip(".,")
    if not raw:
        return None
    if zero_decimals:
        digits = re.sub(r"[.,]", "", raw)
        return Decimal(digits) if digits.isdigit() else None
    last_dot, last_comma = raw.rfind("."), raw.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal_sep: str | None = "." if last_dot > last_comma else ","
    elif last_dot >= 0 or last_comma >= 0:
        sep = "." if last_dot >= 0 else ","
        tail = raw.rsplit(sep, 1)[1]
        decimal_sep = sep if raw.count(sep) == 1 and len(tail) in (1, 2) else None
    else:
        decimal_sep = None
    if decimal_sep is None:
        number = re.sub(r"[.,]", "", raw)
    else:
        whole, _, frac = raw.rpartition(decimal_sep)
        number = re.sub(r"[.,]", "", whole) + "." + frac
    try:
        return Decimal(number)
    except InvalidOperation:
        return None


def parse_int(text: str | None) -> int | None:
    """A count such as "5,876 ratings", "5.864 valoraciones", "1 234", "21.2K ratings"; None if absent."""
    if not text:
        return None
    value = clean(text)
    compact = _COMPACT.search(value)
    if compact:
        base = parse_decimal(compact.group(1))
        if base is not None and ("." in compact.group(1) or "," in compact.group(1) or base < 1000):
            return int(base * _COMPACT_FACTORS[compact.group(2).lower()])
    match = _NUMBER.search(value)
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(0))
    return int(digits) if digits else None


# Languages that put the scale first: "5つ星のうち4.6" (ja), "5점 만점에 4.6점" (ko), "5 yıldız üzerinden 4,6" (tr).
_JA_RATING = re.compile(r"5\s*(?:つ星のうち|점\s*만점에|yıldız üzerinden)\s*([\d.,]+)")
_RATING_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def parse_rating(text: str | None) -> float | None:
    """Average rating out of 5: "4.6 out of 5 stars", "4,6 de 5 estrelas", "5つ星のうち4.6"."""
    if not text:
        return None
    value = clean(text)
    ja = _JA_RATING.search(value)
    raw = ja.group(1) if ja else None
    if raw is None:
        match = _RATING_NUMBER.search(value)
        raw = match.group(0) if match else None
    if raw is None:
        return None
    try:
        rating = float(raw.replace(",", "."))
    except ValueError:
        return None
    return rating if 0 <= rating <= 5 else None


def parse_pages(text: str | None) -> int | None:
    """Page count from "121 pages", "408 páginas", "497ページ", "1.024 Seiten"; None if not plausible."""
    value = parse_int(text)
    if value is None or value <= 0 or value > 100_000:
        return None
    return value
