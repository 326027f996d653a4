"""`pigmeu approve ID`: the editor's sign-off, drafted → approved (a changed published post: its update)."""

from __future__ import annotations

from pigmeu_desktop import operations


def register(sub, common) -> None:
    p = sub.add_parser("approve", parents=[common], help="approve a drafted item for publishing")
    p.add_argument("id", help="item id (or a unique prefix of it)")
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    saved = await operations.approve(store, args.id, editor=ctx.services.settings.editor_name or None)
    ctx.emit({"id": saved.id, "status": saved.status.value}, f"approved {saved.id[:8]}  {saved.title or saved.amazon_url}")
    return 0
