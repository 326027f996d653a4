"""`pigmeu retry ID`: put a failed item back at the start of the step that failed; `pigmeu run` takes it."""

from __future__ import annotations

from pigmeu_desktop import operations


def register(sub, common) -> None:
    p = sub.add_parser("retry", parents=[common], help="run a failed item's step again (next `pigmeu run`)")
    p.add_argument("id", help="item id (or a unique prefix of it)")
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    saved = await operations.retry(store, args.id, editor=ctx.services.settings.editor_name or None)
    ctx.emit({"id": saved.id, "status": saved.status.value}, f"retrying {saved.id[:8]} from {saved.status.value}")
    return 0
