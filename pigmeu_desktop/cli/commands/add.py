"""`pigmeu add`: queue Amazon links, ASINs and ISBNs found in arguments, files or stdin."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pigmeu_desktop import operations
from pigmeu_desktop.core.errors import ErrorCode, LinkError
from pigmeu_desktop.services.intake import IntakeOutcome, read_intake_file


def register(sub, common) -> None:
    p = sub.add_parser("add", parents=[common], help="queue links (URLs, ASINs, ISBNs, short links)")
    p.add_argument("inputs", nargs="*", metavar="LINK_OR_TEXT", help="links or any text containing them; - reads stdin")
    p.add_argument("--file", "-f", action="append", default=[], metavar="F", help=".txt, .csv, .url, .webloc or HTML")
    p.add_argument("--marketplace", metavar="HOST", help="marketplace for bare ASINs/ISBNs, e.g. amazon.com.br")
    p.set_defaults(func=handler)


def _line(o: IntakeOutcome) -> str:
    if o.result == "rejected":
        return f"rejected   {o.input}  [{o.code}] {o.message}"
    return f"{o.result:<10} {o.id[:8]}  {o.amazon_url}"


async def handler(ctx, args) -> int:
    services = ctx.services
    texts = [sys.stdin.read() if value == "-" else value for value in args.inputs]
    for name in args.file:
        path = Path(name).expanduser()
        try:
            texts.append(read_intake_file(path))
        except OSError as exc:
            raise LinkError(f"Cannot read {path}: {exc.strerror or exc}", code=ErrorCode.INVALID_INPUT) from exc
    marketplace = services.settings.default_marketplace
    if args.marketplace:
        marketplace = operations.parse_marketplace(args.marketplace)
    store = await services.store()
    first = True

    def report(batch: list[IntakeOutcome]) -> None:
        # Printed after each committed batch, so whatever was reported is durably queued even if killed.
        nonlocal first
        for outcome in batch:
            if ctx.json_output:
                ctx.out.write(("[\n  " if first else ",\n  ") + json.dumps(outcome.to_json(), ensure_ascii=False))
            else:
                ctx.out.write(_line(outcome) + "\n")
            first = False
        ctx.out.flush()

    result = await operations.add_links(
        store,
        texts,
        default_marketplace=marketplace,
        resolver=services.link_resolver,
        editor=services.settings.editor_name or None,
        on_batch=report,
    )
    if ctx.json_output:
        ctx.out.write("\n]\n")
        ctx.out.flush()
    else:
        ctx.err.write(f"{result.added} added, {result.duplicates} already queued, {len(result.rejected)} rejected\n")
    return 0 if result.queued_any else 1
