"""The `pigmeu` command: the same services as the GUI, no Qt. Subcommands live in cli/commands/."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from pigmeu_desktop import __version__
from pigmeu_desktop.cli import commands as commands_pkg
from pigmeu_desktop.cli.context import CliContext, run_command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pigmeu", description="Pigmeu Copilot: Amazon book links → review drafts → WordPress."
    )
    parser.add_argument("--version", action="version", version=f"pigmeu {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="keep everything under DIR (env PIGMEU_HOME)")
    parser.add_argument("--env-file", metavar="FILE", help="read environment overrides from a .env file")
    # --json is accepted before or after the subcommand; SUPPRESS keeps the subparser from resetting it.
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
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
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext.from_args(args)
    return asyncio.run(run_command(ctx, args.func, args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
