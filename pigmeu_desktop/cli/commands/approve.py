"""`pigmeu approve ID`: the editor's sign-off, drafted → approved."""

from __future__ import annotations

from pigmeu_desktop.core.models import utcnow
from pigmeu_desktop.core.ports import ActivityEntry
from pigmeu_desktop.core.states import approve


def register(sub, common) -> None:
    p = sub.add_parser("approve", parents=[common], help="approve a drafted item for publishing")
    p.add_argument("id", help="item id (or a unique prefix of it)")
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    sub = await store.get(args.id)
    # The history line is written in the same transaction as the status: never one without the other.
    entry = ActivityEntry(sub.id, utcnow(), "approved", message=ctx.services.settings.editor_name or None)
    saved = await store.save(approve(sub), activity=entry)
    ctx.emit({"id": saved.id, "status": saved.status.value}, f"approved {saved.id[:8]}  {saved.title or saved.amazon_url}")
    return 0
