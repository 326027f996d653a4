"""End to end with the real Chromium: fixture pages served for real Amazon URLs by a local HTTPS server.

One browser for the whole module (module-scoped loop and fixture), as the app shares one browser.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from pathlib import Path

import pytest
import pytest_asyncio

from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.core.marketplaces import strip_host_prefix
from pigmeu_desktop.services.scraping.browser import BrowserManager
from pigmeu_desktop.services.scraping.covers import CoverStore
from pigmeu_desktop.services.scraping.discovery import BrowserConfig
from pigmeu_desktop.services.scraping.http_client import client_for
from pigmeu_desktop.services.scraping.politeness import Politeness
from pigmeu_desktop.services.scraping.scraper import Scraper
from tests.support.amazon_server import FIXTURES, AmazonServer, Fault
from tests.support.polling import eventually

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]

BOOKS = {
    json.loads(p.read_text())["url"]: json.loads(p.read_text())
    for p in sorted(FIXTURES.glob("*.expected.json"))
    if json.loads(p.read_text())["kind"] == "book"
}


def fresh_politeness() -> Politeness:
    # Real time, tiny delays: the e2e tests check behaviour, test_politeness checks the arithmetic.
    return Politeness(0.0, jitter=0.0, backoff_base_s=0.05, captcha_pause_s=600)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(amazon_server, chromium_path, tmp_path_factory):
    root = tmp_path_factory.mktemp("scrape-e2e")
    cfg = BrowserConfig(configured_path=chromium_path, extra_args=tuple(amazon_server.browser_args()))
    # Generous: other test suites share the 2 cores; the timeout tests shorten it themselves.
    browser = BrowserManager(cfg, profile_dir=root / "profile", timeout_s=20.0)
    covers = CoverStore(root / "covers", lambda: client_for(cfg, timeout_s=10))
    scraper = Scraper(browser, fresh_politeness(), covers)  # the real parser, off the loop
    yield scraper
    await scraper.aclose()


@pytest.fixture
def scraper(shared, amazon):
    shared.politeness = fresh_politeness()
    return shared


async def test_fixture_pages_load_for_real_amazon_urls(scraper, amazon):
    for url, expected in BOOKS.items():
        outcome = await scraper.fetch_book(url)
        fields = expected["fields"]
        assert outcome.book.title == fields["title"], url
        assert (outcome.book.isbn13, outcome.book.cover_url) == (fields["isbn13"], fields["cover_url"]), url
        book = await scraper.finish_book(outcome.book)
        assert book.scraped_at is not None
        if fields["cover_url"].startswith(
            "https://"
        ):  # the local Amazon speaks TLS only (2014 pages link http)
            assert book.cover_path and Path(book.cover_path).read_bytes() == amazon.cover_bytes
    pages = amazon.page_requests()
    assert len(pages) == len(BOOKS)
    br = next(r for r in pages if r.host == "www.amazon.com.br")
    assert br.accept_language.startswith("pt-BR")
    assert next(r for r in pages if r.host == "www.amazon.fr").accept_language.startswith("fr-FR")
    assert all("Headless" not in r.user_agent for r in pages)
    # The browser asked for the product documents and nothing else: images, styles, fonts, ad frames
    # and trackers are blocked inside Chromium (covers come from the cover fetcher, not the browser).
    from_browser = [
        r for r in amazon.requests if "Chrome/" in r.user_agent and "Headless" not in r.user_agent
    ]
    assert from_browser and all(
        r.host.startswith("www.amazon.") and "/dp/" in r.path for r in from_browser
    ), [(r.host, r.path[:60]) for r in from_browser if "/dp/" not in r.path][:5]
    assert scraper.browser.launches == 1


async def test_captcha_mid_run_pauses_the_marketplace_and_nothing_crashes(scraper, amazon):
    urls = [
        "https://www.amazon.com/dp/3518366823",
        "https://www.amazon.com/dp/B0011UCPM4",
        "https://www.amazon.com/dp/3518366823",
        "https://www.amazon.co.uk/dp/0575090677",
    ]
    amazon.inject(Fault.CAPTCHA, asin="B0011UCPM4")
    results = []
    for url in urls:
        try:
            results.append((await scraper.fetch_book(url)).book.title)
        except ScrapeError as exc:
            results.append(exc)
    assert isinstance(results[0], str) and isinstance(results[3], str)
    first, second = results[1], results[2]
    assert first.code is ErrorCode.CAPTCHA and second.code is ErrorCode.CAPTCHA
    assert first.details["paused_until"] and "paused" in first.message
    # The third page was never requested: a paused marketplace is not asked again.
    assert [r.path for r in amazon.page_requests()].count("/dp/3518366823") == 1
    status = {m["marketplace"]: m for m in scraper.status()["marketplaces"]}
    assert status["amazon.com"]["paused"] is True and "captcha" in status["amazon.com"]["reason"]
    assert status["amazon.co.uk"]["paused"] is False
    assert scraper.pause_of("www.amazon.com")["paused_until"] == first.details["paused_until"]
    assert scraper.pause_of("amazon.co.uk") is None
    scraper.resume("amazon.com")
    assert scraper.pause_of("amazon.com") is None
    assert (await scraper.fetch_book(urls[2])).book.title


async def test_503_backs_off_then_succeeds_and_gives_up_as_network(scraper, amazon):
    amazon.inject(Fault.UNAVAILABLE, asin="3518366823", times=1)
    started = time.monotonic()
    outcome = await scraper.fetch_book("https://www.amazon.com/dp/3518366823")
    assert outcome.book.title
    assert time.monotonic() - started >= 0.05  # waited the backoff before asking again
    assert len(amazon.page_requests()) == 2
    amazon.inject(Fault.UNAVAILABLE, asin="3518366823", times=10)
    with pytest.raises(ScrapeError) as err:
        await scraper.fetch_book("https://www.amazon.com/dp/3518366823")
    assert err.value.code is ErrorCode.NETWORK and err.value.transient
    assert len(amazon.page_requests()) == 2 + scraper.max_attempts


@pytest.mark.parametrize("fault", [Fault.HANG, Fault.STALL])
async def test_server_that_never_answers_is_a_timeout(scraper, amazon, fault):
    amazon.inject(fault, asin="3518366823")
    started = time.monotonic()
    scraper.browser.timeout_s = 1.5
    try:
        with pytest.raises(ScrapeError) as err:
            await scraper.fetch_book("https://www.amazon.com/dp/3518366823")
    finally:
        scraper.browser.timeout_s = 20.0
    assert err.value.code is ErrorCode.TIMEOUT and err.value.transient
    assert time.monotonic() - started < 10
    assert (await scraper.fetch_book("https://www.amazon.com/dp/3518366823")).book.title  # browser still fine


async def test_not_found_and_not_a_book_have_their_codes(scraper, amazon):
    with pytest.raises(ScrapeError) as err:
        await scraper.fetch_book("https://www.amazon.com/dp/0000000000")
    assert err.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(ScrapeError) as err:
        await scraper.fetch_book("https://www.amazon.com/dp/B0057OC5O8")
    assert err.value.code is ErrorCode.NOT_A_BOOK


async def test_cancelled_scrape_closes_its_context(scraper, amazon):
    amazon.inject(Fault.HANG, asin="3518366823")
    task = asyncio.ensure_future(scraper.fetch_book("https://www.amazon.com/dp/3518366823"))
    await eventually(amazon.page_requests)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    browser = await scraper.browser.browser()
    await eventually(lambda: browser.contexts == [], timeout=1)


def _browser_pids(marker: str) -> list[int]:
    """Main Chromium processes whose command line carries `marker` (ours: the unique port)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # Chromium rewrites its title into one string: match substrings, not argv elements.
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if marker.encode() in cmd and b"--type=" not in cmd:
            pids.append(int(entry.name))
    return pids


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the browser process")
async def test_browser_killed_between_scrapes_is_relaunched_transparently(scraper, amazon):
    await scraper.fetch_book("https://www.amazon.com/dp/3518366823")
    launches = scraper.browser.launches
    pids = _browser_pids(f"127.0.0.1:{amazon.port}")
    assert pids
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    await asyncio.sleep(0.3)
    assert (await scraper.fetch_book("https://www.amazon.com/dp/3518366823")).book.title
    assert scraper.browser.launches == launches + 1


