"""Publication dates in Amazon's locales -> `datetime.date` ("January 1, 1981", "30 Jan. 2020",
"6 de março de 2017", "30. Januar 2020", "2020/1/30", "2020年1月30日")."""

from __future__ import annotations

import re
from datetime import date

from pigmeu_desktop.services.scraping.parsing.locales import MONTHS
from pigmeu_desktop.services.scraping.parsing.text import clean, strip_accents

_ISO = re.compile(r"\b(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})\s*[日일]?")
_NUMERIC_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")


def _month(token: str) -> int | None:
    word = strip_accents(token.rstrip(".").casefold())
    return MONTHS.get(word)


def parse_date(text: str | None, *, month_first: bool = False) -> tuple[date | None, bool]:
    """(date, exact) from localized text; `exact` is False when only month/year (day set to 1) was shown.

    `month_first` resolves all-numeric dates like 1/2/2020 the US way; word dates need no hint.
    """
    if not text:
        return None, False
    value = clean(text)
    iso = _ISO.search(value)
    if iso:
        return _safe(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    # Tokenise "6 de março de 2017" / "January 1, 1981" / "30. Januar 2020" / "1er janvier 2014".
    tokens = re.findall(r"\d+(?:st|nd|rd|th|er|º|°)?\.?|[^\W\d_]+\.?", value, re.UNICODE)
    day = month = year = None
    for token in tokens:
        if month is None and not token[0].isdigit():
            found = _month(token)
            if found:
                month = found
                continue
        if token[0].isdigit():
            digits = token[: len(token) - len(token.lstrip("0123456789"))]  # its leading digits
            if len(digits) == 4 and year is None:
                year = int(digits)
            elif len(digits) <= 2 and day is None and year is None:
                day = int(digits)
    if month and year:
        if day:
            return _safe(year, month, day)
        return _safe(year, month, 1, exact=False)
    numeric = _NUMERIC_DMY.search(value)
    if numeric:
        first, second, yr = (int(g) for g in numeric.groups())
        if second > 12 or (month_first and first <= 12):
            return _safe(yr, first, second)
        return _safe(yr, second, first)
    if year and not month and re.fullmatch(r"\(?\d{4}\)?", value):
        return _safe(year, 1, 1, exact=False)
    return None, False


def _safe(year: int, month: int, day: int, *, exact: bool = True) -> tuple[date | None, bool]:
    if not 1000 <= year <= 2100:
        return None, False
    try:
        return date(year, month, day), exact
    except ValueError:
        return None, False
