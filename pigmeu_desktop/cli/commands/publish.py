"""`pigmeu publish ID [--status draft|publish|future] [--date ISO]`: send an approved item to WordPress."""

from __future__ import annotations

from pigmeu_desktop import operations
from pigmeu_desktop.cli.context import add_item_command
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.operations.steps import POST_STATUSES


def register(sub, common) -> None:
    p = add_item_command(sub, common, "publish", "create or update the item's WordPress post", handler)
    p.add_argument(
        "--status",
        choices=POST_STATUSES,
        default=None,
        help="post status (default: the setting, usually draft)",
    )
    p.add_argument(
        "--date",
        metavar="ISO",
        default=None,
        help="publication time, e.g. 2026-12-24T09:00 (site time zone) or with an offset",
    )


async def handler(ctx, args) -> int:
    from pigmeu_desktop.services.wordpress import changed_since_publish

    store = await ctx.services.store()
    sub = await store.get(args.id)
    if sub.status is Status.PUBLISHED and not changed_since_publish(sub) and args.status is None:
        ctx.err.write("note: the draft has not changed since the last publish; updating the post anyway\n")

    saved = await operations.publish(
        ctx.services, sub.id, status=args.status, date=args.date, progress=ctx.progress
    )
    ref = saved.wordpress
    assert ref is not None
    ctx.emit(
        {"post_id": ref.post_id, "link": ref.link, "status": ref.status, "id": saved.id},
        f"published {saved.id[:8]} → post {ref.post_id} ({ref.status}) {ref.link or ''}",
    )
    return 0
