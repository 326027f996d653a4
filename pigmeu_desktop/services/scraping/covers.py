"""Cover images: downloaded with httpx into the data dir, named by their sha256, never fatal to a scrape."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from pigmeu_desktop.core.errors import ScrapeError
from pigmeu_desktop.core.models import Book, Submission
from pigmeu_desktop.services.cover_fetch import IMAGE_TYPES, MAX_COVER_BYTES, check_image, fetch_cover

log = logging.getLogger("pigmeu.scraping.covers")

COVER_WARNING_PREFIX = "cover_download_failed"
EXTENSIONS = IMAGE_TYPES  # kept for importers


class CoverStore:
    """Content-addressed cover files: the same image downloaded twice is stored once."""

    def __init__(self, covers_dir: Path, client_factory: Callable[[], httpx.AsyncClient]) -> None:
        self.covers_dir = Path(covers_dir)
        self._client_factory = client_factory
        self._client: httpx.AsyncClient | None = None
        self._stale: list[httpx.AsyncClient] = []  # replaced clients, closed at the next download

    def use_client_factory(self, client_factory: Callable[[], httpx.AsyncClient]) -> None:
        """New proxy or host settings: the next download builds its client with them."""
        self._client_factory = client_factory
        if self._client is not None:
            self._stale.append(self._client)
            self._client = None

    async def _http(self) -> httpx.AsyncClient:
        while self._stale:
            await self._stale.pop().aclose()
        if self._client is None:
            # Built in a thread: loading the CA bundle into an SSL context takes tens of ms.
            client = await asyncio.to_thread(self._client_factory)
            if self._client is None:
                self._client = client
            else:  # another download built one meanwhile
                await client.aclose()
        return self._client

    async def download(self, url: str) -> Path:
        """Fetch `url` (a known image host, capped while reading, decoded by Pillow) and store it as
        `<sha256><ext>`; ScrapeError (invalid_input / network / timeout) on failure."""
        data, ext = await fetch_cover(await self._http(), url, max_bytes=MAX_COVER_BYTES)
        await asyncio.to_thread(check_image, data, url)
        return await asyncio.to_thread(self._store, data, ext)

    def _store(self, data: bytes, ext: str) -> Path:
        self.covers_dir.mkdir(parents=True, exist_ok=True)
        path = self.covers_dir / f"{hashlib.sha256(data).hexdigest()}{ext}"
        if path.exists() and path.stat().st_size == len(data):
            return path
        # Write then rename: a crash never leaves a half image under the final name.
        fd, tmp = tempfile.mkstemp(dir=self.covers_dir, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    async def attach(self, book: Book) -> Book:
        """The book with `cover_path` set, or with a cover warning if the download failed.

        A missing cover is not a failed scrape: the editor still gets the data, and the publisher
        retries the download before publishing (ensure_cover).
        """
        warnings = [w for w in book.warnings if not w.startswith(COVER_WARNING_PREFIX)]
        if book.cover_path and Path(book.cover_path).is_file():
            return book.model_copy(update={"warnings": warnings})
        if not book.cover_url:
            return book.model_copy(update={"warnings": warnings})
        try:
            path = await self.download(book.cover_url)
        except ScrapeError as exc:
            log.warning("cover download failed for %s: %s", book.cover_url, exc.message)
            warnings.append(f"{COVER_WARNING_PREFIX}: {exc.code}: {exc.message}")
            return book.model_copy(update={"warnings": warnings, "cover_path": None})
        return book.model_copy(update={"warnings": warnings, "cover_path": str(path)})

    async def aclose(self) -> None:
        client, self._client = self._client, None
        for stale in [*self._stale, *([client] if client is not None else [])]:
            await stale.aclose()
        self._stale.clear()


async def ensure_cover(services: Any, submission: Submission) -> Submission:
    """Retry a missing cover (the publisher calls this before publishing); never raises for a bad cover.

    Returns the submission with `book.cover_path` set when the file exists or could be downloaded,
    otherwise with the cover warning kept in `book.warnings`. It does not save: the caller does.
    """
    if submission.book is None:
        return submission
    book = await services.scraper.covers.attach(submission.book)
    if book == submission.book:
        return submission
    return submission.model_copy(update={"book": book})
