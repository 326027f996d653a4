"""Async WordPress REST client (httpx, Application Passwords over Basic auth), with typed errors."""

from __future__ import annotations

import contextlib
import importlib
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

from pigmeu_desktop.core.errors import ErrorCode, WordPressError
from pigmeu_desktop.services.wordpress.responses import error_from_response, error_from_transport, parse_json
from pigmeu_desktop.services.wordpress.site import INDEX_FIELDS, Discovery, discovery_from_index

log = logging.getLogger("pigmeu.wordpress")

# Connect fast, but let a big upload or a slow shared host take its time.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
# Statuses a lookup for an existing post searches (never `trash`: a trashed post is treated as gone).
LIVE_STATUSES = "publish,future,draft,pending,private"

RequestObserver = Callable[[str, str, int, float], None]
"""Called after each HTTP exchange with (method, route, status, seconds): used by the benchmark."""


def preload_async_backend() -> None:
    """Import what httpx's first request imports lazily (anyio's asyncio backend and TLS streams).

    Call it from a worker thread: those imports take tens of ms that would otherwise stall the loop
    in the middle of the first publish."""
    for name in ("anyio._backends._asyncio", "anyio.streams.tls", "anyio.to_thread"):
        with contextlib.suppress(ImportError):  # private module paths: a newer anyio just imports later
            importlib.import_module(name)


