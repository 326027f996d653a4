"""The browser manager: one Playwright Chromium reused across scrapes, a fresh context per page."""

from __future__ import annotations

import asyncio
import base64
import collections
import contextlib
import json
import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.core.marketplaces import locale_of
from pigmeu_desktop.services.scraping.discovery import BrowserConfig, Candidate, find_browser
from pigmeu_desktop.services.scraping.locales import accept_language
from pigmeu_desktop.services.scraping.priority import lower_browser_priority

log = logging.getLogger("pigmeu.scraping.browser")

# What a product page does not need to give us its HTML: images, fonts, media, styles, ad frames and
# trackers. Blocked inside Chromium (CDP Network.setBlockedURLs) rather than with a Playwright route:
# a route sends every request through Python, which measured 60 ms of event-loop CPU per page.
BLOCKED_URL_PATTERNS = (
    "*.jpg*",
    "*.jpeg*",
    "*.png*",
    "*.gif*",
    "*.webp*",
    "*.avif*",
    "*.svg*",
    "*.ico*",
    "*.woff*",
    "*.ttf*",
    "*.otf*",
    "*.eot*",
    "*.css*",
    "*.mp4*",
    "*.webm*",
    "*.m3u8*",
    "*.mp3*",
    "*://m.media-amazon.com/*",
    "*://images-na.ssl-images-amazon.com/*",
    "*://images-eu.ssl-images-amazon.com/*",
    "*://images-fe.ssl-images-amazon.com/*",
    "*://read.amazon.*/sample/*",
    "*amazon-adsystem.com*",
    "*doubleclick.net*",
    "*google-analytics.com*",
    "*googletagmanager.com*",
    "*://fls-na.amazon.*",
    "*://fls-eu.amazon.*",
    "*://fls-fe.amazon.*",
    "*://unagi.amazon.*",
    "*://unagi-na.amazon.*",
    "*/uedata*",
    "*://aax-*",
    "*facebook.com/tr*",
)
STORAGE_STATE_FILE = "storage-state.json"
# A ready context nobody took is closed after this long (it holds ~65 MB: measured USS of its processes).
SPARE_IDLE_S = 60.0


@dataclass
class _Prepared:
    """A fresh context, its page and CDP session: what one scrape uses once and then closes."""

    context: Any
    page: Any
    cdp: Any
    marketplace: str
    browser: Any  # the browser it lives in, and the saved session it was made with
    session_stamp: int | None


@dataclass(frozen=True)
class FetchResult:
    """The main document as the server sent it (bytes, so the parser honours the declared charset)."""

    url: str
    status: int
    body: bytes
    content_type: str


def _is_closed_error(message: str) -> bool:
    return any(
        m in message
        for m in (
            "has been closed",
            "Target closed",
            "Browser closed",
            "browser has disconnected",
            "Connection closed",
            "crashed",
        )
    )


def map_playwright_error(exc: Exception, url: str, timeout_s: float) -> ScrapeError:
    """Playwright's one exception type → our codes: timeout, network, browser_crashed."""
    from playwright.async_api import TimeoutError as PWTimeout

    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, PWTimeout) or "ERR_TIMED_OUT" in message:
        return ScrapeError(f"The page did not load within {timeout_s:g} s.", code=ErrorCode.TIMEOUT, url=url)
    if _is_closed_error(message):
        return ScrapeError("The browser stopped unexpectedly.", code=ErrorCode.BROWSER_CRASHED, url=url)
    net = re.search(r"net::(ERR_[A-Z_]+)", message)
    return ScrapeError(
        f"The page could not be loaded ({net.group(1) if net else message}).",
        code=ErrorCode.NETWORK,
        url=url,
    )


def user_agent_for(version: str) -> str:
    """A normal desktop Chrome user agent: headless Chromium announces "HeadlessChrome", which Amazon blocks."""
    major = version.split(".")[0] or "120"
    if sys.platform == "darwin":
        system = "Macintosh; Intel Mac OS X 10_15_7"
    elif sys.platform.startswith("win"):
        system = "Windows NT 10.0; Win64; x64"
    else:
        system = "X11; Linux x86_64"
    return f"Mozilla/5.0 ({system}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{major}.0.0.0 Safari/537.36"


