"""Property tests: any input (random text or bytes, truncated real pages, hostile markup) gives a typed
ParsedPage and never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pigmeu_desktop.core.models import Book
from pigmeu_desktop.services.scraping.parser import PageKind, ParsedPage, parse_product_page

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "amazon"
PAGES = Path(__file__).resolve().parent / "pages"
URLS = st.sampled_from(
    [
        "https://www.amazon.com/dp/3518366823",
        "https://www.amazon.com.br/dp/8565042472",
        "not a url",
        "",
        "https://www.amazon.co.jp/gp/product/4101001014?th=1",
        "http://[::1",
        "file:///tmp/page.html",
    ]
)
# Bits of Amazon markup, so random documents reach the extractors instead of failing at the first lookup.
FRAGMENTS = st.sampled_from(
    [
        '<span id="productTitle">',
        "</span>",
        '<div id="dp" class="book en_US">',
        '<div id="dp" class="pc en_US">',
        '<div id="detailBullets_feature_div"><ul>',
        "<li><span class='a-list-item'><span class='a-text-bold'>",
        "ISBN-13 : ",
        "978-3518366820",
        "Publisher : ",
        "(January 1, 1981)",
        "121 pages",
        '<div id="bylineInfo">',
        '<span class="author"><a href="/e/B000APUYEW">',
        '<span class="contribution">(Author)</span>',
        '<div id="corePrice_feature_div"><span class="a-price"><span class="a-offscreen">',
        "$10.10",
        "R$ 19,90",
        '<span id="acrPopover" title="4.6 out of 5 stars">',
        '<span id="acrCustomerReviewText">',
        "5,876 ratings",
        "'colorImages': { 'initial': [{\"hiRes\":",
        '"https://m.media-amazon.com/images/I/x._SL1500_.jpg"',
        "}]}",
        '<div id="rpi-attribute-book_details-isbn13"><div class="rpi-attribute-value">',
        "</div>",
        "</ul>",
        '<img id="landingImage" data-a-dynamic-image="{&quot;',
        "<script>",
        "</script>",
        "<!--",
        "-->",
        '<form action="/errors/validateCaptcha">',
        "<table><tr><th>Language</th><td>",
        "</td></tr></table>",
        '<meta charset="iso-8859-1">',
        "\x00",
        "\ufffd",
        "é",
        "&amp;",
        "&#xD800;",
        "<![CDATA[",
        "<",
        ">",
        '"',
        "'",
        'bookDescEncodedData = "%3Cp%3E',
        '%E0%A4%A"',
        '<div id="bookDescription_feature_div">',
        "<br>",
    ]
)


def assert_typed(result: ParsedPage) -> None:
    assert isinstance(result, ParsedPage)
    assert isinstance(result.kind, PageKind)
    assert (result.book is not None) == (result.kind is PageKind.BOOK)
    if result.book is not None:
        assert isinstance(result.book, Book) and result.book.title
        result.book.to_doc()  # serialisable, as the store and the CLI need
    assert all(isinstance(w, str) for w in result.warnings)
    # A book page missing core fields is a coded partial result: the missing fields named, a warning.
    assert isinstance(result.missing, tuple)
    if result.missing:
        assert result.kind is PageKind.BOOK
        assert any(w.startswith("incomplete: missing ") for w in result.book.warnings)
    assert all(source.rule for source in result.sources.values())
    # The entry point's last-resort guard must not be what kept it from raising: the extractors cope.
    assert not any(w.startswith("parser_error") for w in result.warnings), result.warnings


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=3000), st.binary(max_size=3000)), URLS)
def test_arbitrary_input_never_raises(data, url):
    assert_typed(parse_product_page(data, url))


@settings(max_examples=150, deadline=None)
@given(st.lists(FRAGMENTS, max_size=80).map("".join), URLS)
def test_random_amazon_like_markup_never_raises(html, url):
    assert_typed(parse_product_page(html, url))


def _page_files() -> list[Path]:
    files = sorted(PAGES.glob("*.html"))
    if FIXTURES.is_dir():
        files += sorted(FIXTURES.glob("*.html"))
    return files


@pytest.mark.parametrize("path", _page_files(), ids=lambda p: p.name)
def test_truncated_pages_never_raise(path):
    raw = path.read_bytes()

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.integers(min_value=0, max_value=len(raw)), st.booleans())
    def cut(at, keep_head):
        assert_typed(
            parse_product_page(raw[:at] if keep_head else raw[at:], "https://www.amazon.com/dp/3518366823")
        )

    cut()


def test_pathological_nesting_and_size_do_not_raise():
    deep = "<div>" * 200_000 + '<span id="productTitle">Deep</span>' + "</div>" * 10
    assert_typed(parse_product_page(deep, "https://www.amazon.com/dp/3518366823"))
    assert_typed(parse_product_page(b"\xff\xfe" + "<p>x</p>".encode("utf-16-le"), ""))
    assert_typed(parse_product_page(None, None))  # type: ignore[arg-type]  # hostile caller
    assert_typed(
        parse_product_page("<html>" + "<b>" * 5000 + "é" * 10_000, "https://www.amazon.de/dp/3453409639")
    )


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "insert"]), st.floats(0, 1), st.floats(0, 1), FRAGMENTS
    ),
    min_size=1,
    max_size=6,
)


def _mangle(raw: bytes, mutations) -> bytes:
    """Cut out, repeat or inject pieces at random places: closing tags lost, blocks doubled, markup spliced in."""
    for kind, at, span, fragment in mutations:
        start = int(at * len(raw))
        end = min(len(raw), start + int(span * 20_000))
        if kind == "delete":
            raw = raw[:start] + raw[end:]
        elif kind == "duplicate":
            raw = raw[:end] + raw[start:end] + raw[end:]
        else:
            raw = raw[:start] + fragment.encode("utf-8") + raw[start:]
    return raw


@pytest.mark.parametrize("path", _page_files(), ids=lambda p: p.name)
def test_mangled_pages_never_raise_and_stay_coded(path):
    raw = path.read_bytes()

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(MUTATIONS)
    def mangle(mutations):
        result = parse_product_page(_mangle(raw, mutations), "https://www.amazon.com/dp/3518366823")
        assert_typed(result)
        if result.kind is PageKind.BOOK:
            # A partial page is still a coded result: whatever core field it lost is named.
            assert set(result.missing) <= {"authors", "isbn_or_asin", "publisher", "publication_date"}

    mangle()
