"""Finding 6 of the hostile-input review: cover downloads only from known image hosts, capped while
reading, type-checked and decoded by Pillow with its bomb guard; every hop of a redirect checked."""

from __future__ import annotations

import contextlib
import http.server
import io
import struct
import threading
import zlib
from pathlib import Path

import pytest
from PIL import Image

from pigmeu_desktop.core.models import Book
from pigmeu_desktop.services.cover_fetch import cover_url_allowed, fetch_cover
from pigmeu_desktop.services.scraping.covers import COVER_WARNING_PREFIX, CoverStore
from pigmeu_desktop.services.scraping.discovery import BrowserConfig
from pigmeu_desktop.services.scraping.http_client import client_for
from pigmeu_desktop.services.wordpress.cover import load_cover_bytes


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 90), (10, 20, 30)).save(out, "JPEG")
    return out.getvalue()


def png_bomb(side: int = 100_000) -> bytes:
    """A valid PNG header claiming side×side pixels (10 Gpx), with a tiny compressed body."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


class ImageHost:
    """A local server standing in for an image host: routes by path, counts requests and bytes sent."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.sent = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    outer.route(self)

            def log_message(self, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def route(self, h) -> None:
        def send(status: int, ctype: str, body: bytes, **headers: str) -> None:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            for k, v in headers.items():
                h.send_header(k.replace("_", "-"), v)
            h.end_headers()
            h.wfile.write(body)
            self.sent += len(body)

        if h.path == "/ok.jpg":
            send(200, "image/jpeg", jpeg(), Content_Length=str(len(jpeg())))
        elif h.path == "/page.jpg":
            send(200, "text/html", b"<html>not an image</html>")
        elif h.path == "/bomb.png":
            send(200, "image/png", png_bomb())
        elif h.path == "/fake.jpg":
            send(200, "image/jpeg", b"GIF89a but not really an image" * 10)
        elif h.path == "/redirect-local":
            send(302, "text/plain", b"", Location=f"http://127.0.0.1:{self.port}/ok.jpg")
        elif h.path == "/huge.jpg":  # no Content-Length, endless body: only the cap stops it
            h.send_response(200)
            h.send_header("Content-Type", "image/jpeg")
            h.end_headers()
            block = b"\xff" * 65536
            for _ in range(400 * 16):  # 400 MB if nobody stops reading
                h.wfile.write(block)
                self.sent += len(block)

    def __enter__(self) -> ImageHost:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def mapped_client(port: int):
    return client_for(
        BrowserConfig(extra_args=(f"--host-resolver-rules=MAP m.media-amazon.com 127.0.0.1:{port}",)),
        timeout_s=10,
    )


def test_only_amazon_image_hosts_and_the_enrichment_cover_hosts_are_allowed():
    assert cover_url_allowed("https://m.media-amazon.com/images/I/x.jpg")
    assert cover_url_allowed("http://ecx.images-amazon.com/images/I/x.jpg")
    assert cover_url_allowed("https://images-na.ssl-images-amazon.com/images/I/x.jpg")
    assert cover_url_allowed("https://covers.openlibrary.org/b/id/1-L.jpg")
    assert cover_url_allowed("https://books.google.com/books/content?id=x")
    for url in (
        "http://127.0.0.1:8000/x.jpg",
        "http://localhost/x.jpg",
        "file:///etc/passwd",
        "https://media-amazon.com.evil.example/x.jpg",
        "https://evilmedia-amazon.com/x.jpg",
        "http://[::1]/x.jpg",
        "https://169.254.169.254/latest/meta-data",
    ):
        assert not cover_url_allowed(url), url


@pytest.mark.asyncio
async def test_a_cover_on_a_local_address_is_never_fetched(tmp_path):
    with ImageHost() as host:
        covers = CoverStore(tmp_path / "covers", lambda: client_for(BrowserConfig(), timeout_s=5))
        try:
            book = await covers.attach(Book(title="T", cover_url=f"http://127.0.0.1:{host.port}/ok.jpg"))
        finally:
            await covers.aclose()
        assert host.requests == []
        assert book.cover_path is None and book.warnings[0].startswith(
            f"{COVER_WARNING_PREFIX}: invalid_input"
        )
        # The publisher's own download follows the same rule.
        assert await load_cover_bytes(None, f"http://127.0.0.1:{host.port}/ok.jpg") is None
        assert host.requests == []


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/page.jpg", "/bomb.png", "/fake.jpg", "/redirect-local"])
async def test_what_is_not_a_sane_image_is_refused(tmp_path, path):
    with ImageHost() as host:
        covers = CoverStore(tmp_path / "covers", lambda: mapped_client(host.port))
        try:
            book = await covers.attach(Book(title="T", cover_url=f"http://m.media-amazon.com{path}"))
            good = await covers.attach(Book(title="T", cover_url="http://m.media-amazon.com/ok.jpg"))
        finally:
            await covers.aclose()
    assert book.cover_path is None and book.warnings[0].startswith(
        f"{COVER_WARNING_PREFIX}: invalid_input"
    ), book.warnings
    assert Path(good.cover_path).read_bytes() == jpeg()
    assert "/ok.jpg" not in host.requests[:1]  # a redirect to a local address was not followed
    assert [p.name for p in (tmp_path / "covers").iterdir()] == [Path(good.cover_path).name]


@pytest.mark.asyncio
async def test_the_size_cap_is_enforced_while_reading(tmp_path):
    with ImageHost() as host:
        client = mapped_client(host.port)
        try:
            with pytest.raises(Exception) as info:
                await fetch_cover(client, "http://m.media-amazon.com/huge.jpg", max_bytes=2 * 1024 * 1024)
        finally:
            await client.aclose()
    assert getattr(info.value, "code", None) == "invalid_input" and "too big" in info.value.message
    # The server was cut off soon after the cap, not after its 400 MB.
    assert host.sent < 50 * 1024 * 1024


def test_the_cover_codec_check_names_a_format_pillow_cannot_read():
    import subprocess
    import sys

    from pigmeu_desktop.services.cover_fetch import cover_codecs_missing

    assert cover_codecs_missing() == []
    # A Pillow without its WebP reader (as a bundle that lost it would be) is caught by name.
    probe = (
        "import sys; sys.modules['PIL.WebPImagePlugin'] = None; "
        "from pigmeu_desktop.services.cover_fetch import cover_codecs_missing; print(cover_codecs_missing())"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert run.stdout.strip() == "['WEBP']"
