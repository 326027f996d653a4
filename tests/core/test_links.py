"""Link rules (core/links.py, core/marketplaces.py): every accepted form, every rejection with its own code, and properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pigmeu_desktop.core.errors import ErrorCode
from pigmeu_desktop.core.links import (
    MARKETPLACES,
    CanonicalLink,
    Rejected,
    ShortLink,
    canonical_url,
    extract_candidates,
    is_valid_isbn10,
    is_valid_isbn13,
    isbn13_to_isbn10,
    normalise_marketplace,
    parse_link,
    parse_text,
)

BR = "amazon.com.br"


def canon(text, default=BR):
    result = parse_link(text, default)
    assert isinstance(result, CanonicalLink), result
    return result


def rejected(text, code):
    result = parse_link(text, BR)
    assert isinstance(result, Rejected), result
    assert result.code is code, result
    assert result.message
    return result


@pytest.mark.parametrize(
    "path",
    [
        "/dp/8565042472",
        "/dp/8565042472/",
        "/O-Essencial-da-Segunda-Guerra/dp/8565042472",
        "/O-Essencial-da-Segunda-Guerra/dp/8565042472/ref=sr_1_1",
        "/dp/product/8565042472",
        "/gp/product/8565042472",
        "/gp/product/8565042472/ref=ppx_yo_dt_b_asin_title",
        "/gp/aw/d/8565042472",
        "/gp/aw/d/8565042472/",
        "/exec/obidos/ASIN/8565042472",
        "/exec/obidos/ASIN/8565042472/someassociate-20",
        "/exec/obidos/tg/detail/-/8565042472",
        "/-/pt/dp/8565042472",
        "/-/en/O-Essencial/dp/8565042472",
        "/-/pt_BR/dp/8565042472",
    ],
)
def test_every_product_path_form_canonicalises(path):
    link = canon(f"https://www.amazon.com.br{path}")
    assert link.amazon_url == "https://www.amazon.com.br/dp/8565042472"
    assert link.asin == "8565042472" and link.marketplace == BR


@pytest.mark.parametrize("marketplace", sorted(MARKETPLACES))
@pytest.mark.parametrize("prefix", ["", "www.", "smile."])
def test_every_marketplace_with_and_without_www_and_smile(marketplace, prefix):
    link = canon(f"https://{prefix}{marketplace}/dp/B0011UCPM4")
    assert link.amazon_url == f"https://www.{marketplace}/dp/B0011UCPM4"
    assert link.marketplace == marketplace


@pytest.mark.parametrize(
    "listed",
    [
        "amazon.com",
        "amazon.com.br",
        "amazon.co.uk",
        "amazon.de",
        "amazon.fr",
        "amazon.es",
        "amazon.it",
        "amazon.ca",
        "amazon.com.mx",
        "amazon.co.jp",
        "amazon.in",
        "amazon.com.au",
        "amazon.nl",
    ],
)
def test_design_listed_marketplaces_are_known(listed):
    assert listed in MARKETPLACES


@pytest.mark.parametrize(
    "suffix",
    [
        "?th=1&psc=1",
        "?tag=someone-20&linkCode=ll1",
        "#customerReviews",
        "/ref=sr_1_3?keywords=guerra#x",
        "?_encoding=UTF8&qid=1700000000&sr=8-1",
    ],
)
def test_query_strings_fragments_and_ref_tails_are_dropped(suffix):
    assert canon(f"https://www.amazon.com.br/dp/8565042472{suffix}").amazon_url == canonical_url(
        BR, "8565042472"
    )


def test_lowercase_asin_and_host_are_normalised():
    link = canon("HTTPS://WWW.AMAZON.COM/dp/b0011ucpm4")
    assert link.amazon_url == "https://www.amazon.com/dp/B0011UCPM4"


def test_scheme_less_and_http_links():
    assert canon("amazon.com.br/dp/8565042472").amazon_url == canonical_url(BR, "8565042472")
    assert canon("www.amazon.co.uk/dp/B0011UCPM4").marketplace == "amazon.co.uk"
    assert canon("http://amazon.de/gp/product/3518366823").amazon_url == "https://www.amazon.de/dp/3518366823"


def test_bare_asin_uses_the_default_marketplace():
    assert canon("B0011UCPM4").amazon_url == canonical_url(BR, "B0011UCPM4")
    assert canon("B0011UCPM4", "amazon.com").amazon_url == "https://www.amazon.com/dp/B0011UCPM4"


def test_bare_isbn10_and_isbn13():
    assert canon("8565042472").asin == "8565042472"
    assert canon("9788565042475").asin == "8565042472"  # 978 → ISBN-10 by checksum
    assert canon("978-85-65042-47-5").asin == "8565042472"
    assert canon("ISBN 85-65042-47-2").asin == "8565042472"
    assert canon("080442957X").asin == "080442957X"
    assert canon("080442957x").asin == "080442957X"


def test_bad_isbn_checksums_are_rejected():
    rejected("8565042471", ErrorCode.INVALID_LINK)  # bad ISBN-10 check digit
    rejected("9788565042476", ErrorCode.INVALID_LINK)  # bad ISBN-13 check digit
    rejected("1234567890", ErrorCode.INVALID_LINK)  # a bare 10-digit token must be a valid ISBN-10


def test_979_isbn_has_no_isbn10_and_says_so():
    # 979-10-90636-07-1 is a valid ISBN-13 that has no ISBN-10 form.
    assert is_valid_isbn13("9791090636071")
    result = rejected("9791090636071", ErrorCode.INVALID_LINK)
    assert "979" in result.message


@pytest.mark.parametrize(
    "url",
    [
        "https://www.amazon.com.br/dp/ABC",
        "https://www.amazon.com/dp/B0011UCPM",
        "https://www.amazon.com/dp/B0011UCPM45",
        "https://www.amazon.com.br/dp/8565042471",
        "https://www.amazon.com/gp/product/ZZZZZZZZZZ",
        "https://www.amazon.com/dp/",
    ],
)
def test_malformed_asins_are_rejected(url):
    result = parse_link(url, BR)
    assert isinstance(result, Rejected)
    assert result.code is ErrorCode.NOT_A_PRODUCT_LINK


@pytest.mark.parametrize(
    "url",
    [
        "https://amazon.com.br.evil.com/dp/8565042472",
        "https://www.amazon.com.evil.com/dp/B0011UCPM4",
        "https://evil.com/amazon.com/dp/B0011UCPM4",
        "https://amazon.com@evil.com/dp/B0011UCPM4",
        "https://www.amazon-books.com/dp/B0011UCPM4",
        "https://www.amazon.com.fake/dp/B0011UCPM4",
        "https://myamazon.com/dp/B0011UCPM4",
        "https://www.google.com/url?q=https://www.amazon.com/dp/B0011UCPM4",
    ],
)
def test_lookalike_hosts_are_not_amazon(url):
    rejected(url, ErrorCode.NOT_AMAZON)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.\u0430mazon.com/dp/B0011UCPM4",  # Cyrillic а
        "https://www.amaz\u043en.com.br/dp/8565042472",  # Cyrillic о
        "https://www.xn--mazon-3ve.com/dp/B0011UCPM4",  # punycode of a look-alike
        "https://www.amazon.com\u2024br/dp/8565042472",  # one-dot leader instead of a dot
    ],
)
def test_non_ascii_lookalikes_are_not_amazon(url):
    rejected(url, ErrorCode.NOT_AMAZON)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.amazon.com.br/s?k=segunda+guerra",
        "https://www.amazon.com/s/ref=nb_sb_noss?field-keywords=books",
        "https://www.amazon.com.br/gp/bestsellers/books",
        "https://www.amazon.com/b?node=283155",
        "https://www.amazon.com/hz/wishlist/ls/2X9Z4Y",
        "https://www.amazon.com.br/",
        "https://www.amazon.com/stores/page/ABC",
        "https://www.amazon.com/gp/cart/view.html",
    ],
)
def test_search_list_and_store_pages_are_not_products(url):
    rejected(url, ErrorCode.NOT_A_PRODUCT_LINK)


def test_other_schemes_and_garbage_are_invalid():
    rejected("ftp://www.amazon.com/dp/B0011UCPM4", ErrorCode.INVALID_LINK)
    rejected("javascript:alert(1)", ErrorCode.INVALID_LINK)
    rejected("hello", ErrorCode.INVALID_LINK)
    rejected("", ErrorCode.INVALID_LINK)


@pytest.mark.parametrize("host", ["amzn.to", "a.co", "amzn.eu"])
def test_short_links_are_flagged_for_resolution(host):
    result = parse_link(f"https://{host}/d/abc123", BR)
    assert isinstance(result, ShortLink) and result.url == f"https://{host}/d/abc123"


def test_extract_from_prose_with_separators_in_order():
    text = (
        "Vejam: https://www.amazon.com.br/dp/8565042472, depois B0011UCPM4;e também\n"
        "https://amazon.com/gp/product/3518366823. ISBN 978-85-65042-47-5 (o mesmo) e amzn.to/abc!"
    )
    assert extract_candidates(text) == [
        "https://www.amazon.com.br/dp/8565042472",
        "B0011UCPM4",
        "https://amazon.com/gp/product/3518366823",
        "978-85-65042-47-5",
        "amzn.to/abc",
    ]


def test_extract_from_html_snippet_uses_hrefs_once():
    snippet = (
        '<p>Leia <a href="https://www.amazon.com.br/dp/8565042472?tag=x&amp;ref=y">'
        "https://www.amazon.com.br/dp/8565042472?tag=x&amp;ref=y</a> e "
        "<a href='https://www.amazon.com/dp/B0011UCPM4'>este</a></p>"
    )
    found = extract_candidates(snippet)
    assert found == [
        "https://www.amazon.com.br/dp/8565042472?tag=x&ref=y",
        "https://www.amazon.com/dp/B0011UCPM4",
    ]


def test_extract_from_uri_list_and_csv_like_text():
    uri_list = "# dragged from the browser\r\nhttps://www.amazon.com/dp/B0011UCPM4\r\nhttps://www.amazon.co.uk/dp/3518366823\r\n"
    assert [r.asin for r in parse_text(uri_list)] == ["B0011UCPM4", "3518366823"]
    csv_text = 'title,link\nSiddhartha,https://www.amazon.com/dp/3518366823\n"Box, 3 vols",8565042472\n'
    assert [r.asin for r in parse_text(csv_text)] == ["3518366823", "8565042472"]


def test_words_are_not_mistaken_for_asins():
    assert extract_candidates("Bestseller! BESTSELLER everything 12345") == []


def test_isbn_helpers():
    assert is_valid_isbn10("8565042472") and not is_valid_isbn10("8565042473")
    assert isbn13_to_isbn10("9783518366820") == "3518366823"
    assert normalise_marketplace("br") == BR and normalise_marketplace("www.amazon.de") == "amazon.de"
    assert normalise_marketplace("com.mx") == "amazon.com.mx" and normalise_marketplace("nowhere") is None


def test_same_book_in_two_forms_gives_one_canonical_url():
    forms = [
        "https://www.amazon.com.br/Essencial/dp/8565042472?th=1",
        "9788565042475",
        "amazon.com.br/gp/product/8565042472",
    ]
    assert {canon(f).amazon_url for f in forms} == {canonical_url(BR, "8565042472")}


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_parser_never_raises_on_arbitrary_text(text):
    for result in parse_text(text, BR):
        assert isinstance(result, (CanonicalLink, ShortLink, Rejected))
    assert isinstance(parse_link(text, BR), (CanonicalLink, ShortLink, Rejected))


url_chars = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(prefix=url_chars, suffix=url_chars, host=st.sampled_from(sorted(MARKETPLACES)))
def test_parser_never_raises_around_amazon_urls(prefix, suffix, host):
    for result in parse_text(f"{prefix}https://www.{host}/dp/B0011UCPM4{suffix}", BR):
        assert isinstance(result, (CanonicalLink, ShortLink, Rejected))


asins = st.one_of(
    st.from_regex(r"\AB[0-9A-Z]{9}\Z"),
    st.from_regex(r"\A[0-9]{9}\Z").map(
        lambda d: (
            d
            + (
                "X"
                if (11 - sum((10 - i) * int(c) for i, c in enumerate(d)) % 11) % 11 == 10
                else str((11 - sum((10 - i) * int(c) for i, c in enumerate(d)) % 11) % 11)
            )
        )
    ),
)


@settings(max_examples=300, deadline=None)
@given(asin=asins, marketplace=st.sampled_from(sorted(MARKETPLACES)))
def test_canonicalising_a_canonical_link_returns_it_unchanged(asin, marketplace):
    url = canonical_url(marketplace, asin)
    first = canon(url)
    assert first.amazon_url == url
    assert canon(first.amazon_url).amazon_url == url
