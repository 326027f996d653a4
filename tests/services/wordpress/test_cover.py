"""Covers: small web images pass untouched; big or odd ones are re-encoded under the size limit."""

from __future__ import annotations

import asyncio
import functools
import io
import os
import time

import pytest
from PIL import Image, ImageFilter

from pigmeu_desktop.core.errors import ErrorCode, WordPressError
from pigmeu_desktop.services.wordpress.cover import prepare_cover


def _image(fmt: str, size=(400, 600), mode="RGB", noise=False) -> bytes:
    if noise:
        img = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        img = Image.new(mode, size, (10, 120, 200, 128) if mode == "RGBA" else (10, 120, 200))
    out = io.BytesIO()
    img.save(out, fmt, **({"quality": 95} if fmt == "JPEG" else {}))
    return out.getvalue()


def test_small_jpeg_is_kept_byte_for_byte():
    data = _image("JPEG")
    cover = prepare_cover(data)
    assert cover.content == data and cover.content_type == "image/jpeg" and not cover.resized


def test_large_noisy_image_is_shrunk_under_the_limit():
    data = _image("PNG", size=(2400, 3600), noise=True)
    assert len(data) > 5_000_000
    cover = prepare_cover(data, max_bytes=400_000, max_side=1600)
    assert cover.resized and cover.content_type == "image/jpeg"
    assert len(cover.content) <= 400_000 and max(cover.width, cover.height) <= 1600
    assert Image.open(io.BytesIO(cover.content)).format == "JPEG"


def test_transparent_png_over_limit_is_flattened_to_jpeg():
    data = _image("PNG", size=(1800, 1800), mode="RGBA")
    cover = prepare_cover(data, max_side=1000)
    assert cover.content_type == "image/jpeg" and cover.width == 1000


def test_not_an_image_is_a_clear_error():
    with pytest.raises(WordPressError) as info:
        prepare_cover(b"<html>captcha</html>")
    assert info.value.code is ErrorCode.INVALID_INPUT


async def _longest_gap_during(fn, *args, period: float = 0.005) -> float:
    """Run `fn(*args)` in a worker thread with a ticker on the loop; the longest gap between its ticks."""
    gaps: list[float] = []

    async def tick() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(period)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticker = asyncio.ensure_future(tick())
    await asyncio.sleep(period * 2)
    try:
        await asyncio.to_thread(fn, *args)
    finally:
        ticker.cancel()
    return max(gaps)


@pytest.mark.slow
@pytest.mark.asyncio
async def test_re_encoding_in_a_worker_thread_leaves_the_loop_running():
    # A big photo-like cover (smooth noise: JPEG cannot make it tiny) re-encoded at full size, so the
    # encoder has a lot to do: the same code path as a 1600 px cover, with a signal well above noise.
    noise = Image.frombytes("RGB", (1200, 1800), os.urandom(1200 * 1800 * 3)).resize((2400, 3600))
    out = io.BytesIO()
    noise.filter(ImageFilter.GaussianBlur(1)).save(out, "PNG")
    encode = functools.partial(prepare_cover, out.getvalue(), max_side=3600, max_bytes=4_000_000)
    started = time.perf_counter()
    assert encode().resized
    whole = time.perf_counter() - started
    # Pillow's optimised/progressive JPEG encoder keeps the GIL for the whole image (measured: the loop
    # froze ~0.65 s of a ~2.2 s re-encode even from a thread); the chunked baseline encoder hands it
    # over every 64 KB. The best of two tries keeps one hiccup of a busy machine from failing the test.
    longest = min([await _longest_gap_during(encode) for _ in range(2)])
    assert longest < whole / 5, f"loop held {longest:.3f}s of a {whole:.3f}s re-encode"
