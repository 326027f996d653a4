"""`pigmeu show ID`: one item's whole document and its activity history."""

from __future__ import annotations

from pigmeu_desktop import operations
from pigmeu_desktop.cli.context import add_item_command
from pigmeu_desktop.core.book_flags import BookFlags, book_flags


def register(sub, common) -> None:
    add_item_command(sub, common, "show", "show one item", handler)


def _book_flag_lines(flags: BookFlags) -> list[str]:
    lines = []
    if flags.page_asin:
        note = (
            f"  (the link asked for {flags.link_asin}: Amazon served another product; check the edition)"
            if flags.asin_differs
            else ""
        )
        lines.append(f"page asin:   {flags.page_asin}{note}")
    if flags.incomplete:
        kept = f"  (page kept: {flags.kept_page})" if flags.kept_page else ""
        lines.append(f"incomplete:  missing {', '.join(flags.missing)}{kept}")
    return lines


async def handler(ctx, args) -> int:
    store = await ctx.services.store()
    details = await operations.show(store, args.id)
    sub, activity, changed = details.submission, details.activity, details.changed_since_publish
    doc = sub.to_doc()
    doc["changed_since_publish"] = changed
    flags = book_flags(sub)
    doc.update(
        {"page_asin": flags.page_asin, "asin_differs": flags.asin_differs, "missing": list(flags.missing)}
    )
    doc["activity"] = [
        {"at": a.at.isoformat(), "event": a.event, "step": a.step, "code": a.code, "message": a.message}
        for a in activity
    ]
    lines = [
        f"id:          {sub.id}",
        f"status:      {sub.status.value}",
        f"amazon_url:  {sub.amazon_url}",
        f"source:      {sub.source_url or ''}",
        f"title:       {sub.title or ''}",
        f"version:     {sub.version}",
        f"updated_at:  {sub.updated_at.isoformat()}",
    ]
    lines += _book_flag_lines(flags)
    if sub.error:
        lines.append(
            f"error:       [{sub.error.code}] {sub.error.message} (step {sub.error.step}, attempts {sub.error.attempts})"
        )
    if sub.draft and sub.draft.prompt_id:
        d = sub.draft
        lines.append(
            f"draft:       {d.provider or '?'} {d.model or ''}, prompt {d.prompt_id} v{d.prompt_version or 1}"
            + (f", schema {d.schema_id} v{d.schema_version or 1}" if d.schema_id else "")
        )
    if sub.wordpress and sub.wordpress.link:
        note = "  (changed since publish: `pigmeu publish` updates the post)" if changed else ""
        lines.append(f"post:        {sub.wordpress.link}{note}")
    if activity:
        lines.append("activity:")
        lines += [
            f"  {a.at:%Y-%m-%d %H:%M:%S}  {a.event}{' ' + a.step if a.step else ''}{' [' + a.code + ']' if a.code else ''}"
            f"{' ' + a.message if a.message else ''}"
            for a in activity
        ]
    ctx.emit(doc, "\n".join(lines))
    return 0
