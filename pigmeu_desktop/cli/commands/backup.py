"""`pigmeu export FILE` / `pigmeu import FILE`: the one-file backup (operations/backup.py), as in File menu."""

from __future__ import annotations

from pathlib import Path

from pigmeu_desktop.operations.backup import export_backup, import_backup


def register(sub, common) -> None:
    p = sub.add_parser(
        "export", parents=[common], help="write the queue, drafts, history, prompts and settings to FILE"
    )
    p.add_argument("file", type=Path, help="the backup file to write (JSON; no secrets)")
    p.set_defaults(func=export_handler)
    p = sub.add_parser("import", parents=[common], help="merge a backup FILE into this data folder")
    p.add_argument("file", type=Path, help="a file written by `pigmeu export` or File → Export")
    p.set_defaults(func=import_handler)


async def export_handler(ctx, args) -> int:
    store = await ctx.services.store()
    report = await export_backup(store, ctx.services.paths, args.file)
    ctx.emit(
        report.to_json(),
        f"exported {report.items} items, {report.history} history entries and "
        f"{report.documents} prompts/schemas/pipelines to {report.path}",
    )
    return 0


async def import_handler(ctx, args) -> int:
    store = await ctx.services.store()
    report = await import_backup(store, ctx.services.paths, args.file)
    ctx.emit(report.to_json(), f"imported {args.file}: {report.summary()}")
    return 0
