"""run_step: claim under a lease, outcome saved with the right status, error, activity and version."""

from __future__ import annotations

import asyncio
import logging
import socket
from datetime import timedelta

import pytest

from pigmeu_desktop.core import states
from pigmeu_desktop.core.errors import ErrorCode, InvalidTransition, PigmeuError, StoreConflict
from pigmeu_desktop.core.models import Book, Lease, WordPressRef, utcnow
from pigmeu_desktop.core.states import Status, Step
from pigmeu_desktop.jobs.steps import LeaseHeld, LeaseLost, run_step
from tests.jobs.conftest import FakeWorks, add_items, err

pytestmark = pytest.mark.asyncio


async def _events(store, sid):
    return [(e.event, e.step, e.code) for e in await store.list_activity(sid)]


async def test_success_moves_to_done_state_saves_result_and_records_activity(services):
    (sid,) = await add_items(services, 1)
    store = await services.store()
    works = FakeWorks()
    seen = []

    async def scrape(svc, sub, *, progress):
        seen.append((sub.status, sub.lease.owner))  # the work sees the claimed item
        return await works.mapping()[Step.SCRAPE](svc, sub, progress=progress)

    saved = await run_step(services, sid, Step.SCRAPE, scrape, owner="me")
    assert seen == [(Status.SCRAPING, "me")]
    assert saved.status is Status.SCRAPED and saved.lease is None and saved.error is None
    assert saved.book.title.startswith("Book ")
    assert (await store.get(sid)).version == saved.version == 3  # added=1, claim=2, done=3
    assert ("step_finished", "scrape", None) in await _events(store, sid)


async def test_work_cannot_change_status_itself(services):
    (sid,) = await add_items(services, 1)

    async def sneaky(svc, sub, *, progress):
        return sub.model_copy(update={"status": Status.PUBLISHED})

    saved = await run_step(services, sid, Step.SCRAPE, sneaky, owner="me")
    assert saved.status is Status.SCRAPED


async def test_failure_records_error_and_counts_consecutive_attempts(services):
    (sid,) = await add_items(services, 1)
    store = await services.store()
    works = FakeWorks()
    works.fail[Step.SCRAPE] = [err("timeout"), err("timeout"), None]
    scrape = works.mapping()[Step.SCRAPE]
    for expected in (1, 2):
        with pytest.raises(PigmeuError) as caught:
            await run_step(services, sid, Step.SCRAPE, scrape, owner="me")
        assert caught.value.code is ErrorCode.TIMEOUT
        failed = await store.get(sid)
        assert failed.status is Status.FAILED and failed.lease is None
        assert (failed.error.step, failed.error.code, failed.error.attempts) == (
            "scrape",
            "timeout",
            expected,
        )
        assert failed.error.next_step  # the editor is told what to do
    # A failed item is retried from the start of its step by the runner itself.
    ok = await run_step(services, sid, Step.SCRAPE, scrape, owner="me")
    assert ok.status is Status.SCRAPED and ok.error is None
    # After a success the count starts again.
    works.fail[Step.DRAFT] = [err("llm_unavailable")]
    with pytest.raises(PigmeuError):
        await run_step(services, sid, Step.DRAFT, works.mapping()[Step.DRAFT], owner="me")
    assert (await store.get(sid)).error.attempts == 1


async def test_unexpected_exception_becomes_internal_error_with_traceback_logged(services, caplog):
    (sid,) = await add_items(services, 1)

    async def broken(svc, sub, *, progress):
        raise KeyError("oops")

    with caplog.at_level(logging.ERROR, logger="pigmeu.jobs.steps"), pytest.raises(PigmeuError) as caught:
        await run_step(services, sid, Step.SCRAPE, broken, owner="me")
    assert caught.value.code is ErrorCode.INTERNAL
    assert isinstance(caught.value.__cause__, KeyError)
    assert any(r.exc_info for r in caplog.records)
    failed = await (await services.store()).get(sid)
    assert failed.error.code == "internal_error"


