"""Command-line parsing that fails with coded errors: unknown options and out-of-range numbers are
`invalid_input` (printed as JSON under --json), never argparse's usage dump or a traceback."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError


class UsageError(PigmeuError):
    """The command line itself is wrong (exit status 2, like every command-line tool)."""

    default_code = ErrorCode.INVALID_INPUT


class ArgumentParser(argparse.ArgumentParser):
    """argparse, except that a bad command line raises UsageError instead of printing and exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(
            f"{self.prog}: {message}",
            next_step=f"Run `{self.prog} --help` to see what it accepts.",
        )


def int_in(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer in [low, high] (a huge number is an error, not an OverflowError)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip(), 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    parse.__name__ = "integer"
    return parse


def float_in(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a finite number in [low, high] (no nan, no inf)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is not between {low:g} and {high:g}")
        return value

    parse.__name__ = "number"
    return parse


def decode_argv(argv: list[str]) -> list[str]:
    """Arguments whose bytes were not UTF-8 (Python keeps them as lone surrogates) read like files are:
    the legacy code page; an existing path is kept as it is (the OS takes it back byte for byte).
    What is not text at all is a usage error, not a UnicodeEncodeError deep inside a command."""
    import os

    from pigmeu_desktop.services.text_input import decode_text

    decoded = []
    for position, arg in enumerate(argv, 1):
        if not any("\ud800" <= c <= "\udfff" for c in arg):
            decoded.append(arg)
            continue
        try:
            if os.path.lexists(arg):
                decoded.append(arg)
                continue
            decoded.append(decode_text(arg.encode("utf-8", "surrogateescape"), what=f"Argument {position}"))
        except (UnicodeError, ValueError, PigmeuError):
            raise UsageError(
                f"Argument {position} is not valid text.",
                next_step="Type it again, or save it in a UTF-8 file and use --file.",
            ) from None
    return decoded