async def test_solved_session_is_reused_by_headless_scrapes(scraper, amazon):
    scraper.politeness.record_captcha("amazon.com")
    # headless=True only because tests have no screen; the code path is the editor's window.
    session = await scraper.open_visible("https://www.amazon.com/solve-captcha", headless=True)
    await session.close()
    assert not scraper.politeness.paused("amazon.com")
    await scraper.fetch_book("https://www.amazon.com/dp/3518366823")
    assert "session-token=solved" in amazon.page_requests()[-1].cookie


async def test_connection_refused_is_network(chromium_path, tmp_path):
    cfg = BrowserConfig(configured_path=chromium_path, extra_args=tuple(AmazonServer.refused_args()))
    browser = BrowserManager(cfg, profile_dir=tmp_path / "profile", timeout_s=5.0)
    try:
        with pytest.raises(ScrapeError) as err:
            await browser.fetch("https://www.amazon.com.br/dp/8565042472", marketplace="amazon.com.br")
    finally:
        await browser.aclose()
    assert err.value.code is ErrorCode.NETWORK
    assert "ERR_CONNECTION_REFUSED" in err.value.message


async def test_proxy_setting_sends_the_browser_through_the_proxy(chromium_path, tmp_path):
    """A proxy that refuses every tunnel: the browser must have asked it, and the scrape is `network`."""
    import socket
    import threading

    seen: list[str] = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                seen.append(conn.recv(4096).split(b"\r\n")[0].decode())
                conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")

    threading.Thread(target=serve, daemon=True).start()
    cfg = BrowserConfig(configured_path=chromium_path, proxy=f"http://127.0.0.1:{listener.getsockname()[1]}")
    browser = BrowserManager(cfg, profile_dir=tmp_path / "profile", timeout_s=10.0)
    try:
        with pytest.raises(ScrapeError) as err:
            await browser.fetch("https://www.amazon.com.br/dp/8565042472", marketplace="amazon.com.br")
    finally:
        await browser.aclose()
        listener.close()
    assert err.value.code is ErrorCode.NETWORK
    assert "CONNECT www.amazon.com.br:443 HTTP/1.1" in seen


