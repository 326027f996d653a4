"""The executor with fake step works on the real SQLite store: pipeline, limits, cancel, retry, pause."""

from __future__ import annotations

import asyncio
import socket
import time
from datetime import timedelta

import pytest

from pigmeu_desktop.core import states
from pigmeu_desktop.core.errors import ErrorCode
from pigmeu_desktop.core.models import Lease, utcnow
from pigmeu_desktop.core.states import Status, Step
from pigmeu_desktop.jobs.executor import Executor, JobState
from pigmeu_desktop.jobs.retry import RetryPolicy
from tests.jobs.conftest import FakeWorks, Recorder, add_items, err, make_services
from tests.support.polling import eventually

pytestmark = pytest.mark.asyncio


class VirtualSleep:
    """Records each backoff wait and returns at once: retry timing is tested without waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


def executor(services, works: FakeWorks, **kw) -> Executor:
    kw.setdefault("scan_interval_s", 0.5)
    return Executor(services, works=works.mapping(), owner="test-owner", **kw)


async def statuses(services, ids) -> list[Status]:
    store = await services.store()
    return [(await store.get(i)).status for i in ids]


async def run_idle(ex: Executor, timeout: float = 20.0):
    try:
        return await asyncio.wait_for(ex.run_until_idle(), timeout)
    finally:
        await ex.stop()


async def test_pipeline_stops_at_drafted_for_review(services):
    ids = await add_items(services, 4)
    works = FakeWorks()
    rec = Recorder()
    ex = executor(services, works)
    ex.add_observer(rec)
    stats = await run_idle(ex)
    assert await statuses(services, ids) == [Status.DRAFTED] * 4
    assert works.calls_of(Step.PUBLISH) == []
    assert stats.finished == {Step.SCRAPE: 4, Step.DRAFT: 4}
    assert len(rec.of("start")) == 8 and len(rec.of("finish")) == 8 and rec.of("fail") == []
    store = await services.store()
    history = [(e.event, e.step) for e in await store.list_activity(ids[0])]
    assert ("step_finished", "scrape") in history and ("step_finished", "draft") in history


async def test_approved_items_are_published_and_published_ones_never_again(services):
    ids = await add_items(services, 3)
    works = FakeWorks()
    await run_idle(executor(services, works))
    store = await services.store()
    await store.save(states.transition(await store.get(ids[1]), Status.APPROVED))
    await run_idle(executor(services, works))
    assert await statuses(services, ids) == [Status.DRAFTED, Status.PUBLISHED, Status.DRAFTED]
    assert works.calls_of(Step.PUBLISH) == [ids[1]]
    assert works.options[-1] == (Step.PUBLISH, ids[1], {})  # the editor's default post status applies
    # A later run (a restart) finds nothing to publish again.
    await run_idle(executor(services, works))
    assert works.calls_of(Step.PUBLISH) == [ids[1]]


async def test_auto_publish_sends_drafts_on_without_review(tmp_path):
    services = make_services(tmp_path, auto_publish_draft=True, default_post_status="publish")
    try:
        ids = await add_items(services, 2)
        works = FakeWorks()
        await run_idle(executor(services, works))
        assert await statuses(services, ids) == [Status.PUBLISHED] * 2
        assert sorted(works.calls_of(Step.PUBLISH)) == sorted(ids)
        # Never live without review: WordPress gets a draft whatever default_post_status says.
        assert [o for s, _, o in works.options if s is Step.PUBLISH] == [{"status": "draft"}] * 2
    finally:
        await services.aclose()


async def test_items_start_in_the_order_they_were_queued(services):
    # Separate adds (often within the same millisecond) and one paste of several links: both in order.
    ids = [(await add_items(services, 1, start=i))[0] for i in (5, 3, 9, 1, 7)]
    ids += await add_items(services, 4, start=20)
    works = FakeWorks()
    ex = executor(services, works)
    ex.set_limit(Step.SCRAPE, 1)
    await run_idle(ex)
    assert works.calls_of(Step.SCRAPE) == ids


@pytest.mark.parametrize("limits", [(2, 3, 1), (1, 1, 1), (4, 2, 2)])
async def test_never_more_than_the_limit_of_a_kind_at_once(tmp_path, limits):
    scrape, draft, publish = limits
    services = make_services(
        tmp_path,
        scrape_concurrency=scrape,
        draft_concurrency=draft,
        publish_concurrency=publish,
        auto_publish_draft=True,
    )
    try:
        ids = await add_items(services, 12)
        # Each kind's work lasts long enough for its items to pile up however slow the machine is, so
        # reaching the limit is certain; "never exceeded" is the point of the test.
        works = FakeWorks(delay={Step.SCRAPE: 0.05, Step.DRAFT: 0.15, Step.PUBLISH: 0.08})
        await run_idle(executor(services, works))
        assert await statuses(services, ids) == [Status.PUBLISHED] * 12
        # Reached, and never exceeded.
        assert works.peak == {Step.SCRAPE: scrape, Step.DRAFT: draft, Step.PUBLISH: publish}
    finally:
        await services.aclose()


async def test_cancel_one_item_mid_step_closes_its_work_and_holds_it(services):
    ids = await add_items(services, 3)
    works = FakeWorks(block={Step.SCRAPE})
    rec = Recorder()
    ex = executor(services, works)
    ex.add_observer(rec)
    await ex.start()
    try:
        await eventually(lambda: len(works.calls) >= 2)
        victim = works.calls[0][1]
        assert ex.cancel(victim)
        await eventually(lambda: victim not in ex.jobs())
        assert all(r[1] != victim for r in works.open_resources)  # its page/stream was closed
        store = await services.store()
        back = await store.get(victim)
        assert back.status is Status.QUEUED and back.lease is None
        assert [e.error.code for e in rec.of("fail")] == [ErrorCode.CANCELLED]
        # Held: a scan does not start it again, even though it is queued in the store.
        works.block.clear()
        for sid in list(ex.jobs()):
            ex.cancel(sid)
            ex.release(sid)
        await asyncio.wait_for(ex.wait_idle(), 10)
        assert (await store.get(victim)).status is Status.QUEUED
        ex.release(victim)
        await asyncio.wait_for(ex.wait_idle(), 10)
        assert await statuses(services, ids) == [Status.DRAFTED] * 3
    finally:
        await ex.stop()


async def test_cancel_all_then_resume(services):
    ids = await add_items(services, 4)
    works = FakeWorks(block={Step.SCRAPE})
    ex = executor(services, works)
    await ex.start()
    try:
        await eventually(lambda: len(works.calls) >= 2)
        assert ex.cancel_all() == 4  # two running, two waiting
        await eventually(lambda: not ex.jobs())
        assert works.open_resources == set() and ex.paused
        assert await statuses(services, ids) == [Status.QUEUED] * 4
        works.block.clear()
        ex.resume()
        await asyncio.wait_for(ex.wait_idle(), 10)
        assert await statuses(services, ids) == [Status.DRAFTED] * 4
    finally:
        await ex.stop()


async def test_transient_errors_are_retried_with_exponential_backoff(services):
    (sid,) = await add_items(services, 1)
    works = FakeWorks()
    works.fail[Step.SCRAPE] = [err("timeout"), err("network"), err("browser_crashed")]
    works.fail[Step.DRAFT] = [err("llm_rate_limited")]
    sleep = VirtualSleep()
    rec = Recorder()
    policy = RetryPolicy(base_delay_s=2.0, factor=2.0, max_attempts=5, jitter=0.5)
    ex = executor(services, works, sleep=sleep, rand=lambda: 0.5, retry=policy)
    ex.add_observer(rec)
    stats = await run_idle(ex)
    assert await statuses(services, [sid]) == [Status.DRAFTED]
    # attempts 1, 2, 3 of scrape → 2, 4, 8 s ceilings, jittered by rand=0.5 to 75 %; draft starts again at 1.
    assert sleep.waits == [1.5, 3.0, 6.0, 1.5]
    assert [e.retry_in_s for e in rec.of("fail")] == sleep.waits
    assert stats.retried == 4 and not stats.failed
    assert len(works.calls_of(Step.SCRAPE)) == 4


async def test_permanent_errors_are_not_retried(services):
    ids = await add_items(services, 2)
    works = FakeWorks()
    works.fail[Step.SCRAPE] = [err("not_a_book"), None]
    sleep = VirtualSleep()
    stats = await run_idle(executor(services, works, sleep=sleep))
    store = await services.store()
    failed = await store.get(works.calls_of(Step.SCRAPE)[0])
    assert failed.status is Status.FAILED and failed.error.code == "not_a_book"
    assert sleep.waits == [] and sorted(works.calls_of(Step.SCRAPE)) == sorted(ids)  # each scraped once
    assert stats.failed == {"not_a_book": 1}
    # A restart does not pick it up either.
    await run_idle(executor(services, works, sleep=sleep))
    assert len(works.calls_of(Step.SCRAPE)) == 2


async def test_retry_budget_runs_out_and_the_item_waits_for_a_person(services):
    (sid,) = await add_items(services, 1)
    works = FakeWorks()
    works.fail[Step.SCRAPE] = [err("timeout")] * 10
    sleep = VirtualSleep()
    stats = await run_idle(executor(services, works, sleep=sleep, retry=RetryPolicy(max_attempts=3)))
    failed = await (await services.store()).get(sid)
    assert failed.status is Status.FAILED and failed.error.attempts == 3
    assert len(works.calls) == 3 and len(sleep.waits) == 2
    assert stats.failed == {"timeout": 1}


async def test_unexpected_exception_is_internal_error_and_not_retried(services):
    (sid,) = await add_items(services, 1)
    works = FakeWorks()
    works.fail[Step.SCRAPE] = [ZeroDivisionError()]
    stats = await run_idle(executor(services, works, sleep=VirtualSleep()))
    assert (await (await services.store()).get(sid)).error.code == "internal_error"
    assert stats.failed == {"internal_error": 1}


async def test_pause_starts_nothing_new_and_resume_carries_on(services):
    ids = await add_items(services, 4)
    works = FakeWorks(delay={Step.SCRAPE: 0.1, Step.DRAFT: 0.0, Step.PUBLISH: 0.0})
    ex = executor(services, works)
    ex.pause()
    await ex.start()
    try:
        # A whole scan found the four items: they wait, and nothing started.
        await asyncio.wait_for(ex.scanned(), 10)
        assert len(ex.jobs()) == 4 and all(s is JobState.WAITING for _, s in ex.jobs().values())
        assert works.calls == []
        ex.resume()
        await eventually(lambda: works.calls)
        ex.pause()  # two scrapes are running; they finish, nothing else starts
        await eventually(lambda: works.running[Step.SCRAPE] == 0)
        await asyncio.wait_for(ex.scanned(), 10)  # their results were seen: the drafts wait too
        assert len(works.calls) == 2
        assert sorted(await statuses(services, ids)).count(Status.QUEUED) == 2
        ex.resume()
        await asyncio.wait_for(ex.wait_idle(), 10)
        assert await statuses(services, ids) == [Status.DRAFTED] * 4
    finally:
        await ex.stop()


async def test_progress_is_coalesced_to_ten_a_second_and_the_last_one_arrives(services):
    (_sid,) = await add_items(services, 1)
    works = FakeWorks()
    rec = Recorder()
    spent: list[float] = []

    async def chatty(svc, sub, *, progress):
        started = time.monotonic()
        for i in range(1, 301):  # 300 updates over ~0.3 s (longer on a busy machine)
            progress(i / 300, f"step {i}")
            if i % 10 == 0:
                await asyncio.sleep(0.01)
        spent.append(time.monotonic() - started)
        # The trailing update is flushed by a timer; the step ends only once it arrived.
        await eventually(lambda: any(e.message == "step 300" for e in rec.of("progress")))
        return sub

    ex = Executor(services, works={**works.mapping(), Step.SCRAPE: chatty}, owner="o", scan_interval_s=0.5)
    ex.add_observer(rec)
    await run_idle(ex)
    scrape_progress = [e for e in rec.of("progress") if e.step is Step.SCRAPE]
    # At most ten a second over however long the updates really took, plus the first and the trailing one.
    assert 2 <= len(scrape_progress) <= spent[0] * 10 + 3
    assert scrape_progress[-1].message == "step 300"


async def test_observer_that_raises_does_not_stop_the_work(services):
    ids = await add_items(services, 2)

    class Broken:
        def job_did_finish(self, event):
            raise RuntimeError("bad view")

    ex = executor(services, FakeWorks())
    ex.add_observer(Broken())
    await run_idle(ex)
    assert await statuses(services, ids) == [Status.DRAFTED] * 2


async def test_resume_after_crash_takes_back_expired_and_orphaned_leases_only(services):
    ids = await add_items(services, 3)
    store = await services.store()
    leases = [
        Lease(owner="gone-host/1/x", until=utcnow() - timedelta(seconds=5)),  # expired
        Lease(owner=f"{socket.gethostname()}/999999999/x", until=utcnow() + timedelta(minutes=5)),  # killed
        Lease(owner="busy-host/1/x", until=utcnow() + timedelta(minutes=5)),  # alive elsewhere
    ]
    for sid, lease in zip(ids, leases, strict=False):
        sub = states.transition(await store.get(sid), Status.SCRAPING)
        await store.save(sub.model_copy(update={"lease": lease}))
    works = FakeWorks()
    await run_idle(executor(services, works))
    assert await statuses(services, ids) == [Status.DRAFTED, Status.DRAFTED, Status.SCRAPING]
    assert ids[2] not in works.calls_of(Step.SCRAPE)


async def test_failed_transient_item_found_at_start_is_retried(services):
    (sid,) = await add_items(services, 1)
    works = FakeWorks()
    works.fail[Step.SCRAPE] = [err("timeout")]
    sleep = VirtualSleep()
    # First run: fails, and (no budget) is left failed.
    await run_idle(executor(services, works, sleep=sleep, retry=RetryPolicy(max_attempts=1)))
    assert (await statuses(services, [sid])) == [Status.FAILED]
    # A new run with budget left takes it up again.
    await run_idle(executor(services, works, sleep=sleep, retry=RetryPolicy(max_attempts=3)))
    assert (await statuses(services, [sid])) == [Status.DRAFTED]


async def test_new_links_added_while_running_are_picked_up(services):
    works = FakeWorks(delay={Step.SCRAPE: 0.05, Step.DRAFT: 0.0, Step.PUBLISH: 0.0})
    ex = executor(services, works, scan_interval_s=60)  # only the store's change events can wake it
    await ex.start()
    try:
        await asyncio.wait_for(ex.wait_idle(), 5)
        ids = await add_items(services, 2)  # the store's change event clears the idle state
        await asyncio.wait_for(ex.wait_idle(), 5)
        assert await statuses(services, ids) == [Status.DRAFTED] * 2
    finally:
        await ex.stop()


async def test_stop_puts_running_items_back(services):
    ids = await add_items(services, 2)
    works = FakeWorks(block={Step.SCRAPE})
    ex = executor(services, works)
    await ex.start()
    await eventually(lambda: len(works.calls) >= 2)
    await ex.stop()
    assert await statuses(services, ids) == [Status.QUEUED] * 2 and works.open_resources == set()


@pytest.mark.qasync
async def test_runs_on_the_qasync_loop(services):
    ids = await add_items(services, 3)
    await run_idle(
        executor(services, FakeWorks(delay={Step.SCRAPE: 0.01, Step.DRAFT: 0.01, Step.PUBLISH: 0}))
    )
    assert await statuses(services, ids) == [Status.DRAFTED] * 3


async def test_an_unreadable_store_is_not_mistaken_for_an_idle_queue(services):
    await add_items(services, 1)
    ex = executor(services, FakeWorks(), scan_interval_s=0.05)
    await ex.start()
    try:
        await asyncio.wait_for(ex.wait_idle(), 5)
        await (await services.store()).close()  # every read now fails with store_unavailable
        for _ in range(3):  # several failed scans, none of them mistaken for an empty queue
            await asyncio.wait_for(ex.scanned(), 5)
            assert not ex._idle.is_set()
    finally:
        await ex.stop()


async def test_a_restarted_executor_scans_again_before_calling_itself_idle(services):
    works = FakeWorks()
    ex = executor(services, works)
    await run_idle(ex)  # empty queue: idle, then stopped
    ids = await add_items(services, 2)
    await run_idle(ex)
    assert await statuses(services, ids) == [Status.DRAFTED] * 2


async def test_a_captcha_paused_marketplace_waits_instead_of_failing(services):
    """Items of a marketplace under a captcha pause are neither started nor failed; others go on."""
    store = await services.store()
    from pigmeu_desktop.core.ports import NewLink

    paused = {"amazon.com.br"}
    br = await add_items(services, 3)
    (us,) = [
        o.id
        for o in await store.add_links(
            [NewLink("https://www.amazon.com/dp/B000000099", "B000000099", "amazon.com", "x")]
        )
    ]
    works = FakeWorks()
    ex = executor(
        services, works, scrape_pause_of=lambda m: {"paused_until": "later"} if m in paused else None
    )
    await asyncio.wait_for(ex.run_until_idle(), 20)
    assert works.calls_of(Step.SCRAPE) == [us]
    assert await statuses(services, br) == [Status.QUEUED] * 3
    paused.clear()  # the editor solved the captcha: the next periodic scan picks the items up
    await eventually(lambda: _all_drafted(services, br))
    await ex.stop()
    assert sorted(works.calls_of(Step.SCRAPE)) == sorted([us, *br])
    assert await statuses(services, br) == [Status.DRAFTED] * 3


async def _all_drafted(services, ids) -> bool:
    return await statuses(services, ids) == [Status.DRAFTED] * len(ids)


async def test_items_already_waiting_when_a_captcha_arrives_are_held_back(services):
    ids = await add_items(services, 4)
    works = FakeWorks()
    paused: set[str] = set()

    real_scrape = works.mapping()[Step.SCRAPE]

    async def scrape_then_captcha(svc, sub, *, progress, **options):
        result = await real_scrape(svc, sub, progress=progress, **options)
        paused.add("amazon.com.br")  # the first page was fine; Amazon now wants a captcha
        return result

    mapping = {**works.mapping(), Step.SCRAPE: scrape_then_captcha}
    ex = Executor(
        services,
        works=mapping,
        owner="test-owner",
        scan_interval_s=0.5,
        scrape_pause_of=lambda m: m in paused,
    )
    ex.set_limit(Step.SCRAPE, 1)
    await run_idle(ex)
    states = await statuses(services, ids)
    assert states.count(Status.QUEUED) == 3 and Status.FAILED not in states


_LAZY_STEP_MODULE = """
import threading

