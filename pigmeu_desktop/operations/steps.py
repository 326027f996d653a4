"""Run one pipeline step on one item now (scrape, draft, publish), outside the background queue."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pigmeu_desktop.core.errors import ErrorCode, InvalidTransition, LLMError, WordPressError
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.providers import NO_PROVIDER, PROVIDERS
from pigmeu_desktop.core.ports import ProgressFn, StepWork, no_progress
from pigmeu_desktop.core.states import Status, Step
from pigmeu_desktop.jobs.leases import instance_id
from pigmeu_desktop.jobs.steps import run_step

if TYPE_CHECKING:
    from pigmeu_desktop.app import Services

# Post statuses a publish may ask WordPress for.
POST_STATUSES = ("draft", "publish", "future")


async def scrape(
    services: Services,
    submission_id: str,
    *,
    html_path: str | Path | None = None,
    progress: ProgressFn = no_progress,
) -> Submission:
    """Read the item's Amazon page (or a saved copy of it) and store the book; the item ends `scraped`
    or `failed` with the code, which is raised."""
    from pigmeu_desktop.services.scraping import scrape_submission, scrape_submission_from_html
    from pigmeu_desktop.services.scraping.usecase import read_saved_page

    work: StepWork = scrape_submission
    if html_path is not None:
        await read_saved_page(html_path)  # an unreadable file is a usage error, not a failed item
        work = functools.partial(scrape_submission_from_html, html_path=html_path)
    store = await services.store()
    sub = await store.get(submission_id)  # no_such_item before anything is claimed
    return await run_step(services, sub.id, Step.SCRAPE, work, owner=instance_id(), progress=progress)


def check_provider_name(provider: str | None) -> None:
    """A typo in the provider must not claim the item and mark it failed: refuse it before."""
    if provider is not None and provider.strip().lower() not in {*PROVIDERS, *NO_PROVIDER}:
        raise LLMError(
            f"Unknown AI provider '{provider}'.",
            code=ErrorCode.INVALID_INPUT,
            next_step=f"Use one of: {', '.join(PROVIDERS)}, or skeleton.",
        )


async def draft(
    services: Services,
    submission_id: str,
    *,
    provider: str | None = None,
    model: str | None = None,
    section: str | None = None,
    instructions: str | None = None,
    progress: ProgressFn = no_progress,
) -> Submission:
    """Write the item's review draft (or rewrite one `section`, keeping the rest) as a new revision."""
    from pigmeu_desktop.services.llm import draft_work, section_work

    check_provider_name(provider)
    store = await services.store()
    sub = await store.get(submission_id)
    if section:
        work = section_work(section, instructions=instructions, provider=provider, model=model)
    else:
        work = draft_work(provider=provider, model=model)
    return await run_step(services, sub.id, Step.DRAFT, work, owner=instance_id(), progress=progress)


def can_publish(sub: Submission) -> bool:
    """Approved, published (an update), or a publish that failed (a retry)."""
    try:
        check_publishable(sub)
    except InvalidTransition:
        return False
    return True


def check_publishable(sub: Submission) -> None:
    """Approved items are published; a published one is updated; a failed publish is tried again.
    Anything else has not been through review: invalid_transition."""
    retry = sub.status is Status.FAILED and sub.error is not None and sub.error.step == Step.PUBLISH.value
    if sub.status not in (Status.APPROVED, Status.PUBLISHED) and not retry:
        raise InvalidTransition(
            f"Only approved items can be published; this one is '{sub.status.value}'.",
            next_step=f"Review the draft and run `pigmeu approve {sub.id[:8]}` first.",
            current=sub.status.value,
        )


def check_publish_options(status: str | None, date: str | None) -> None:
    """Refuse bad options before the item is claimed, so a typo never marks it failed."""
    if status is not None and status not in POST_STATUSES:
        raise WordPressError(
            f"'{status}' is not a post status.",
            code=ErrorCode.INVALID_INPUT,
            next_step=f"Use one of: {', '.join(POST_STATUSES)}.",
        )
    if date:
        try:
            datetime.fromisoformat(date)
        except ValueError:
            raise WordPressError(
                f"'{date}' is not an ISO date and time.",
                code=ErrorCode.INVALID_INPUT,
                next_step="Use e.g. 2026-12-24T09:00 or 2026-12-24T09:00-03:00.",
            ) from None
    if status == "future" and not date:
        raise WordPressError("--status future needs --date.", code=ErrorCode.INVALID_INPUT)


async def publish(
    services: Services,
    submission_id: str,
    *,
    status: str | None = None,
    date: str | None = None,
    progress: ProgressFn = no_progress,
) -> Submission:
    """Create or update the item's WordPress post (as the setting says, usually a WordPress draft)."""
    from pigmeu_desktop.services.wordpress import publish_submission

    check_publish_options(status, date)
    store = await services.store()
    sub = await store.get(submission_id)
    check_publishable(sub)
    work = functools.partial(publish_submission, status=status, date=date)
    return await run_step(services, sub.id, Step.PUBLISH, work, owner=instance_id(), progress=progress)
