"""Browser discovery: search order, configured path, env over settings, shell-style args, none found."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.scraping import check_browser
from pigmeu_desktop.services.scraping.discovery import BrowserConfig, Candidate, find_browser, split_args
from pigmeu_desktop.settings.schema import Settings


def fake_exe(path: Path) -> str:
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def services(tmp_path: Path, env: dict[str, str], **settings) -> Services:
    return Services(AppPaths.under(tmp_path / "home").ensure(), Settings(**settings), env)


def test_configured_path_wins(tmp_path):
    exe = fake_exe(tmp_path / "mychrome")
    other = fake_exe(tmp_path / "other")
    cfg = BrowserConfig(configured_path=exe, search=(Candidate("system", other),))
    assert find_browser(cfg) == Candidate("configured", exe)


def test_search_order_skips_missing_and_says_which(tmp_path):
    pw = str(tmp_path / "missing-playwright-chrome")
    system = fake_exe(tmp_path / "chromium")
    not_exec = tmp_path / "chrome"
    not_exec.write_text("")
    cfg = BrowserConfig(
        search=(
            Candidate("playwright", pw),
            Candidate("chrome", str(not_exec), "chrome"),
            Candidate("system", system),
        )
    )
    assert find_browser(cfg).kind == "system"


def test_default_search_order_puts_playwright_first(tmp_path):
    bundled = fake_exe(tmp_path / "chrome-linux")
    assert find_browser(BrowserConfig(), playwright_chromium=bundled) == Candidate("playwright", bundled)


def test_nonexistent_configured_path_and_nothing_else_is_browser_unavailable(tmp_path):
    cfg = BrowserConfig(configured_path=str(tmp_path / "nope" / "chrome"), search=())
    with pytest.raises(ScrapeError) as err:
        find_browser(cfg)
    assert err.value.code is ErrorCode.BROWSER_UNAVAILABLE
    assert "nope" in err.value.message
    # The fix for this OS: Linux users are told the package manager command and PIGMEU_BROWSER.
    assert "PIGMEU_BROWSER" in err.value.next_step
    if os.name == "posix":
        assert "apt install chromium" in err.value.next_step or "brew" in err.value.next_step


@pytest.mark.asyncio
async def test_check_browser_reports_unavailable_through_services(tmp_path):
    svc = services(tmp_path, {"PIGMEU_BROWSER": str(tmp_path / "nowhere")})
    with pytest.raises(ScrapeError) as err:
        await check_browser(svc, search=[])
    assert err.value.code is ErrorCode.BROWSER_UNAVAILABLE
    assert err.value.to_dict()["code"] == "browser_unavailable"


@pytest.mark.asyncio
async def test_scrape_use_case_with_no_browser_fails_before_any_request(tmp_path):
    from pigmeu_desktop.core.models import Submission
    from pigmeu_desktop.services.scraping import create_scraper, scrape_submission

    svc = services(tmp_path, {"PIGMEU_BROWSER": str(tmp_path / "nowhere")})
    svc.scraper = create_scraper(svc, search=[])  # hides every installed browser
    sub = Submission(
        amazon_url="https://www.amazon.com/dp/3518366823", asin="3518366823", marketplace="amazon.com"
    )
    try:
        with pytest.raises(ScrapeError) as err:
            await scrape_submission(svc, sub)
    finally:
        await svc.scraper.aclose()
    assert err.value.code is ErrorCode.BROWSER_UNAVAILABLE
    assert not err.value.transient


def test_env_overrides_settings_and_args_split_like_a_shell(tmp_path):
    svc = services(
        tmp_path,
        {
            "PIGMEU_BROWSER": "/env/chrome",
            "PIGMEU_BROWSER_ARGS": '--lang=pt-BR --proxy-bypass-list="a.com b.com"',
        },
        browser_path="/settings/chrome",
        browser_args="--ignored",
        proxy="http://proxy:3128",
    )
    cfg = BrowserConfig.from_services(svc)
    assert cfg.configured_path == "/env/chrome"
    assert cfg.extra_args == ("--lang=pt-BR", "--proxy-bypass-list=a.com b.com")
    assert cfg.proxy == "http://proxy:3128"


def test_settings_used_when_env_is_silent(tmp_path):
    cfg = BrowserConfig.from_services(
        services(tmp_path, {}, browser_path="/s/chrome", browser_args="--a 'b c'")
    )
    assert cfg.configured_path == "/s/chrome"
    assert cfg.extra_args == ("--a", "b c")


def test_unbalanced_quotes_are_a_clear_error():
    with pytest.raises(ScrapeError) as err:
        split_args('--flag="unterminated')
    assert err.value.code is ErrorCode.INVALID_INPUT


def test_no_sandbox_only_as_root():
    root = BrowserConfig(is_root=True, extra_args=("--x",)).launch_args()
    user = BrowserConfig(is_root=False).launch_args()
    assert "--no-sandbox" in root and "--no-sandbox" not in user
    assert root[-1] == "--x"  # user arguments come last so they can override the defaults
    for flag in (
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
    ):
        assert flag in user


@pytest.mark.asyncio
async def test_an_executable_that_is_not_a_browser_is_browser_unavailable(tmp_path):
    fake = tmp_path / "not-a-browser"
    fake.write_text("#!/bin/sh\necho 'I am not Chromium' >&2\nexit 3\n")
    fake.chmod(0o755)
    svc = services(tmp_path, {"PIGMEU_BROWSER": str(fake)})
    with pytest.raises(ScrapeError) as err:
        await check_browser(svc, search=[])
    assert err.value.code is ErrorCode.BROWSER_UNAVAILABLE
    assert str(fake) in err.value.message
