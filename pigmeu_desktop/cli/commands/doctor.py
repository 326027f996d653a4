"""`pigmeu doctor [--json] [--only PART]`: one line per check, ok / warn / fail, with the next step."""

from __future__ import annotations

import argparse

from pigmeu_desktop.cli.context import EXIT_FAILED, EXIT_OK, CliContext, add_command
from pigmeu_desktop.services.doctor import PARTS, CheckStatus, run_checks

MARKS = {CheckStatus.OK: "ok  ", CheckStatus.WARN: "warn", CheckStatus.FAIL: "FAIL"}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        sub,
        common,
        "doctor",
        "check the set-up: folders, database, browser, keyring, AI provider, WordPress, team servers",
        handler,
        description="Exit status 1 when any check fails (warnings do not count).",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=list(PARTS),
        metavar="PART",
        help=f"run only this part (repeatable): {', '.join(PARTS)}",
    )


async def handler(ctx: CliContext, args: argparse.Namespace) -> int:
    results = await run_checks(ctx.services, args.only)
    width = max((len(r.name) for r in results), default=8)
    lines = []
    for result in results:
        lines.append(f"{MARKS[result.status]}  {result.name:<{width}}  {result.message}")
        if result.next_step and result.status is not CheckStatus.OK:
            lines.append(f"{'':4}  {'':<{width}}  → {result.next_step}")
    failed = any(r.status is CheckStatus.FAIL for r in results)
    ctx.emit({"checks": [r.to_json() for r in results]}, "\n".join(lines))
    return EXIT_FAILED if failed else EXIT_OK
