"""What every subcommand gets: paths, settings, services, and one way to print results and errors."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from pigmeu_desktop.app import Services
from pigmeu_desktop.cli.safe_output import safe
from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.guard import error_text, internal_error
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.loader import load_effective

log = logging.getLogger("pigmeu.cli")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


@dataclass
class CliContext:
    services: Services
    json_output: bool = False
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    def __post_init__(self) -> None:
        # Text from pages reaches the terminal only through these (no escape sequence gets out raw).
        self.out, self.err = safe(self.out), safe(self.err)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        """Paths, settings and services for one command; a PigmeuError here is printed by main()."""
        env = dict(os.environ)
        paths = AppPaths.resolve(args.data_dir, env)
        try:
            paths.ensure()
        except PigmeuError:
            # `doctor` diagnoses an unusable home (its first check says what is wrong); others stop here.
            if getattr(args, "command", None) != "doctor":
                raise
        effective = load_effective(paths, env, env_file=args.env_file)
        settings, env = effective.settings, effective.env
        from pigmeu_desktop.logs import configure_logging, redactor

        redactor().add_from_env(env)  # secrets from the environment / .env never reach a log line
        configure_logging(paths, env.get("LOG_LEVEL"), console=False)
        if getattr(args, "command", None) != "doctor":  # doctor lists refused settings as a failed check
            effective.check()
        return cls(services=Services(paths, settings, env), json_output=bool(args.json))

    def emit(self, payload: Any, text: str | None = None) -> None:
        """Print `payload` as JSON under --json, else `text` (or a readable rendering of payload)."""
        if self.json_output:
            self.out.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
        elif text is not None:
            self.out.write(text + ("" if text.endswith("\n") else "\n"))
        self.out.flush()

    @property
    def editor(self) -> str | None:
        """Who acts, for the item's history (the editor_name setting)."""
        return self.services.settings.editor_name or None

    def emit_item(self, sub: Submission, verb: str) -> int:
        """`{"id", "status"}`, or one line naming the item; the command's exit code (success)."""
        self.emit(
            {"id": sub.id, "status": sub.status.value}, f"{verb} {sub.id[:8]}  {sub.title or sub.amazon_url}"
        )
        return EXIT_OK

    def progress(self, fraction: float | None, message: str) -> None:
        """A running step's progress, on stderr (quiet under --json, which keeps stdout parseable)."""
        if not self.json_output:
            self.err.write(f"  {message}\n")

    def print_error(self, error: PigmeuError) -> None:
        report_error(error, json_output=self.json_output, out=self.out, err=self.err)


def report_error(
    error: PigmeuError, *, json_output: bool, out: TextIO | None = None, err: TextIO | None = None
) -> None:
    """`{"error": {...}}` on stdout under --json, else `error [code]: message` and the next step on stderr."""
    out, err = safe(out or sys.stdout), safe(err or sys.stderr)
    if json_output:
        out.write(json.dumps({"error": error.to_dict()}, ensure_ascii=False, default=str) + "\n")
        out.flush()
    else:
        err.write(error_text(error))
        err.flush()


Handler = Callable[[CliContext, argparse.Namespace], Awaitable[int]]


def add_command(
    sub: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    name: str,
    help_text: str,
    handler: Handler | None = None,
    *,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """A subcommand with the common options (--json); `handler` runs it (None: its sub-actions have theirs)."""
    parser = sub.add_parser(name, parents=[common], help=help_text, description=description)
    if handler is not None:
        parser.set_defaults(func=handler)
    return parser


def add_item_command(
    sub: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    name: str,
    help_text: str,
    handler: Handler,
) -> argparse.ArgumentParser:
    """A subcommand acting on one item: `pigmeu NAME ID` (an id, or a unique prefix of it)."""
    parser = add_command(sub, common, name, help_text, handler)
    parser.add_argument("id", help="item id (or a unique prefix of it)")
    return parser


async def run_command(ctx: CliContext, handler: Handler, args: argparse.Namespace) -> int:
    """Run one subcommand; typed errors become a message (or JSON) and a non-zero exit code."""
    try:
        return await handler(ctx, args)
    except PigmeuError as exc:
        log.info("command failed: %s %s", exc.code, exc.message)
        ctx.print_error(exc)
        return EXIT_FAILED
    except KeyboardInterrupt:
        ctx.print_error(PigmeuError("Interrupted.", code=ErrorCode.CANCELLED))
        return 130
    except Exception as exc:  # noqa: BLE001 - the guard: a bug becomes internal_error (logged), never a traceback
        ctx.print_error(internal_error(exc, ctx.services.paths))
        return EXIT_FAILED
    finally:
        try:
            await ctx.services.aclose()
        except Exception as exc:  # noqa: BLE001 - closing must not turn a printed result into a traceback
            internal_error(exc, ctx.services.paths)
