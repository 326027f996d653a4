"""A local HTTPS "Amazon": serves the fixture pages for real https://www.amazon.*/dp/ASIN URLs.

Chromium reaches it through `--host-resolver-rules="MAP * 127.0.0.1:PORT"` plus
`--ignore-certificate-errors` (see `browser_args()`), i.e. the same launch path users configure with
PIGMEU_BROWSER_ARGS; the app's cover client follows the same rules. Faults can be injected per
request: a captcha page, a 503, a hang (never answers), a dropped connection. `refused_args()`
points the browser at a port where nothing listens (connection refused).

It runs in its own threads, so it works with any event loop (plain asyncio or qasync) and with
subprocesses (`pigmeu run` in another process) alike.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import shlex
import socket
import ssl
import tempfile
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "amazon"
ASIN_RE = re.compile(r"/(?:dp|gp/product|gp/aw/d|exec/obidos/ASIN)/([A-Z0-9]{10})(?:[/?]|$)")
CAPTCHA_FIXTURE = "06-com-captcha-robot-check-2024"
NOT_FOUND_FIXTURE = "07-com-404-dog-page"


class Fault(StrEnum):
    CAPTCHA = "captcha"  # the robot-check page, status 200
    UNAVAILABLE = "unavailable"  # 503 with an empty "busy" page
    HANG = "hang"  # accept, read the request, never answer
    STALL = "stall"  # send the headers and half the page, then nothing more
    DROP = "drop"  # close the connection without an answer
    NOT_FOUND = "not_found"  # the 404 dog page


@dataclass
class Recorded:
    host: str
    path: str
    cookie: str
    accept_language: str
    user_agent: str


@dataclass
class _Injection:
    fault: Fault
    remaining: int
    asin: str | None
    path_prefix: str | None

    def matches(self, path: str, asin: str | None) -> bool:
        if self.path_prefix is not None:
            return path.startswith(self.path_prefix)
        if self.asin is not None:
            return asin == self.asin
        return asin is not None  # by default only product pages are faulted, not covers


@dataclass
class _Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"


def _content_type(body: bytes) -> str:
    """The header Amazon sent with a saved page: its declared charset (2014 pages were ISO-8859-1)."""
    head = body[:4096].lower()
    if b"charset=iso-8859-1" in head and b'charset="utf-8"' not in head and b"charset=utf-8" not in head:
        return "text/html; charset=ISO-8859-1"
    return "text/html; charset=utf-8"


def _self_signed_cert(directory: Path) -> tuple[Path, Path]:
    """A throwaway certificate; the browser ignores certificate errors by flag, httpx by verify=False."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "amazon.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("*.amazon.com"), x509.DNSName("localhost")]), False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def _cover_jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (60, 90), (180, 40, 40)).save(buf, "JPEG")
    return buf.getvalue()


