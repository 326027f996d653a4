"""Finding a Chromium-family browser: configured path, Playwright's Chromium, Chrome/Edge, system Chromium."""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.core.ports import Context

log = logging.getLogger("pigmeu.scraping.browser")

# The flags that keep a headless Chromium quiet and off the network except for our pages.
DEFAULT_ARGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # No --disable-features here: Playwright passes its own list and a second flag would replace it.
)


@dataclass(frozen=True)
class Candidate:
    """One place a browser may be: `kind` says which rule of the search order found it."""

    kind: str  # configured | playwright | chrome | msedge | system
    path: str
    channel: str | None = None


@dataclass(frozen=True)
class BrowserConfig:
    """What the launcher needs, read from settings with env overrides (env wins: ARCHITECTURE.md, "Settings")."""

    configured_path: str = ""
    extra_args: tuple[str, ...] = ()
    proxy: str = ""
    search: tuple[Candidate, ...] | None = None  # None → the platform's default search list
    is_root: bool = field(default_factory=lambda: hasattr(os, "geteuid") and os.geteuid() == 0)

    @classmethod
    def from_services(cls, services: Context, *, search: Sequence[Candidate] | None = None) -> BrowserConfig:
        env: Mapping[str, str] = services.env
        settings = services.settings
        raw_args = env.get("PIGMEU_BROWSER_ARGS") or settings.browser_args or ""
        return cls(
            configured_path=env.get("PIGMEU_BROWSER") or settings.browser_path or "",
            extra_args=tuple(split_args(raw_args)),
            proxy=settings.proxy or "",
            search=tuple(search) if search is not None else None,
        )

    def launch_args(self) -> list[str]:
        args = list(DEFAULT_ARGS)
        # The sandbox cannot start as root (containers, CI); everywhere else it stays on.
        if self.is_root:
            args.append("--no-sandbox")
        args.extend(self.extra_args)
        return args


def split_args(raw: str) -> list[str]:
    """Split like a shell command line so `--proxy-bypass-list="a b"` stays one argument."""
    try:
        return shlex.split(raw, posix=os.name != "nt")
    except ValueError as exc:
        raise ScrapeError(
            f"The browser arguments cannot be read: {exc}.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Fix the quotes in Settings → Browser arguments (or PIGMEU_BROWSER_ARGS).",
        ) from exc


def _chrome_paths(channel: str) -> list[str]:
    """Where Chrome/Edge install themselves (the same places Playwright's `channel=` looks)."""
    if sys.platform == "darwin":
        app = {"chrome": "Google Chrome", "msedge": "Microsoft Edge"}[channel]
        return [f"/Applications/{app}.app/Contents/MacOS/{app}"]
    if os.name == "nt":
        sub = {
            "chrome": r"Google\Chrome\Application\chrome.exe",
            "msedge": r"Microsoft\Edge\Application\msedge.exe",
        }
        roots = [os.environ.get(v) for v in ("LOCALAPPDATA", "PROGRAMFILES", "PROGRAMFILES(X86)")]
        return [str(Path(r) / sub[channel]) for r in roots if r]
    return {"chrome": ["/opt/google/chrome/chrome"], "msedge": ["/opt/microsoft/msedge/msedge"]}[channel]


def default_search(playwright_chromium: str | None) -> list[Candidate]:
    """The issue's order after the configured path: Playwright's Chromium, Chrome, Edge, system Chromium."""
    found: list[Candidate] = []
    if playwright_chromium:
        found.append(Candidate("playwright", playwright_chromium))
    for channel in ("chrome", "msedge"):
        found += [Candidate(channel, p, channel=channel) for p in _chrome_paths(channel)]
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        path = name if os.path.isabs(name) else shutil.which(name)
        if path:
            found.append(Candidate("system", path))
    return found


def _usable(path: str) -> bool:
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def install_hint() -> str:
    """The fix for this OS, in one sentence (README repeats it)."""
    if sys.platform == "darwin":
        how = "Install Google Chrome (or `brew install --cask chromium`)"
    elif os.name == "nt":
        how = "Install Google Chrome or Microsoft Edge"
    else:
        how = "Install Chromium (`sudo apt install chromium`, `sudo dnf install chromium`) or Google Chrome"
    return f"{how}, or run `playwright install chromium`, or set PIGMEU_BROWSER to the browser's executable."


def find_browser(config: BrowserConfig, *, playwright_chromium: str | None = None) -> Candidate:
    """The first usable browser in the search order; ScrapeError(browser_unavailable) if there is none."""
    tried: list[str] = []
    if config.configured_path:
        if _usable(config.configured_path):
            return Candidate("configured", config.configured_path)
        # Fall through to the others, but say so: a typo in the setting should not go unnoticed.
        log.warning("configured browser %s does not exist or is not executable", config.configured_path)
        tried.append(config.configured_path)
    search = config.search if config.search is not None else default_search(playwright_chromium)
    for cand in search:
        if _usable(cand.path):
            log.info("using %s browser at %s", cand.kind, cand.path)
            return cand
        tried.append(cand.path)
    configured = (
        f" The configured browser {config.configured_path!r} was not found." if config.configured_path else ""
    )
    raise ScrapeError(
        "No Chromium, Chrome or Edge browser was found." + configured,
        code=ErrorCode.BROWSER_UNAVAILABLE,
        next_step=install_hint(),
        tried=tried,
    )