async def test_cancel_puts_item_back_and_closes_the_work(services):
    (sid,) = await add_items(services, 1)
    store = await services.store()
    works = FakeWorks(block={Step.SCRAPE})
    task = asyncio.ensure_future(
        run_step(services, sid, Step.SCRAPE, works.mapping()[Step.SCRAPE], owner="me")
    )
    await works.started.wait()
    assert (await store.get(sid)).status is Status.SCRAPING
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    back = await store.get(sid)
    assert back.status is Status.QUEUED and back.lease is None
    assert works.open_resources == set() and len(works.closed_resources) == 1
    assert ("step_interrupted", "scrape", "cancelled") in await _events(store, sid)


async def test_live_lease_of_another_owner_is_refused(services):
    (sid,) = await add_items(services, 1)
    store = await services.store()
    sub = states.transition(await store.get(sid), Status.SCRAPING)
    sub = sub.model_copy(
        update={"lease": Lease(owner="other-host/1/x", until=utcnow() + timedelta(minutes=5))}
    )
    await store.save(sub)
    with pytest.raises(LeaseHeld) as caught:
        await run_step(services, sid, Step.SCRAPE, FakeWorks().mapping()[Step.SCRAPE], owner="me")
    assert caught.value.code is ErrorCode.STORE_CONFLICT
    assert (await store.get(sid)).lease.owner == "other-host/1/x"


@pytest.mark.parametrize(
    "owner, until",
    [
        ("other-host/1/x", timedelta(seconds=-1)),  # expired
        (f"{socket.gethostname()}/999999999/x", timedelta(minutes=5)),  # live, but its process is gone
    ],
    ids=["expired", "dead-process"],
)
async def test_expired_or_orphaned_lease_is_taken_up_again(services, owner, until):
    (sid,) = await add_items(services, 1)
    store = await services.store()
    sub = states.transition(await store.get(sid), Status.SCRAPING)
    await store.save(sub.model_copy(update={"lease": Lease(owner=owner, until=utcnow() + until)}))
    saved = await run_step(services, sid, Step.SCRAPE, FakeWorks().mapping()[Step.SCRAPE], owner="me")
    assert saved.status is Status.SCRAPED


async def test_two_claims_at_once_one_wins(services):
    (sid,) = await add_items(services, 1)
    works = FakeWorks(delay={Step.SCRAPE: 0.2, Step.DRAFT: 0, Step.PUBLISH: 0})
    results = await asyncio.gather(
        run_step(services, sid, Step.SCRAPE, works.mapping()[Step.SCRAPE], owner="a"),
        run_step(services, sid, Step.SCRAPE, works.mapping()[Step.SCRAPE], owner="b"),
        return_exceptions=True,
    )
    assert sum(isinstance(r, StoreConflict) for r in results) == 1
    assert len(works.calls) == 1


async def test_lease_is_renewed_while_the_step_runs(services):
    (sid,) = await add_items(services, 1)
    store = await services.store()
    untils = []

    async def slow(svc, sub, *, progress):
        for _ in range(6):
            await asyncio.sleep(0.1)
            untils.append((await store.get(sid)).lease.until)
        return sub

    await run_step(services, sid, Step.SCRAPE, slow, owner="me", lease_seconds=0.15)
    assert len(set(untils)) >= 3  # moved forward several times
    assert max(untils) > untils[0]


async def test_lost_lease_cancels_work_and_drops_its_result(services):
    (sid,) = await add_items(services, 1)
    store = await services.store()
    works = FakeWorks(block={Step.SCRAPE})
    task = asyncio.ensure_future(
        run_step(services, sid, Step.SCRAPE, works.mapping()[Step.SCRAPE], owner="me", lease_seconds=0.3)
    )
    await works.started.wait()
    # Another instance takes the item over (as if our lease had expired while the loop was stuck).
    cur = await store.get(sid)
    await store.save(
        cur.model_copy(update={"lease": Lease(owner="thief/1/x", until=utcnow() + timedelta(minutes=1))})
    )
    with pytest.raises(LeaseLost):
        await task
    assert works.open_resources == set()
    now = await store.get(sid)
    assert now.status is Status.SCRAPING and now.lease.owner == "thief/1/x" and now.book is None


