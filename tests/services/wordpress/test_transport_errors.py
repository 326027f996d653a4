"""Failures at the network edge, against real local sockets: refused, silent, HTML instead of JSON, bad TLS."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import ssl
import subprocess

import httpx
import pytest

from pigmeu_desktop.core.errors import ErrorCode, WordPressError
from pigmeu_desktop.services.wordpress.client import WordPressClient


@contextlib.asynccontextmanager
async def raw_server(reply: bytes | None, ssl_context: ssl.SSLContext | None = None):
    """A one-purpose HTTP server: every request gets `reply` (None: read the request, never answer)."""
    hold = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            if reply is None:
                await hold.wait()
            else:
                writer.write(reply)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=ssl_context)
    port = server.sockets[0].getsockname()[1]
    try:
        yield port
    finally:
        hold.set()
        server.close()
        await server.wait_closed()


def _http(status: str, body: bytes, ctype: str = "text/html") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body


async def _discover(url: str, timeout: float = 5.0) -> WordPressError:
    client = WordPressClient(url, "editor", "secret-app-password", timeout=httpx.Timeout(timeout))
    try:
        with pytest.raises(WordPressError) as info:
            await client.discover()
    finally:
        await client.aclose()
    assert "secret-app-password" not in str(info.value.to_dict())
    return info.value


@pytest.mark.asyncio
async def test_refused_connection_is_network():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: connections are refused
        error = await _discover(f"http://127.0.0.1:{port}")
    assert error.code is ErrorCode.NETWORK and error.transient


@pytest.mark.asyncio
async def test_silent_server_is_timeout():
    async with raw_server(None) as port:
        error = await _discover(f"http://127.0.0.1:{port}", timeout=0.5)
    assert error.code is ErrorCode.TIMEOUT


@pytest.mark.asyncio
async def test_html_instead_of_json_is_rest_unavailable():
    async with raw_server(_http("200 OK", b"<html><body>Welcome to my shop</body></html>")) as port:
        error = await _discover(f"http://127.0.0.1:{port}")
    assert error.code is ErrorCode.WP_REST_UNAVAILABLE and "web page" in error.message


@pytest.mark.asyncio
async def test_proxy_502_page_is_rest_unavailable_and_transient():
    async with raw_server(_http("502 Bad Gateway", b"<html>bad gateway</html>")) as port:
        error = await _discover(f"http://127.0.0.1:{port}")
    assert error.code is ErrorCode.WP_REST_UNAVAILABLE and error.transient


@pytest.mark.asyncio
@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
async def test_untrusted_certificate_is_a_tls_network_error(tmp_path):
    key, cert = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    async with raw_server(_http("200 OK", b"{}", "application/json"), ssl_context=ctx) as port:
        error = await _discover(f"https://127.0.0.1:{port}")
    assert error.code is ErrorCode.NETWORK and error.details.get("tls") is True
    assert "certificate" in error.message


@pytest.mark.asyncio
async def test_http_site_moved_to_https_says_which_address_to_use():
    reply = (
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://blog.example.com/wp-json/\r\n"
        b"Content-Length: 0\r\nConnection: close\r\n\r\n"
    )
    async with raw_server(reply) as port:
        error = await _discover(f"http://127.0.0.1:{port}")
    assert error.code is ErrorCode.INVALID_INPUT and "https://blog.example.com/wp-json/" in error.message
