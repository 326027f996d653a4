"""Intake: files of every kind, short links resolved by redirects only towards Amazon, offline behaviour."""

import plistlib

import httpx
import pytest
import pytest_asyncio

from pigmeu_desktop.core.errors import ErrorCode, LinkError
from pigmeu_desktop.core.links import CanonicalLink, Rejected, ShortLink
from pigmeu_desktop.services.intake import ShortLinkResolver, add_text, read_intake_file
from pigmeu_desktop.services.storage.sqlite_store import SqliteStore

BR = "amazon.com.br"


def test_reads_txt_csv_url_webloc_and_html_files(tmp_path):
    (tmp_path / "a.txt").write_text("https://www.amazon.com/dp/B0011UCPM4\n8565042472\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        'title,link\n"Box, 3",https://www.amazon.com.br/dp/8565042472\n', encoding="utf-8"
    )
    (tmp_path / "c.url").write_text(
        "[InternetShortcut]\r\nURL=https://www.amazon.co.uk/dp/3518366823\r\n", encoding="utf-8"
    )
    (tmp_path / "d.webloc").write_bytes(plistlib.dumps({"URL": "https://www.amazon.de/dp/3518366823"}))
    (tmp_path / "e.html").write_text('<a href="https://www.amazon.fr/dp/B0011UCPM4">x</a>', encoding="utf-8")
    assert "B0011UCPM4" in read_intake_file(tmp_path / "a.txt")
    assert "https://www.amazon.com.br/dp/8565042472" in read_intake_file(tmp_path / "b.csv").splitlines()
    assert read_intake_file(tmp_path / "c.url") == "https://www.amazon.co.uk/dp/3518366823"
    assert read_intake_file(tmp_path / "d.webloc") == "https://www.amazon.de/dp/3518366823"
    assert "amazon.fr" in read_intake_file(tmp_path / "e.html")


def redirecting(routes: dict[str, str], *, status: int = 301):
    """A stand-in for the internet at the HTTP edge: each URL answers a redirect to its route."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        target = routes.get(str(request.url))
        if target is None:
            return httpx.Response(404, text="no such short link")
        return httpx.Response(status, headers={"Location": target})

    return httpx.MockTransport(handler), seen


@pytest.mark.asyncio
async def test_short_link_followed_to_the_product_without_loading_amazon():
    transport, seen = redirecting(
        {"https://amzn.to/abc": "https://www.amazon.com.br/gp/product/8565042472?tag=x"}
    )
    async with httpx.AsyncClient(transport=transport) as client:
        result = await ShortLinkResolver(client).resolve(ShortLink("https://amzn.to/abc", "amzn.to/abc"), BR)
    assert isinstance(result, CanonicalLink)
    assert result.amazon_url == "https://www.amazon.com.br/dp/8565042472" and result.source == "amzn.to/abc"
    assert seen == ["https://amzn.to/abc"]


@pytest.mark.asyncio
async def test_short_link_chain_through_amazon_redirectors():
    transport, _ = redirecting(
        {
            "https://a.co/d/x1": "https://amzn.eu/d/x2",
            "https://amzn.eu/d/x2": "https://www.amazon.de/gp/redirect.html?location=x",
            "https://www.amazon.de/gp/redirect.html?location=x": "/dp/3518366823",
        },
        status=302,
    )
    async with httpx.AsyncClient(transport=transport) as client:
        result = await ShortLinkResolver(client).resolve(ShortLink("https://a.co/d/x1", "a.co/d/x1"), BR)
    assert isinstance(result, CanonicalLink) and result.amazon_url == "https://www.amazon.de/dp/3518366823"


@pytest.mark.asyncio
async def test_short_link_leading_away_from_amazon_is_rejected():
    transport, seen = redirecting({"https://amzn.to/evil": "https://evil.example/dp/8565042472"})
    async with httpx.AsyncClient(transport=transport) as client:
        result = await ShortLinkResolver(client).resolve(
            ShortLink("https://amzn.to/evil", "amzn.to/evil"), BR
        )
    assert isinstance(result, Rejected) and result.code is ErrorCode.NOT_AMAZON
    assert seen == ["https://amzn.to/evil"]  # the foreign host is never contacted


@pytest.mark.asyncio
async def test_more_than_five_hops_is_refused():
    routes = {f"https://amzn.to/{i}": f"https://amzn.to/{i + 1}" for i in range(10)}
    transport, seen = redirecting(routes)
    async with httpx.AsyncClient(transport=transport) as client:
        result = await ShortLinkResolver(client).resolve(ShortLink("https://amzn.to/0", "amzn.to/0"), BR)
    assert isinstance(result, Rejected) and result.code is ErrorCode.NOT_A_PRODUCT_LINK
    assert len(seen) == 5


@pytest.mark.asyncio
async def test_offline_short_link_gives_network_and_adds_nothing(tmp_path):
    def offline(request):
        raise httpx.ConnectError("no route to host", request=request)

    store = await SqliteStore.open(tmp_path / "s.sqlite3")
    try:
        async with httpx.AsyncClient(transport=httpx.MockTransport(offline)) as client:
            outcomes = await add_text(
                store, ["https://amzn.to/abc"], default_marketplace=BR, resolver=ShortLinkResolver(client)
            )
        assert [(o.result, o.code) for o in outcomes] == [("rejected", "network")]
        assert await store.count() == 0
    finally:
        await store.close()


@pytest_asyncio.fixture
async def store(tmp_path):
    s = await SqliteStore.open(tmp_path / "s.sqlite3")
    yield s
    await s.close()


@pytest.mark.asyncio
async def test_add_text_reports_each_link_in_input_order(store):
    outcomes = await add_text(
        store,
        ["https://www.amazon.com.br/dp/8565042472 https://example.com/x 9788565042475", "B0011UCPM4"],
        default_marketplace=BR,
        resolver=ShortLinkResolver(),
    )
    assert [o.result for o in outcomes] == ["added", "rejected", "duplicate", "added"]
    assert outcomes[2].id == outcomes[0].id
    assert outcomes[1].code == "not_amazon"
    assert outcomes[0].to_json().keys() == {"input", "result", "id", "amazon_url"}
    assert outcomes[1].to_json().keys() == {"input", "result", "code", "message"}


@pytest.mark.asyncio
async def test_no_link_at_all_is_invalid_link(store):
    with pytest.raises(LinkError) as info:
        await add_text(store, ["just some words"], default_marketplace=BR, resolver=ShortLinkResolver())
    assert info.value.code is ErrorCode.INVALID_LINK
