"""`pigmeu stop ID`: stop the step running on an item (in `pigmeu run` or an app); `pigmeu retry` runs it again."""

from __future__ import annotations

from pigmeu_desktop import operations
from pigmeu_desktop.cli.context import add_item_command


def register(sub, common) -> None:
    add_item_command(
        sub, common, "stop", "stop the step running on an item; it waits for `pigmeu retry`", handler
    )


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    return ctx.emit_item(await operations.stop(store, args.id, editor=ctx.editor), "stopped")
