"""Logging: named categories under `pigmeu.*`, a rotating file in the log dir, secrets redacted."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType

from pigmeu_desktop.core.providers import PROVIDER_KEY_NAMES
from pigmeu_desktop.core.text_boundary import terminal_text
from pigmeu_desktop.paths import AppPaths

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# The log file rotates at LOG_MAX_BYTES and keeps LOG_BACKUPS old files: at most 8 MB on disk.
LOG_MAX_BYTES = 2_000_000
LOG_BACKUPS = 3
MASK = "[REDACTED]"
_configured = False

# Environment names whose values are secrets: the redactor learns their values at start-up.
SECRET_ENV_NAMES = (
    *PROVIDER_KEY_NAMES,
    "WORDPRESS_PASSWORD",
    "MONGODB_PASSWORD",
    "REDIS_PASSWORD",
)


# Shapes of secrets we may not know the value of (a key pasted in an error message, a header in a trace):
# (pattern, replacement) pairs; groups keep the harmless part (the header scheme, the user name).
def _app_password(match: re.Match[str]) -> str:
    """Six four-letter words are also ordinary prose: mask only the generated (mixed, digit) kind."""
    text = match.group(0)
    generated = (
        any(c.isdigit() for c in text) and any(c.isupper() for c in text) and any(c.islower() for c in text)
    )
    return MASK if generated else text


_KEY_SHAPES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\bsk-[A-Za-z0-9_\-]{16,}"), MASK),  # OpenAI (sk-..., sk-proj-...)
    (re.compile(r"\bgsk_[A-Za-z0-9]{16,}"), MASK),  # Groq
    (re.compile(r"(?i)\b(Basic|Bearer)\s+[A-Za-z0-9+/=._\-]{8,}"), rf"\1 {MASK}"),  # Authorization
    (re.compile(r"\b[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5}\b"), _app_password),  # WordPress app password
    (re.compile(r"(://[^/\s:@]*):[^/\s@]+@"), rf"\1:{MASK}@"),  # user:password@ in URLs
    (
        re.compile(r"""(?i)((?:api[_-]?key|password|passwd|secret|token)["']?\s*[:=]\s*["']?)[^\s"',&}]+"""),
        rf"\1{MASK}",
    ),
]


class SecretRedactor(logging.Filter):
    """A handler filter that replaces known secret values and common key shapes in every record.

    Known values are added when the app reads a secret (keyring or environment). It also scrubs the
    formatted traceback, because an exception message may quote a header or a URL with a password.
    """

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._values: list[str] = []
        self._patterns: list[re.Pattern[str]] = []

    def add(self, value: str | None) -> None:
        # Very short values would mask ordinary words; real keys and passwords are longer.
        if value and len(value) >= 6:
            with self._lock:
                if value not in self._values:
                    self._values.append(value)
                    self._values.sort(key=len, reverse=True)  # longest first: a key containing another
                    # Case-insensitive: a secret pasted into a URL comes back lowercased in its host name.
                    self._patterns = [re.compile(re.escape(v), re.IGNORECASE) for v in self._values]

    def add_from_env(self, env: Mapping[str, str], names: Iterable[str] = SECRET_ENV_NAMES) -> None:
        for name in names:
            self.add(env.get(name))

    def redact(self, text: str) -> str:
        with self._lock:
            patterns = self._patterns
        for pattern in patterns:
            text = pattern.sub(MASK, text)
        for shape, replacement in _KEY_SHAPES:
            text = shape.sub(replacement, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string: log it as it is rather than lose the line
            message = str(record.msg)
        # Escapes too: a page title quoted in a log line must not recolour a terminal running `tail -f`.
        record.msg, record.args = terminal_text(self.redact(message)), None
        if record.exc_info and not record.exc_text:
            record.exc_text = plain_traceback(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def plain_traceback(exc_info: ExcInfo | tuple[None, None, None]) -> str:
    """The traceback as logging prints it, without the `^^^^` markers under each line.

    On Python 3.11 those markers come from `ast.parse` of the source line, and CPython 3.11 keeps one
    shared depth counter for turning parse trees into Python objects: two threads parsing at once can
    raise `SystemError: AST constructor recursion depth mismatch` in either of them (in a test run, in
    pytest's own reporting). Worker threads log exceptions, so our tracebacks never parse source.
    """
    _, exc, _ = exc_info
    if exc is None:
        return ""
    te = traceback.TracebackException.from_exception(exc)
    seen: set[int] = set()
    pending = [te]
    while pending:  # the exception, its causes and contexts, and exception groups' members
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        for frame in current.stack:
            frame.colno = frame.end_colno = None  # no columns -> no carets -> no ast.parse
        pending += [e for e in (current.__cause__, current.__context__) if e is not None]
        pending += list(getattr(current, "exceptions", None) or ())
    return "".join(te.format()).rstrip("\n")


def _record_factory_with_plain_tracebacks(
    base: Callable[..., logging.LogRecord],
) -> Callable[..., logging.LogRecord]:
    def make(*args: object, **kwargs: object) -> logging.LogRecord:
        record = base(*args, **kwargs)
        # Handlers (ours, and any other in the process, e.g. a test runner's) reuse exc_text when it is
        # set, so the record is formatted once, here, without parsing source in this thread.
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = plain_traceback(record.exc_info)
        return record

    make.plain_tracebacks = True  # type: ignore[attr-defined]
    return make


def use_plain_tracebacks() -> None:
    """Make every log record in the process format its traceback with `plain_traceback`. Idempotent."""
    base = logging.getLogRecordFactory()
    if not getattr(base, "plain_tracebacks", False):
        logging.setLogRecordFactory(_record_factory_with_plain_tracebacks(base))


# One per process, like the logging tree it filters; services add the secrets they read.
_redactor = SecretRedactor()


def redactor() -> SecretRedactor:
    return _redactor


def configure_logging(paths: AppPaths, level: str | None = None, *, console: bool = True) -> None:
    """Log to <log_dir>/pigmeu.log (rotating) and, optionally, to stderr. Idempotent per process."""
    global _configured
    use_plain_tracebacks()
    root = logging.getLogger("pigmeu")
    root.setLevel((level or "INFO").upper() if (level or "INFO").upper() in logging._nameToLevel else "INFO")
    if _configured:
        return
    _configured = True
    root.propagate = True
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_dir / "pigmeu.log", maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.addFilter(_redactor)
        root.addHandler(handler)
    except OSError as exc:  # a read-only log dir must not stop the app
        print(f"pigmeu: cannot write logs to {paths.log_dir}: {exc}", file=sys.stderr)
    if console and sys.stderr is not None:  # a windowed program on Windows has no stderr at all
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter(LOG_FORMAT))
        stream.addFilter(_redactor)
        root.addHandler(stream)