class BrowserManager:
    """Owns the Playwright driver and one headless browser; relaunches it transparently if it dies.

    Each fetch gets its own context (cookies from the saved profile, marketplace locale) that is
    closed afterwards, so scrapes never share state except the session the editor saved.

    Starting a page costs far more than loading the document (a new renderer process: ~0.2 s of a
    ~0.3 s scrape here). So while a scrape waits for its politeness slot, its context is prepared
    (`prepare`) — the "spare" — and closing a used context happens in the background. A spare is
    never shared: it is made for one marketplace and taken by exactly one scrape of it, and dropped
    if the browser or the saved session changed since it was made, or after `spare_idle_s` unused.
    Nothing is prepared for a scrape that does not wait.
    """

    def __init__(
        self,
        config: BrowserConfig,
        *,
        profile_dir: Path,
        timeout_s: float = 30.0,
        javascript: bool = False,
        prepare_ahead: bool = True,
        spare_idle_s: float = SPARE_IDLE_S,
        low_priority: bool = True,
        playwright_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.config = config
        self.profile_dir = Path(profile_dir)
        self.timeout_s = timeout_s
        # The scraped document never reaches the renderer (DocumentCapture), so JavaScript only
        # matters for whatever else a context loads; off is cheaper and gives Amazon less to probe.
        self.javascript = javascript
        # The browser yields the CPU to the app (and to everything else): the window stays smooth
        # while pages load, at the cost of slower pages when other programs keep the CPUs busy.
        self.low_priority = low_priority
        self._playwright_factory = playwright_factory
        # A driver passed in belongs to the caller (shared by several managers); ours we stop ourselves.
        self._owns_playwright = playwright_factory is None
        self._pw: Any = None
        self._browser: Any = None
        self._choice: Candidate | None = None
        self._lock = asyncio.Lock()
        self.launches = 0  # how many browser processes were started (tests and benchmarks read it)
        self.prepare_ahead = prepare_ahead
        self.spare_idle_s = spare_idle_s
        self._spare: asyncio.Task[_Prepared] | None = None
        self.spares_taken = 0  # how many scrapes used a prepared context (tests and benchmarks read it)
        self._wanted: collections.deque[str] = collections.deque()  # waiting scrapes with no spare yet
        self._spare_marketplace: str | None = None
        self._spare_expiry: asyncio.TimerHandle | None = None
        self._closing: set[asyncio.Task] = set()  # contexts being closed in the background
        self._generation = 0  # bumped by `reconfigure`: a browser launched before it is not kept
        self._in_use: dict[Any, int] = {}  # browser -> fetches running on it
        self._retired: set[Any] = set()  # browsers of an older configuration, closed once unused

    @property
    def storage_state_path(self) -> Path:
        return self.profile_dir / STORAGE_STATE_FILE

    @property
    def choice(self) -> Candidate | None:
        return self._choice

    async def _playwright(self) -> Any:
        if self._pw is None:
            if self._playwright_factory is not None:
                self._pw = await self._playwright_factory()
            else:
                from playwright.async_api import async_playwright

                try:
                    self._pw = await async_playwright().start()
                except Exception as exc:  # a broken install or a bundle without the driver
                    raise ScrapeError(
                        f"The browser driver (Playwright) could not start: {str(exc).splitlines()[0]}",
                        code=ErrorCode.BROWSER_UNAVAILABLE,
                        next_step="Reinstall the app (its Playwright driver is missing or damaged).",
                    ) from exc
        return self._pw

    async def find(self) -> Candidate:
        pw = await self._playwright()
        try:
            bundled = pw.chromium.executable_path
        except Exception:  # noqa: BLE001 - no downloaded browser is a normal case, not an error
            bundled = None
        self._choice = find_browser(self.config, playwright_chromium=bundled)
        return self._choice

    def _launch_kwargs(self, choice: Candidate) -> dict[str, Any]:
        args = self.config.launch_args()
        kwargs: dict[str, Any] = {
            "executable_path": choice.path,
            "args": args,
            "chromium_sandbox": not self.config.is_root,
            "timeout": 30_000,
        }
        if self.config.proxy:
            kwargs["proxy"] = {"server": self.config.proxy}
        return kwargs

    def reconfigure(self, config: BrowserConfig, *, timeout_s: float, low_priority: bool) -> bool:
        """Browser settings changed (Settings saved): the next pages use them, without a restart.

        The page timeout applies at once. A new executable, arguments, proxy or priority means a new
        browser: the current one is closed as soon as the scrapes running on it end (they finish
        with the settings they started with). True if the browser will be relaunched.
        """
        self.timeout_s = timeout_s
        if config == self.config and low_priority == self.low_priority:
            return False
        self.config, self.low_priority, self._choice = config, low_priority, None
        self._generation += 1
        self.drop_spare()
        old, self._browser = self._browser, None
        if old is not None:
            self._retire(old)
        log.info("browser settings changed; the next page starts a new browser")
        return True

    def _retire(self, browser: Any) -> None:
        if self._in_use.get(browser):
            self._retired.add(browser)
        else:
            self._close_later(_quietly(browser.close()))

    async def browser(self) -> Any:
        """The shared browser, launched on first use and again after a crash."""
        async with self._lock:
            while True:
                browser = await self._current_or_launch()
                if self._browser is browser:
                    return browser
                # Settings changed while it started: it has the old ones. Start another.
                self._retire(browser)

    async def _current_or_launch(self) -> Any:
        """Under `_lock`: the connected browser, else a new one (kept only if the settings stayed)."""
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        generation = self._generation
        choice = self._choice or await self.find()
        pw = await self._playwright()
        kwargs = self._launch_kwargs(choice)
        try:
            try:
                browser = await pw.chromium.launch(headless=True, **kwargs)
            except Exception as exc:
                if not kwargs["chromium_sandbox"] or "sandbox" not in str(exc).lower():
                    raise
                # Some Linux systems forbid the user namespaces the sandbox needs (e.g. AppArmor
                # on Ubuntu 24.04); Playwright itself runs without it by default.
                log.warning(
                    "browser sandbox unavailable (%s); launching without it", str(exc).splitlines()[0]
                )
                browser = await pw.chromium.launch(headless=True, **{**kwargs, "chromium_sandbox": False})
        except Exception as exc:  # every launch failure means "no usable browser"
            raise ScrapeError(
                f"The browser at {choice.path} could not be started: {str(exc).splitlines()[0]}",
                code=ErrorCode.BROWSER_UNAVAILABLE,
                path=choice.path,
            ) from exc
        self.launches += 1
        log.info("launched %s browser %s (%s)", choice.kind, browser.version, choice.path)
        # Now, and again after each new page (its renderer's threads are caught then).
        await self._lower_priority(choice.path)
        if generation == self._generation:
            self._browser = browser
        return browser

    async def _lower_priority(self, executable: str) -> None:
        if self.low_priority:
            await asyncio.to_thread(lower_browser_priority, executable, keep=str(self.profile_dir))

    async def info(self) -> dict[str, Any]:
        browser = await self.browser()
        assert self._choice is not None
        return {"path": self._choice.path, "kind": self._choice.kind, "version": browser.version}

    async def _new_page(self, browser: Any, marketplace: str) -> _Prepared:
        """A fresh context (saved session cookies, marketplace locale), its page and a CDP session."""
        stamp = self._session_stamp()  # before the file is read: a later save makes this one stale
        kwargs: dict[str, Any] = {
            "locale": locale_of(marketplace),
            "extra_http_headers": {"Accept-Language": accept_language(marketplace)},
            "java_script_enabled": self.javascript,
            "user_agent": user_agent_for(browser.version),
            "service_workers": "block",
        }
        if self.storage_state_path.is_file():
            kwargs["storage_state"] = str(self.storage_state_path)
        context = await browser.new_context(**kwargs)
        try:
            page = await context.new_page()
            if self._choice is not None:
                await self._lower_priority(self._choice.path)
            cdp = await context.new_cdp_session(page)
            await cdp.send("Network.enable")
            await cdp.send("Network.setBlockedURLs", {"urls": list(BLOCKED_URL_PATTERNS)})
        except BaseException:
            with contextlib.suppress(Exception):
                await asyncio.shield(context.close())
            raise
        return _Prepared(context, page, cdp, marketplace, browser, stamp)

    def _session_stamp(self) -> int | None:
        """When the saved session last changed: a spare made before that carries stale cookies."""
        try:
            return self.storage_state_path.stat().st_mtime_ns
        except OSError:
            return None

    async def _take_page(self, browser: Any, marketplace: str) -> _Prepared:
        """The spare made for this marketplace, if it lives in this browser and has the current saved
        session; else a new context. A spare made for another marketplace is left for its scrape."""
        spare = self._spare
        if spare is not None and self._spare_marketplace != marketplace:
            spare = None
            if marketplace in self._wanted:
                self._wanted.remove(marketplace)  # this scrape is served now: make nothing for it later
        else:
            self._forget_spare()
        if spare is not None and self._wanted:
            self.prepare(self._wanted.popleft())  # the next waiting scrape's, made while this one loads
        if spare is not None:
            try:
                # Shielded: if this scrape is cancelled while the spare finishes, the spare's
                # context must still be closed, not left half-made in the browser.
                prepared = await asyncio.shield(spare)
                if prepared.browser is browser and prepared.session_stamp == self._session_stamp():
                    self.spares_taken += 1
                    return prepared
                self._close_when_ready(spare)  # a relaunched browser, or a session saved since
            except asyncio.CancelledError:
                self._close_when_ready(spare)
                raise
            except Exception:
                log.debug("spare context unusable; making a new one", exc_info=True)
                self._close_when_ready(spare)
        return await self._new_page(browser, marketplace)

    def prepare(self, marketplace: str) -> None:
        """Start making a context for a scrape of `marketplace` that is about to wait for its turn.

        Launches the browser first if needed. One spare at a time (each holds a renderer): if one is
        already there, this scrape's is made as soon as that one is taken (scrapes queued behind a
        politeness slot wait seconds apart, so it is ready in time).
        """
        if not self.prepare_ahead:
            return
        if self._spare is not None:
            self._wanted.append(marketplace)
            return

        async def make() -> _Prepared:
            return await self._new_page(await self.browser(), marketplace)

        spare = asyncio.ensure_future(make())
        spare.add_done_callback(lambda t: t.cancelled() or t.exception())  # failures are seen when taken
        self._spare, self._spare_marketplace = spare, marketplace
        self._spare_expiry = asyncio.get_running_loop().call_later(self.spare_idle_s, self.drop_spare)

    def withdraw(self, marketplace: str) -> None:
        """A scrape that asked `prepare(marketplace)` will not come (cancelled while it waited).

        Requests of one marketplace are interchangeable: a queued one is dropped if there is one, else
        the spare made for it is closed now rather than holding a renderer until its idle time ends.
        """
        if marketplace in self._wanted:
            self._wanted.remove(marketplace)
        elif self._spare is not None and self._spare_marketplace == marketplace:
            spare = self._spare
            self._forget_spare()
            self._close_when_ready(spare)
            if self._wanted:
                self.prepare(self._wanted.popleft())  # the next waiting scrape's turn

    def _forget_spare(self) -> None:
        if self._spare_expiry is not None:
            self._spare_expiry.cancel()
        self._spare, self._spare_marketplace, self._spare_expiry = None, None, None

    def drop_spare(self) -> None:
        """Close the ready context, if any (idle too long, browser settings changed, shutting down)."""
        spare = self._spare
        self._forget_spare()
        self._wanted.clear()
        if spare is not None:
            self._close_when_ready(spare)

    def _close_when_ready(self, spare: asyncio.Task[_Prepared]) -> None:
        async def close() -> None:
            with contextlib.suppress(BaseException):
                prepared = await spare
                await prepared.context.close()

        self._close_later(close())

    def _close_later(self, closing: Any) -> None:
        """Run a context close in the background; `aclose` waits for every one still running."""
        task = asyncio.ensure_future(closing)
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def fetch(self, url: str, *, marketplace: str) -> FetchResult:
        """Load `url` in a fresh context; one transparent relaunch if the browser died under us."""
        browser = await self.browser()
        try:
            return await self._fetch_on(browser, url, marketplace)
        except ScrapeError as exc:
            if exc.code is not ErrorCode.BROWSER_CRASHED:
                raise
            log.warning("browser died while loading %s; relaunching once", url)
            await self._forget_browser(browser)
            return await self._fetch_on(await self.browser(), url, marketplace)

    async def _fetch_on(self, browser: Any, url: str, marketplace: str) -> FetchResult:
        """`_fetch_once`, counted, so a browser retired by `reconfigure` is closed once unused."""
        self._in_use[browser] = self._in_use.get(browser, 0) + 1
        try:
            return await self._fetch_once(browser, url, marketplace)
        finally:
            self._in_use[browser] -= 1
            if not self._in_use[browser]:
                del self._in_use[browser]
                if browser in self._retired:
                    self._retired.discard(browser)
                    self._close_later(_quietly(browser.close()))

    async def _forget_browser(self, browser: Any) -> None:
        """Drop `browser` if it is still the current one: a concurrent scrape that saw the same crash
        must not close the browser another scrape has just relaunched."""
        if self._browser is browser:
            self._browser = None
        if browser is not None:
            with contextlib.suppress(Exception):
                await browser.close()

    async def _fetch_once(self, browser: Any, url: str, marketplace: str) -> FetchResult:
        try:
            prepared = await self._take_page(browser, marketplace)
        except Exception as exc:  # a dead browser shows up here first
            raise map_playwright_error(exc, url, self.timeout_s) from exc
        context, page, cdp = prepared.context, prepared.page, prepared.cdp
        nav: asyncio.Future | None = None
        cancelled = False
        try:
            # The document is taken at the response stage (CDP Fetch) and never handed to the
            # renderer: no 2-3 MB HTML parse, no sub-requests. Measured 0.4 s vs 0.9 s per page
            # against waiting for the page's body, and far less Chromium CPU beside the UI.
            captured = DocumentCapture(cdp)
            await captured.start()
            nav = asyncio.ensure_future(page.goto(url, wait_until="commit", timeout=self.timeout_s * 1000))
            await asyncio.wait(
                {captured.result, nav}, timeout=self.timeout_s, return_when=asyncio.FIRST_COMPLETED
            )
            if captured.result.done():
                return captured.result.result()
            if nav.done():
                nav.result()  # raises the navigation error (refused, DNS, crash...)
                raise ScrapeError("The browser returned no page.", code=ErrorCode.NETWORK, url=url)
            raise ScrapeError(
                f"The page did not load within {self.timeout_s:g} s.", code=ErrorCode.TIMEOUT, url=url
            )
        except ScrapeError:
            raise
        except asyncio.CancelledError:
            cancelled = True
            raise
        except Exception as exc:  # Playwright raises one Error type; we map it to codes
            raise map_playwright_error(exc, url, self.timeout_s) from exc
        finally:
            if nav is not None and not nav.done():
                nav.cancel()
            if nav is not None:
                # The aborted navigation ends in an error we expect; retrieve it so it is not logged.
                nav.add_done_callback(lambda f: f.cancelled() or f.exception())
            if cancelled:
                # Shielded and awaited: a cancelled scrape is over only once its page is gone.
                with contextlib.suppress(Exception):
                    await asyncio.shield(context.close())
            else:
                # The document is in hand: the caller need not wait for the renderer to exit.
                self._close_later(_quietly(context.close()))

    async def open_visible(self, url: str, *, headless: bool = False) -> VisibleSession:
        """A headed window on the persistent profile so an editor can solve a captcha once.

        The session's cookies are exported after every page load to a storage-state file that
        the headless contexts load, so later scrapes reuse the solved session.
        """
        choice = self._choice or await self.find()
        pw = await self._playwright()
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        marketplace = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
        kwargs = self._launch_kwargs(choice)
        context = await pw.chromium.launch_persistent_context(
            str(self.profile_dir),
            headless=headless,
            locale=locale_of(marketplace),
            extra_http_headers={"Accept-Language": accept_language(marketplace)},
            **kwargs,
        )
        session = VisibleSession(context, self.storage_state_path)
        page = context.pages[0] if context.pages else await context.new_page()
        try:
            await page.goto(url, wait_until="domcontentloaded", timeout=self.timeout_s * 1000)
        except Exception as exc:  # noqa: BLE001 - the window stays open; the editor can retry by hand
            log.warning("visible browser could not load %s: %s", url, str(exc).splitlines()[0])
        await session.export()
        return session

    async def aclose(self) -> None:
        self.drop_spare()
        for browser in list(self._retired):
            self._close_later(_quietly(browser.close()))
        self._retired.clear()
        while self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)
        await self._forget_browser(self._browser)
        pw, self._pw = self._pw, None
        if pw is not None and self._owns_playwright:
            with contextlib.suppress(Exception):
                await pw.stop()


