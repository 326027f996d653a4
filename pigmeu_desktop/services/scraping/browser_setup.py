"""First run without a browser: is one there, and downloading Playwright's Chromium with progress and cancel.

No Qt: the first-run dialog and `pigmeu doctor` read the same answers. The download runs Playwright's own
installer (its Node driver, shipped in the bundle) in a child process, so it goes where Playwright looks
for it (PLAYWRIGHT_BROWSERS_PATH, else the per-user cache) and the scraper finds it next time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.services.scraping.discovery import BrowserConfig, _usable, default_search

log = logging.getLogger("pigmeu.scraping.setup")

# Playwright prints "|■■■■      |  40% of 167.3 MiB" (one line per 10% when its output is not a terminal).
_PERCENT = re.compile(r"(\d{1,3})% of ([\d.]+ ?[KMG]i?B)")
DownloadProgress = Callable[[int | None, str], None]  # (percent or None, the installer's last line)


def playwright_browsers_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where Playwright keeps its browsers (its own rule: PLAYWRIGHT_BROWSERS_PATH, else a per-user cache)."""
    env = os.environ if env is None else env
    if env.get("PLAYWRIGHT_BROWSERS_PATH") and env["PLAYWRIGHT_BROWSERS_PATH"] != "0":
        return Path(env["PLAYWRIGHT_BROWSERS_PATH"])
    if sys.platform == "win32":
        return Path(env.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "ms-playwright"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ms-playwright"


def has_playwright_chromium(env: Mapping[str, str] | None = None) -> bool:
    root = playwright_browsers_dir(env)
    return root.is_dir() and any(p.is_dir() for p in root.glob("chromium-*"))


def browser_missing(config: BrowserConfig, env: Mapping[str, str] | None = None) -> bool:
    """True when no browser would be found: nothing configured, no Playwright Chromium, no Chrome/Edge/Chromium.

    Only file checks (no browser is started), so it is cheap enough for every start of the window.
    """
    if config.configured_path and _usable(config.configured_path):
        return False
    if has_playwright_chromium(env):
        return False
    search = config.search if config.search is not None else default_search(None)
    return not any(_usable(c.path) for c in search)


def install_command() -> list[str]:
    """Playwright's installer for Chromium, run by its Node driver (inside the bundle too)."""
    from playwright._impl._driver import compute_driver_executable

    node, cli = compute_driver_executable()
    return [node, cli, "install", "chromium"]


def _driver_env(env: Mapping[str, str] | None) -> dict[str, str]:
    from playwright._impl._driver import get_driver_env

    merged = get_driver_env()
    if env is not None:
        merged.update(env)
    return merged


class ChromiumDownload:
    """One download of Playwright's Chromium; `run` reports progress, `cancel` stops it (and its children)."""

    def __init__(self, env: Mapping[str, str] | None = None, command: list[str] | None = None) -> None:
        self.env = env
        self.command = command
        self._process: asyncio.subprocess.Process | None = None
        self._cancelled = False
        self.lines: list[str] = []

    async def run(self, progress: DownloadProgress) -> None:
        """Download; raises PigmeuError(browser_download_failed) on failure, (cancelled) when cancelled."""
        command = self.command or install_command()
        log.info("downloading Chromium: %s", " ".join(command[2:]))
        try:
            self._process = await asyncio.create_subprocess_exec(
                *command,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
                env=_driver_env(self.env),
            )
        except OSError as exc:
            raise PigmeuError(
                f"The browser installer could not start: {exc}.", code=ErrorCode.BROWSER_DOWNLOAD_FAILED
            ) from exc
        assert self._process.stdout is not None
        buffer = b""
        while chunk := await self._process.stdout.read(4096):
            buffer += chunk
            *complete, buffer = re.split(rb"[\r\n]", buffer)
            for raw in complete:
                self._line(raw.decode("utf-8", "replace").strip(), progress)
        self._line(buffer.decode("utf-8", "replace").strip(), progress)
        code = await self._process.wait()
        if self._cancelled:
            raise PigmeuError("The browser download was cancelled.", code=ErrorCode.CANCELLED)
        if code != 0 or any(line.startswith("Failed to install browsers") for line in self.lines):
            raise PigmeuError(
                "The browser could not be downloaded" + self._reason() + ".",
                code=ErrorCode.BROWSER_DOWNLOAD_FAILED,
                exit_code=code,
            )
        progress(100, "")
        log.info("Chromium downloaded into %s", playwright_browsers_dir(self.env))

    def _line(self, line: str, progress: DownloadProgress) -> None:
        if not line:
            return
        self.lines.append(line)
        match = _PERCENT.search(line)
        if match:
            progress(min(100, int(match.group(1))), match.group(2))
        elif not line.startswith("|"):
            progress(None, line)

    def _reason(self) -> str:
        """The installer's own words for the failure, shortened (e.g. 'connect ECONNREFUSED', 'getaddrinfo')."""
        for line in self.lines:
            for hint in (
                "ECONNREFUSED",
                "ENOTFOUND",
                "EAI_AGAIN",
                "ETIMEDOUT",
                "ECONNRESET",
                "certificate",
                "ENOSPC",
                "EACCES",
            ):
                if hint in line:
                    return f" ({hint})"
        return ""

    def cancel(self) -> None:
        """Stop the installer and the download process it started."""
        self._cancelled = True
        if self._process is None or self._process.returncode is not None:
            return
        import psutil

        with contextlib.suppress(psutil.Error):
            parent = psutil.Process(self._process.pid)
            for child in parent.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    child.kill()
            parent.kill()
