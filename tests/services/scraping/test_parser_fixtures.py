"""Every real Amazon page in tests/fixtures/amazon parses to its hand-written answer key."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from pathlib import Path

import pytest

from pigmeu_desktop.services.scraping.parser import (
    PageKind,
    ParsedPage,
    parse_product_page,
    parse_product_page_async,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "amazon"
CASES = sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))


def _load(name: str) -> tuple[dict, bytes]:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return expected, (FIXTURES / f"{name}.html").read_bytes()


def _comparable(field: str, doc: dict, parsed: ParsedPage):
    if field == "asin":
        # The page's own ASIN, on the result of every kind and on the book.
        assert parsed.book is None or parsed.book.asin == parsed.asin
        return parsed.asin
    value = doc.get(field)
    if field == "price" and value is not None:
        return {"amount": str(value["amount"]), "currency": value["currency"]}
    if field == "authors":
        return [{"name": a["name"], "role": a["role"]} for a in value]
    return value


@pytest.fixture(scope="module")
def parsed_fixtures() -> dict[str, tuple[dict, ParsedPage]]:
    results = {}
    for name in CASES:
        expected, html = _load(name)
        results[name] = (expected, parse_product_page(html, expected["url"]))
    return results


def test_all_seventeen_fixtures_are_present():
    assert len(CASES) >= 17, CASES
    kinds = {json.loads((FIXTURES / f"{n}.expected.json").read_text(encoding="utf-8"))["kind"] for n in CASES}
    assert kinds == {"book", "not_a_book", "captcha", "not_found"}


@pytest.mark.parametrize("name", CASES)
def test_fixture_kind(name, parsed_fixtures):
    expected, parsed = parsed_fixtures[name]
    assert parsed.kind == PageKind(expected["kind"])
    assert (parsed.book is not None) == (parsed.kind is PageKind.BOOK)


@pytest.mark.parametrize("name", CASES)
def test_fixture_fields_match_answer_key(name, parsed_fixtures):
    expected, parsed = parsed_fixtures[name]
    doc = parsed.book.to_doc() if parsed.book else {}
    mismatches = {
        field: {"expected": want, "got": _comparable(field, doc, parsed)}
        for field, want in expected["fields"].items()
        if _comparable(field, doc, parsed) != want
    }
    assert not mismatches, mismatches


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in CASES
        if "description_starts" in json.loads((FIXTURES / f"{n}.expected.json").read_text(encoding="utf-8"))
    ],
)
def test_fixture_description_starts_and_is_clean(name, parsed_fixtures):
    expected, parsed = parsed_fixtures[name]
    description = parsed.book.description
    assert description.startswith(expected["description_starts"])
    # Clean text: no markup, no expander prompt, no runs of spaces, paragraphs separated by one blank line.
    assert "<" not in description and "  " not in description and "\n\n\n" not in description
    assert "Read more" not in description and "Ler mais" not in description


def test_marketplace_and_asin_come_from_the_url(parsed_fixtures):
    markets = {name: parsed.marketplace for name, (_, parsed) in parsed_fixtures.items()}
    assert markets["19-br-capa-comum-essencial-segunda-guerra-2022"] == "amazon.com.br"
    assert markets["08-couk-hardcover-bone-silence-2024"] == "amazon.co.uk"
    _, captcha = parsed_fixtures["06-com-captcha-robot-check-2024"]
    assert captcha.asin == "0702315516" and captcha.book is None


def test_kindle_tooltip_isbn_of_the_print_edition_is_not_taken(parsed_fixtures):
    _, parsed = parsed_fixtures["02-com-kindle-whole-truth-2024"]
    html = (FIXTURES / "02-com-kindle-whole-truth-2024.html").read_text(encoding="utf-8")
    assert "1538701146" in html  # the trap is really on the page
    assert parsed.book.isbn10 is None and parsed.book.isbn13 is None


def test_best_seller_rank_and_categories_are_text(parsed_fixtures):
    _, parsed = parsed_fixtures["01-com-paperback-siddhartha-2024"]
    assert parsed.book.bestseller_rank == "#2,037,156 in Books; #885,225 in Literature & Fiction (Books)"
    assert parsed.book.categories == ["Books", "Literature & Fiction"]
    # A "‹ Back to results" breadcrumb is navigation: categories fall back to the best-seller ladder.
    _, french = parsed_fixtures["13-fr-broche-user-story-mapping-2020"]
    assert french.book.categories == ["Software Development"]


def test_str_input_gives_the_same_result_as_bytes():
    expected, html = _load("19-br-capa-comum-essencial-segunda-guerra-2022")
    from_bytes = parse_product_page(html, expected["url"])
    from_text = parse_product_page(html.decode("utf-8"), expected["url"])
    assert from_text == from_bytes


@pytest.mark.asyncio
async def test_async_parse_runs_off_the_event_loop_thread():
    expected, html = _load("16-es-tapa-blanda-essential-grammar-2024")
    loop_thread = threading.get_ident()
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    task = asyncio.ensure_future(ticker())
    parsed = await parse_product_page_async(html, expected["url"])
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert parsed.kind is PageKind.BOOK and parsed.book.isbn13 == "9781107480551"
    # The loop kept turning while the page was parsed elsewhere.
    assert ticks > 1
    assert threading.get_ident() == loop_thread
