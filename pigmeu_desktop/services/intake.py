"""Link intake: text, drags and files → canonical links (short links resolved over HTTP) → the queue."""

from __future__ import annotations

import asyncio
import configparser
import csv
import io
import logging
import plistlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from pigmeu_desktop.core.errors import ErrorCode, LinkError
from pigmeu_desktop.core.links import CanonicalLink, LinkResult, Rejected, ShortLink, parse_link, parse_text
from pigmeu_desktop.core.ports import AddResult, LinkResolver, NewLink, SubmissionStore
from pigmeu_desktop.services.text_input import decode_text, read_user_file

log = logging.getLogger("pigmeu.intake")

MAX_REDIRECTS = 5
RESOLVE_TIMEOUT_S = 10.0
RESOLVE_CONCURRENCY = 8
# Pastes are committed in batches: each batch is one transaction, reported as soon as it is durable.
ADD_BATCH = 100


def read_intake_file(path: Path) -> str:
    """Text of a dropped or --file file: .txt, .csv, .url (Windows shortcut), .webloc (macOS), HTML;
    an unreadable file is an invalid_input error naming it."""
    data = read_user_file(path)
    suffix = path.suffix.lower()
    if suffix == ".webloc":
        try:
            plist = plistlib.loads(data)
            return str(plist.get("URL", ""))
        except (plistlib.InvalidFileException, ValueError, AttributeError):
            pass  # some .webloc files are plain text; fall through
    text = decode_text(data, what=str(path))  # UTF-8, UTF-16 with a BOM (Notepad's "Unicode"), or ANSI
    if suffix == ".url":
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text)
            return parser.get("InternetShortcut", "URL", fallback=text)
        except (configparser.Error, ValueError):  # an odd file: its text may still hold the link
            return text
    if suffix == ".csv":
        # Cells may hold links with commas around them; join every cell on its own line.
        try:
            return "\n".join(cell for row in csv.reader(io.StringIO(text)) for cell in row)
        except csv.Error:
            return text
    return text


class ShortLinkResolver:
    """Follows amzn.to / a.co / amzn.eu redirects (at most 5 hops, only towards Amazon hosts, 10 s)."""

    def __init__(self, client: httpx.AsyncClient | None = None, timeout: float = RESOLVE_TIMEOUT_S) -> None:
        self._client = client
        self._timeout = timeout

    async def resolve(self, link: ShortLink, default_marketplace: str) -> CanonicalLink | Rejected:
        own_client = self._client is None
        client = self._client or httpx.AsyncClient(timeout=self._timeout, follow_redirects=False)
        try:
            return await asyncio.wait_for(self._follow(client, link, default_marketplace), self._timeout)
        except (TimeoutError, httpx.TimeoutException):
            return Rejected(
                link.source, ErrorCode.TIMEOUT, f"Resolving {link.url} took longer than {self._timeout:g} s."
            )
        except httpx.HTTPError as exc:
            return Rejected(
                link.source,
                ErrorCode.NETWORK,
                f"Cannot reach {link.url} to resolve it ({type(exc).__name__}).",
            )
        finally:
            if own_client:
                await client.aclose()

    async def _follow(
        self, client: httpx.AsyncClient, link: ShortLink, default_marketplace: str
    ) -> CanonicalLink | Rejected:
        url = link.url
        for _ in range(MAX_REDIRECTS):
            response = await client.get(url, headers={"User-Agent": "Mozilla/5.0 (Pigmeu link resolver)"})
            location = response.headers.get("location")
            await response.aclose()
            if not response.is_redirect or not location:
                return Rejected(
                    link.source, ErrorCode.NOT_A_PRODUCT_LINK, f"{link.url} does not lead to a product page."
                )
            url = str(httpx.URL(url).join(location))
            result = parse_link(url, default_marketplace)
            if isinstance(result, CanonicalLink):
                # Stop as soon as the target is a product page: there is no need to load Amazon itself.
                return CanonicalLink(result.amazon_url, result.asin, result.marketplace, link.source)
            if isinstance(result, Rejected) and result.code is ErrorCode.NOT_AMAZON:
                return Rejected(
                    link.source,
                    ErrorCode.NOT_AMAZON,
                    f"{link.url} redirects away from Amazon ({httpx.URL(url).host}).",
                )
            # A short link or an Amazon redirector path: follow it.
        return Rejected(
            link.source,
            ErrorCode.NOT_A_PRODUCT_LINK,
            f"{link.url} redirects more than {MAX_REDIRECTS} times.",
        )


@dataclass(frozen=True, slots=True)
class IntakeOutcome:
    """One link found in the input and what happened to it (the `pigmeu add --json` row)."""

    input: str
    result: str  # "added" | "duplicate" | "rejected"
    id: str | None = None
    amazon_url: str | None = None
    code: str | None = None
    message: str | None = None

    def to_json(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"input": self.input, "result": self.result}
        if self.result == "rejected":
            payload.update(code=self.code, message=self.message)
        else:
            payload.update(id=self.id, amazon_url=self.amazon_url)
        return payload


async def resolve_all(
    results: Sequence[LinkResult], resolver: LinkResolver, default_marketplace: str
) -> list[CanonicalLink | Rejected]:
    """Resolve the short links among `results` concurrently, keeping input order."""
    limit = asyncio.Semaphore(RESOLVE_CONCURRENCY)

    async def one(item: LinkResult) -> CanonicalLink | Rejected:
        if not isinstance(item, ShortLink):
            return item
        async with limit:
            return await resolver.resolve(item, default_marketplace)

    if not any(isinstance(r, ShortLink) for r in results):
        return list(results)  # type: ignore[arg-type]
    return list(await asyncio.gather(*(one(r) for r in results)))


async def add_text(
    store: SubmissionStore,
    texts: Sequence[str],
    *,
    default_marketplace: str,
    resolver: LinkResolver,
    created_by: str | None = None,
    on_batch=None,
) -> list[IntakeOutcome]:
    """Queue every link found in `texts`, in input order; `on_batch(outcomes)` fires after each commit."""
    results: list[LinkResult] = []
    for text in texts:
        results.extend(parse_text(text, default_marketplace))
    if not results:
        raise LinkError("No Amazon link, ASIN or ISBN was found in the input.", code=ErrorCode.INVALID_LINK)
    resolved = await resolve_all(results, resolver, default_marketplace)
    outcomes: list[IntakeOutcome] = []
    for start in range(0, len(resolved), ADD_BATCH):
        chunk = resolved[start : start + ADD_BATCH]
        links = [
            NewLink(r.amazon_url, r.asin, r.marketplace, r.source)
            for r in chunk
            if isinstance(r, CanonicalLink)
        ]
        added = iter(await store.add_links(links, created_by=created_by))
        batch: list[IntakeOutcome] = []
        for r in chunk:
            if isinstance(r, Rejected):
                batch.append(IntakeOutcome(r.source, "rejected", code=str(r.code), message=r.message))
            else:
                outcome = next(added)
                result = "added" if outcome.result is AddResult.ADDED else "duplicate"
                batch.append(IntakeOutcome(r.source, result, outcome.id, outcome.link.amazon_url))
        outcomes.extend(batch)
        if on_batch is not None:
            on_batch(batch)
    return outcomes
