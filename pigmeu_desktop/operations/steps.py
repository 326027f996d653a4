"""Run one pipeline step on one item now (scrape, draft, publish); the window to pass Amazon's check."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from pigmeu_desktop.core.errors import ErrorCode, LinkError, LLMError, WordPressError
from pigmeu_desktop.core.links import Rejected, parse_link
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.ports import ProgressFn, StepContext, StepWork, no_progress
from pigmeu_desktop.core.providers import NO_PROVIDER, PROVIDERS
from pigmeu_desktop.core.states import Step
from pigmeu_desktop.jobs.leases import instance_id
from pigmeu_desktop.jobs.steps import run_step
from pigmeu_desktop.operations.availability import Action, raise_if_refused, refusal
from pigmeu_desktop.services.wordpress.schedule import POST_STATUSES, parse_post_date

if TYPE_CHECKING:
    from pigmeu_desktop.services.scraping.browser import VisibleSession


async def scrape(
    services: StepContext,
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
    raise_if_refused(refusal(Action.SCRAPE, sub))
    return await run_step(services, sub.id, Step.SCRAPE, work, owner=instance_id(), progress=progress)


async def open_captcha_window(services: StepContext, url: str) -> VisibleSession:
    """A visible browser window on the saved profile at `url`, for the editor to pass Amazon's check once.

    Await the session's `closed`: closing the window saves the session (later headless scrapes use it)
    and lifts the marketplace's pause; then `release_captcha_items` sends the stopped items again.
    """
    link = parse_link(url, services.settings.default_marketplace)
    if isinstance(link, Rejected) and link.code is not ErrorCode.NOT_A_PRODUCT_LINK:
        raise LinkError(link.message, code=link.code)
    # The address exactly as given: it is the page that asked for the check, whatever its form.
    return await services.scraper.open_visible(url if "://" in url else f"https://{url}")


def check_provider_name(provider: str | None) -> None:
    """A typo in the provider must not claim the item and mark it failed: refuse it before."""
    if provider is not None and provider.strip().lower() not in {*PROVIDERS, *NO_PROVIDER}:
        raise LLMError(
            f"Unknown AI provider '{provider}'.",
            code=ErrorCode.INVALID_INPUT,
            next_step=f"Use one of: {', '.join(PROVIDERS)}, or skeleton.",
        )


async def draft(
    services: StepContext,
    submission_id: str,
    *,
    provider: str | None = None,
    model: str | None = None,
    section: str | None = None,
    instructions: str | None = None,
    progress: ProgressFn = no_progress,
) -> Submission:
    """Write the item's review draft (or rewrite one `section`, keeping the rest) as a new revision."""
    from pigmeu_desktop.services.llm.usecase import generation_work

    check_provider_name(provider)
    store = await services.store()
    sub = await store.get(submission_id)
    raise_if_refused(refusal(Action.DRAFT, sub))
    work = generation_work(section, instructions=instructions, provider=provider, model=model)
    return await run_step(services, sub.id, Step.DRAFT, work, owner=instance_id(), progress=progress)


def can_publish(sub: Submission) -> bool:
    """Approved, published (an update), or a publish that failed (a retry)."""
    return refusal(Action.PUBLISH, sub) is None


def check_publishable(sub: Submission) -> None:
    """Approved items are published; a published one is updated; a failed publish is tried again.
    Anything else has not been through review: invalid_transition."""
    raise_if_refused(refusal(Action.PUBLISH, sub))


def check_publish_options(status: str | None, date: str | None) -> None:
    """Refuse bad options before the item is claimed, so a typo never marks it failed."""
    if status is not None and status not in POST_STATUSES:
        raise WordPressError(
            f"'{status}' is not a post status.",
            code=ErrorCode.INVALID_INPUT,
            next_step=f"Use one of: {', '.join(POST_STATUSES)}.",
        )
    if date:
        parse_post_date(date)
    if status == "future" and not date:
        raise WordPressError("--status future needs --date.", code=ErrorCode.INVALID_INPUT)


async def publish(
    services: StepContext,
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
