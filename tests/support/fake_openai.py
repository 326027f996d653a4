"""A local OpenAI-compatible HTTP server (chat completions, SSE streaming, usage) with fault injection.

It speaks real HTTP on 127.0.0.1, so tests drive the real `openai` and `groq` SDKs against it:
- `POST /v1/chat/completions` (OpenAI, Mistral, Ollama style) and `/openai/v1/chat/completions` (Groq style),
  streaming (SSE) or not, `response_format` json_object / json_schema, usage reported
  (OpenAI: a last chunk when `stream_options.include_usage`; Groq: `x_groq.usage`; otherwise the
  finishing chunk carries `usage`, as Mistral and vLLM do);
- `GET /v1/models` and `/openai/v1/models` (the cheap authenticated call);
- faults queued with `server.fail(Fault...)`, one consumed per request: 429 with Retry-After, 5xx,
  a hung response, a stream cut in the middle, invalid JSON, 401, or a given reply.

Every request is recorded (`server.requests`) with its body, timing, the send time of each streamed
chunk and whether the client went away, so tests can prove that cancelling closed the request.
Runs in its own threads: it works the same under a plain asyncio loop, a qasync loop or no loop.
"""

from __future__ import annotations

import json
import re
import select
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from tests.support.polling import eventually_sync

DEFAULT_KEY = "sk-test-local"

Responder = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class Fault:
    """One injected misbehaviour; build with the class methods."""

    kind: str
    status: int = 0
    retry_after: float | None = None
    after_chunks: int = 0
    seconds: float = 0.0
    content: str | None = None
    usage: tuple[int, int] | None = None

    @classmethod
    def rate_limited(cls, retry_after: float | None = 0.05) -> Fault:
        return cls("status", status=429, retry_after=retry_after)

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        return cls("status", status=status)

    @classmethod
    def unauthorized(cls) -> Fault:
        return cls("status", status=401)

    @classmethod
    def hang(cls, seconds: float = 30.0) -> Fault:
        """Accept the request and never answer (until `seconds` pass or the client goes away)."""
        return cls("hang", seconds=seconds)

    @classmethod
    def cut_stream(cls, after_chunks: int = 3) -> Fault:
        """Stream `after_chunks` chunks, then drop the connection without finishing the response."""
        return cls("cut", after_chunks=after_chunks)

    @classmethod
    def invalid_json(cls) -> Fault:
        return cls("reply", content='{"title": "Um livro", "body_markdown": "texto cortado')

    @classmethod
    def reply(cls, content: str, usage: tuple[int, int] | None = None) -> Fault:
        """Answer with exactly `content` (and optionally the given (input, output) token usage)."""
        return cls("reply", content=content, usage=usage)


@dataclass
class RecordedRequest:
    method: str
    path: str
    body: dict[str, Any]
    key_ok: bool
    started: float  # time.perf_counter() when the request line was read
    finished: float | None = None  # when the last byte was sent (or the request was abandoned)
    chunk_times: list[float] = field(default_factory=list)  # perf_counter() as each SSE chunk was sent
    chunks: list[str] = field(default_factory=list)
    disconnected: bool = False  # the client closed the connection before the response was complete
    fault: str | None = None
    status: int = 200

    @property
    def streamed(self) -> bool:
        return bool(self.body.get("stream"))

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages") or [])

    def text(self) -> str:
        """All message contents joined: what the model was shown."""
        return "\n".join(str(m.get("content") or "") for m in self.messages)


