"""`pigmeu list`: the queue, newest first, optionally filtered by status."""

from __future__ import annotations

from pigmeu_desktop import operations
from pigmeu_desktop.cli.arguments import int_in
from pigmeu_desktop.core.states import Status

# SQLite's LIMIT takes a 64-bit integer; anything near that is a typo, and a bigger one overflowed.
MAX_LIMIT = 1_000_000


def register(sub, common) -> None:
    p = sub.add_parser("list", parents=[common], help="list queued items")
    p.add_argument("--status", help="only items in this status: " + ", ".join(s.value for s in Status))
    p.add_argument(
        "--limit", type=int_in(1, MAX_LIMIT), default=None, help=f"at most N items (1 to {MAX_LIMIT})"
    )
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    status = operations.parse_status(args.status)
    store = await ctx.services.store()
    rows = await operations.list_items(store, status=status, limit=args.limit)
    lines = [
        f"{r.id[:8]}  {r.status.value:<10} {r.marketplace:<14} {r.asin}  {r.title or ''}".rstrip()
        for r in rows
    ]
    ctx.emit([r.to_json() for r in rows], "\n".join(lines) if lines else "The queue is empty.")
    return 0
