"""Executor test fixtures: real SQLite store under tmp_path, fake step works (our own StepWork port)."""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest_asyncio

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import PigmeuError
from pigmeu_desktop.core.models import Book, Draft, Submission, WordPressRef
from pigmeu_desktop.core.ports import NewLink
from pigmeu_desktop.core.states import Step
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings


def make_services(tmp_path, **settings) -> Services:
    return Services(AppPaths.under(tmp_path / "home").ensure(), Settings(**settings), env={})


@pytest_asyncio.fixture
async def services(tmp_path):
    svc = make_services(tmp_path)
    yield svc
    await svc.aclose()


async def add_items(services, n: int, *, start: int = 0) -> list[str]:
    store = await services.store()
    links = [
        NewLink(
            amazon_url=f"https://www.amazon.com.br/dp/B{i:09d}",
            asin=f"B{i:09d}",
            marketplace="amazon.com.br",
            source_url=f"https://www.amazon.com.br/dp/B{i:09d}?ref=x",
        )
        for i in range(start, start + n)
    ]
    return [o.id for o in await store.add_links(links)]


@dataclass
class FakeWorks:
    """Step works that record what ran, how many ran at once, and whether their resources were closed.

    `delay[step]` is how long a step takes; `fail[step]` is a list of errors raised by successive calls
    (None = succeed); `block[step]` makes a step wait until cancelled.
    """

    delay: dict = field(default_factory=lambda: {Step.SCRAPE: 0.0, Step.DRAFT: 0.0, Step.PUBLISH: 0.0})
    fail: dict = field(default_factory=lambda: defaultdict(list))
    block: set = field(default_factory=set)
    calls: list = field(default_factory=list)  # (step, id) in start order
    options: list = field(default_factory=list)  # (step, id, keyword options) in start order
    running: Counter = field(default_factory=Counter)
    peak: Counter = field(default_factory=Counter)
    open_resources: set = field(default_factory=set)
    closed_resources: list = field(default_factory=list)
    started: asyncio.Event = field(default_factory=asyncio.Event)

    def mapping(self) -> dict:
        return {step: self._make(step) for step in (Step.SCRAPE, Step.DRAFT, Step.PUBLISH)}

    def calls_of(self, step: Step) -> list[str]:
        return [sid for s, sid in self.calls if s is step]

    def _make(self, step: Step):
        async def work(services, sub: Submission, *, progress, **options) -> Submission:
            self.calls.append((step, sub.id))
            self.options.append((step, sub.id, options))
            self.running[step] += 1
            self.peak[step] = max(self.peak[step], self.running[step])
            resource = (step, sub.id, len(self.calls))
            self.open_resources.add(resource)  # stands for the browser page / the LLM stream
            self.started.set()
            try:
                progress(0.1, f"{step} started")
                if step in self.block:
                    await asyncio.Event().wait()
                if self.delay[step]:
                    await asyncio.sleep(self.delay[step])
                errors = self.fail[step]
                if errors:
                    error = errors.pop(0)
                    if error is not None:
                        raise error
                return _result(step, sub)
            finally:
                self.running[step] -= 1
                self.open_resources.discard(resource)
                self.closed_resources.append(resource)

        return work


def _result(step: Step, sub: Submission) -> Submission:
    if step is Step.SCRAPE:
        return sub.model_copy(update={"book": Book(title=f"Book {sub.asin}")})
    if step is Step.DRAFT:
        return sub.model_copy(update={"draft": Draft(title=f"Review of {sub.asin}", body_markdown="text")})
    return sub.model_copy(
        update={
            "wordpress": WordPressRef(
                site_url="http://wp.local", post_id=hash(sub.id) % 10000, status="draft"
            )
        }
    )


class Recorder:
    """An observer that keeps every event by kind."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def job_did_start(self, event) -> None:
        self.events.append(("start", event))

    def job_did_progress(self, event) -> None:
        self.events.append(("progress", event))

    def job_did_finish(self, event) -> None:
        self.events.append(("finish", event))

    def job_did_fail(self, event) -> None:
        self.events.append(("fail", event))

    def of(self, name: str) -> list:
        return [e for n, e in self.events if n == name]


def err(code: str) -> PigmeuError:
    return PigmeuError(f"fake {code}", code=code)
