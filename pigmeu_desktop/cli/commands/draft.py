"""`pigmeu draft ID [--provider P] [--model M] [--section KEY]`: write (or rewrite part of) the AI draft."""

from __future__ import annotations

from pigmeu_desktop import operations
from pigmeu_desktop.core.providers import PROVIDERS


def register(sub, common) -> None:
    p = sub.add_parser("draft", parents=[common], help="write the review draft of a scraped item")
    p.add_argument("id", help="item id (or a unique prefix of it)")
    p.add_argument(
        "--provider",
        default=None,
        help=f"{', '.join(PROVIDERS)}, or skeleton (default: Settings → AI provider)",
    )
    p.add_argument("--model", default=None, help="model name (default: the provider's model in Settings)")
    p.add_argument(
        "--section",
        default=None,
        metavar="KEY",
        help="rewrite only this section (introduction, synopsis, analysis, audience, verdict, "
        "title, excerpt, meta_description, focus_keyword); the rest is kept",
    )
    p.add_argument("--instructions", default=None, help="with --section: what the editor wants changed")
    p.set_defaults(func=handler)


async def handler(ctx, args) -> int:
    saved = await operations.draft(
        ctx.services,
        args.id,
        provider=args.provider,
        model=args.model,
        section=args.section,
        instructions=args.instructions,
        progress=ctx.progress,
    )
    draft = saved.draft
    assert draft is not None
    usage = draft.usage
    payload = {
        "id": saved.id,
        "status": str(saved.status),
        "provider": draft.provider,
        "model": draft.model,
        "prompt_id": draft.prompt_id,
        "prompt_version": draft.prompt_version,
        "title": draft.title,
        "needs_writing": draft.needs_writing,
        "revision": saved.revisions[-1].n if saved.revisions else None,
        "usage": usage.to_doc(),
        "ungrounded": draft.ungrounded,
    }
    what = (
        "skeleton draft (to be written)"
        if draft.needs_writing
        else f"draft by {draft.provider}/{draft.model}"
    )
    text = (
        f"drafted {saved.id[:8]}: {what}: {draft.title!r}\n"
        f"  total so far: {usage.input_tokens} in / {usage.output_tokens} out tokens, ~${usage.cost_usd:.4f}"
    )
    if draft.ungrounded:
        text += "\n  check these facts (not in the book data): " + "; ".join(draft.ungrounded[:10])
    ctx.emit(payload, text)
    return 0
