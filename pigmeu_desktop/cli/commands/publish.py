"""`pigmeu publish ID [--status draft|publish|future] [--date ISO]`: send an approved item to WordPress."""

from __future__ import annotations

import functools
from datetime import datetime

from pigmeu_desktop.core.errors import ErrorCode, InvalidTransition, WordPressError
from pigmeu_desktop.core.states import Status, Step

# Items a publish may start from: approved, a failed publish (retry), or published (update the post).
PUBLISHABLE = (Status.APPROVED, Status.PUBLISHED)


def register(sub, common) -> None:
    p = sub.add_parser("publish", parents=[common], help="create or update the item's WordPress post")
    p.add_argument("id", help="item id (or a unique prefix of it)")
    p.add_argument("--status", choices=("draft", "publish", "future"), default=None,
                   help="post status (default: the setting, usually draft)")
    p.add_argument("--date", metavar="ISO", default=None,
                   help="publication time, e.g. 2026-12-24T09:00 (site time zone) or with an offset")
    p.set_defaults(func=handler)


def _validate(status: str | None, date: str | None) -> None:
    """Reject bad options before the item is claimed, so a typo never marks it failed."""
    if date:
        try:
            datetime.fromisoformat(date)
        except ValueError:
            raise WordPressError(f"'{date}' is not an ISO date and time.", code=ErrorCode.INVALID_INPUT,
                                 next_step="Use e.g. 2026-12-24T09:00 or 2026-12-24T09:00-03:00.") from None
    if status == "future" and not date:
        raise WordPressError("--status future needs --date.", code=ErrorCode.INVALID_INPUT)


async def handler(ctx, args) -> int:
    from pigmeu_desktop.jobs.leases import instance_id
    from pigmeu_desktop.jobs.steps import run_step
    from pigmeu_desktop.services.wordpress import changed_since_publish, publish_submission

    _validate(args.status, args.date)
    store = await ctx.services.store()
    sub = await store.get(args.id)
    retry = sub.status is Status.FAILED and sub.error is not None and sub.error.step == Step.PUBLISH.value
    if sub.status not in PUBLISHABLE and not retry:
        raise InvalidTransition(
            f"Only approved items can be published; this one is '{sub.status.value}'.",
            next_step=f"Review the draft and run `pigmeu approve {sub.id[:8]}` first.",
            current=sub.status.value,
        )
    if sub.status is Status.PUBLISHED and not changed_since_publish(sub) and args.status is None:
        ctx.err.write("note: the draft has not changed since the last publish; updating the post anyway\n")

    def progress(fraction, message: str) -> None:
        if not ctx.json_output:
            ctx.err.write(f"  {message}\n")

    work = functools.partial(publish_submission, status=args.status, date=args.date)
    saved = await run_step(ctx.services, sub.id, Step.PUBLISH, work, owner=instance_id(), progress=progress)
    ref = saved.wordpress
    assert ref is not None
    ctx.emit(
        {"post_id": ref.post_id, "link": ref.link, "status": ref.status, "id": saved.id},
        f"published {saved.id[:8]} → post {ref.post_id} ({ref.status}) {ref.link or ''}",
    )
    return 0