class FakeOpenAI:
    """The server. Use as a context manager or start()/stop(); `base_url` is what OpenAI clients take."""

    def __init__(
        self,
        *,
        api_keys: Iterable[str] = (DEFAULT_KEY,),
        responder: Responder | None = None,
        chunk_size: int = 12,
        token_delay: float = 0.0,
        models: Iterable[str] = (
            "gpt-4o-mini",
            "llama-3.3-70b-versatile",
            "mistral-small-latest",
            "local-model",
        ),
    ) -> None:
        self.api_keys = set(api_keys)
        self.responder: Responder = responder or review_responder
        self.chunk_size = max(1, chunk_size)
        self.token_delay = token_delay
        self.models = list(models)
        self.requests: list[RecordedRequest] = []
        self._faults: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle -------------------------------------------------------------------------------------
    def start(self) -> FakeOpenAI:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def base_url(self) -> str:
        """For the openai SDK (and Mistral/Ollama-style clients): ends in /v1."""
        return self.url + "/v1"

    @property
    def groq_base_url(self) -> str:
        """For the groq SDK, which appends /openai/v1 itself."""
        return self.url

    # faults and inspection -------------------------------------------------------------------------
    def fail(self, *faults: Fault) -> None:
        """Queue faults; each following request consumes one, in order."""
        with self._lock:
            self._faults.extend(faults)

    def pending_faults(self) -> int:
        with self._lock:
            return len(self._faults)

    def _next_fault(self) -> Fault | None:
        with self._lock:
            return self._faults.popleft() if self._faults else None

    def _record(self, req: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(req)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Poll until predicate() is true (server threads update records asynchronously)."""
        try:
            return bool(eventually_sync(predicate, timeout=timeout))
        except AssertionError:
            return False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: FakeOpenAI

    def setup(self) -> None:
        super().setup()
        # Small SSE writes must leave at once: with Nagle's algorithm on, the client's delayed ACK adds
        # up to 40 ms per response, which is the server's latency, not the client's.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # silence the default stderr access log
        pass

    # routing ---------------------------------------------------------------------------------------
    def do_GET(self) -> None:
        if self.path == "/_fake/requests":  # the records, for a client in another process (benchmarks)
            return self._send_json(200, {"requests": [r.__dict__ for r in self.fake.requests]})
        if not re.fullmatch(r"(/openai)?/v1/models", self.path):
            return self._send_json(404, _error("Not found", "not_found"))
        req = self._begin({})
        if req is None:
            return
        self._send_json(
            200,
            {
                "object": "list",
                "data": [
                    {"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.fake.models
                ],
            },
        )
        req.finished = time.perf_counter()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not re.fullmatch(r"(/openai)?/v1/chat/completions", self.path):
            return self._send_json(404, _error("Not found", "not_found"))
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self._send_json(400, _error("Body is not JSON", "invalid_request_error"))
        req = self._begin(body)
        if req is None:
            return
        fault = self._fault
        if fault is not None and fault.kind == "reply":
            content = fault.content or ""
        else:
            content = self.fake.responder(body)
        usage_override = fault.usage if fault is not None else None
        prompt_tokens = sum(len(str(m.get("content") or "")) for m in req.messages) // 4 + 1
        pieces = _split(content, self.fake.chunk_size)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": len(pieces),
            "total_tokens": prompt_tokens + len(pieces),
        }
        if usage_override is not None:
            usage = {
                "prompt_tokens": usage_override[0],
                "completion_tokens": usage_override[1],
                "total_tokens": sum(usage_override),
            }
        model = body.get("model") or "unknown"
        if body.get("stream"):
            self._stream(req, model, pieces, usage, fault)
        else:
            self._send_json(
                200,
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "finish_reason": "stop",
                            "message": {"role": "assistant", "content": content},
                        }
                    ],
                    "usage": usage,
                },
            )
        req.finished = req.finished or time.perf_counter()

    # shared request start: record, authenticate, apply status/hang faults --------------------------
    def _begin(self, body: dict[str, Any]) -> RecordedRequest | None:
        started = time.perf_counter()
        auth = self.headers.get("Authorization", "")
        key = auth.removeprefix("Bearer ").strip()
        req = RecordedRequest(self.command, self.path, body, key in self.fake.api_keys, started)
        self.fake._record(req)
        fault = self.fake._next_fault()
        self._fault = fault
        req.fault = fault.kind if fault else None
        if fault is not None and fault.kind == "status":
            req.status = fault.status
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = f"{fault.retry_after:g}"
            messages = {
                401: ("Incorrect API key provided.", "invalid_api_key"),
                429: ("Rate limit reached, slow down.", "rate_limit_exceeded"),
            }
            message, code = messages.get(fault.status, ("The server had an error.", "server_error"))
            self._send_json(fault.status, _error(message, code), headers)
            req.finished = time.perf_counter()
            return None
        if not req.key_ok:
            req.status = 401
            self._send_json(401, _error("Incorrect API key provided.", "invalid_api_key"))
            req.finished = time.perf_counter()
            return None
        if fault is not None and fault.kind == "hang":
            deadline = time.monotonic() + fault.seconds
            while time.monotonic() < deadline and not self.fake._stopping.is_set():
                if self._peer_closed(0.02):
                    req.disconnected = True
                    break
            req.finished = time.perf_counter()
            self.close_connection = True
            return None
        return req

    # responses -------------------------------------------------------------------------------------
    def _stream(
        self, req: RecordedRequest, model: str, pieces: list[str], usage: dict, fault: Fault | None
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        groq = self.path.startswith("/openai/")
        include_usage = bool((req.body.get("stream_options") or {}).get("include_usage"))
        base = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
        }
        try:
            self._event(
                dict(
                    base,
                    choices=[
                        {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
                    ],
                )
            )
            for i, piece in enumerate(pieces):
                if fault is not None and fault.kind == "cut" and i >= fault.after_chunks:
                    # Drop the connection mid-body: no terminating chunk, exactly what a proxy reset looks like.
                    req.fault = "cut"
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    req.finished = time.perf_counter()
                    return
                if self.fake.token_delay:
                    if self._peer_closed(self.fake.token_delay):
                        raise ConnectionResetError("client went away")
                elif self._peer_closed(0):
                    raise ConnectionResetError("client went away")
                self._event(
                    dict(base, choices=[{"index": 0, "delta": {"content": piece}, "finish_reason": None}])
                )
                req.chunk_times.append(time.perf_counter())
                req.chunks.append(piece)
            final = dict(base, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}])
            if groq:
                final["x_groq"] = {"id": "req_fake", "usage": usage}
            elif not include_usage:
                final["usage"] = usage  # Mistral / vLLM style: usage rides on the finishing chunk
            self._event(final)
            if include_usage and not groq:
                self._event(dict(base, choices=[], usage=usage))
            self._write_chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            req.disconnected = True
            self.close_connection = True
        req.finished = time.perf_counter()

    def _event(self, payload: dict) -> None:
        self._write_chunk(b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n")

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _send_json(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _peer_closed(self, timeout: float) -> bool:
        """True if the client closed its end (readable with zero bytes), waiting up to `timeout`."""
        try:
            readable, _, _ = select.select([self.connection], [], [], timeout)
            if not readable:
                return False
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True


def _error(message: str, code: str) -> dict:
    return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}}


def _split(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


# the default "model" ------------------------------------------------------------------------------
def find_book_data(text: str) -> dict[str, Any]:
    """The JSON book facts a prompt carries (inside <book_data>…</book_data>, or the first JSON object)."""
    # Every tagged block is tried: prompts also name the tags in prose ("between <book_data> and …").
    candidates = re.findall(r"<book_data>\s*(.*?)\s*</book_data>", text, re.DOTALL)
    candidates += re.findall(r"```json\s*(.*?)```", text, re.DOTALL)
    for candidate in candidates:
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(data, dict):
            return data
    return {}


def find_headings(text: str) -> list[str]:
    """Markdown H2 headings the prompt asks for (lines like `## Introdução`), in order, without repeats."""
    seen: list[str] = []
    for heading in re.findall(r"^[ \t>*-]*##[ \t]+(.+?)[ \t]*$", text, re.MULTILINE):
        if heading not in seen:
            seen.append(heading)
    return seen


def review_responder(body: dict[str, Any]) -> str:
    """A deterministic stand-in model: a schema-shaped review built from the facts in the prompt.

    With a json_schema whose only property is `markdown` (a section rewrite) it returns that object;
    with any other JSON request, a whole review; without response_format, plain Markdown.
    """
    messages = body.get("messages") or []
    text = "\n".join(str(m.get("content") or "") for m in messages)
    book = find_book_data(text)
    title = str(book.get("title") or "Livro")
    authors = [a.get("name") for a in book.get("authors") or [] if isinstance(a, dict) and a.get("name")]
    author = ", ".join(authors) or "autor desconhecido"
    fmt = body.get("response_format") or {}
    schema = (fmt.get("json_schema") or {}).get("schema") or {}
    props = set((schema.get("properties") or {}).keys())
    if props == {"markdown"}:
        return json.dumps({"markdown": f"Texto reescrito sobre {title}, de {author}."}, ensure_ascii=False)
    headings = find_headings(text) or [
        "Introdução",
        "Sinopse sem spoilers",
        "Análise",
        "Para quem é",
        "Veredito",
    ]
    body_md = "\n\n".join(f"## {h}\n\n{title}, de {author}: parágrafo sobre {h.lower()}." for h in headings)
    if not fmt:
        return body_md
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "livro"
    draft = {
        "title": f"Resenha: {title}",
        "slug": f"resenha-{slug}",
        "excerpt": f"{title}, de {author}, em uma resenha sem spoilers.",
        "meta_description": f"Resenha de {title}, de {author}."[:160],
        "focus_keyword": title.lower(),
        "body_markdown": body_md,
        "tags": [title, author],
        "categories": ["Resenhas"],
    }
    return json.dumps(draft, ensure_ascii=False)


def main(argv: list[str] | None = None) -> None:
    """`python -m tests.support.fake_openai [--chunk-size N] [--token-delay S]`: serve in a process of its own.

    Prints one JSON line with the base URLs and key, then serves until stdin closes. A benchmark uses
    this so the server's threads do not compete with the client for the GIL; perf_counter() is the
    system-wide monotonic clock on Linux, so the server's timestamps compare with the client's.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="fake_openai")
    parser.add_argument("--chunk-size", type=int, default=12)
    parser.add_argument("--token-delay", type=float, default=0.0)
    args = parser.parse_args(argv)
    with FakeOpenAI(chunk_size=args.chunk_size, token_delay=args.token_delay) as server:
        print(json.dumps({"url": server.url, "base_url": server.base_url, "key": DEFAULT_KEY}), flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