def free_port() -> int:
    """A port nothing listens on (bound then released): connecting to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AmazonServer:
    """`with AmazonServer() as amazon:` → pages by ASIN, fault injection, request log."""

    fixtures_dir: Path = FIXTURES
    hang_s: float = 120.0
    pages: dict[str, _Page] = field(default_factory=dict)
    # Fixture pages by (host, ASIN): two marketplaces' pages of one ASIN (the .com and .co.uk 2014 pages).
    host_pages: dict[tuple[str, str], _Page] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    redirects: dict[str, tuple[int, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._injections: list[_Injection] = []
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="amazon-server-")
        self.cover_bytes = _cover_jpeg()
        self.fixture_urls: dict[str, str] = {}  # fixture name → the URL it was served for
        self._special: dict[str, bytes] = {}
        if self.fixtures_dir.is_dir():
            self._load_fixtures()

    def _load_fixtures(self) -> None:
        for meta in sorted(self.fixtures_dir.glob("*.expected.json")):
            name = meta.name.removesuffix(".expected.json")
            body = (self.fixtures_dir / f"{name}.html").read_bytes()
            url = json.loads(meta.read_text(encoding="utf-8"))["url"]
            self.fixture_urls[name] = url
            if name == CAPTCHA_FIXTURE:
                self._special["captcha"] = body
                continue
            if name == NOT_FOUND_FIXTURE:
                self._special["not_found"] = body
            m = ASIN_RE.search(url)
            if m:
                page = _Page(body, 404 if name == NOT_FOUND_FIXTURE else 200, _content_type(body))
                self.pages[m.group(1)] = page
                self.host_pages[(urlsplit(url).hostname or "", m.group(1))] = page

    # -- configuration -------------------------------------------------------------------------

    def add_page(
        self,
        asin: str,
        body: bytes | str | Path,
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        if isinstance(body, Path):
            body = body.read_bytes()
        elif isinstance(body, str):
            body = body.encode("utf-8")
        self.pages[asin] = _Page(body, status, content_type)
        for key in [k for k in self.host_pages if k[1] == asin]:
            del self.host_pages[key]  # a page added by a test wins over the fixtures

    def add_redirect(self, asin: str, location: str, *, status: int = 301) -> None:
        """Requests for `asin` answer `status` with `Location: location` (Amazon merging editions)."""
        self.redirects[asin] = (status, location)

    def inject(
        self, fault: Fault, *, times: int = 1, asin: str | None = None, path_prefix: str | None = None
    ) -> None:
        """The next `times` matching requests get `fault` (product pages by default, or a path prefix)."""
        with self._lock:
            self._injections.append(_Injection(Fault(fault), times, asin, path_prefix))

    def clear_faults(self) -> None:
        with self._lock:
            self._injections.clear()

    def page_requests(self) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if ASIN_RE.search(r.path)]

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    def browser_args(self) -> list[str]:
        """Chromium flags that send every host to this server (nothing leaves the machine)."""
        return [f"--host-resolver-rules=MAP * 127.0.0.1:{self.port}", "--ignore-certificate-errors"]

    def browser_args_env(self) -> str:
        """The same flags as one PIGMEU_BROWSER_ARGS value."""
        return shlex.join(self.browser_args())

    @staticmethod
    def refused_args() -> list[str]:
        """Flags that send every host to a closed port: the browser sees "connection refused"."""
        return [f"--host-resolver-rules=MAP * 127.0.0.1:{free_port()}", "--ignore-certificate-errors"]

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> AmazonServer:
        cert, key = _self_signed_cert(Path(self._tmp.name))
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        server = self

        class Handler(_Handler):
            owner = server

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        # Handshake in the handler thread, so one hanging client never blocks accept().
        httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True, do_handshake_on_connect=False)
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name="amazon-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._tmp.cleanup()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- request handling (called from handler threads) ----------------------------------------

    def _take_fault(self, path: str, asin: str | None) -> Fault | None:
        with self._lock:
            for inj in self._injections:
                if inj.remaining > 0 and inj.matches(path, asin):
                    inj.remaining -= 1
                    return inj.fault
        return None

    def _record(self, rec: Recorded) -> None:
        with self._lock:
            self.requests.append(rec)


class _Handler(BaseHTTPRequestHandler):
    owner: AmazonServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: pytest treats stray output as noise

    def handle(self) -> None:
        try:
            self.connection.do_handshake()
        except (ssl.SSLError, OSError):
            return
        with contextlib.suppress(ConnectionError, ssl.SSLError, TimeoutError):
            super().handle()

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        owner = self.owner
        host = (self.headers.get("Host") or "").split(":")[0]
        owner._record(
            Recorded(
                host,
                self.path,
                self.headers.get("Cookie", ""),
                self.headers.get("Accept-Language", ""),
                self.headers.get("User-Agent", ""),
            )
        )
        m = ASIN_RE.search(self.path)
        asin = m.group(1) if m else None
        fault = owner._take_fault(self.path, asin)
        if fault is Fault.HANG:
            owner._stopping.wait(owner.hang_s)
            self.close_connection = True
            return
        if fault is Fault.STALL:
            body = owner.pages[asin].body if asin in owner.pages else b"x" * 10000
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            owner._stopping.wait(owner.hang_s)
            self.close_connection = True
            return
        if fault is Fault.DROP:
            self.close_connection = True
            self.connection.close()
            return
        if fault is Fault.UNAVAILABLE:
            self._send(503, b"<html><body>Service Unavailable</body></html>", "text/html")
            return
        if fault is Fault.CAPTCHA:
            self._send(200, owner._special.get("captcha", b"captcha"), "text/html; charset=utf-8")
            return
        if self.path.startswith("/images/"):
            self._send(200, owner.cover_bytes, "image/jpeg")
            return
        if self.path.startswith("/solve-captcha"):  # also /solve-captcha/dp/ASIN, a product-looking URL
            # What Amazon does once the check is passed: a session cookie for the whole site.
            self._send(
                200,
                b"<html><body>ok</body></html>",
                "text/html",
                {"Set-Cookie": f"session-token=solved; Domain={host}; Path=/; Max-Age=3600; Secure"},
            )
            return
        if asin in owner.redirects:
            status, location = owner.redirects[asin]
            self._send(status, b"", "text/html", {"Location": location})
            return
        page = (owner.host_pages.get((host, asin)) or owner.pages.get(asin)) if asin else None
        if fault is Fault.NOT_FOUND or page is None:
            self._send(404, owner._special.get("not_found", b"Not found"), "text/html; charset=utf-8")
            return
        self._send(page.status, page.body, page.content_type)


class AmazonServerProcess:
    """The same server in a child process: its threads then never compete with the app's event loop
    for the GIL (benchmarks), and it survives the test process killing the app (crash tests).

    Faults are not injectable across the process boundary; use AmazonServer for those.
    """

    def __init__(self) -> None:
        self._proc = None
        self.port = 0

    def start(self) -> AmazonServerProcess:
        import subprocess
        import sys

        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.amazon_server"],
            cwd=str(Path(__file__).resolve().parents[2]),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.port = int(json.loads(self._proc.stdout.readline())["port"])
        return self

    @property
    def pid(self) -> int:
        return self._proc.pid if self._proc is not None else 0

    def browser_args(self) -> list[str]:
        return [f"--host-resolver-rules=MAP * 127.0.0.1:{self.port}", "--ignore-certificate-errors"]

    def browser_args_env(self) -> str:
        return shlex.join(self.browser_args())

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.stdin.close()  # the child exits when its stdin closes
            try:
                self._proc.wait(timeout=10)
            except Exception:  # noqa: BLE001 - never leave it behind
                self._proc.kill()
                self._proc.wait()
            self._proc = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _serve_until_stdin_closes() -> None:
    import sys

    with AmazonServer() as server:
        print(json.dumps({"port": server.port}), flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    _serve_until_stdin_closes()
