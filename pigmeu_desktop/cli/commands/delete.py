"""`pigmeu delete ID`: remove an item from the queue (not from WordPress)."""

from __future__ import annotations

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.models import utcnow
from pigmeu_desktop.core.states import WORKING_STATES


def register(sub, common) -> None:
    p = sub.add_parser("delete", parents=[common], help="delete one item from the queue")
    p.add_argument("id", help="item id (or a unique prefix of it)")
    p.add_argument("--force", action="store_true", help="delete even while a step is running on it")
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    sub = await store.get(args.id)
    if sub.status in WORKING_STATES and sub.lease and sub.lease.until > utcnow() and not args.force:
        raise PigmeuError(
            f"Item {sub.id[:8]} is {sub.status.value} right now.",
            code=ErrorCode.INVALID_TRANSITION,
            next_step="Wait for the step to finish or cancel it, or use --force.",
        )
    await store.delete(sub.id)
    ctx.emit({"id": sub.id, "deleted": True}, f"deleted {sub.id[:8]}  {sub.amazon_url}")
    return 0
