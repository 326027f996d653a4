"""Covers: small web images pass untouched; big or odd ones are re-encoded under the size limit."""

from __future__ import annotations

import io
import os

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


def test_re_encoded_covers_are_baseline_jpeg_so_the_encoder_shares_the_gil():
    # Pillow's optimised/progressive JPEG encoder keeps the GIL for the whole image (measured: the loop
    # froze ~0.65 s of a ~2.2 s re-encode even from a worker thread); the baseline encoder writes in
    # 64 KB pieces and hands the GIL over between them. How smooth the loop stays is measured in
    # tests/perf/bench_publish.py --loop; here we check the property that makes it so.
    noise = Image.frombytes("RGB", (600, 900), os.urandom(600 * 900 * 3)).resize((1600, 2400))
    out = io.BytesIO()
    noise.filter(ImageFilter.GaussianBlur(1)).save(out, "PNG")
    cover = prepare_cover(out.getvalue())
    assert cover.resized
    encoded = Image.open(io.BytesIO(cover.content))
    assert encoded.format == "JPEG"
    assert not encoded.info.get("progressive") and not encoded.info.get("progression")
