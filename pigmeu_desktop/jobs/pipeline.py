"""The pipeline: which step an item in a given status needs next, and the default step functions."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.ports import ProgressFn, StepContext, StepWork, no_progress
from pigmeu_desktop.core.states import STEP_OF_WORKING, Status, Step


def next_step(status: Status, *, auto_publish_draft: bool) -> Step | None:
    """The step the executor runs for an item in `status`, or None when it waits for a person.

    queued → scrape, scraped → draft, then a stop at `drafted` for review; approved → publish.
    With `auto_publish_draft`, drafted goes straight to WordPress (as a WP draft, see AUTO_POST_STATUS).
    Working states (scraping/drafting/publishing) resume their own step when their lease is free.
    """
    if status is Status.QUEUED:
        return Step.SCRAPE
    if status is Status.SCRAPED:
        return Step.DRAFT
    if status is Status.APPROVED:
        return Step.PUBLISH
    if status is Status.DRAFTED and auto_publish_draft:
        return Step.PUBLISH
    return STEP_OF_WORKING.get(status)


# An item published without review must never go live: WordPress gets it as a draft.
AUTO_POST_STATUS = "draft"

# Where each step's use case lives (written by the service packages; imported on first use so that
# `pigmeu run` does not pay for Playwright before it scrapes, and a test can replace any of them).
DEFAULT_WORK_PATHS: Mapping[Step, tuple[str, str]] = {
    Step.SCRAPE: ("pigmeu_desktop.services.scraping", "scrape_submission"),
    Step.DRAFT: ("pigmeu_desktop.services.llm", "draft_submission"),
    Step.PUBLISH: ("pigmeu_desktop.services.wordpress", "publish_submission"),
}


# Heavy modules a step imports on first use inside its own code (the scraper loads Playwright only
# when it first fetches); the executor imports them in a thread with the step's module, so the loop never does.
WARM_UP_MODULES: Mapping[Step, tuple[str, ...]] = {Step.SCRAPE: ("playwright.async_api",)}


class LazyWork:
    """A StepWork that imports the real function the first time it runs."""

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name
        self._fn: StepWork | None = None

    def resolve(self) -> StepWork:
        if self._fn is None:
            try:
                self._fn = getattr(importlib.import_module(self.module), self.name)
            except (ImportError, AttributeError) as exc:
                raise PigmeuError(
                    f"This build has no {self.name} ({self.module}).",
                    code=ErrorCode.INTERNAL,
                    next_step="Reinstall the app; the log has details.",
                ) from exc
        return self._fn

    async def __call__(
        self,
        services: StepContext,
        submission: Submission,
        *,
        progress: ProgressFn = no_progress,
        **options: Any,
    ) -> Submission:
        return await self.resolve()(services, submission, progress=progress, **options)

    def __repr__(self) -> str:
        return f"LazyWork({self.module}.{self.name})"


def default_works() -> dict[Step, StepWork]:
    return {step: LazyWork(module, name) for step, (module, name) in DEFAULT_WORK_PATHS.items()}
