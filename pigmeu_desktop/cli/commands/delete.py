"""`pigmeu delete ID`: remove an item from the queue (not from WordPress)."""

from __future__ import annotations

from pigmeu_desktop import operations


def register(sub, common) -> None:
    p = sub.add_parser("delete", parents=[common], help="delete one item from the queue")
    p.add_argument("id", help="item id (or a unique prefix of it)")
    p.add_argument("--force", action="store_true", help="delete even while a step is running on it")
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    sub = await operations.delete(store, args.id, force=args.force)
    ctx.emit({"id": sub.id, "deleted": True}, f"deleted {sub.id[:8]}  {sub.amazon_url}")
    return 0
