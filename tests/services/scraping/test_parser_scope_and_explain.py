"""Mobile-web and old layouts, item scoping (other products' stars, dates and prices are never taken), the
page's own ASIN, core fields missing ("incomplete"), and where each field came from (`--explain`)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from pigmeu_desktop.services.scraping.explain import FIELDS, explain_doc, explain_text
from pigmeu_desktop.services.scraping.parser import PageKind, parse_product_page
from pigmeu_desktop.services.scraping.parsing.scope import ItemScope

PAGES = Path(__file__).resolve().parent / "pages"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "amazon"


def parse(name: str, url: str):
    return parse_product_page((PAGES / name).read_bytes(), url)


def test_a_2012_preorder_without_reviews_takes_no_stars_from_also_bought():
    raw = (PAGES / "com-2012-preorder-also-bought-stars.html").read_bytes()
    assert b"4.4 out of 5 stars" in raw and b"1,263" in raw  # the trap is on the page
    parsed = parse_product_page(raw, "https://www.amazon.com/dp/0062067753")
    book = parsed.book
    assert parsed.kind is PageKind.BOOK and book.title == "The Long Earth" and book.binding == "Hardcover"
    assert book.rating is None and book.rating_count is None
    assert (book.price.amount, book.price.currency) == (Decimal("17.69"), "USD")  # not the carousel's $18.45
    assert book.publication_date == date(2012, 6, 19) and book.pages == 352 and book.publisher == "Harper"
    assert [(a.name, a.role) for a in book.authors] == [
        ("Terry Pratchett", "Author"),
        ("Stephen Baxter", "Author"),
    ]


def test_a_kindle_date_only_in_the_rpi_cards_and_never_from_a_carousel():
    parsed = parse("com-2023-kindle-date-only-in-rpi-cards.html", "https://www.amazon.com/dp/B0011UCPM4")
    book = parsed.book
    assert book.publication_date == date(2008, 4, 22)
    assert parsed.sources["publication_date"].rule.startswith("rpi card")
    assert (book.rating, book.rating_count) == (4.4, 9153)  # the sims carousel shows 4.6 and 31,220
    assert book.pages == 466 and book.language == "English" and book.publisher == "Grand Central Publishing"
    assert book.asin == "B0011UCPM4" and (book.isbn10, book.isbn13) == (None, None)


def test_a_2017_mobile_web_kindle_page_is_a_book_with_every_field():
    parsed = parse("com-2017-mobile-kindle.html", "https://www.amazon.com/gp/aw/d/B0011UCPM4")
    book = parsed.book
    assert parsed.kind is PageKind.BOOK, parsed.warnings
    assert book.title == "The Whole Truth (Shaw Series Book 1)"
    assert [(a.name, a.role) for a in book.authors] == [("David Baldacci", None)]
    assert book.binding == "Kindle" and book.pages == 466 and book.language == "English"
    assert book.publisher == "Grand Central Publishing" and book.publication_date == date(2008, 4, 22)
    assert (book.price.amount, book.price.currency) == (Decimal("9.99"), "USD")
    assert (book.rating, book.rating_count) == (4.4, 2481)  # not the sponsored product's 4.7 / 12,018
    assert book.description == "Shaw is a man with no past and no future."
    assert book.cover_url.endswith("51SxQ8X3yNL._SY400_.jpg")
    assert parsed.asin == "B0011UCPM4" and "/gp/aw/d/" in parsed.sources["asin"].rule


def test_the_2018_mobile_web_paperback_reads_its_format_button_and_large_cover():
    expected = json.loads(
        (FIXTURES / "03-com-paperback-seven-languages-mobile-2018.expected.json").read_text()
    )
    parsed = parse_product_page(
        (FIXTURES / "03-com-paperback-seven-languages-mobile-2018.html").read_bytes(), expected["url"]
    )
    assert parsed.sources["binding"].rule == "mobile format button"
    assert "immersive" in parsed.sources["cover_url"].rule
    assert parsed.book.rating_count == 58  # "(58)", not the digits of "4.2 out of 5 stars"


def test_the_page_asin_is_the_pages_own_and_a_different_link_is_flagged():
    raw = (FIXTURES / "01-com-paperback-siddhartha-2024.html").read_bytes()
    same = parse_product_page(raw, "https://www.amazon.com/dp/3518366823")
    assert (same.asin, same.link_asin, same.asin_differs) == ("3518366823", "3518366823", False)
    assert same.book.asin == "3518366823"
    other = parse_product_page(raw, "https://www.amazon.com/dp/B00SIDDHAR")
    assert (other.asin, other.link_asin, other.asin_differs) == ("3518366823", "B00SIDDHAR", True)
    assert "Amazon served another product" in explain_text(other)


def test_a_book_page_missing_core_fields_is_incomplete():
    parsed = parse("com-2020-incomplete-no-byline.html", "https://www.amazon.com/dp/B08XYZ1234")
    assert parsed.kind is PageKind.BOOK
    assert parsed.missing == ("authors", "publisher", "publication_date")  # the ASIN stands in for an ISBN
    assert "incomplete: missing authors, publisher, publication_date" in parsed.book.warnings
    complete = parse("com-2023-kindle-date-only-in-rpi-cards.html", "https://www.amazon.com/dp/B0011UCPM4")
    assert complete.missing == () and not any(w.startswith("incomplete") for w in complete.book.warnings)


@pytest.mark.parametrize(
    "name", sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))
)
def test_explain_names_a_rule_and_an_element_for_every_field_found(name):
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    parsed = parse_product_page((FIXTURES / f"{name}.html").read_bytes(), expected["url"])
    doc = explain_doc(parsed)
    assert doc["kind"] == expected["kind"] and [row["field"] for row in doc["fields"]] == list(FIELDS)
    json.dumps(doc)  # JSON-ready
    for row in doc["fields"]:
        if row["value"] is None or row["field"] == "subtitle":
            continue
        assert row["rule"] and row["rule"] != "—", row
        # Values read from the tree name their element; the cover JSON is read from a script's text.
        if not row["rule"].startswith(("image block JSON", "the link")):
            assert row["element"], row


def test_item_scope_tells_the_products_own_blocks_from_other_products():
    tree = etree.fromstring(
        "<div id='dp'><span id='own' data-asin='3518366823'>x</span>"
        "<div id='sims-consolidated-1'><span id='sims'>x</span></div>"
        "<ol class='a-carousel'><li><span id='carousel'>x</span></li></ol>"
        "<div data-asin='0765326671'><span id='other'>x</span></div>"
        "<span class='asinReviewsSummary' name='0765326671'><b id='summary'>x</b></span>"
        "<div class='review'><b id='single-review'>x</b></div></div>",
        etree.HTMLParser(),
    )
    scope = ItemScope({"3518366823"})
    verdicts = {e.get("id"): scope.own(e) for e in tree.iter() if e.get("id")}
    assert verdicts == {
        "dp": True,
        "own": True,
        "sims-consolidated-1": False,
        "sims": False,
        "carousel": False,
        "other": False,
        "summary": False,
        "single-review": False,
    }


def test_a_mobile_heading_with_a_grey_format_span_and_only_the_format_list_price():
    html = """<html><body><div id="dp" class="ebooks_mobile"><div id="title_feature_div">
    <h1 id="title" class="a-size-medium">The Whole Truth (Shaw Series Book 1)
    <span class="a-size-medium a-color-secondary a-text-normal">Kindle Edition</span></h1></div>
    <div id="byline"><a id="bylineContributor" href="/kindle-dbs/author/ref=mw_dp_a_ap?author=X">David Baldacci</a></div>
    <a href="/gp/aw/d/0446539732/ref=tmm_pap" class="a-touch-link mediaMatrixListItem">
      <span class="a-text-bold">Paperback</span><span class="a-color-price">$10.39</span></a>
    <a href="/gp/aw/d/B0011UCPM4/ref=tmm_kin" class="a-touch-link a-active mediaMatrixListItem">
      <span class="a-text-bold">Kindle</span><span class="a-color-price">$9.99</span></a>
    <ul class="detail-bullet-list"><li><span class="a-list-item"><span class="a-text-bold">Print Length:</span>
    466 pages</span></li></ul></div></body></html>"""
    parsed = parse_product_page(html, "https://www.amazon.com/gp/aw/d/B0011UCPM4")
    book = parsed.book
    assert parsed.kind is PageKind.BOOK and book.title == "The Whole Truth (Shaw Series Book 1)"
    assert book.binding == "Kindle Edition" and book.price.amount == Decimal("9.99")
    assert parsed.asin == "B0011UCPM4" and [a.name for a in book.authors] == ["David Baldacci"]


def test_the_readme_shows_the_real_explain_output():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    command = (
        "$ pigmeu scrape --url https://www.amazon.com/dp/193435659X --html "
        "03-com-paperback-seven-languages-mobile-2018.html --explain\n"
    )
    shown = readme.split(command, 1)[1].split("\n```", 1)[0]
    page = FIXTURES / "03-com-paperback-seven-languages-mobile-2018.html"
    assert shown == explain_text(
        parse_product_page(page.read_bytes(), "https://www.amazon.com/dp/193435659X")
    )


def test_the_mobile_buy_boxs_used_row_is_not_the_price():
    html = """<html><body><div id="dp" class="book_mobile"><div id="title_feature_div"><h1 id="title">Seven Languages</h1></div>
    <div id="mobile_buybox_feature_div"><div id="usedAccordionRow"><span class="a-color-price">$17.99</span></div>
    <div id="newAccordionRow"><span class="a-color-price">$21.11</span></div></div>
    <ul class="detail-bullet-list"><li><b>Paperback:</b> 330 pages</li><li><b>ISBN-13:</b> 978-1934356593</li></ul>
    </div></body></html>"""
    book = parse_product_page(html, "https://www.amazon.com/dp/193435659X").book
    assert book.price.amount == Decimal("21.11")


def test_places_that_disagree_on_a_field_keep_the_most_trusted_and_say_so():
    html = """<html><body><div id="dp" class="book en_US"><span id="productTitle">Field Notes</span>
    <div id="rpi-attribute-book_details-publication_date"><div class="rpi-attribute-label">Publication date</div>
    <div class="rpi-attribute-value">March 3, 2020</div></div>
    <div id="detailBullets_feature_div"><ul>
    <li><span class="a-list-item"><span class="a-text-bold">Publisher :</span> <span>Harbor Lane (March 3, 2020)</span></span></li>
    <li><span class="a-list-item"><span class="a-text-bold">Publication date :</span> <span>March 5, 2020</span></span></li>
    <li><span class="a-list-item"><span class="a-text-bold">Paperback :</span> <span>210 pages</span></span></li>
    </ul></div></div></body></html>"""
    parsed = parse_product_page(html, "https://www.amazon.com/dp/0880012340")
    assert parsed.book.publication_date == date(2020, 3, 3)  # the attribute card comes first
    assert "publication_date: the page shows 2020-03-03 / 2020-03-05; kept 2020-03-03" in parsed.book.warnings


def test_a_kept_page_loses_its_session_values_and_keeps_its_content():
    from pigmeu_desktop.services.scraping.kept_pages import scrub

    page = (
        b'<input type="hidden" name="session-id" value="133-4455667-8899001">'
        b"<script>ue_sid = '133-4455667-8899001'; var csrfToken = \"hQk1s9Jd0aZ\";</script>"
        b'<span id="productTitle">Field Notes</span>'
    )
    clean = scrub(page)
    assert b"133-4455667-8899001" not in clean and b"hQk1s9Jd0aZ" not in clean
    assert b'<span id="productTitle">Field Notes</span>' in clean


def test_a_mobile_kindle_page_without_a_store_class_is_a_book_by_its_byline_and_format():
    html = """<html class="a-mobile a-touch"><body><div id="dp"><div id="title_feature_div"><h1 id="title">Dune</h1></div>
    <div id="byline"><a id="bylineContributor" href="/kindle-dbs/author/ref=mw_dp_a_ap?author=Frank%20Herbert&amp;searchAlias=digital-text">Frank Herbert</a></div>
    <span id="mediaMatrixButton-announce">Format <strong class="dimension-label">Kindle</strong></span></div></body></html>"""
    parsed = parse_product_page(html, "https://www.amazon.com/gp/aw/d/B00B7NPRY8")
    assert parsed.kind is PageKind.BOOK, parsed.warnings
    # A film's mobile page with the same shape is not a book: its byline searches the film store.
    film = html.replace(
        "/kindle-dbs/author/ref=mw_dp_a_ap?author=Frank%20Herbert&amp;searchAlias=digital-text",
        "/s?search-alias=movies-tv&amp;field-keywords=Frank",
    ).replace("Kindle", "DVD")
    assert parse_product_page(film, "https://www.amazon.com/gp/aw/d/B00B7NPRY8").kind is PageKind.NOT_A_BOOK