class WordPressClient:
    """One site and one user. Holds no secret in its repr; close it with `aclose()`."""

    def __init__(
        self,
        site_url: str,
        username: str,
        password: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        observer: RequestObserver | None = None,
    ) -> None:
        self.site_url = site_url
        self.username = username
        # A plain-http site never needs TLS (redirects are not followed, see discover()), so it skips
        # building a CA store: that costs ~55 ms, a tenth of a whole publish from the CLI.
        self._tls = site_url.startswith("https://")
        self._http = httpx.AsyncClient(
            auth=httpx.BasicAuth(username, password),
            timeout=timeout,
            transport=transport,
            verify=bool(self._tls),
            headers={"Accept": "application/json", "User-Agent": "PigmeuCopilotDesktop"},
        )
        self._discovery: Discovery | None = None
        self.observer = observer

    def __repr__(self) -> str:
        return f"WordPressClient({self.site_url!r}, user={self.username!r})"

    async def aclose(self) -> None:
        await self._http.aclose()

    # ------------------------------------------------------------------ transport
    async def _send(
        self, method: str, url: str, route: str, *, params: dict[str, Any] | None = None, **kwargs: Any
    ) -> httpx.Response:
        # httpx's `params=` replaces the URL's query; `?rest_route=/…` must be kept, so merge instead.
        full = httpx.URL(url).copy_merge_params(params) if params else httpx.URL(url)
        started = time.perf_counter()
        try:
            response = await self._http.request(method, full, **kwargs)
        except httpx.HTTPError as exc:
            raise error_from_transport(exc, url) from None
        if self.observer is not None:
            self.observer(method, route, response.status_code, time.perf_counter() - started)
        return response

    async def discover(self, *, refresh: bool = False) -> Discovery:
        """Find the REST API: `/wp-json/` first, then `?rest_route=/` (sites with plain permalinks)."""
        if self._discovery is not None and not refresh:
            return self._discovery
        attempts = [
            (f"{self.site_url}/wp-json/", True),
            (f"{self.site_url}/?rest_route=/", False),
        ]
        last: WordPressError | None = None
        for root, pretty in attempts:
            # Anonymous on purpose: the index is public, and a wrong password must not hide the API.
            response = await self._send(
                "GET", root, "index", params={"_fields": INDEX_FIELDS}, auth=None, follow_redirects=self._tls
            )
            if response.is_redirect and not self._tls:
                moved = str(response.url.join(response.headers["location"])).split("?", 1)[0]
                if httpx.URL(moved).netloc == response.url.netloc and httpx.URL(moved).scheme == "http":
                    # Same site (e.g. plain permalinks sending /wp-json/ home): try the next way in.
                    last = error_from_response(response, method="GET", route="index")
                    continue
                raise WordPressError(
                    f"{self.site_url} redirects to {moved}.",
                    code=ErrorCode.INVALID_INPUT,
                    next_step="Set the site address in Settings → WordPress to the address it redirects to.",
                    http_status=response.status_code,
                )
            data = parse_json(response)
            if response.status_code == 200 and isinstance(data, dict) and "namespaces" in data:
                if "wp/v2" not in data["namespaces"]:
                    raise WordPressError(
                        "The site's REST API does not offer the wp/v2 routes.",
                        code=ErrorCode.WP_REST_UNAVAILABLE,
                    )
                # A redirect (http → https, www) tells the real address; keep using it.
                final = str(response.url).split("?", 1)[0]
                if pretty:
                    api_root = final if final.endswith("/") else final + "/"
                    site = api_root[: -len("/wp-json/")]
                else:
                    site = final.rstrip("/")
                    api_root = f"{site}/?rest_route=/"
                self.site_url = site
                self._discovery = discovery_from_index(site, api_root, pretty, data)
                return self._discovery
            last = error_from_response(response, method="GET", route="index")
        raise WordPressError(
            f"No WordPress REST API answers at {self.site_url} ({last.message if last else 'no answer'}).",
            code=ErrorCode.WP_REST_UNAVAILABLE,
            http_status=last.details.get("http_status") if last else None,
        )

    async def request(
        self,
        method: str,
        route: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        files: Any = None,
        data: dict[str, Any] | None = None,
        ok_missing: bool = False,
    ) -> Any:
        """Call a REST route (e.g. `wp/v2/posts`); return its JSON, or None for a 404 when `ok_missing`."""
        disc = await self.discover()
        url = disc.route(route)
        response = await self._send(method, url, route, params=params, json=json, files=files, data=data)
        body = parse_json(response)
        if 200 <= response.status_code < 300 and body is not None:
            return body
        if ok_missing and response.status_code in (404, 410) and body is not None:
            return None
        # Multipart bodies are streamed: their size is in the header, not in `.content`.
        length = response.request.headers.get("content-length")
        sent_bytes = int(length) if length and length.isdigit() else None
        error = error_from_response(response, method=method, route=route, sent=json, sent_bytes=sent_bytes)
        if error.code is ErrorCode.WP_AUTH and not disc.app_passwords:
            # Same 401, different cause: the site does not offer application passwords at all.
            raise WordPressError(
                "The site does not accept application passwords (switched off, or plain http on a "
                "non-local site).",
                code=ErrorCode.WP_REST_UNAVAILABLE,
                next_step="Enable application passwords (WordPress 5.6+, https) or ask the site's admin.",
                http_status=response.status_code,
                wp_code=error.details.get("wp_code"),
            )
        raise error

    # ------------------------------------------------------------------ users
    async def me(self) -> dict[str, Any]:
        """The authenticated user with roles and capabilities (the only reliable credentials check)."""
        return await self.request("GET", "wp/v2/users/me", params={"context": "edit"})

    # ------------------------------------------------------------------ posts
    async def get_post(self, post_id: int) -> dict[str, Any] | None:
        return await self.request(
            "GET", f"wp/v2/posts/{post_id}", params={"context": "edit"}, ok_missing=True
        )

    async def search_posts(self, text: str) -> list[dict[str, Any]]:
        """Posts in any live status whose title, excerpt or content contain `text` (LIKE match)."""
        return await self.request(
            "GET",
            "wp/v2/posts",
            params={
                "search": text,
                "status": LIVE_STATUSES,
                "context": "edit",
                "per_page": 20,
                "_fields": "id,status,link,content,featured_media,categories,tags,date_gmt",
            },
        )

    async def create_post(self, body: dict[str, Any]) -> dict[str, Any]:
        return await self.request("POST", "wp/v2/posts", json=body)

    async def update_post(self, post_id: int, body: dict[str, Any]) -> dict[str, Any]:
        return await self.request("POST", f"wp/v2/posts/{post_id}", json=body)

    # ------------------------------------------------------------------ media
    async def get_media(self, media_id: int) -> dict[str, Any] | None:
        return await self.request(
            "GET", f"wp/v2/media/{media_id}", params={"context": "edit"}, ok_missing=True
        )

    async def find_media_by_slug(self, slug: str) -> dict[str, Any] | None:
        found = await self.request(
            "GET", "wp/v2/media", params={"slug": slug, "context": "edit", "_fields": "id,slug,source_url"}
        )
        return found[0] if found else None

    async def upload_media(
        self, content: bytes, *, filename: str, content_type: str, fields: dict[str, str]
    ) -> dict[str, Any]:
        """Multipart upload: applies title/alt text/slug in one request and copes with UTF-8 names."""
        return await self.request(
            "POST", "wp/v2/media", files={"file": (filename, content, content_type)}, data=fields
        )

    # ------------------------------------------------------------------ terms
    async def search_terms(self, taxonomy: str, name: str) -> list[dict[str, Any]]:
        return await self.request(
            "GET", f"wp/v2/{taxonomy}", params={"search": name, "per_page": 100, "_fields": "id,name,slug"}
        )

    async def create_term(self, taxonomy: str, name: str) -> int:
        """Create a term; an existing one (400 term_exists) gives its id instead of an error."""
        try:
            created = await self.request("POST", f"wp/v2/{taxonomy}", json={"name": name})
        except WordPressError as exc:
            if exc.details.get("wp_code") == "term_exists" and exc.details.get("term_id"):
                return int(exc.details["term_id"])
            raise
        return int(created["id"])
