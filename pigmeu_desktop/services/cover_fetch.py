"""Cover downloads, bounded: only image hosts we know, the size cap enforced while reading, the type
checked, and the bytes decoded by Pillow (with its decompression-bomb guard) before they are kept."""

from __future__ import annotations

import io
import warnings
from urllib.parse import urljoin, urlsplit

import httpx
from PIL import Image, UnidentifiedImageError

from pigmeu_desktop.core.errors import ErrorCode, ScrapeError
from pigmeu_desktop.core.marketplaces import IMAGE_HOST_DOMAINS

MAX_COVER_BYTES = 20 * 1024 * 1024
# A book cover is a few megapixels; Pillow's own bomb limit (~89 Mpx) is far above any real one.
MAX_COVER_PIXELS = 40_000_000
MAX_REDIRECTS = 5
IMAGE_TYPES = {
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/avif": ".avif",
}


def cover_hosts() -> tuple[str, ...]:
    """Amazon's image hosts (every marketplace) and the open-data sources' documented cover hosts."""
    from pigmeu_desktop.services.scraping.enrichment import COVER_HOSTS

    return (*IMAGE_HOST_DOMAINS, *COVER_HOSTS)


def cover_url_allowed(url: str) -> bool:
    """http(s) on one of cover_hosts() or a sub-domain of one: never a local or arbitrary address."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    return any(host == allowed or host.endswith("." + allowed) for allowed in cover_hosts())


def _refuse(message: str, url: str, code: ErrorCode = ErrorCode.INVALID_INPUT) -> ScrapeError:
    return ScrapeError(
        message,
        code=code,
        url=url[:300],
        next_step="Scrape the book again; a cover that cannot be fetched is only a warning.",
    )


async def fetch_cover(
    client: httpx.AsyncClient, url: str, *, max_bytes: int = MAX_COVER_BYTES
) -> tuple[bytes, str]:
    """(bytes, extension) of the image at `url`. Redirects are followed by hand so every hop is checked.

    ScrapeError: invalid_input (host not allowed, not an image, too big), network or timeout.
    """
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if not cover_url_allowed(current):
            raise _refuse(
                f"The cover address is not on a known image host ({urlsplit(current).hostname or '?'}).", url
            )
        try:
            async with client.stream("GET", current, follow_redirects=False) as response:
                if response.is_redirect and response.headers.get("location"):
                    current = urljoin(current, response.headers["location"])
                    continue
                if response.status_code != 200:
                    raise _refuse(
                        f"The cover server answered {response.status_code}.", url, ErrorCode.NETWORK
                    )
                ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
                ext = IMAGE_TYPES.get(ctype)
                if ext is None:
                    raise _refuse(f"The cover is not an image ({ctype or 'no type'}).", url)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise _refuse(f"The cover is too big ({int(declared)} bytes; at most {max_bytes}).", url)
                chunks, total = [], 0
                async for chunk in response.aiter_bytes():
                    total += len(chunk)
                    if total > max_bytes:  # stop reading now: the rest is never held in memory
                        raise _refuse(f"The cover is too big (more than {max_bytes} bytes).", url)
                    chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise ScrapeError("The cover download timed out.", code=ErrorCode.TIMEOUT, url=url) from exc
        except httpx.HTTPError as exc:
            raise ScrapeError(
                f"The cover could not be downloaded ({type(exc).__name__}).", code=ErrorCode.NETWORK, url=url
            ) from exc
        data = b"".join(chunks)
        if not data:
            raise _refuse("The cover is empty.", url)
        return data, ext
    raise _refuse("The cover address redirects too many times.", url, ErrorCode.NETWORK)


def check_image(data: bytes, url: str = "") -> tuple[int, int]:
    """Decode `data` with Pillow (CPU-bound: run in a worker thread); its size, or invalid_input.

    Pillow's decompression-bomb warning is an error here, and our own pixel cap is lower still.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_COVER_PIXELS:
                    raise _refuse(f"The cover is {width}×{height} pixels: too many for a cover.", url)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse("The cover is an image bomb (far too many pixels).", url) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _refuse(f"The cover is not a readable image ({type(exc).__name__}).", url) from None
    return width, height


# The formats covers come in (Amazon serves JPEG; sites and other stores PNG, WebP, GIF).
COVER_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


def cover_codecs_missing() -> list[str]:
    """Cover formats this Pillow cannot write and read back (the frozen app's self-test: its codecs)."""
    missing = []
    for fmt in COVER_FORMATS:
        out = io.BytesIO()
        try:
            Image.new("RGB", (40, 60), (200, 30, 30)).save(out, fmt)
            if check_image(out.getvalue()) != (40, 60):
                missing.append(fmt)
        except (OSError, KeyError, ValueError, ScrapeError):
            missing.append(fmt)
    return missing
