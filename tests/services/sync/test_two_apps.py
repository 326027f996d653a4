"""Two app processes on one backend (real Redis, the wire-protocol MongoDB): adds and edits appear in the
other, claims are seen, a take-over reaches the holder, and two saves of one draft make one conflict."""

from __future__ import annotations

import uuid

import pytest

from tests.support.team_client import TeamClientProcess

pytestmark = [pytest.mark.redis, pytest.mark.slow]

REPO = str(__import__("pathlib").Path(__file__).resolve().parents[3])


@pytest.fixture
def two_apps(redis_server, mongo_backend):
    db, prefix = mongo_backend.database(), f"pigmeu-two-{uuid.uuid4().hex[:8]}"
    apps = [
        TeamClientProcess(mongo_backend.uri, db, redis_server.url, redis_server.password, prefix, name, REPO)
        for name in ("Ana", "Bia")
    ]
    yield apps
    for app in apps:
        app.close()


def test_two_app_processes_share_the_queue_presence_and_the_conflict_rule(two_apps):
    ana, bia = two_apps
    # An add in one appears in the other (the change event the queue view reloads on).
    added = ana.call(op="add", asin="8565042472")
    heard = bia.expect(
        lambda m: m.get("event") == "change" and m["kind"] == "added" and m["ids"] == [added["id"]]
    )
    assert heard["t"] >= added["t0"]
    # An edit too.
    ana.call(op="edit", id=added["id"], title="Essencialismo")
    bia.expect(lambda m: m.get("event") == "change" and m["kind"] == "updated" and m["ids"] == [added["id"]])
    assert bia.call(op="get", id=added["id"])["title"] == "Essencialismo"

    # Presence: Ana's claim is seen by Bia, whose open is read-only; Bia takes over, Ana is told.
    assert ana.call(op="open", id=added["id"])["editable"]
    bia.expect(lambda m: m.get("event") == "claims" and m["claims"].get(added["id"]) == "Ana")
    opened = bia.call(op="open", id=added["id"])
    assert (opened["editable"], opened["holder"]) == (False, "Ana")
    bia.call(op="take_over", id=added["id"])
    taken = ana.expect(lambda m: m.get("event") == "taken_over")
    assert (taken["id"], taken["by"]) == (added["id"], "Bia")

    # Two saves of one draft, both made on the same loaded version: one conflict, no lost update.
    version = ana.call(op="get", id=added["id"])["version"]
    ana.send(op="edit", id=added["id"], title="Ana's title", version=version)
    bia.send(op="edit", id=added["id"], title="Bia's title", version=version)
    answers = [
        ana.expect(lambda m: m.get("ok") == "edit" or "conflict" in m),
        bia.expect(lambda m: m.get("ok") == "edit" or "conflict" in m),
    ]
    assert sorted("conflict" in a for a in answers) == [False, True]
    winner = "Ana's title" if "conflict" not in answers[0] else "Bia's title"
    final = ana.call(op="get", id=added["id"])
    assert (final["title"], final["version"]) == (winner, version + 1)  # the loser was told, not overwritten
