"""The `pigmeu` command: the same services as the GUI, no Qt. Subcommands live in cli/commands/."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import io
import json
import pkgutil
import sys
from collections.abc import Sequence

from pigmeu_desktop import __version__
from pigmeu_desktop.cli import commands as commands_pkg
from pigmeu_desktop.cli.arguments import ArgumentParser, UsageError, decode_argv
from pigmeu_desktop.cli.context import EXIT_FAILED, EXIT_USAGE, CliContext, report_error, run_command
from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.guard import internal_error


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="pigmeu", description="Pigmeu Copilot: Amazon book links → review drafts → WordPress."
    )
    parser.add_argument("--version", action="version", version=f"pigmeu {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="keep everything under DIR (env PIGMEU_HOME)")
    parser.add_argument("--env-file", metavar="FILE", help="read environment overrides from a .env file")
    # --json is accepted before or after the subcommand; SUPPRESS keeps the subparser from resetting it.
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    common = ArgumentParser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in command_modules():
        module.register(sub, common)
    return parser


def command_modules() -> list:
    """Every module in cli/commands/ that has register(); later features add a file, nothing else."""
    found = []
    for info in sorted(pkgutil.iter_modules(commands_pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands_pkg.__name__}.{info.name}")
        if hasattr(module, "register"):
            found.append(module)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Whatever happens, the user gets a result or a coded error (one JSON document
    under --json), never a traceback: unexpected failures become internal_error with the log path."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # Known before parsing, so a bad command line is reported as JSON too ("--" ends the options).
    json_output = "--json" in (argv[: argv.index("--")] if "--" in argv else argv)
    paths = None
    try:
        args = _parse(argv, json_output)
        if args is None:  # --help or --version: printed
            return 0
        json_output = bool(args.json)
        ctx = CliContext.from_args(args)
        paths = ctx.services.paths
        return asyncio.run(run_command(ctx, args.func, args))
    except UsageError as exc:
        report_error(exc, json_output=json_output)
        return EXIT_USAGE
    except PigmeuError as exc:
        report_error(exc, json_output=json_output)
        return EXIT_FAILED
    except KeyboardInterrupt:
        report_error(PigmeuError("Interrupted.", code=ErrorCode.CANCELLED), json_output=json_output)
        return 130
    except Exception as exc:  # noqa: BLE001 - the guard: logged by internal_error, with the log path
        report_error(internal_error(exc, paths), json_output=json_output)
        return EXIT_FAILED


def _parse(argv: list[str], json_output: bool) -> argparse.Namespace | None:
    """Parsed arguments; None after --help / --version, which argparse prints and exits on: printed as
    they are, or under --json as one JSON document ({"help": ...} or {"version": ...})."""
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            return build_parser().parse_args(decode_argv(argv))
    except SystemExit as exc:
        if exc.code:
            raise
    text = printed.getvalue()
    if json_output:
        key = "help" if text.startswith("usage:") else "version"
        value = text.strip().removeprefix("pigmeu ") if key == "version" else text
        text = json.dumps({key: value}, ensure_ascii=False) + "\n"
    sys.stdout.write(text)
    sys.stdout.flush()
    return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
