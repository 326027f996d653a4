"""Terminal-safe output streams: every character the CLI prints passes core/text_boundary's terminal rule
and the log redactor (known secrets masked)."""

from __future__ import annotations

from typing import Any, TextIO

from pigmeu_desktop.core.text_boundary import terminal_text
from pigmeu_desktop.logs import redactor


class TerminalSafeStream:
    """Wraps stdout/stderr: control, bidi and zero-width characters are written as `\\uXXXX`.

    Text and JSON output both pass through it (on JSON the escapes are the same JSON). Code that draws
    on purpose (the live status line of `pigmeu run`) writes its own control sequences to `raw`.
    """

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        # Known secrets are masked here too: a value echoed back (a password pasted into a URL) never
        # reaches the terminal or a script's captured output.
        return self.raw.write(terminal_text(redactor().redact(text)))

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        try:
            return bool(self.raw.isatty())
        except (AttributeError, ValueError):
            return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def safe(stream: TextIO) -> TextIO:
    """The stream wrapped once (wrapping a wrapped stream again changes nothing)."""
    return stream if isinstance(stream, TerminalSafeStream) else TerminalSafeStream(stream)  # type: ignore[return-value]