async def test_page_bytes_arrive_unchanged_for_the_parsers_charset_handling(scraper, amazon):
    """ISO-8859-1 pages exist: the browser must hand over the bytes, not re-encoded text."""
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Ação</title></head>'
        "<body>Édition française</body></html>"
    ).encode("latin-1")
    amazon.add_page("1234567890", page, content_type="text/html; charset=ISO-8859-1")
    try:
        result = await scraper.browser.fetch("https://www.amazon.fr/dp/1234567890", marketplace="amazon.fr")
    finally:
        amazon.pages.pop("1234567890")
    assert result.body == page
    assert result.status == 200 and result.content_type == "text/html; charset=ISO-8859-1"
    assert result.url == "https://www.amazon.fr/dp/1234567890"


async def test_redirect_to_another_edition_is_followed_and_flagged(scraper, amazon):
    amazon.add_redirect("0575090670", "https://www.amazon.co.uk/dp/0575090677")
    try:
        outcome = await scraper.fetch_book("https://www.amazon.co.uk/dp/0575090670")
    finally:
        amazon.redirects.clear()
    assert outcome.url == "https://www.amazon.co.uk/dp/0575090677"
    assert outcome.book.title == "Bone Silence"
    assert any(w.startswith("asin_changed: asked for 0575090670") for w in outcome.book.warnings)


async def _ready_spare(manager: BrowserManager):
    """The context the manager prepared for the next scrape, once it is ready."""
    assert manager._spare is not None, "no context is being prepared"
    return (await manager._spare).context


async def _until(predicate, timeout: float = 3.0) -> None:
    await eventually(predicate, timeout=timeout)


async def test_a_scrape_waiting_for_its_slot_gets_its_page_prepared_meanwhile(scraper, amazon):
    manager = scraper.browser
    scraper.politeness = Politeness(0.6, jitter=0.0)
    await scraper.fetch_book("https://www.amazon.com/dp/3518366823")
    browser = await manager.browser()
    await _until(lambda: browser.contexts == [])  # a scrape that did not wait prepares nothing
    assert manager._spare is None
    taken = manager.spares_taken
    # Take amazon.com's current slot, so the next scrape must wait 0.6 s however long the first one took.
    await scraper.politeness.acquire(strip_host_prefix("www.amazon.com"))
    await scraper.fetch_book("https://www.amazon.com/dp/B0011UCPM4")
    assert manager.spares_taken == taken + 1
    await _until(lambda: browser.contexts == [])  # used once, then closed in the background


