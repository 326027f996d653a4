"""`pigmeu prompts list|show|edit|history|diff|restore|reset`: the versioned prompts and content schemas."""

from __future__ import annotations

import json
from pathlib import Path

KINDS = ("prompt", "schema")


def register(sub, common) -> None:
    p = sub.add_parser(
        "prompts", parents=[common], help="list, show and edit the prompts and content schemas"
    )
    actions = p.add_subparsers(dest="prompts_action", metavar="ACTION", required=True)

    def action(name: str, help_text: str):
        a = actions.add_parser(name, parents=[common], help=help_text)
        if name != "list":
            a.add_argument("id", help="prompt or content schema id (see `pigmeu prompts list`)")
            a.add_argument(
                "--kind", choices=KINDS, default=None, help="when a prompt and a schema share the id"
            )
        a.set_defaults(func=handler)
        return a

    action("list", "every prompt and content schema with its current version")
    show = action("show", "print a document (the current version, or --version N)")
    show.add_argument("--version", type=int, default=None, metavar="N")
    show.add_argument("--field", default=None, help="print only this template (e.g. user_template)")
    edit = action("edit", "save a file as the next version (validated first; nothing is saved if invalid)")
    edit.add_argument(
        "--file",
        required=True,
        metavar="FILE",
        help="the whole document as JSON, or with --field the template's text ('-' reads standard input)",
    )
    edit.add_argument("--field", default=None, help="replace only this template of a prompt")
    edit.add_argument("--note", default="", help="why (kept with the version)")
    action("history", "every saved version, newest first, with author and time")
    diff = action("diff", "what changed between two versions")
    diff.add_argument("old", type=int, metavar="OLD")
    diff.add_argument(
        "new", type=int, nargs="?", default=None, metavar="NEW", help="default: the current one"
    )
    restore = action("restore", "save an earlier version again, as a new version")
    restore.add_argument("version", type=int, metavar="N")
    action("reset", "save the default shipped with the app, as a new version")


def _read(path: str) -> str:
    import sys

    from pigmeu_desktop.core.errors import ErrorCode, PigmeuError

    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PigmeuError(
            f"Cannot read {path}: {exc}", code=ErrorCode.INVALID_INPUT, next_step="Check the file name."
        ) from None


def _saved(ctx, entry, verb: str) -> int:
    ctx.emit(entry.to_dict(), f"{entry.doc_id}: {verb} as version {entry.version} by {entry.author}")
    return 0


async def handler(ctx, args) -> int:
    from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
    from pigmeu_desktop.operations import prompts as ops
    from pigmeu_desktop.services.llm.prompt_admin import unified_text

    admin = await ops.open_prompts(ctx.services)
    action = args.prompts_action
    if action == "list":
        rows = [
            {
                "kind": i.kind,
                "id": i.id,
                "name": i.name,
                "version": i.version,
                "language": i.language,
                "updated_by": i.updated_by,
                "updated_at": i.updated_at,
                "default": i.is_default,
            }
            for i in await ops.list_documents(admin)
        ]
        text = "\n".join(
            f"{r['kind']:<7} {r['id']:<22} v{r['version']:<4} {r['language'] or '-':<6} "
            f"{'default' if r['default'] else 'edited by ' + str(r['updated_by'])}"
            for r in rows
        )
        ctx.emit({"documents": rows}, text)
        return 0
    if action == "show":
        doc = await ops.show(admin, args.id, kind=args.kind, version=args.version)
        if args.field:
            if args.field not in doc:
                raise PigmeuError(
                    f"'{args.id}' has no field '{args.field}'.",
                    code=ErrorCode.INVALID_INPUT,
                    next_step="Run `pigmeu prompts show ID` to see its fields.",
                )
            value = doc[args.field]
            ctx.emit({args.field: value}, value if isinstance(value, str) else json.dumps(value, indent=2))
            return 0
        ctx.emit(doc, json.dumps(doc, ensure_ascii=False, indent=2, default=str))
        return 0
    if action == "history":
        entries = await ops.history(admin, args.id, kind=args.kind)
        text = "\n".join(
            f"v{e.version:<4} {e.at:<26} {e.author}{'  (' + e.note + ')' if e.note else ''}" for e in entries
        )
        ctx.emit({"versions": [e.to_dict() for e in entries]}, text)
        return 0
    if action == "diff":
        old, new, diffs = await ops.compare(admin, args.id, args.old, args.new, kind=args.kind)
        payload = {
            "old": old.version,
            "new": new.version,
            "changes": [
                {
                    "field": d.field,
                    "hunks": [{"kind": h.kind, "old": list(h.old), "new": list(h.new)} for h in d.hunks],
                }
                for d in diffs
            ],
        }
        ctx.emit(payload, unified_text(diffs) or f"versions {old.version} and {new.version} are the same")
        return 0
    author = ops.author_of(ctx.services)
    if action == "edit":
        text = _read(args.file)
        if args.field:
            return _saved(
                ctx, await ops.save_template(admin, args.id, args.field, text, author=author), "saved"
            )
        try:
            doc = json.loads(text)
        except ValueError as exc:
            raise PigmeuError(
                f"{args.file} is not JSON: {exc}",
                code=ErrorCode.INVALID_INPUT,
                next_step="Give the whole document as JSON (`pigmeu prompts show ID > file.json`), "
                "or one template's text with --field.",
            ) from None
        if not isinstance(doc, dict):
            raise PigmeuError(f"{args.file} must hold one JSON object.", code=ErrorCode.INVALID_INPUT)
        entry = await ops.save_document(admin, args.id, doc, author=author, kind=args.kind, note=args.note)
        return _saved(ctx, entry, "saved")
    if action == "restore":
        entry = await ops.restore(admin, args.id, args.version, author=author, kind=args.kind)
        return _saved(ctx, entry, "restored")
    if action == "reset":
        return _saved(
            ctx, await ops.reset(admin, args.id, author=author, kind=args.kind), "reset to the default"
        )
    raise AssertionError(action)  # argparse allows only the actions above
