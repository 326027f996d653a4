"""The highest-resolution cover URL: the image block's JSON (`hiRes`, `imageGalleryData`), then
`data-old-hires` / `data-a-hires`, then the largest `data-a-dynamic-image` entry, then a plain src."""

from __future__ import annotations

import json
import re

from pigmeu_desktop.services.scraping.parsing.dom import Page
from pigmeu_desktop.services.scraping.parsing.trace import note

_COLOR_IMAGES = re.compile(r"""['"]colorImages['"]\s*:\s*\{\s*['"]initial['"]\s*:\s*\[""")
_GALLERY = re.compile(r"""['"]imageGalleryData['"]\s*:\s*\[""")
_MAIN_IMAGE_IDS = (
    "landingImage",
    "imgBlkFront",
    "ebooksImgBlkFront",
    "main-image",
    "imgTagWrapperId",
    "original-main-image",
    "prodImage",
    "ebooksImg",
    "main-image-nonjs",
    "img-canvas",
    "main-image-container",
    "imageBlock_feature_div",
    "image-block",
    "holderMainImage",
)
_IMMERSIVE_MAIN = "#immersive-main|a-popover-immersive-view//*[@data-a-hires][1]"
_SIZE_SUFFIX = re.compile(r"\._[^/]*_(?=\.(?:jpe?g|png|gif|webp)$)", re.IGNORECASE)
_decoder = json.JSONDecoder()
# The first image entry (all we need) is well within this many bytes of its key.
_WINDOW = 64 * 1024


def _json_list_at(text: str, start: int) -> list:
    """Decode the JSON array starting at text[start] ('['); [] if it is not strict JSON."""
    try:
        value, _ = _decoder.raw_decode(text, start)
    except ValueError:
        return []
    return value if isinstance(value, list) else []


_PLACEHOLDERS = ("no-image-avail", "no_image", "/x-site/icons/no-img", "transparent-pixel")


def _http(url) -> str | None:
    """An absolute image URL, or None (Amazon's "no image available" placeholder is no cover)."""
    absolute = isinstance(url, str) and url.startswith(("https://", "http://"))
    if absolute and not any(marker in url for marker in _PLACEHOLDERS):
        return url
    return None


def _arrays_after(page: Page, literal: bytes, pattern: re.Pattern):
    """JSON arrays that follow each `literal` in the raw page (found with bytes.find: fast on 3 MB)."""
    start = page.raw.find(literal)
    while start >= 0:
        window = page.raw_text(start - 1, _WINDOW)
        match = pattern.match(window)
        if match:
            yield _json_list_at(window, match.end() - 1)
        start = page.raw.find(literal, start + 1)


def _from_color_images(page: Page) -> str | None:
    for images in _arrays_after(page, b"colorImages", _COLOR_IMAGES):
        for image in images[:1]:
            if isinstance(image, dict):
                # hiRes is null for some covers; then the largest "main" rendition beats "large".
                main = image.get("main")
                largest = _largest_dynamic(json.dumps(main)) if isinstance(main, dict) else None
                url = _http(image.get("hiRes")) or largest or _http(image.get("large"))
                if url:
                    return url
    return None


def _from_gallery(page: Page) -> str | None:
    for images in _arrays_after(page, b"imageGalleryData", _GALLERY):
        for image in images[:1]:
            if isinstance(image, dict) and _http(image.get("mainUrl")):
                return image["mainUrl"]
    return None


def _largest_dynamic(value: str | None) -> str | None:
    if not value:
        return None
    try:
        sizes = json.loads(value)
    except ValueError:
        return None
    if not isinstance(sizes, dict):
        return None
    best, best_area = None, -1
    for url, dims in sizes.items():
        try:
            area = int(dims[0]) * int(dims[1])
        except (TypeError, ValueError, IndexError):
            area = 0
        if _http(url) and area > best_area:
            best, best_area = url, area
    return best


def original_size(url: str) -> str:
    """Drop Amazon's resize suffix ("…/51OBhc._SX331_BO1,204_.jpg" -> "…/51OBhc.jpg"): the full-size image."""
    return _SIZE_SUFFIX.sub("", url)


def extract_cover(page: Page) -> str | None:
    # The gallery JSON lives in inline scripts, so it is read from the raw page rather than the tree.
    url = _from_color_images(page)
    if url:
        note("cover_url", "image block JSON 'colorImages' (hiRes)")
        return url
    url = _from_gallery(page)
    if url:
        note("cover_url", "image block JSON 'imageGalleryData'")
        return url
    # Mobile web (2016-2019): the full-screen ("immersive") gallery holds the large rendition of the
    # main image; #main-image itself is a small one.
    for element in page.select(_IMMERSIVE_MAIN):
        url = _http(element.get("data-a-hires"))
        if url:
            note("cover_url", "mobile immersive gallery, first image data-a-hires", element)
            return url
    images = [
        img
        for ident in _MAIN_IMAGE_IDS
        for el in page.all_by_id(ident)
        for img in ([el] if el.tag == "img" else el.iter("img"))
    ]
    for img in images:
        url = _http(img.get("data-old-hires")) or _http(img.get("data-a-hires"))
        if url:
            note("cover_url", "main image data-old-hires / data-a-hires", img)
            return url
    for img in images:
        url = _largest_dynamic(img.get("data-a-dynamic-image"))
        if url:
            note("cover_url", "main image data-a-dynamic-image (largest)", img)
            return original_size(url)
    for img in images:
        url = _http(img.get("src"))
        if url:
            note("cover_url", "main image src (full size)", img)
            return original_size(url)
    for meta in page.xpath("//meta[@property='og:image']/@content"):
        if _http(meta):
            note("cover_url", "og:image", meta.getparent())
            return meta
    return None
