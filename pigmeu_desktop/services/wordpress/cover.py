"""The cover as an upload: read from disk or downloaded, resized/compressed with Pillow under a size limit."""

from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass
from pathlib import Path

import httpx
from PIL import Image, UnidentifiedImageError

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError, WordPressError

log = logging.getLogger("pigmeu.wordpress")

# Covers are shown at most ~1200 px wide by themes; 1 MB stays under every shared host's default limit.
MAX_COVER_BYTES = 1_000_000
MAX_COVER_SIDE = 1600
_KEEP_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
_EXT = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}


@dataclass(frozen=True)
class CoverUpload:
    content: bytes
    content_type: str
    width: int
    height: int
    resized: bool

    @property
    def extension(self) -> str:
        return _EXT[self.content_type]


def prepare_cover(
    data: bytes, *, max_bytes: int = MAX_COVER_BYTES, max_side: int = MAX_COVER_SIDE
) -> CoverUpload:
    """Keep a small web image as is; otherwise re-encode as JPEG, shrinking until it fits `max_bytes`.

    CPU-bound (decode + encode): callers run it in a worker thread.
    """
    try:
        # Only the header is read here; pixels are decoded if the image has to be re-encoded.
        image: Image.Image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError) as exc:
        raise _unusable(
            f"The cover file is not an image WordPress can take ({type(exc).__name__})."
        ) from None
    fmt = image.format or ""
    width, height = image.size
    if fmt in _KEEP_FORMATS and len(data) <= max_bytes and max(width, height) <= max_side:
        return CoverUpload(data, _KEEP_FORMATS[fmt], width, height, resized=False)

    try:
        image.load()
    except OSError as exc:
        raise _unusable(f"The cover image is damaged ({exc}).") from None
    if image.mode not in ("RGB", "L"):
        # Flatten transparency onto white: JPEG has no alpha, and covers are printed on white anyway.
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    while True:
        for quality in (85, 75, 65, 55):
            out = io.BytesIO()
            # Baseline JPEG on purpose: with optimize/progressive Pillow encodes the whole image in one
            # C call that keeps the GIL (~350 ms for a 1600×2400 cover), freezing the event loop even
            # from a worker thread; baseline is written in 64 KB chunks, the GIL handed over between.
            # ~10% bigger files, and WordPress makes its own sized copies anyway.
            image.save(out, "JPEG", quality=quality)
            if out.tell() <= max_bytes:
                return CoverUpload(out.getvalue(), "image/jpeg", image.width, image.height, resized=True)
        if max(image.size) <= 200:
            raise WordPressError(
                f"The cover cannot be made smaller than {max_bytes} bytes.", code=ErrorCode.WP_TOO_LARGE
            )
        image = image.resize((max(1, int(image.width * 0.75)), max(1, int(image.height * 0.75))))


def cover_download_client(*, timeout: float = 30.0) -> httpx.AsyncClient:
    """The client that fetches cover URLs. Slow to build (an SSL context loads the CA store, ~50 ms):
    build it in a worker thread, once, and reuse it."""
    return httpx.AsyncClient(timeout=timeout, follow_redirects=True)


def _read_file(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


async def load_cover_bytes(
    cover_path: str | None,
    cover_url: str | None,
    *,
    http: httpx.AsyncClient | None = None,
    request_timeout_s: float = 30.0,
) -> bytes | None:
    """The local file the scraper downloaded, else the cover URL fetched now; None when there is no cover.

    Disk reads run in a worker thread (a cover on a slow or network disk must not freeze the GUI);
    `http` is the caller's reusable download client (without one, a client is built and closed here).
    """
    if cover_path:
        path = Path(cover_path)
        data = await asyncio.to_thread(_read_file, path)
        if data is not None:
            return data
        log.warning("cover file %s is missing; trying the cover URL", path)
    if not cover_url:
        return None
    from pigmeu_desktop.services.cover_fetch import check_image, cover_url_allowed, fetch_cover

    if not cover_url_allowed(cover_url):
        log.warning("cover URL on an unknown host is not downloaded: %s", cover_url[:200])
        return None  # the post goes out without a featured image (noted), never a fetch of any address
    own = http is None
    client = (
        http
        if http is not None
        else await asyncio.to_thread(cover_download_client, timeout=request_timeout_s)
    )
    try:
        data, _ext = await fetch_cover(client, cover_url)
        await asyncio.to_thread(check_image, data, cover_url)
        return data
    except PigmeuError as exc:
        raise WordPressError(
            f"Could not download the cover: {exc.message}", code=exc.code, url=cover_url
        ) from None
    finally:
        if own:
            await client.aclose()


def _unusable(problem: str) -> WordPressError:
    """A cover file WordPress cannot take: a new download (scrape again) or no cover fixes it."""
    return WordPressError(
        problem,
        code=ErrorCode.INVALID_INPUT,
        next_step="Scrape the book again to download its cover, or publish without one.",
    )
