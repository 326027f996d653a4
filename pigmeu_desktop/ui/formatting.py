"""Dates, times and prices written the way the interface language writes them (QLocale's default)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

# The symbols editors know for the marketplaces' currencies; any other shows its ISO code.
CURRENCY_SYMBOLS = {
    "BRL": "R$",
    "USD": "US$",
    "GBP": "£",
    "EUR": "€",
    "JPY": "¥",
    "CAD": "CA$",
    "AUD": "A$",
    "MXN": "MX$",
    "INR": "₹",
}
NO_CENTS = {"JPY"}


def _four_digit_year(pattern: str) -> str:
    """Qt's short formats use a two-digit year in some languages (en: 1/30/20): ambiguous for books."""
    return re.sub(r"(?<!y)yy(?!y)", "yyyy", pattern)


def format_date(value: date) -> str:
    locale = QLocale()
    return locale.toString(
        QDate(value.year, value.month, value.day),
        _four_digit_year(locale.dateFormat(QLocale.FormatType.ShortFormat)),
    )


def format_datetime(value: datetime) -> str:
    """In the computer's time zone."""
    local = value.astimezone()
    moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    locale = QLocale()
    return locale.toString(moment, _four_digit_year(locale.dateTimeFormat(QLocale.FormatType.ShortFormat)))


def format_price(amount: Decimal | float, currency: str) -> str:
    code = currency.upper()
    decimals = 0 if code in NO_CENTS else 2
    symbol = CURRENCY_SYMBOLS.get(code)
    if symbol is None:  # an ISO code reads best apart from the number in every language
        return f"{code}\xa0{QLocale().toString(float(amount), 'f', decimals)}"  # no break inside
    return QLocale().toCurrencyString(float(amount), symbol, decimals)
