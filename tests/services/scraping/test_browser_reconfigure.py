"""Browser settings saved while the app runs reach the shared browser, with the real Chromium."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from pathlib import Path

import psutil
import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.scraping.browser import BrowserManager
from pigmeu_desktop.services.scraping.discovery import BrowserConfig
from pigmeu_desktop.services.scraping.priority import browser_niceness
from pigmeu_desktop.settings.schema import Settings
from tests.support.amazon_server import Fault
from tests.support.polling import eventually

pytestmark = [pytest.mark.asyncio, pytest.mark.browser, pytest.mark.slow]

URL = "https://www.amazon.com/dp/3518366823"


def _config(chromium_path: str, amazon_server, *extra: str) -> BrowserConfig:
    return BrowserConfig(configured_path=chromium_path, extra_args=(*amazon_server.browser_args(), *extra))


def _browser_process(marker: str) -> psutil.Process:
    """The browser process launched with `marker` among its arguments (renderers do not get it)."""
    found = [p for p in psutil.Process().children(recursive=True) if marker in " ".join(p.cmdline())]
    assert len(found) == 1, found
    return found[0]


def _thread_niceness(process: psutil.Process) -> set[int]:
    return {os.getpriority(os.PRIO_PROCESS, int(t.name)) for t in Path(f"/proc/{process.pid}/task").iterdir()}


async def test_new_arguments_mean_a_new_browser_and_the_old_one_closes(
    chromium_path, amazon_server, amazon, tmp_path
):
    first, second = f"--pigmeu-test={uuid.uuid4()}", f"--pigmeu-test={uuid.uuid4()}"
    manager = BrowserManager(
        _config(chromium_path, amazon_server, first), profile_dir=tmp_path / "p", timeout_s=20
    )
    try:
        assert (await manager.fetch(URL, marketplace="amazon.com")).status == 200
        old = await manager.browser()
        assert (
            manager.reconfigure(_config(chromium_path, amazon_server, first), timeout_s=20, low_priority=True)
            is False
        )
        assert await manager.browser() is old  # nothing changed: the same browser
        assert manager.reconfigure(
            _config(chromium_path, amazon_server, second), timeout_s=5, low_priority=True
        )
        assert manager.timeout_s == 5
        assert (await manager.fetch(URL, marketplace="amazon.com")).status == 200
        assert manager.launches == 2 and (await manager.browser()) is not old
        _browser_process(second)  # started with the new arguments
        await eventually(lambda: not old.is_connected(), timeout=5)  # nobody was using it: closed
    finally:
        await manager.aclose()


async def test_a_scrape_running_when_settings_change_finishes_on_its_browser(
    chromium_path, amazon_server, amazon, tmp_path
):
    manager = BrowserManager(_config(chromium_path, amazon_server), profile_dir=tmp_path / "p", timeout_s=2)
    try:
        old = await manager.browser()
        amazon.inject(Fault.HANG)  # the page never answers: the scrape is mid-flight
        running = asyncio.ensure_future(manager.fetch(URL, marketplace="amazon.com"))
        await eventually(amazon.page_requests)
        manager.reconfigure(
            _config(chromium_path, amazon_server, "--lang=fr"), timeout_s=20, low_priority=True
        )
        await asyncio.sleep(0.2)
        assert old.is_connected()  # not closed under the running scrape
        with pytest.raises(ScrapeError) as raised:
            await running
        assert raised.value.code is ErrorCode.TIMEOUT  # its own ending, not a closed browser
        await eventually(lambda: not old.is_connected(), timeout=5)  # closed once its last scrape ended
        assert (await manager.fetch(URL, marketplace="amazon.com")).status == 200
        assert manager.launches == 2
    finally:
        await manager.aclose()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads thread priorities from /proc")
@pytest.mark.parametrize("low_priority", [True, False])
async def test_the_priority_setting_decides_whether_the_browser_yields(
    chromium_path, amazon_server, amazon, tmp_path, low_priority
):
    marker = f"--pigmeu-test={uuid.uuid4()}"
    manager = BrowserManager(
        _config(chromium_path, amazon_server, marker),
        profile_dir=tmp_path / "p",
        timeout_s=20,
        low_priority=low_priority,
    )
    try:
        assert (await manager.fetch(URL, marketplace="amazon.com")).status == 200
        niceness = _thread_niceness(_browser_process(marker))
        # Relative to the app's own niceness: the suite may itself run under `nice`.
        if low_priority:
            assert min(niceness) >= browser_niceness()
        else:
            assert max(niceness) < browser_niceness()
    finally:
        await manager.aclose()


async def test_saved_settings_reach_the_app_scraper(tmp_path):
    """Services.apply_settings (what Settings → Save calls): no browser is started to apply them."""
    services = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), env={})
    try:
        scraper = services.scraper
        covers_factory = scraper.covers._client_factory
        services.apply_settings(
            Settings(
                scrape_min_delay_s=7,
                scrape_timeout_s=12,
                proxy="http://proxy.local:3128",
                browser_low_priority=False,
            )
        )
        assert services.settings.proxy == "http://proxy.local:3128"
        assert (scraper.politeness.min_delay_s, scraper.browser.timeout_s) == (7, 12)
        assert (
            scraper.browser.config.proxy == "http://proxy.local:3128"
            and scraper.browser.low_priority is False
        )
        assert scraper.covers._client_factory is not covers_factory  # covers go through the new proxy too
        assert scraper.browser.launches == 0
    finally:
        await services.aclose()
