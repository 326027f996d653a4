"""`pigmeu approve ID`: the editor's sign-off, drafted → approved (a changed published post: its update);
refused, as in the editor, while a placeholder or merge marker is left in the draft."""

from __future__ import annotations

from pigmeu_desktop import operations
from pigmeu_desktop.cli.context import add_item_command


def register(sub, common) -> None:
    add_item_command(sub, common, "approve", "approve a drafted item for publishing", handler)


async def handler(ctx, args) -> int:
    from pigmeu_desktop.operations.editing import draft_checks

    store = await ctx.services.store()
    sub = await store.get(args.id)
    # The same checks as the editor's panel (facts are only shown there, never blocking).
    checks = await draft_checks(ctx.services, store, sub, unbacked=False)
    return ctx.emit_item(
        await operations.approve(store, sub.id, editor=ctx.editor, checks=checks), "approved"
    )
