"""The pipeline's routing, and lazily imported step functions (loaded off the loop, failing cleanly)."""

from __future__ import annotations

import asyncio
import sys
import threading

import pytest

from pigmeu_desktop.core.states import Status, Step
from pigmeu_desktop.jobs.executor import Executor
from pigmeu_desktop.jobs.pipeline import LazyWork, default_works, next_step
from tests.jobs.conftest import FakeWorks, add_items


@pytest.mark.parametrize(
    "status, auto, step",
    [
        (Status.QUEUED, False, Step.SCRAPE),
        (Status.SCRAPED, False, Step.DRAFT),
        (Status.DRAFTED, False, None),  # waits for the editor's review
        (Status.DRAFTED, True, Step.PUBLISH),
        (Status.APPROVED, False, Step.PUBLISH),
        (Status.PUBLISHED, True, None),  # never published again by the pipeline
        (Status.FAILED, True, None),  # retries are the executor's decision, by error code
        (Status.SCRAPING, False, Step.SCRAPE),  # resumed when its lease is free
        (Status.PUBLISHING, False, Step.PUBLISH),
    ],
)
def test_next_step(status, auto, step):
    assert next_step(status, auto_publish_draft=auto) is step


def test_default_works_name_the_service_use_cases():
    works = default_works()
    assert {repr(w) for w in works.values()} == {
        "LazyWork(pigmeu_desktop.services.scraping.scrape_submission)",
        "LazyWork(pigmeu_desktop.services.llm.draft_submission)",
        "LazyWork(pigmeu_desktop.services.wordpress.publish_submission)",
    }


@pytest.mark.asyncio
async def test_step_modules_are_imported_off_the_loop_and_a_missing_one_fails_the_step(
    services, tmp_path, monkeypatch
):
    (tmp_path / "slow_step_module.py").write_text(
        "import threading\nIMPORTED_IN = threading.current_thread().name\n"
        "async def work(services, sub, *, progress, **kw):\n    return sub\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    ids = await add_items(services, 1)
    works = {
        **FakeWorks().mapping(),
        Step.SCRAPE: LazyWork("slow_step_module", "work"),
        Step.DRAFT: LazyWork("no_such_module_here", "work"),
    }
    ex = Executor(services, works=works, owner="me", scan_interval_s=0.2)
    try:
        stats = await asyncio.wait_for(ex.run_until_idle(), 10)
    finally:
        await ex.stop()
        module = sys.modules.pop("slow_step_module", None)
    assert module is not None and threading.current_thread().name != module.IMPORTED_IN  # not the loop's
    assert stats.finished == {Step.SCRAPE: 1}
    assert stats.failed == {"internal_error": 1}
    failed = await (await services.store()).get(ids[0])
    assert failed.status is Status.FAILED and "no_such_module_here" in failed.error.message