async def test_a_page_prepared_for_one_marketplace_is_left_for_it(scraper, amazon):
    manager = scraper.browser
    manager.prepare("amazon.com")
    spare = await _ready_spare(manager)
    browser = await manager.browser()
    assert [p.url for c in browser.contexts for p in c.pages] == ["about:blank"]  # nothing loaded in it yet
    taken = manager.spares_taken
    # A scrape of another marketplace gets a context of its own, in its own language...
    await scraper.fetch_book("https://www.amazon.com.br/dp/8565042472")
    assert amazon.page_requests()[-1].accept_language.startswith("pt-BR")
    assert manager.spares_taken == taken and spare in browser.contexts
    # ...and the scrape it was made for takes it.
    await scraper.fetch_book("https://www.amazon.com/dp/3518366823")
    assert amazon.page_requests()[-1].accept_language.startswith("en-US")
    assert manager.spares_taken == taken + 1
    await _until(lambda: browser.contexts == [])


async def test_a_session_saved_after_the_spare_was_made_is_not_missed(scraper, amazon):
    manager = scraper.browser
    manager.prepare("amazon.com")
    await _ready_spare(manager)
    state = {
        "cookies": [
            {
                "name": "session-token",
                "value": "fresh",
                "domain": ".amazon.com",
                "path": "/",
                "expires": -1,
                "httpOnly": False,
                "secure": True,
                "sameSite": "Lax",
            }
        ],
        "origins": [],
    }
    manager.profile_dir.mkdir(parents=True, exist_ok=True)
    manager.storage_state_path.write_text(json.dumps(state))
    taken = manager.spares_taken
    try:
        await scraper.fetch_book("https://www.amazon.com/dp/B0011UCPM4")
        assert "session-token=fresh" in amazon.page_requests()[-1].cookie
        assert manager.spares_taken == taken  # the stale spare was closed, not used
    finally:
        manager.storage_state_path.unlink()
    browser = await manager.browser()
    await _until(lambda: browser.contexts == [])


async def test_a_scrape_cancelled_while_it_waits_closes_the_page_made_for_it(scraper, amazon):
    """Not left holding a renderer (~65 MB) until the spare's idle time ends."""
    manager = scraper.browser
    scraper.politeness = Politeness(5.0, jitter=0.0)
    await scraper.politeness.acquire(strip_host_prefix("www.amazon.com"))  # the next scrape waits 5 s
    waiting = asyncio.ensure_future(scraper.fetch_book("https://www.amazon.com/dp/B0011UCPM4"))
    await _until(lambda: manager._spare is not None)
    await _ready_spare(manager)
    browser = await manager.browser()
    assert len(browser.contexts) == 1
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert manager._spare is None
    await _until(lambda: browser.contexts == [])


async def test_a_withdrawn_request_leaves_the_other_scrapes_page(scraper, amazon):
    manager = scraper.browser
    manager.prepare("amazon.com")  # one scrape waiting: its spare is being made...
    manager.prepare("amazon.com")  # ...a second behind it: its request waits for the first to be taken
    spare = await _ready_spare(manager)
    manager.withdraw("amazon.com")  # one of the two is cancelled: the spare stays for the other
    assert manager._spare is not None and list(manager._wanted) == []
    manager.withdraw("amazon.com")  # and the other too
    assert manager._spare is None
    browser = await manager.browser()
    await _until(lambda: spare not in browser.contexts)


async def test_an_unused_spare_is_closed_after_its_idle_time(chromium_path, amazon_server, tmp_path):
    cfg = BrowserConfig(configured_path=chromium_path, extra_args=tuple(amazon_server.browser_args()))
    manager = BrowserManager(cfg, profile_dir=tmp_path / "profile", timeout_s=20.0, spare_idle_s=0.3)
    try:
        manager.prepare("amazon.com")  # launches the browser too
        await _ready_spare(manager)
        browser = await manager.browser()
        assert len(browser.contexts) == 1
        await _until(lambda: not browser.contexts)
        assert manager._spare is None
    finally:
        await manager.aclose()


async def test_scrapes_queued_behind_one_slot_each_get_a_prepared_page(scraper, amazon):
    manager = scraper.browser
    scraper.politeness = Politeness(0.5, jitter=0.0)
    taken = manager.spares_taken
    # As the executor runs them: three scrapes of one marketplace at once; the 2nd waits 0.5 s, the 3rd 1 s.
    books = await asyncio.gather(
        *(
            scraper.fetch_book(f"https://www.amazon.com/dp/{asin}")
            for asin in ("3518366823", "B0011UCPM4", "3518366823")
        )
    )
    assert all(o.book.title for o in books)
    assert manager.spares_taken == taken + 2
    browser = await manager.browser()
    await _until(lambda: browser.contexts == [])