from pigmeu_desktop.core.states import Step
from tests.jobs.conftest import _result

IMPORTED_IN = threading.current_thread()


async def scrape(services, sub, *, progress, **options):
    return _result(Step.SCRAPE, sub)
"""


async def test_a_steps_modules_load_in_a_worker_thread_when_its_first_item_comes(tmp_path, monkeypatch):
    """Nothing to scrape, nothing loaded (a queue of drafts never pays for the SDKs); the first item
    loads the step's module off the loop, then the app's heap freeze runs (once per loaded step)."""
    import sys
    import threading
    import uuid

    from pigmeu_desktop.jobs.pipeline import LazyWork

    name = f"lazy_step_{uuid.uuid4().hex}"
    (tmp_path / f"{name}.py").write_text(_LAZY_STEP_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    services = make_services(tmp_path)
    works = FakeWorks().mapping()
    works[Step.SCRAPE] = LazyWork(name, "scrape")
    loaded: list[set[str]] = []
    ex = Executor(
        services, works=works, owner="test-owner", after_warm_up=lambda: loaded.append(set(sys.modules))
    )
    await ex.start()
    try:
        await asyncio.wait_for(ex.scanned(), 20)
        assert name not in sys.modules and loaded == []
        (sid,) = await add_items(services, 1)
        await asyncio.wait_for(ex.run_until_idle(), 20)
        assert sys.modules[name].IMPORTED_IN is not threading.main_thread()
        assert len(loaded) == 1 and name in loaded[0]  # the fake draft step is no LazyWork
        assert await statuses(services, [sid]) == [Status.DRAFTED]
    finally:
        await ex.stop()
        await services.aclose()
        sys.modules.pop(name, None)


async def test_after_a_release_the_queue_is_not_idle_until_the_released_item_ran(services):
    """The race `wait_idle()` had: an idle executor told to take an item again said "idle" at once."""
    (sid,) = await add_items(services, 1)
    works = FakeWorks()
    ex = executor(services, works, scan_interval_s=60)  # no periodic scan to hide the race
    ex.cancel(sid)  # held by the editor before it ever ran
    await ex.start()
    try:
        await asyncio.wait_for(ex.wait_idle(), 10)
        assert works.calls == []
        ex.release(sid)
        await asyncio.wait_for(ex.wait_idle(), 10)
        assert await statuses(services, [sid]) == [Status.DRAFTED]
    finally:
        await ex.stop()


async def test_after_a_resume_the_queue_is_not_idle_until_the_waiting_work_ran(services):
    works = FakeWorks()
    ex = executor(services, works, scan_interval_s=60, scrape_pause_of=lambda m: False)
    await ex.start()
    try:
        await asyncio.wait_for(ex.wait_idle(), 10)  # an empty queue
        ex.pause()
        ids = await add_items(services, 2)
        await asyncio.wait_for(ex.scanned(), 10)
        assert works.calls == [] and len(ex.jobs()) == 2  # seen, waiting: paused
        ex.resume()
        await asyncio.wait_for(ex.wait_idle(), 10)
        assert await statuses(services, ids) == [Status.DRAFTED] * 2
    finally:
        await ex.stop()


async def test_stop_returns_when_a_scan_is_requested_in_the_same_turn(services):
    """A change arriving just as the executor stops (the event set and the cancel in one loop turn) must not
    keep the scan loop alive: on Python 3.11, wait_for swallows a cancel that races its event, and stop()
    then waited for the scan loop forever (a test run hung at exit of this very situation)."""
    ex = executor(services, FakeWorks(), scan_interval_s=60.0)
    await ex.start()
    await ex.scanned()  # the scan loop now waits for the next request
    ex.request_scan()  # the event is set...
    stopping = asyncio.ensure_future(ex.stop())  # ...and stop() cancels in the same turn
    done, _ = await asyncio.wait({stopping}, timeout=10)
    if not done:  # leave nothing running behind a failed test
        ex._scan_task.cancel()
        await asyncio.wait({stopping}, timeout=10)
    assert done == {stopping}, "stop() did not return: the scan loop ignored its cancel"
