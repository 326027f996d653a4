"""Covers: content-addressed download through the browser's host rules; failures are warnings."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Book, Submission
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.scraping import ensure_cover
from pigmeu_desktop.services.scraping.covers import COVER_WARNING_PREFIX, CoverStore
from pigmeu_desktop.services.scraping.discovery import BrowserConfig
from pigmeu_desktop.services.scraping.http_client import client_for, map_host, parse_host_rules
from pigmeu_desktop.settings.schema import Settings
from tests.support.amazon_server import AmazonServer, Fault

COVER = "https://m.media-amazon.com/images/I/81i11gQiUiS._SL1500_.jpg"


def store_for(amazon: AmazonServer, tmp_path: Path) -> CoverStore:
    cfg = BrowserConfig(extra_args=tuple(amazon.browser_args()))
    return CoverStore(tmp_path / "covers", lambda: client_for(cfg, timeout_s=3))


def test_host_rules_follow_chromium_syntax():
    rules = parse_host_rules(
        [
            "--x",
            "--host-resolver-rules=MAP *.amazon.com 127.0.0.1:8443, EXCLUDE a.amazon.com, MAP * localhost",
        ]
    )
    assert map_host(rules, "www.amazon.com") == ("127.0.0.1", 8443)
    assert map_host(rules, "m.media-amazon.com") == ("localhost", None)
    assert map_host(rules, "a.amazon.com") is None
    assert map_host(rules, "example.org") == ("localhost", None)


@pytest.mark.asyncio
async def test_cover_is_stored_once_under_its_sha256(amazon, tmp_path):
    covers = store_for(amazon, tmp_path)
    try:
        book = await covers.attach(Book(title="T", cover_url=COVER, warnings=["other"]))
        again = await covers.attach(Book(title="T2", cover_url=COVER.replace("81i", "99x")))
    finally:
        await covers.aclose()
    path = Path(book.cover_path)
    assert path.read_bytes() == amazon.cover_bytes
    assert path.name == hashlib.sha256(amazon.cover_bytes).hexdigest() + ".jpg"
    assert again.cover_path == book.cover_path  # same bytes → same file
    assert sorted(p.name for p in (tmp_path / "covers").iterdir()) == [path.name]  # no temp files left
    assert book.warnings == ["other"]
    # The request really went to the mapped host, with the original Host header.
    assert next(r.host for r in amazon.requests if r.path.startswith("/images/")) == "m.media-amazon.com"


@pytest.mark.asyncio
async def test_failed_cover_is_a_warning_and_ensure_cover_retries(amazon, tmp_path):
    amazon.inject(Fault.UNAVAILABLE, path_prefix="/images/", times=5)
    svc = Services(
        AppPaths.under(tmp_path / "home").ensure(),
        Settings(),
        {"PIGMEU_BROWSER_ARGS": amazon.browser_args_env()},
    )
    try:
        book = await svc.scraper.covers.attach(Book(title="T", cover_url=COVER))
        assert book.cover_path is None
        assert len(book.warnings) == 1 and book.warnings[0].startswith(f"{COVER_WARNING_PREFIX}: network")
        sub = Submission(
            amazon_url="https://www.amazon.com/dp/3518366823",
            asin="3518366823",
            marketplace="amazon.com",
            book=book,
        )
        amazon.clear_faults()
        fixed = await ensure_cover(svc, sub)
    finally:
        await svc.aclose()
    assert fixed.book.cover_path and Path(fixed.book.cover_path).is_file()
    assert Path(fixed.book.cover_path).parent == svc.paths.covers_dir
    assert fixed.book.warnings == []


@pytest.mark.asyncio
async def test_hanging_cover_server_is_a_timeout_warning(amazon, tmp_path):
    amazon.inject(Fault.HANG, path_prefix="/images/")
    cfg = BrowserConfig(extra_args=tuple(amazon.browser_args()))
    covers = CoverStore(tmp_path / "covers", lambda: client_for(cfg, timeout_s=0.5))
    try:
        book = await covers.attach(Book(title="T", cover_url=COVER))
    finally:
        await covers.aclose()
    assert book.cover_path is None
    assert book.warnings[0].startswith(f"{COVER_WARNING_PREFIX}: timeout")


@pytest.mark.asyncio
async def test_book_without_cover_url_needs_no_download(amazon, tmp_path):
    covers = store_for(amazon, tmp_path)
    try:
        book = await covers.attach(Book(title="T"))
    finally:
        await covers.aclose()
    assert book.cover_path is None and book.warnings == []
    assert amazon.requests == []
