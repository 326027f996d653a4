"""Presence and edit claims over a real Redis: seen by the other app, taken over, expired when an app dies."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid

import pytest
import pytest_asyncio

from pigmeu_desktop.services.sync.presence import PresenceEventKind, PresenceService

pytestmark = [pytest.mark.asyncio, pytest.mark.redis]

FAST = {"ttl_s": 1.0, "heartbeat_s": 0.2}  # expiry in a second instead of fifteen


async def until(predicate, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


@pytest_asyncio.fixture
async def team(redis_server):
    prefix = f"pigmeu-test-{uuid.uuid4().hex[:8]}"
    made: list[PresenceService] = []

    async def app(editor: str) -> PresenceService:
        service = PresenceService.from_url(
            redis_server.url, redis_server.password, editor=editor, prefix=prefix, **FAST
        )
        await service.start()
        made.append(service)
        return service

    app.prefix = prefix
    yield app
    for service in made:
        await service.aclose()


async def test_a_claim_is_seen_by_the_other_app_which_opens_the_item_read_only(team):
    ana, bia = await team("Ana"), await team("Bia")
    assert (await ana.open_item("item-1")).editable
    await until(lambda: bia.claim_of("item-1") is not None)
    assert bia.claim_of("item-1").editor == "Ana"
    result = await bia.open_item("item-1")
    assert not result.editable and result.holder.editor == "Ana"
    await until(
        lambda: {(p.editor, p.open_item) for p in ana.presences()} == {("Ana", "item-1"), ("Bia", "item-1")}
    )
    await ana.open_item("item-2")  # Ana moves on: item-1 is free again
    await until(lambda: bia.claim_of("item-1") is None)
    assert (await bia.open_item("item-1")).editable


async def test_take_over_tells_the_holder_who_stops_editing(team):
    ana, bia = await team("Ana"), await team("Bia")
    heard = []
    ana.subscribe(heard.append)
    await ana.open_item("item-1")
    assert not (await bia.open_item("item-1")).editable
    await bia.take_over("item-1")
    await until(lambda: any(e.kind is PresenceEventKind.TAKEN_OVER for e in heard))
    taken = next(e for e in heard if e.kind is PresenceEventKind.TAKEN_OVER)
    assert (taken.item_id, taken.by) == ("item-1", "Bia")
    assert not ana.holds("item-1") and bia.holds("item-1")
    await until(lambda: ana.claim_of("item-1") is not None and ana.claim_of("item-1").editor == "Bia")
    assert not (await ana.open_item("item-1")).editable  # and Ana's next open is read-only


async def test_the_claims_of_an_app_that_dies_expire(team, redis_server):
    """A real process holding a claim is killed with SIGKILL: no goodbye, its claim expires by itself."""
    bia = await team("Bia")
    script = (
        "import asyncio, sys\n"
        "from pigmeu_desktop.services.sync.presence import PresenceService\n"
        "async def main():\n"
        f"    s = PresenceService.from_url({redis_server.url!r}, {redis_server.password!r}, editor='Ana',"
        f" prefix={team.prefix!r}, ttl_s=1.0, heartbeat_s=0.2)\n"
        "    await s.start()\n"
        "    await s.open_item('item-1')\n"
        "    print('ready', flush=True)\n"
        "    await asyncio.Event().wait()\n"
        "asyncio.run(main())\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        await until(lambda: bia.claim_of("item-1") is not None)
        assert not (await bia.open_item("item-1")).editable
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        await until(
            lambda: bia.claim_of("item-1") is None and all(p.editor != "Ana" for p in bia.presences())
        )
        assert (await bia.open_item("item-1")).editable
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


async def test_closing_lets_go_at_once(team):
    ana, bia = await team("Ana"), await team("Bia")
    await ana.open_item("item-1")
    await until(lambda: bia.claim_of("item-1") is not None)
    await ana.aclose()
    await until(lambda: bia.claim_of("item-1") is None)


async def test_the_review_editors_item_stays_claimed_while_the_selection_moves(team):
    ana, bia = await team("Ana"), await team("Bia")
    assert (await ana.open_item("item-1")).editable  # selected in the queue
    assert (await ana.pin("item-1")).editable  # and opened in the review editor
    await ana.open_item("item-2")  # the queue's selection moves on; the editor still has item-1
    assert ana.holds("item-1") and ana.holds("item-2")
    await until(lambda: bia.claim_of("item-1") is not None and bia.claim_of("item-2") is not None)
    assert not (await bia.pin("item-1")).editable  # Bia's editor: read-only

    await ana.unpin("item-2")  # not the editor's: the selection keeps it
    assert ana.holds("item-2")
    await ana.unpin("item-1")  # the editor closes: item-1 is let go
    assert not ana.holds("item-1")
    await until(lambda: bia.claim_of("item-1") is None)
    assert (await bia.pin("item-1")).editable

    await bia.take_over("item-2", pin=True)  # an editor's take-over is kept like a pin
    await bia.open_item(None)
    assert bia.holds("item-2") and bia.holds("item-1")
