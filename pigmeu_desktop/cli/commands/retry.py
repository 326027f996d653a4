"""`pigmeu retry ID`: put a failed item back at the start of the step that failed; `pigmeu run` takes it."""

from __future__ import annotations

from pigmeu_desktop import operations
from pigmeu_desktop.cli.context import add_item_command


def register(sub, common) -> None:
    add_item_command(sub, common, "retry", "run a failed item's step again (next `pigmeu run`)", handler)


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    return ctx.emit_item(await operations.retry(store, args.id, editor=ctx.editor), "retrying")
