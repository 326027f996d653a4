"""Dates and prices in the interface language: a Brazilian editor reads 30/01/2020 and R$ 49,90.

Amounts keep their symbol with a no-break space, so a narrow pane never splits them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from pigmeu_desktop.ui.formatting import format_date, format_datetime, format_price


@pytest.fixture
def language():
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


def test_brazilian_portuguese(language):
    language("pt_BR")
    assert format_date(date(2020, 1, 30)) == "30/01/2020"
    assert format_price(Decimal("1234.5"), "BRL") == "R$\xa01.234,50"
    assert format_price(Decimal("5.43"), "gbp") == "£\xa05,43"
    assert format_price(Decimal("1500"), "JPY") == "¥\xa01.500"  # no cents in yen
    assert format_price(Decimal("12"), "SEK") == "SEK\xa012,00"  # no known symbol: the ISO code


def test_english_keeps_four_digit_years(language):
    language("en")
    assert format_date(date(2020, 1, 30)) == "1/30/2020"  # Qt's short format alone says 1/30/20
    assert format_price(Decimal("5.43"), "GBP") == "£5.43"
    assert format_price(Decimal("12"), "SEK") == "SEK\xa012.00"


def test_times_are_shown_in_the_computers_time_zone(language):
    language("pt_BR")
    moment = datetime(2026, 11, 29, 5, 21, tzinfo=timezone(timedelta(hours=-3)))
    local = moment.astimezone()
    assert format_datetime(moment) == f"{local:%d/%m/%Y %H:%M}"
