"""Text read from outside (.env files, links files, stdin): decoded by detection, refused with a coded error.

Editors save files with whatever their editor does: UTF-8 (with or without a BOM), UTF-16 with a BOM
(Windows Notepad's "Unicode"), or the system's legacy code page (Windows-1252 on a Western Windows).
"""

from __future__ import annotations

import codecs
import locale
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError

# Byte-order marks, longest first (UTF-32's starts like UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def legacy_encoding() -> str:
    """The OS's legacy (ANSI) code page; Windows-1252 where the locale is UTF-8 (Linux, macOS)."""
    try:
        name = locale.getencoding()
    except AttributeError:  # pragma: no cover - Python < 3.11
        name = locale.getpreferredencoding(False)
    name = codecs.lookup(name).name if name else "utf-8"
    return "cp1252" if name in ("utf-8", "ascii") else name


def decode_text(data: bytes, *, what: str) -> str:
    """`data` as text: BOM, else UTF-8, else the legacy code page; binary data is an invalid_input error."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    else:
        if b"\x00" not in data:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            try:
                return data.decode(legacy_encoding())
            except UnicodeDecodeError:
                pass
    raise PigmeuError(
        f"{what} is not a text file (it is binary, or in an encoding that cannot be recognised).",
        code=ErrorCode.INVALID_INPUT,
        next_step="Save it as plain text (UTF-8) and try again.",
    )


def read_user_file(
    path: Path, *, what: str | None = None, next_step: str = "Check the file's path and permissions."
) -> bytes:
    """The bytes of a file the user named; a missing or unreadable one is an invalid_input error naming it."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise PigmeuError(
            f"Cannot read {what or path}: {exc.strerror or exc}",
            code=ErrorCode.INVALID_INPUT,
            next_step=next_step,
            path=str(path),
        ) from None


def read_stdin_text(stdin: TextIO | None = None) -> str:
    """All of stdin as text, with the same detection (never a UnicodeDecodeError traceback)."""
    stream = sys.stdin if stdin is None else stdin
    if stream is None:
        return ""
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    if buffer is not None:
        return decode_text(buffer.read(), what="The standard input")
    try:
        return stream.read()
    except UnicodeDecodeError:
        raise PigmeuError(
            "The standard input is not text in a known encoding.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Send UTF-8 text.",
        ) from None


def read_stdin_line(stdin: TextIO | None = None) -> str:
    """The first line of stdin (for piped secrets), decoded the same way, without its line break."""
    text = read_stdin_text(stdin)
    return text.splitlines()[0] if text else ""
