"""`pigmeu delete ID`: remove an item from the queue (not from WordPress)."""

from __future__ import annotations

from pigmeu_desktop import operations
from pigmeu_desktop.cli.context import add_item_command


def register(sub, common) -> None:
    p = add_item_command(sub, common, "delete", "delete one item from the queue", handler)
    p.add_argument("--force", action="store_true", help="delete even while a step is running on it")


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    sub = await operations.delete(store, args.id, force=args.force)
    ctx.emit({"id": sub.id, "deleted": True}, f"deleted {sub.id[:8]}  {sub.amazon_url}")
    return 0
