"""`pigmeu revisions ID [--diff A B | --restore N]`: an item's revisions, a diff of two, or a restore."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser(
        "revisions", parents=[common], help="list, compare or restore an item's draft revisions"
    )
    p.add_argument("id", help="item id (or a unique prefix of it)")
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--diff", nargs=2, type=int, metavar=("A", "B"), help="what changed from revision A to B"
    )
    group.add_argument(
        "--restore", type=int, metavar="N", help="make revision N the draft again (a new revision)"
    )
    p.set_defaults(func=handler)


def _hunks_text(change) -> str:
    if not change.hunks:
        return "".join(f"  + {x}\n" for x in change.added) + "".join(f"  - {x}\n" for x in change.removed)
    out = []
    for hunk in change.hunks:
        if hunk.kind == "equal":
            continue
        if hunk.old:
            out.append("  - " + "".join(hunk.old).rstrip("\n").replace("\n", "\n  - "))
        if hunk.new:
            out.append("  + " + "".join(hunk.new).rstrip("\n").replace("\n", "\n  + "))
    return "\n".join(out) + "\n"


async def handler(ctx, args) -> int:
    from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
    from pigmeu_desktop.core.review import revision_diff
    from pigmeu_desktop.operations.editing import restore_revision

    store = await ctx.services.store()
    sub = await store.get(args.id)
    if args.restore is not None:
        saved = await restore_revision(
            store, sub.id, args.restore, author=ctx.services.settings.editor_name or ""
        )
        n = saved.revisions[-1].n
        ctx.emit(
            {"id": saved.id, "revision": n, "restored_from": args.restore},
            f"revision {args.restore} restored as revision {n}",
        )
        return 0
    if args.diff:
        try:
            changes = revision_diff(sub, *args.diff)
        except KeyError as missing:
            raise PigmeuError(f"This item has no revision {missing}.", code=ErrorCode.INVALID_INPUT) from None
        payload = [
            {
                "field": c.field,
                "hunks": [
                    {"kind": h.kind, "old": "".join(h.old), "new": "".join(h.new)}
                    for h in c.hunks
                    if h.kind != "equal"
                ],
                "added": list(c.added),
                "removed": list(c.removed),
            }
            for c in changes
        ]
        text = "".join(f"{c.field}:\n{_hunks_text(c)}" for c in changes) or "no differences\n"
        ctx.emit(payload, text)
        return 0
    rows = [
        {"n": r.n, "at": r.at.isoformat(), "author": r.author, "kind": r.kind, "title": r.draft.title}
        for r in sub.revisions
    ]
    text = "\n".join(
        f"{r['n']:>3}  {r['at'][:19]}  {r['author']:<20} {r['kind'] or '':<10} {r['title']}" for r in rows
    )
    ctx.emit(rows, text or "no revisions")
    return 0