async def _quietly(closing: Any) -> None:
    """Await a close whose failure means only that the browser already went away."""
    with contextlib.suppress(Exception):
        await closing


BODY_CHUNK_BYTES = 256 * 1024


class DocumentCapture:
    """Takes the main document's response in the browser process (CDP Fetch, response stage).

    Redirects are let through; the first final response is read whole and then aborted, so the
    page never renders it. `result` resolves to a FetchResult or a ScrapeError.
    """

    def __init__(self, cdp: Any) -> None:
        self.cdp = cdp
        self.result: asyncio.Future[FetchResult] = asyncio.get_running_loop().create_future()
        self._tasks: set[asyncio.Task] = set()

    async def start(self) -> None:
        self.cdp.on("Fetch.requestPaused", self._on_paused)
        await self.cdp.send(
            "Fetch.enable",
            {"patterns": [{"urlPattern": "*", "resourceType": "Document", "requestStage": "Response"}]},
        )

    def _on_paused(self, event: dict[str, Any]) -> None:
        task = asyncio.ensure_future(self._handle(event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, event: dict[str, Any]) -> None:
        request_id = event["requestId"]
        status = int(event.get("responseStatusCode") or 0)
        # A network failure (refused, reset, DNS) also pauses here: let it go on and fail the
        # navigation, which reports it as net::ERR_... like any other load error.
        if event.get("responseErrorReason") or 300 <= status < 400 or self.result.done():
            with contextlib.suppress(Exception):
                await self.cdp.send("Fetch.continueRequest", {"requestId": request_id})
            return
        try:
            body = await self._read_body(request_id)
            headers = {h["name"].lower(): h["value"] for h in event.get("responseHeaders") or []}
            outcome = FetchResult(event["request"]["url"], status, body, headers.get("content-type", ""))
            if not self.result.done():
                self.result.set_result(outcome)
        except Exception as exc:  # noqa: BLE001 - mapped to a code and handed to the waiting scrape
            if not self.result.done():
                self.result.set_exception(map_playwright_error(exc, event["request"]["url"], 0))
        finally:
            with contextlib.suppress(Exception):
                await self.cdp.send("Fetch.failRequest", {"requestId": request_id, "errorReason": "Aborted"})

    async def _read_body(self, request_id: str) -> bytes:
        """The paused response's bytes, read as a stream in 256 KB pieces.

        One `getResponseBody` message for a 3 MB page is a 4 MB JSON string that Playwright decodes
        on the event loop in one go (tens of ms of frozen UI); pieces keep every step short.
        """
        try:
            handle = (await self.cdp.send("Fetch.takeResponseBodyAsStream", {"requestId": request_id}))[
                "stream"
            ]
        except Exception:  # noqa: BLE001 - a browser without body streams: the one-message way
            reply = await self.cdp.send("Fetch.getResponseBody", {"requestId": request_id})
            raw = reply.get("body", "")
            return (
                await asyncio.to_thread(base64.b64decode, raw) if reply.get("base64Encoded") else raw.encode()
            )
        pieces: list[str] = []
        encoded = False
        try:
            while True:
                chunk = await self.cdp.send("IO.read", {"handle": handle, "size": BODY_CHUNK_BYTES})
                encoded = encoded or bool(chunk.get("base64Encoded"))
                pieces.append(chunk.get("data", ""))
                if chunk.get("eof"):
                    break
        finally:
            with contextlib.suppress(Exception):
                await self.cdp.send("IO.close", {"handle": handle})
        if not encoded:
            return "".join(pieces).encode()
        # Decoding megabytes of base64 takes several ms: off the loop, like the parser.
        return await asyncio.to_thread(lambda: b"".join(base64.b64decode(p) for p in pieces))


class VisibleSession:
    """The editor's captcha window: exports cookies on each load; `closed` resolves when it goes away."""

    def __init__(self, context: Any, storage_state_path: Path) -> None:
        self.context = context
        self.storage_state_path = storage_state_path
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._exports: set[asyncio.Task] = set()
        context.on("page", self._watch_page)
        for page in context.pages:
            self._watch_page(page)
        context.on("close", lambda _ctx: self._mark_closed())

    def _mark_closed(self) -> None:
        if not self.closed.done():
            self.closed.set_result(None)

    def _watch_page(self, page: Any) -> None:
        def on_load(_page: Any) -> None:
            task = asyncio.ensure_future(self.export())
            self._exports.add(task)
            task.add_done_callback(self._exports.discard)

        page.on("load", on_load)

    async def export(self) -> None:
        """Write the cookies to the storage-state file (atomically, so a scrape never reads half)."""
        try:
            state = await self.context.storage_state()
        except Exception:  # noqa: BLE001 - the window was closed between the event and now
            return
        tmp = self.storage_state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        tmp.replace(self.storage_state_path)

    async def close(self) -> None:
        await self.export()
        with contextlib.suppress(Exception):
            await self.context.close()
        if not self.closed.done():
            self.closed.set_result(None)
