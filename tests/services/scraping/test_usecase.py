"""The scrape step's contract (core/ports.StepWork): fills `book`, reports progress, never touches status."""

from __future__ import annotations

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.scraping import scrape_submission_from_html
from pigmeu_desktop.settings.schema import Settings

PAGE = "08-couk-hardcover-bone-silence-2024"


def claimed(url: str, asin: str, marketplace: str) -> Submission:
    return Submission(amazon_url=url, asin=asin, marketplace=marketplace, status=Status.SCRAPING)


@pytest.mark.asyncio
async def test_from_html_fills_the_book_and_reports_progress(amazon, amazon_fixtures, tmp_path):
    svc = Services(
        AppPaths.under(tmp_path / "home").ensure(),
        Settings(),
        {"PIGMEU_BROWSER_ARGS": amazon.browser_args_env()},
    )
    seen: list[tuple[float | None, str]] = []
    sub = claimed("https://www.amazon.co.uk/dp/0575090677", "0575090677", "amazon.co.uk")
    try:
        out = await scrape_submission_from_html(
            svc, sub, amazon_fixtures / f"{PAGE}.html", progress=lambda f, m: seen.append((f, m))
        )
    finally:
        await svc.aclose()
    assert out.status is Status.SCRAPING and out.version == sub.version and out.id == sub.id
    assert out.book.title == "Bone Silence" and out.book.scraped_at is not None
    assert out.book.cover_path and out.book.warnings == []
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and all(m for _, m in seen)


@pytest.mark.asyncio
async def test_saved_captcha_page_is_captcha_but_does_not_pause_the_marketplace(amazon_fixtures, tmp_path):
    svc = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), {})
    sub = claimed("https://www.amazon.com/dp/0702315516", "0702315516", "amazon.com")
    try:
        with pytest.raises(ScrapeError) as err:
            await scrape_submission_from_html(
                svc, sub, amazon_fixtures / "06-com-captcha-robot-check-2024.html"
            )
        assert err.value.code is ErrorCode.CAPTCHA
        assert not svc.scraper.politeness.paused("amazon.com")  # a file says nothing about Amazon now
    finally:
        await svc.aclose()


@pytest.mark.asyncio
async def test_amazons_error_page_is_a_transient_network_error_not_not_found(tmp_path):
    page = tmp_path / "oops.html"
    page.write_text(
        "<html><head><title>Amazon.com</title></head><body><h1>Sorry! Something went wrong!</h1>"
        "</body></html>"
    )
    svc = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), {})
    sub = claimed("https://www.amazon.com/dp/3518366823", "3518366823", "amazon.com")
    try:
        with pytest.raises(ScrapeError) as err:
            await scrape_submission_from_html(svc, sub, page)
    finally:
        await svc.aclose()
    assert err.value.code is ErrorCode.NETWORK and err.value.transient
