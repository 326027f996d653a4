"""Use cases on a submission: draft it (StepWork) and regenerate one section; each adds a revision.

`draft.usage` holds the submission's running total (every generation, repair and section rewrite
added up); each AI revision's snapshot holds the total at that point, so the cost of one generation
is the difference between consecutive AI revisions (see `generation_costs`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from pigmeu_desktop.core.editing import effective_book
from pigmeu_desktop.core.errors import ErrorCode, LLMError, PigmeuError
from pigmeu_desktop.core.models import Book, Revision, Submission, Usage, utcnow
from pigmeu_desktop.core.ports import ProgressFn, StepContext, no_progress
from pigmeu_desktop.services.llm.chat import TokenCallback
from pigmeu_desktop.services.llm.drafter import AttemptCallback, Generation

log = logging.getLogger("pigmeu.llm")

PROGRESS_EVERY_S = 0.25  # progress messages while streaming: a few a second is plenty for a status bar


def add_usage(total: Usage | None, extra: Usage) -> Usage:
    total = total or Usage()
    return Usage(
        input_tokens=total.input_tokens + extra.input_tokens,
        output_tokens=total.output_tokens + extra.output_tokens,
        cost_usd=round(total.cost_usd + extra.cost_usd, 8),
    )


def with_generation(submission: Submission, generation: Generation) -> Submission:
    """The submission with the new draft (usage = running total) and a new AI revision appended."""
    previous = submission.draft.usage if submission.draft else None
    draft = generation.draft.model_copy(update={"usage": add_usage(previous, generation.draft.usage)})
    number = max((r.n for r in submission.revisions), default=0) + 1
    revision = Revision(
        n=number, at=utcnow(), author=f"ai:{draft.model or 'unknown'}", draft=draft, kind="ai"
    )
    return submission.model_copy(update={"draft": draft, "revisions": [*submission.revisions, revision]})


def generation_costs(submission: Submission) -> list[tuple[int, Usage]]:
    """(revision n, usage of that generation) for every AI revision, from the running totals."""
    out: list[tuple[int, Usage]] = []
    last = Usage()
    for revision in submission.revisions:
        usage = revision.draft.usage
        if revision.author.startswith("ai:"):
            out.append(
                (
                    revision.n,
                    Usage(
                        input_tokens=usage.input_tokens - last.input_tokens,
                        output_tokens=usage.output_tokens - last.output_tokens,
                        cost_usd=round(usage.cost_usd - last.cost_usd, 8),
                    ),
                )
            )
        last = usage
    return out


def _streaming_progress(progress: ProgressFn, on_token: TokenCallback | None) -> TokenCallback:
    received = 0
    last = 0.0

    def token(delta: str) -> None:
        nonlocal received, last
        received += len(delta)
        if on_token is not None:
            on_token(delta)
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY_S:
            last = now
            progress(None, f"Writing… {received} characters")

    return token


def _keep_raw_output(services: StepContext, submission: Submission, exc: LLMError) -> None:
    """llm_bad_output: save the model's raw text where the editor can open it, and say where."""
    raw = exc.details.get("raw_output")
    if not raw:
        return
    try:
        folder = Path(services.paths.data_dir) / "llm-raw"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{submission.id}-{utcnow().strftime('%Y%m%dT%H%M%S')}.txt"
        path.write_text(raw, encoding="utf-8")
        exc.details["raw_output_path"] = str(path)
    except OSError as err:  # keeping the text is a courtesy; the error itself must still be reported
        log.warning("could not keep the raw LLM output: %s", err)


def _require_book(submission: Submission) -> Book:
    """The book data drafting uses: the scraped book with the editor's corrections applied (they win)."""
    book = effective_book(submission)
    if book is None:
        raise PigmeuError(
            "This item has no scraped book data yet.",
            code=ErrorCode.INVALID_TRANSITION,
            next_step="Scrape the item first.",
        )
    return book


@contextlib.asynccontextmanager
async def _raw_output_kept(services: StepContext, submission: Submission) -> AsyncIterator[None]:
    """An answer the AI got wrong twice is kept in a file for the editor (llm_bad_output), then raised."""
    try:
        yield
    except LLMError as exc:
        if exc.code == ErrorCode.LLM_BAD_OUTPUT:
            await asyncio.to_thread(_keep_raw_output, services, submission, exc)  # a file write
        raise


async def draft_submission(
    services: StepContext,
    submission: Submission,
    *,
    progress: ProgressFn = no_progress,
    provider: str | None = None,
    model: str | None = None,
    on_token: TokenCallback | None = None,
    on_attempt: AttemptCallback | None = None,
) -> Submission:
    """StepWork for Step.DRAFT: a new whole draft and its revision (skeleton when no provider is set)."""
    book = _require_book(submission)
    progress(None, "Writing the draft…")
    async with _raw_output_kept(services, submission):
        generation = await services.drafter.generate(
            book,
            amazon_url=submission.amazon_url,
            asin=submission.asin,
            language=services.settings.prompt_language,
            provider=provider,
            model=model,
            on_token=_streaming_progress(progress, on_token),
            on_attempt=on_attempt,
        )
    progress(1.0, "Draft ready" if not generation.draft.needs_writing else "Skeleton draft ready")
    return with_generation(submission, generation)


async def regenerate_section(
    services: StepContext,
    submission: Submission,
    section: str,
    *,
    progress: ProgressFn = no_progress,
    instructions: str | None = None,
    provider: str | None = None,
    model: str | None = None,
    on_token: TokenCallback | None = None,
    on_attempt: AttemptCallback | None = None,
) -> Submission:
    """Rewrite one section (or title/excerpt/meta_description/focus_keyword); the rest stays as it is."""
    book = _require_book(submission)
    if submission.draft is None:
        raise PigmeuError(
            "This item has no draft yet.",
            code=ErrorCode.INVALID_TRANSITION,
            next_step="Generate the draft first.",
        )
    progress(None, f"Rewriting {section}…")
    async with _raw_output_kept(services, submission):
        generation = await services.drafter.rewrite_section(
            book,
            submission.draft,
            section,
            amazon_url=submission.amazon_url,
            asin=submission.asin,
            language=services.settings.prompt_language,
            instructions=instructions,
            provider=provider,
            model=model,
            on_token=_streaming_progress(progress, on_token),
            on_attempt=on_attempt,
        )
    progress(1.0, "Section rewritten")
    return with_generation(submission, generation)


def draft_work(**options: Any) -> Callable[..., Any]:
    """A StepWork with options bound (provider, model, on_token, on_attempt) for the step runner."""

    async def work(services: StepContext, submission: Submission, *, progress: ProgressFn) -> Submission:
        return await draft_submission(services, submission, progress=progress, **options)

    return work


def section_work(section: str, **options: Any) -> Callable[..., Any]:
    """A StepWork that regenerates one section (the runner moves drafted → drafting → drafted)."""

    async def work(services: StepContext, submission: Submission, *, progress: ProgressFn) -> Submission:
        return await regenerate_section(services, submission, section, progress=progress, **options)

    return work


def generation_work(
    section: str | None, *, instructions: str | None = None, **options: Any
) -> Callable[..., Any]:
    """The StepWork that writes a whole draft, or rewrites one `section` following the editor's
    `instructions`; `options` (provider, model, on_token, on_attempt) go to either."""
    if section:
        return section_work(section, instructions=instructions, **options)
    return draft_work(**options)
