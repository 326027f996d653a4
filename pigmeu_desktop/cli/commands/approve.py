"""`pigmeu approve ID`: the editor's sign-off, drafted → approved (refused while a placeholder is left)."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser("approve", parents=[common], help="approve a drafted item for publishing")
    p.add_argument("id", help="item id (or a unique prefix of it)")
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    from pigmeu_desktop.services.editing import approve_submission, draft_checks

    store = await ctx.services.store()
    sub = await store.get(args.id)
    # The same checks and the same use case as the editor's Approve: a skeleton's placeholders block it.
    checks = await draft_checks(ctx.services, store, sub, unbacked=())
    saved = await approve_submission(store, sub.id, editor=ctx.services.settings.editor_name or "", checks=checks)
    ctx.emit({"id": saved.id, "status": saved.status.value}, f"approved {saved.id[:8]}  {saved.title or saved.amazon_url}")
    return 0
