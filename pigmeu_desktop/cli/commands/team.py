"""`pigmeu team copy --to team|local`: copy the queue between this computer and the team database."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser("team", parents=[common], help="team mode: copy the queue between local and team")
    actions = p.add_subparsers(dest="team_action", required=True)
    copy = actions.add_parser(
        "copy", parents=[common], help="copy every item the other side lacks (by Amazon link)"
    )
    copy.add_argument(
        "--to",
        choices=["team", "local"],
        required=True,
        help="team: this computer's queue into the team database; local: the other way",
    )
    copy.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    from pigmeu_desktop.services.storage.move import Direction, copy_between

    report = await copy_between(ctx.services, Direction(args.to))
    lines = [f"copied {len(report.copied)} item(s) to the {args.to} queue, skipped {len(report.skipped)}"]
    lines += [f"  skipped ({why}): {url}" for url, why in report.skipped.items()]
    ctx.emit(report.to_json(), "\n".join(lines))
    return 0
