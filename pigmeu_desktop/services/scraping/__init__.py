"""Scraping: browser manager, parser, politeness, covers; `create_scraper` is what app.py caches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pigmeu_desktop.core.ports import Context
from pigmeu_desktop.services.scraping.browser import BrowserManager
from pigmeu_desktop.services.scraping.covers import CoverStore, ensure_cover
from pigmeu_desktop.services.scraping.discovery import BrowserConfig, Candidate
from pigmeu_desktop.services.scraping.http_client import client_for
from pigmeu_desktop.services.scraping.kept_pages import KeptPages
from pigmeu_desktop.services.scraping.pause_file import PauseFile
from pigmeu_desktop.services.scraping.politeness import Politeness
from pigmeu_desktop.services.scraping.scraper import Scraper
from pigmeu_desktop.services.scraping.usecase import scrape_submission, scrape_submission_from_html

__all__ = [
    "Scraper",
    "apply_settings",
    "check_browser",
    "create_scraper",
    "ensure_cover",
    "scrape_submission",
    "scrape_submission_from_html",
]


def create_scraper(services: Context, *, search: Sequence[Candidate] | None = None) -> Scraper:
    """Build the app's one Scraper; nothing starts until the first page is fetched."""
    config = BrowserConfig.from_services(services, search=search)
    browser = BrowserManager(
        config,
        profile_dir=services.paths.browser_profile_dir,
        timeout_s=services.settings.scrape_timeout_s,
        low_priority=services.settings.browser_low_priority,
    )
    politeness = Politeness(services.settings.scrape_min_delay_s, shared=_shared_politeness(services))
    covers = CoverStore(services.paths.covers_dir, lambda: client_for(config))
    return Scraper(browser, politeness, covers, kept_pages=KeptPages(services.paths.kept_pages_dir))


def _shared_politeness(services: Context):
    """Captcha pauses (and, in team mode, request slots) shared with the other apps: through the data
    folder on one computer, through the team's Redis in team mode (editors' apps and workers alike)."""
    if services.settings.team_mode and services.settings.redis_url:
        from pigmeu_desktop.services.scraping.team_politeness import RedisPoliteness
        from pigmeu_desktop.services.secrets.team import REDIS_PASSWORD, team_password

        url = services.settings.redis_url
        return RedisPoliteness.from_url(url, team_password(services, REDIS_PASSWORD, url))
    return PauseFile(services.paths.data_dir / "scraping-pauses.json")


def apply_settings(scraper: Scraper, services: Context) -> None:
    """Saved settings reach the running scraper: delay and timeout at once, a new browser (executable,
    arguments, proxy, priority) from the next page on, covers through the new proxy."""
    config = BrowserConfig.from_services(services, search=scraper.browser.config.search)
    settings = services.settings
    scraper.politeness.min_delay_s = max(0.0, settings.scrape_min_delay_s)
    if scraper.browser.reconfigure(
        config, timeout_s=settings.scrape_timeout_s, low_priority=settings.browser_low_priority
    ):
        scraper.covers.use_client_factory(lambda: client_for(config))


async def check_browser(services: Context, *, search: Sequence[Candidate] | None = None) -> dict[str, Any]:
    """Find, launch and close the browser: {"path", "kind", "version"}; ScrapeError(browser_unavailable)."""
    config = BrowserConfig.from_services(services, search=search)
    manager = BrowserManager(config, profile_dir=services.paths.browser_profile_dir)
    try:
        return await manager.info()
    finally:
        await manager.aclose()
