"""The parser's building blocks: localized dates and numbers, ISBN checksums, charset choice, currencies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pigmeu_desktop.core.links import isbn13_to_isbn10
from pigmeu_desktop.services.scraping.parsing import charset, isbn
from pigmeu_desktop.services.scraping.parsing.dates import parse_date
from pigmeu_desktop.services.scraping.parsing.labels import lookup_key
from pigmeu_desktop.services.scraping.parsing.numbers import parse_decimal, parse_int, parse_rating
from pigmeu_desktop.services.scraping.parsing.price import currency_for


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 1, 1981", date(1981, 1, 1)),
        ("30 Jan. 2020", date(2020, 1, 30)),
        ("6 de março de 2017", date(2017, 3, 6)),
        ("6 março 2017", date(2017, 3, 6)),
        ("20 abril 2015", date(2015, 4, 20)),
        ("26 septembre 2014", date(2014, 9, 26)),
        ("1er février 2014", date(2014, 2, 1)),
        ("30. März 2020", date(2020, 3, 30)),
        ("12. Okt. 2020", date(2020, 10, 12)),
        ("12 marzo 2019", date(2019, 3, 12)),
        ("5 dic. 2018", date(2018, 12, 5)),
        ("2004/3/1", date(2004, 3, 1)),
        ("2004年3月1日", date(2004, 3, 1)),
        ("3 mrt. 2020", date(2020, 3, 3)),
        ("2008년 4월 22일", date(2008, 4, 22)),
        ("Sept. 5, 2019", date(2019, 9, 5)),
    ],
)
def test_localized_dates(text, expected):
    assert parse_date(text) == (expected, True)


def test_partial_and_numeric_dates():
    assert parse_date("January 2008") == (date(2008, 1, 1), False)
    assert parse_date("01/02/2020", month_first=True)[0] == date(2020, 1, 2)
    assert parse_date("01/02/2020")[0] == date(2020, 2, 1)
    assert parse_date("1/30/2020")[0] == date(2020, 1, 30)  # unambiguous either way
    assert parse_date("31 février 2020") == (None, False)
    assert parse_date("no date here") == (None, False)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("$10.10", "10.10"),
        ("24,21€", "24.21"),
        ("R$ 19,90", "19.90"),
        ("1.234,56 €", "1234.56"),
        ("$1,234.56", "1234.56"),
        ("1\u202f234,56 €", "1234.56"),
        ("EUR 9,99", "9.99"),
        ("£1,000", "1000"),
    ],
)
def test_prices_with_either_decimal_mark(text, amount):
    assert parse_decimal(text) == Decimal(amount)


def test_yen_has_no_decimals():
    assert parse_decimal("￥1,234", zero_decimals=True) == Decimal("1234")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("5,876 ratings", 5876),
        ("5.864 valoraciones", 5864),
        ("1 234 évaluations", 1234),
        ("(21.2K)", 21200),
        ("1,2 mil avaliações", 1200),
        ("1,234個の評価", 1234),
        ("no count", None),
    ],
)
def test_counts(text, count):
    assert parse_int(text) == count


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("4.6 out of 5 stars", 4.6),
        ("4,6 de 5 estrelas", 4.6),
        ("4,5 su 5 stelle", 4.5),
        ("5つ星のうち4.3", 4.3),
        ("5.0 out of 5 stars", 5.0),
        ("5점 만점에 4.4점", 4.4),
        ("5 yıldız üzerinden 4,4", 4.4),
        ("4.4 颗星，最多 5 颗星", 4.4),
        ("7 of 10", None),
    ],
)
def test_ratings(text, rating):
    assert parse_rating(text) == rating


@pytest.mark.parametrize(
    ("text", "market", "code"),
    [
        ("$10.10", "amazon.com", "USD"),
        ("$199.00", "amazon.com.mx", "MXN"),
        ("R$ 19,90", "amazon.com.br", "BRL"),
        ("CDN$ 12.50", "amazon.ca", "CAD"),
        ("US$11.99", "amazon.com.br", "USD"),
        ("24,21 €", "amazon.es", "EUR"),
        ("£5.43", "amazon.co.uk", "GBP"),
        ("￥572", "amazon.co.jp", "JPY"),
        ("12,00", "amazon.de", "EUR"),
    ],
)
def test_currency_from_symbol_then_marketplace(text, market, code):
    assert currency_for(text, market) == code


def test_isbn_checksums():
    assert isbn.is_valid_isbn10("3518366823") and isbn.is_valid_isbn10("088001234X")
    assert not isbn.is_valid_isbn10("3518366824")
    assert isbn.is_valid_isbn13("9783518366820") and not isbn.is_valid_isbn13("9783518366821")
    assert isbn.first_isbn("978-3518366820", 13) == "9783518366820"
    assert isbn.first_isbn("978-3518366821", 13) is None
    assert isbn.isbn10_to_13("3518366823") == "9783518366820"
    assert isbn13_to_isbn10("9780880012348") == "088001234X"  # the one conversion both directions share
    assert not isbn.is_valid_isbn13("1234567890128")  # checksum-valid, but an EAN, not an ISBN


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Publisher \u200f : \u200e", "publisher"),
        ("Editora", "publisher"),
        ("Éditeur :", "publisher"),
        ("Herausgeber", "publisher"),
        ("Verlag:", "publisher"),
        ("出版社", "publisher"),
        ("Langue : :", "language"),
        ("言語", "language"),
        ("Erscheinungstermin", "publication_date"),
        ("発売日", "publication_date"),
        ("Data di pubblicazione", "publication_date"),
        ("Longitud de impresión", "print_length"),
        ("本の長さ", "print_length"),
        ("ISBN-13", "isbn13"),
        ("Amazon Bestseller-Rang", "bestseller_rank"),
        ("Amazon 売れ筋ランキング", "bestseller_rank"),
        ("Posizione nella classifica Bestseller di Amazon", "bestseller_rank"),
        ("Item Weight", None),
    ],
)
def test_labels_in_every_language(label, key):
    assert lookup_key(label) == key


def test_first_declared_charset_wins_and_latin1_that_is_really_utf8():
    latin = '<html><head><meta http-equiv="content-type" content="text/html; charset=ISO-8859-1"></head><body>Éditeur</body></html>'
    assert charset.choose_encoding(latin.encode("iso-8859-1")) == "cp1252"
    assert charset.decode_html(latin.encode("iso-8859-1")).endswith("Éditeur</body></html>")
    # Fixture 13/19 trap: utf-8 first, a stray iso-8859-1 later in the head.
    both = '<meta charset="utf-8"/><script>x</script><meta http-equiv="content-type" content="text/html; charset=iso-8859-1" />'
    assert charset.choose_encoding((both + "Número").encode("utf-8")) == "utf-8"
    # Declared Latin-1, but the bytes are UTF-8: reading them as Latin-1 would give mojibake.
    liar = '<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">Número'
    assert charset.decode_html(liar.encode("utf-8")).endswith("Número")
    sjis = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">こころ'
    assert charset.decode_html(sjis.encode("shift_jis")).endswith("こころ")
    assert charset.decode_html(b"\xef\xbb\xbfplain") == "plain"
    assert charset.decode_html(b"<meta charset='bogus-charset'>caf\xc3\xa9").endswith("café")


def test_kindle_page_numbers_source_isbn_is_not_the_books_isbn():
    from pigmeu_desktop.services.scraping.parser import PageKind, parse_product_page

    html = """<html><body><div id="dp" class="ebooks en_US"><span id="productTitle">The Whole Truth</span>
    <span id="productSubtitle">Kindle Edition</span>
    <table id="productDetailsTable"><tr><td class="bucket"><div class="content"><ul>
    <li><b>File Size:</b> 5482 KB</li><li><b>Print Length:</b> 497 pages</li>
    <li><b>Page Numbers Source ISBN:</b> 1538701146</li>
    <li><b>Publisher:</b> Grand Central Publishing; 1st edition (April 22, 2008)</li>
    <li><b>Language:</b> English</li><li><b>ASIN:</b> B0011UCPM4</li></ul></div></td></tr></table>
    </div></body></html>"""
    parsed = parse_product_page(html, "https://www.amazon.com/gp/product/B0011UCPM4")
    assert parsed.kind is PageKind.BOOK
    assert (parsed.book.isbn10, parsed.book.isbn13) == (None, None)
    assert (parsed.book.pages, parsed.book.binding, parsed.book.publisher) == (
        497,
        "Kindle Edition",
        "Grand Central Publishing",
    )


def test_pages_without_a_declared_charset():
    # Saved without its HTTP header: valid UTF-8 stays UTF-8, anything else is read as a browser would.
    assert charset.decode_html("<p>Éditeur</p>".encode()) == "<p>Éditeur</p>"
    assert charset.decode_html("<p>Éditeur – Größe</p>".encode("cp1252")) == "<p>Éditeur – Größe</p>"
    ja = '<html lang="ja-jp"><p>出版社</p></html>'
    assert charset.decode_html(ja.encode("cp932")) == ja
