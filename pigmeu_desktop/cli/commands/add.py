"""`pigmeu add`: queue Amazon links, ASINs and ISBNs found in arguments, files or stdin."""

from __future__ import annotations

from pathlib import Path

from pigmeu_desktop import operations
from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.guard import internal_error
from pigmeu_desktop.services.intake import IntakeOutcome, read_intake_file
from pigmeu_desktop.services.text_input import read_stdin_text


def register(sub, common) -> None:
    p = sub.add_parser("add", parents=[common], help="queue links (URLs, ASINs, ISBNs, short links)")
    p.add_argument(
        "inputs", nargs="*", metavar="LINK_OR_TEXT", help="links or any text containing them; - reads stdin"
    )
    p.add_argument(
        "--file", "-f", action="append", default=[], metavar="F", help=".txt, .csv, .url, .webloc or HTML"
    )
    p.add_argument(
        "--marketplace", metavar="HOST", help="marketplace for bare ASINs/ISBNs, e.g. amazon.com.br"
    )
    p.set_defaults(func=handler)


def _line(o: IntakeOutcome) -> str:
    if o.result == "rejected":
        return f"rejected   {o.input}  [{o.code}] {o.message}"
    return f"{o.result:<10} {(o.id or '')[:8]}  {o.amazon_url}"


def _read_inputs(values: list[str], files: list[str]) -> list[str]:
    """The texts to look for links in: the arguments (- is stdin), then each file's text."""
    texts = [read_stdin_text() if value == "-" else value for value in values]
    return texts + [read_intake_file(Path(name).expanduser()) for name in files]


async def handler(ctx, args) -> int:
    services = ctx.services
    # Read before anything runs concurrently: a command's own input, not work the loop shares.
    texts = _read_inputs(args.inputs, args.file)
    marketplace = services.settings.default_marketplace
    if args.marketplace:
        marketplace = operations.parse_marketplace(args.marketplace)
    store = await services.store()
    committed: list[IntakeOutcome] = []

    def report(batch: list[IntakeOutcome]) -> None:
        # Text: printed after each committed batch, so whatever was reported is durably queued even if
        # killed. JSON: kept for the one document printed at the end (with the error inside if one stops us).
        committed.extend(batch)
        if not ctx.json_output:
            for outcome in batch:
                ctx.out.write(_line(outcome) + "\n")
            ctx.out.flush()

    try:
        result = await operations.add_links(
            store,
            texts,
            default_marketplace=marketplace,
            resolver=services.link_resolver,
            editor=ctx.editor,
            on_batch=report,
        )
    except Exception as exc:
        if not ctx.json_output:
            raise
        error = exc if isinstance(exc, PigmeuError) else internal_error(exc, services.paths)
        # A partial result carries its error: `{"error": {..., "results": [what was queued before it]}}`.
        error.details["results"] = [o.to_json() for o in committed]
        raise error from None
    if ctx.json_output:
        ctx.emit([o.to_json() for o in result.outcomes])
    else:
        ctx.err.write(
            f"{result.added} added, {result.duplicates} already queued, {len(result.rejected)} rejected\n"
        )
    return 0 if result.queued_any else 1
