"""Synthetic pages (structurally faithful to Amazon's markup) for layouts, languages and charsets the real
fixtures do not cover: 2012 tables in ISO-8859-1, rpi cards, mobile, de/it/ja, hidden authors, bad ISBNs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pigmeu_desktop.services.scraping.parser import PageKind, parse_product_page

PAGES = Path(__file__).resolve().parent / "pages"


def parse(name: str, url: str):
    return parse_product_page((PAGES / name).read_bytes(), url)


def test_2012_layout_in_iso_8859_1_with_accented_labels_and_months():
    raw = (PAGES / "de-2012-iso8859-taschenbuch.html").read_bytes()
    assert "März".encode("iso-8859-1") in raw and "März".encode() not in raw  # really Latin-1
    parsed = parse("de-2012-iso8859-taschenbuch.html", "https://www.amazon.de/dp/3518366750")
    book = parsed.book
    assert parsed.kind is PageKind.BOOK and parsed.marketplace == "amazon.de"
    assert book.title == "Der Steppenwolf"
    assert [(a.name, a.role) for a in book.authors] == [
        ("Hermann Hesse", "Autor"),
        ("Volker Michels", "Herausgeber"),
    ]
    assert book.binding == "Taschenbuch" and book.pages == 288
    assert book.publisher == "Suhrkamp Verlag"
    assert book.publication_date == date(1974, 3, 1)  # "(1. März 1974)" inside the publisher row
    assert (book.isbn10, book.isbn13) == ("3518366750", "9783518366752")
    assert book.language == "Deutsch"
    # The struck list price (EUR 12,00) is not the price.
    assert (book.price.amount, book.price.currency) == (Decimal("9.99"), "EUR")
    assert (book.rating, book.rating_count) == (4.5, 1234)
    assert "Größe und Einsamkeit" in book.description and "\n\n" in book.description
    assert "Kurzbeschreibung" not in book.description
    assert book.cover_url == "http://ecx.images-amazon.com/images/I/41Xq5fKk4dL.jpg"  # resize suffix dropped
    assert book.categories == ["Bücher", "Literatur & Fiktion", "Klassiker"]
    assert book.bestseller_rank.startswith("#1.234 in Bücher; Nr. 5 in Bücher")


def test_the_same_latin_1_page_as_text_parses_identically():
    raw = (PAGES / "de-2012-iso8859-taschenbuch.html").read_bytes()
    url = "https://www.amazon.de/dp/3518366750"
    assert parse_product_page(raw.decode("iso-8859-1"), url).book == parse_product_page(raw, url).book


def test_rpi_cards_hidden_authors_cover_json_and_buy_box_parts():
    parsed = parse("com-2024-rpi-cards-and-more.html", "https://www.amazon.com/dp/088001234X")
    book = parsed.book
    # "& 2 more": the two contributors hidden with display:none are still authors.
    assert [(a.name, a.role) for a in book.authors] == [
        ("Ada Kline", "Author"),
        ("Kwame Osei", "Illustrator"),
        ("Lena Brandt", "Foreword"),
        ("Marta Ruiz", "Translator"),
    ]
    # Only rpi cards carry the details on this page.
    assert (book.isbn10, book.isbn13) == ("088001234X", "9780880012348")
    assert book.publisher == "Harbor Lane Press" and book.language == "English" and book.pages == 272
    assert book.publication_date == date(2019, 9, 5)
    assert book.binding == "Hardcover"
    # New offer assembled from symbol/whole/fraction; not the used row, not other formats' swatches or ads.
    assert (book.price.amount, book.price.currency) == (Decimal("27.50"), "USD")
    assert book.cover_url == "https://m.media-amazon.com/images/I/71bigcover._SL1500_.jpg"
    assert book.title == "The Pragmatic Reader: Notes on Craft" and book.subtitle == "Notes on Craft"
    assert book.description == (
        "A field guide to reading like a writer.\n\n"
        "Kline walks through forty short passages and asks what each one does.\n\n"
        "- Close reading drills\n- Exercises after every chapter"
    )


def test_italian_labels_months_and_a_bad_isbn13_checksum_is_rejected():
    parsed = parse("it-2023-detail-bullets-bad-isbn13.html", "https://www.amazon.it/dp/8845038262")
    book = parsed.book
    assert book.isbn10 == "8845038262"
    assert book.isbn13 is None  # 978-8845038267 is one digit off
    assert any("isbn13" in w and "checksum" in w for w in parsed.warnings)
    assert book.publisher == "Bompiani" and book.language == "Italiano"
    assert book.publication_date == date(2019, 3, 12)
    assert (book.binding, book.pages) == ("Copertina flessibile", 624)
    assert (book.price.amount, book.price.currency) == (Decimal("15.20"), "EUR")
    assert (book.rating, book.rating_count) == (4.5, 3412)
    assert book.categories == ["Gialli storici"]
    assert book.bestseller_rank == "n. 2.345 in Libri; n. 12 in Gialli storici"


def test_japanese_labels_dates_yen_and_reversed_rating_text():
    parsed = parse("ja-2021-bunko.html", "https://www.amazon.co.jp/dp/4101001014")
    book = parsed.book
    assert parsed.marketplace == "amazon.co.jp"
    assert [(a.name, a.role) for a in book.authors] == [("夏目 漱石", "著")]
    assert book.publisher == "新潮社" and book.language == "日本語"
    assert book.publication_date == date(2004, 3, 1)
    assert (book.binding, book.pages) == ("文庫", 384)
    assert (book.price.amount, book.price.currency) == (Decimal("572"), "JPY")
    assert (book.rating, book.rating_count) == (4.3, 1234)  # "5つ星のうち4.3": the 5 is the scale
    assert book.categories == ["本", "文学・評論"]
    assert book.bestseller_rank == "2,345位本; 12位新潮文庫"


def test_mobile_kindle_page_with_spanish_ui_and_no_isbn():
    parsed = parse("mobile-com-kindle-spanish-ui.html", "https://www.amazon.com/gp/aw/d/B00DM3S9W0")
    book = parsed.book
    assert parsed.kind is PageKind.BOOK and parsed.asin == "B00DM3S9W0"
    # The popover quotes the print edition's ISBN; the ebook has none.
    assert book.isbn10 is None and book.isbn13 is None
    assert book.binding == "Edición Kindle"
    assert book.publisher == "Vintage Español" and book.publication_date == date(2013, 3, 5)
    assert (book.pages, book.language) == (496, "Español")
    assert (book.price.amount, book.price.currency) == (Decimal("11.99"), "USD")
    assert (book.rating, book.rating_count) == (4.7, 12300)
    assert book.cover_url == "https://m.media-amazon.com/images/I/81qUDmEK1iL._SL1500_.jpg"
    assert book.description.count("\n\n") == 1


def test_german_more_contributors_and_date_from_the_publisher_row():
    parsed = parse("de-2023-gebunden-and-more.html", "https://www.amazon.de/-/de/dp/3453409639")
    book = parsed.book
    assert [a.name for a in book.authors] == ["Frank Schätzing", "Jo Weber", "Anna Krüger"]
    assert [a.role for a in book.authors] == ["Autor", "Illustrator", "Übersetzer"]
    assert book.publication_date == date(2020, 10, 12)
    assert (book.pages, book.binding) == (1008, "Gebundene Ausgabe")
    assert (book.price.amount, book.price.currency) == (Decimal("24.00"), "EUR")
    assert (book.rating, book.rating_count) == (4.6, 2718)
    assert "description not found on the page" in parsed.warnings


def test_mobile_non_book_without_store_class_is_not_a_book():
    parsed = parse("mobile-br-nonbook-kitchen.html", "https://www.amazon.com.br/dp/B0ABCDE123")
    assert parsed.kind is PageKind.NOT_A_BOOK and parsed.book is None
    assert (parsed.asin, parsed.marketplace) == ("B0ABCDE123", "amazon.com.br")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("br-captcha-text-only.html", PageKind.CAPTCHA),
        ("com-2013-not-found-looking-for-something.html", PageKind.NOT_FOUND),
    ],
)
def test_bot_check_and_old_404_without_forms_or_dogs(name, kind):
    assert parse(name, "https://www.amazon.com.br/dp/8565042472").kind is kind


@pytest.mark.parametrize(
    "html",
    [
        # Robot checks in other languages, as served (a form posting to validateCaptcha).
        '<html><body><form action="/errors/validateCaptcha"><h4>Geben Sie die Zeichen unten ein</h4></form></body></html>',
        "<html><body><h4>下に表示されている文字を入力してください</h4></body></html>",
        "<html><body><h4>Saisissez les caractères que vous voyez ci-dessous</h4></body></html>",
    ],
)
def test_captcha_variants(html):
    assert parse_product_page(html, "https://www.amazon.de/dp/3453409639").kind is PageKind.CAPTCHA


def test_a_product_page_that_mentions_robots_is_not_a_captcha():
    raw = (PAGES / "com-2024-rpi-cards-and-more.html").read_text(encoding="utf-8")
    raw = raw.replace("asks what each one does.", "asks what each one does. Robot check: not a robot.")
    assert parse_product_page(raw, "https://www.amazon.com/dp/088001234X").kind is PageKind.BOOK


def test_2015_layout_popover_byline_encoded_description_and_buy_new_section():
    parsed = parse(
        "com-2015-byline-popovers-encoded-description.html", "https://www.amazon.com/dp/1985052318"
    )
    book = parsed.book
    # The author popover repeats the name and role: each contributor is counted once.
    assert [(a.name, a.role) for a in book.authors] == [("Mara Voss", "Author"), ("Ian Pell", "Narrator")]
    assert book.description == (
        "Winner of the Hugo Award.\n\nA quiet station, a loud ship, and the crew in between.\n\n"
        "Includes a new afterword by the author."
    )
    # "Buy New" wins over the used offer below it.
    assert (book.price.amount, book.price.currency) == (Decimal("12.34"), "USD")
    # Only resized renditions are listed: the URL without the resize suffix is the full-size image.
    assert book.cover_url == "https://images-na.ssl-images-amazon.com/images/I/51Wq1kLrGxL.jpg"
    assert book.publisher == "Orbit" and book.publication_date == date(2015, 3, 1)
    assert (book.binding, book.pages) == ("Paperback", 352)
    assert book.categories == ["Books", "Science Fiction & Fantasy", "Space Opera"]
    assert book.bestseller_rank == "#45,120 in Books; #88 in Books > Science Fiction & Fantasy > Space Opera"


def test_something_went_wrong_page_is_flagged_as_retryable():
    from pigmeu_desktop.services.scraping.parser import TRANSIENT_ERROR_WARNING

    parsed = parse("com-500-something-went-wrong.html", "https://www.amazon.com/dp/1985052318")
    assert parsed.kind is PageKind.NOT_FOUND and parsed.warnings == (TRANSIENT_ERROR_WARNING,)
    # The real 404 dog page carries no such warning.
    lost = parse_product_page(
        '<html><body><img alt="Sorry! We couldn&#39;t find that page."><a href="/dogsofamazon">d</a></body></html>',
        "https://www.amazon.com/dp/0000000000",
    )
    assert lost.kind is PageKind.NOT_FOUND and lost.warnings == ()


def test_selected_format_swatch_is_the_last_resort_price_and_other_swatches_never_are():
    html = """<html><body><div id="dp" class="ebooks en_US">
    <span id="productTitle">A Kindle Book</span>
    <div id="tmmSwatches"><div id="tmm-grid-swatch-PAPERBACK" class="swatchElement unselected">
      <span class="slot-title">Paperback</span><span class="slot-price"><span aria-label="$17.99">$17.99</span></span></div>
    <div id="tmm-grid-swatch-KINDLE" class="swatchElement selected">
      <span class="slot-title">Kindle</span><span class="slot-price"><span aria-label="$4.99">$4.99</span></span></div></div>
    </div></body></html>"""
    book = parse_product_page(html, "https://www.amazon.com/dp/B000000001").book
    assert (book.price.amount, book.price.currency) == (Decimal("4.99"), "USD")
    no_selection = html.replace("swatchElement selected", "swatchElement unselected")
    assert parse_product_page(no_selection, "https://www.amazon.com/dp/B000000001").book.price is None


def test_2012_contributor_triggers_placeholder_cover_and_edition_notice():
    html = """<html><body><div id="nav-subnav" data-category="books"></div>
    <div class="buying"><h1 class="parseasinTitle"><span id="btAsinTitle">Old Book <span>[Hardcover]</span></span></h1>
    <span><a href="/Jane-Roe/e/B000000001/ref=ntt_athr_dp_pel_1">Jane Roe</a> (Author),
    <span class="contributorNameTrigger"><a href="/s?field-author=John+Doe">John Doe</a></span> (Illustrator)</span></div>
    <img id="prodImage" src="http://g-ecx.images-amazon.com/images/G/01/x-site/icons/no-img-lg-uk.gif">
    <div id="ps-content"><div class="buying">Book Description</div><div class="content">A story of old.
    --This text refers to an out of print or unavailable edition of this title.</div></div>
    <table id="productDetailsTable"><tr><td><div class="content"><ul><li><b>Hardcover:</b> 120 pages</li>
    <li><b>Publisher:</b> Kleinverlag (Jän. 2005)</li></ul></div></td></tr></table></body></html>"""
    parsed = parse_product_page(html, "https://www.amazon.de/dp/B000000001")
    book = parsed.book
    assert [(a.name, a.role) for a in book.authors] == [("Jane Roe", "Author"), ("John Doe", "Illustrator")]
    assert book.cover_url is None  # "no image available" is not a cover
    assert book.description == "A story of old."
    assert (book.publisher, book.publication_date) == ("Kleinverlag", date(2005, 1, 1))
    assert "publication_date shows only month/year; day set to 1" in parsed.warnings