async def test_a_stop_from_another_process_cancels_the_work_and_keeps_the_item_stopped(services):
    """`pigmeu stop` cannot reach this process's task: it takes the item; our renewal sees that."""
    from pigmeu_desktop import operations

    (sid,) = await add_items(services, 1)
    store = await services.store()
    works = FakeWorks(block={Step.SCRAPE})
    task = asyncio.ensure_future(
        run_step(services, sid, Step.SCRAPE, works.mapping()[Step.SCRAPE], owner="me", lease_seconds=0.3)
    )
    await works.started.wait()
    stopped = await operations.stop(store, sid, editor="Ana")  # no JobControl: as the CLI does
    with pytest.raises(LeaseLost):
        await task
    assert works.open_resources == set()
    now = await store.get(sid)
    assert (now.status, now.error.code, now.error.step, now.lease) == (
        Status.FAILED,
        "cancelled",
        "scrape",
        None,
    )
    assert now.version == stopped.version and now.book is None  # the work's result was dropped
    assert ("stopped", "scrape", None) in await _events(store, sid)


async def test_failure_keeps_what_the_work_saved_before_failing(services):
    """The publisher saves the post id as soon as WordPress answers; a later failure must not erase it,
    or a retry would create a second post."""
    (sid,) = await add_items(services, 1)
    store = await services.store()
    sub = await store.get(sid)
    for target in (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING, Status.DRAFTED, Status.APPROVED):
        sub = await store.save(states.transition(sub, target))

    async def publish(svc, claimed, *, progress):
        await store.save(
            claimed.model_copy(update={"wordpress": WordPressRef(site_url="http://wp", post_id=42)})
        )
        raise PigmeuError("media upload failed", code="wp_rest_unavailable")

    with pytest.raises(PigmeuError):
        await run_step(services, sid, Step.PUBLISH, publish, owner="me")
    failed = await store.get(sid)
    assert failed.status is Status.FAILED and failed.wordpress.post_id == 42


async def test_final_save_after_work_saved_midway_keeps_the_result(services):
    (sid,) = await add_items(services, 1)
    store = await services.store()

    async def scrape(svc, claimed, *, progress):
        mid = await store.save(claimed.model_copy(update={"source_url": "midway"}))
        return mid.model_copy(update={"book": Book(title="T")})

    saved = await run_step(services, sid, Step.SCRAPE, scrape, owner="me")
    assert saved.status is Status.SCRAPED and saved.source_url == "midway"


async def test_step_not_allowed_from_current_status(services):
    (sid,) = await add_items(services, 1)
    with pytest.raises(InvalidTransition):
        await run_step(services, sid, Step.PUBLISH, FakeWorks().mapping()[Step.PUBLISH], owner="me")
    assert (await (await services.store()).get(sid)).status is Status.QUEUED


async def test_accepts_an_id_prefix(services):
    (sid,) = await add_items(services, 1)
    saved = await run_step(services, sid[:12], Step.SCRAPE, FakeWorks().mapping()[Step.SCRAPE], owner="me")
    assert saved.id == sid and saved.status is Status.SCRAPED


async def test_error_data_keeps_short_facts_and_drops_the_raw_ai_text():
    from pigmeu_desktop.core.errors import LLMError
    from pigmeu_desktop.jobs.steps import error_data

    exc = LLMError(
        "bad",
        code="llm_bad_output",
        raw_output="x" * 5000,
        raw_output_path="/data/llm-raw/1.txt",
        attempts=2,
        nested={"a": 1},
    )
    assert error_data(exc) == {"raw_output_path": "/data/llm-raw/1.txt", "attempts": 2}
