"""`pigmeu approve ID`: the editor's sign-off, drafted → approved (a changed published post: its update)."""

from __future__ import annotations

from pigmeu_desktop import operations
from pigmeu_desktop.cli.context import add_item_command


def register(sub, common) -> None:
    add_item_command(sub, common, "approve", "approve a drafted item for publishing", handler)


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    return ctx.emit_item(await operations.approve(store, args.id, editor=ctx.editor), "approved")
