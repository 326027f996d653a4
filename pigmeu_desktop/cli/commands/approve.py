"""`pigmeu approve ID`: the editor's sign-off, drafted → approved (a changed published post: its update);
refused, as in the editor, while a placeholder or merge marker is left in the draft."""

from __future__ import annotations

from pigmeu_desktop import operations


def register(sub, common) -> None:
    p = sub.add_parser("approve", parents=[common], help="approve a drafted item for publishing")
    p.add_argument("id", help="item id (or a unique prefix of it)")
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    from pigmeu_desktop.operations.editing import draft_checks

    store = await ctx.services.store()
    sub = await store.get(args.id)
    # The same checks as the editor's panel (facts are only shown there, never blocking).
    checks = await draft_checks(ctx.services, store, sub, unbacked=False)
    saved = await operations.approve(store, sub.id, editor=ctx.services.settings.editor_name or None, checks=checks)
    ctx.emit({"id": saved.id, "status": saved.status.value}, f"approved {saved.id[:8]}  {saved.title or saved.amazon_url}")
    return 0
