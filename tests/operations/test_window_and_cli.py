"""Each shared operation run once through the window and once through `pigmeu`: the same result both ways."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Book, Draft, ErrorInfo, Lease, WordPressRef, utcnow
from pigmeu_desktop.core.ports import SubmissionStore
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.intake import ShortLinkResolver, add_text
from pigmeu_desktop.services.wordpress.hashing import content_hash
from pigmeu_desktop.settings.schema import Settings

Seed = Callable[[SubmissionStore], Awaitable[str]]
DRAFT = Draft(title="Resenha", excerpt="Um box.", body_markdown="texto")


async def _queued(store: SubmissionStore) -> str:
    (outcome,) = await add_text(
        store, ["8565042472"], default_marketplace="amazon.com.br", resolver=ShortLinkResolver()
    )
    assert outcome.id is not None
    return outcome.id


async def _walk(store: SubmissionStore, *targets: Status, **update) -> str:
    sub = await store.get(await _queued(store))
    for target in targets[:-1]:
        sub = transition(sub, target)
    sub = sub.model_copy(update=update)
    if targets[-1] is Status.FAILED:
        return (await store.save(transition(sub, Status.FAILED, error=update.get("error")))).id
    return (await store.save(transition(sub, targets[-1]))).id


TO_DRAFTED = (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING, Status.DRAFTED)
TO_PUBLISHED = (*TO_DRAFTED, Status.APPROVED, Status.PUBLISHING, Status.PUBLISHED)


async def drafted(store: SubmissionStore) -> str:
    return await _walk(store, *TO_DRAFTED, book=Book(title="O Essencial"), draft=DRAFT)


async def published(store: SubmissionStore, *, changed: bool) -> str:
    ref = WordPressRef(
        site_url="http://wp.local", post_id=7, link="http://wp.local/?p=7", content_hash=content_hash(DRAFT)
    )
    draft = DRAFT.model_copy(update={"excerpt": "Um box revisto."}) if changed else DRAFT
    return await _walk(store, *TO_PUBLISHED, draft=draft, wordpress=ref)


async def scraping_elsewhere(store: SubmissionStore) -> str:
    """An item `pigmeu run` (or another app) is scraping now, under its live lease."""
    lease = Lease(owner="elsewhere/4242/abcd1234", until=utcnow() + timedelta(minutes=5))
    return await _walk(store, Status.SCRAPING, lease=lease)


async def failed_scrape(store: SubmissionStore) -> str:
    error = ErrorInfo(code="timeout", message="Amazon did not answer.", step="scrape", attempts=5)
    return await _walk(store, Status.SCRAPING, Status.FAILED, error=error)


class CliDriver:
    """Acts through `pigmeu ... --json` in this process, on the same data folder."""

    def __init__(self, home, run_cli) -> None:
        self.home, self.run_cli = home, run_cli

    def seed(self, make: Seed) -> str:
        return asyncio.run(self._on_store(make))

    async def _on_store(self, fn):
        services = Services(AppPaths.under(self.home).ensure(), Settings(), env={})
        try:
            return await fn(await services.store())
        finally:
            await services.aclose()

    def _call(self, *argv: str):
        code, out, _ = self.run_cli("--json", *argv)
        return json.loads(out) if code == 0 else json.loads(out)["error"]["code"]

    def add(self, text: str) -> list[tuple[str, str | None]]:
        _code, out, _ = self.run_cli("add", "--json", text)
        return [(row["result"], row.get("amazon_url")) for row in json.loads(out)]

    def approve(self, sid: str) -> str | None:
        result = self._call("approve", sid)
        return result if isinstance(result, str) else None

    def retry(self, sid: str) -> str | None:
        result = self._call("retry", sid)
        return result if isinstance(result, str) else None

    def delete(self, sid: str) -> str | None:
        result = self._call("delete", sid)
        return result if isinstance(result, str) else None

    def stop(self, sid: str) -> str | None:
        result = self._call("stop", sid)
        return result if isinstance(result, str) else None

    def export(self, path) -> int:
        return self._call("export", str(path))["items"]

    def show(self, sid: str) -> dict:
        doc = self._call("show", sid)
        return {
            "status": doc["status"],
            "changed": doc["changed_since_publish"],
            "events": [a["event"] for a in doc["activity"]],
        }

    def state(self, sid: str) -> tuple[str, list[str]] | None:
        async def read(store):
            rows = {r.id for r in await store.list_summaries()}
            if sid not in rows:
                return None
            return str((await store.get(sid)).status), [a.event for a in await store.list_activity(sid)]

        return asyncio.run(self._on_store(read))


class WindowDriver:
    """Acts through the main window's actions, as the editor does (select the row, press the action)."""

    def __init__(self, request, home) -> None:
        from pigmeu_desktop.jobs.executor import Executor
        from pigmeu_desktop.ui.i18n import install_translator
        from pigmeu_desktop.ui.main_window import MainWindow
        from tests.jobs.conftest import FakeWorks

        self.qtbot = request.getfixturevalue("qtbot")
        self.run_async = request.getfixturevalue("run_async")
        install_translator(request.getfixturevalue("qapp"), "en")
        self.services = Services(AppPaths.under(home).ensure(), Settings(), env={})
        self.store = self.run_async(self.services.store())
        # The queue's controls, never started: what an action asks of it is all that happens.
        self.executor = Executor(self.services, works=FakeWorks().mapping())
        self.window = MainWindow(self.services, self.store, self.executor)
        self.qtbot.addWidget(self.window)
        self.window.show()

    def close(self) -> None:
        from tests.support.qt_teardown import close_if_alive

        close_if_alive(self.window)
        self.run_async(self.services.aclose())

    def seed(self, make: Seed) -> str:
        return self.run_async(make(self.store))

    def _select(self, sid: str) -> None:
        window = self.window
        self.qtbot.waitUntil(lambda: window.model.row_of(sid) is not None)
        window.table.clearSelection()
        window.table.selectRow(window.model.row_of(sid))
        self.qtbot.waitUntil(lambda: window._current is not None and window._current.id == sid)

    def _press(self, sid: str, action) -> str | None:
        """Press `action` on the item; a disabled action says why in its tooltip (the CLI's error code)."""
        self._select(sid)
        if not action.isEnabled():
            return "invalid_transition"
        action.trigger()
        self.qtbot.waitUntil(lambda: not self.window._tasks.pending)
        return None

    def add(self, text: str) -> list[tuple[str, str | None]]:
        outcomes = self.run_async(self.window.add_links(text))
        return [(o.result, o.amazon_url) for o in outcomes]

    def approve(self, sid: str) -> str | None:
        return self._press(sid, self.window.approve_action)

    def retry(self, sid: str) -> str | None:
        return self._press(sid, self.window.retry_action)

    def delete(self, sid: str) -> str | None:
        return self._press(sid, self.window.delete_action)

    def stop(self, sid: str) -> str | None:
        return self._press(sid, self.window.stop_action)

    def export(self, path) -> int:
        """File → Export backup…, the file already chosen."""
        from pigmeu_desktop.ui.app_menus import install_app_menus

        menus = install_app_menus(self.window, self.services)
        return self.run_async(menus.export_to(path)).items

    def show(self, sid: str) -> dict:
        self._select(sid)
        details = self.window.details.toPlainText()
        sub = self.window._current
        events = [a.event for a in self.run_async(self.store.list_activity(sid))]
        return {"status": str(sub.status), "changed": "Changed since publish" in details, "events": events}

    def state(self, sid: str) -> tuple[str, list[str]] | None:
        rows = {r.id for r in self.run_async(self.store.list_summaries())}
        if sid not in rows:
            return None
        return str(self.run_async(self.store.get(sid)).status), [
            a.event for a in self.run_async(self.store.list_activity(sid))
        ]


@pytest.fixture(params=[pytest.param("window", marks=pytest.mark.gui), "cli"])
def via(request, pigmeu_home, monkeypatch):
    if request.param == "cli":
        yield CliDriver(pigmeu_home, request.getfixturevalue("run_cli"))
        return
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    driver = WindowDriver(request, pigmeu_home)
    yield driver
    driver.close()


def test_add_links(via):
    text = "https://www.amazon.com.br/Essencial/dp/8565042472?th=1 9788565042475 https://evil.example/dp/1"
    assert via.add(text) == [
        ("added", "https://www.amazon.com.br/dp/8565042472"),
        ("duplicate", "https://www.amazon.com.br/dp/8565042472"),
        ("rejected", None),
    ]


def test_approve_a_drafted_item(via):
    sid = via.seed(drafted)
    assert via.approve(sid) is None
    assert via.state(sid) == ("approved", ["added", "approved"])


def test_approve_a_published_item_whose_draft_changed_sends_the_update(via):
    sid = via.seed(lambda store: published(store, changed=True))
    assert via.approve(sid) is None
    assert via.state(sid) == ("approved", ["added", "approved"])


def test_approve_a_published_item_that_did_not_change_is_refused(via):
    sid = via.seed(lambda store: published(store, changed=False))
    assert via.approve(sid) == "invalid_transition"
    assert via.state(sid) == ("published", ["added"])


def test_approve_before_a_draft_exists_is_refused(via):
    sid = via.seed(_queued)
    assert via.approve(sid) == "invalid_transition"
    assert via.state(sid) == ("queued", ["added"])


def test_retry_a_failed_item_goes_back_to_its_step(via):
    sid = via.seed(failed_scrape)
    assert via.retry(sid) is None
    assert via.state(sid) == ("queued", ["added", "retried"])


def test_retry_of_an_item_that_did_not_fail_is_refused(via):
    sid = via.seed(drafted)
    assert via.retry(sid) == "invalid_transition"
    assert via.state(sid) == ("drafted", ["added"])


def test_stop_a_step_running_elsewhere_marks_it_stopped_until_a_retry(via):
    sid = via.seed(scraping_elsewhere)
    assert via.stop(sid) is None
    assert via.state(sid) == ("failed", ["added", "stopped"])
    assert via.retry(sid) is None
    assert via.state(sid) == ("queued", ["added", "stopped", "retried"])


def test_stop_when_nothing_runs_is_refused(via):
    sid = via.seed(drafted)
    assert via.stop(sid) == "invalid_transition"
    assert via.state(sid) == ("drafted", ["added"])


def test_delete(via):
    sid = via.seed(drafted)
    assert via.delete(sid) is None
    assert via.state(sid) is None


def test_export(via, tmp_path):
    sid = via.seed(drafted)
    backup = tmp_path / "backup.json"
    assert via.export(backup) == 1
    (item,) = json.loads(backup.read_text(encoding="utf-8"))["submissions"]
    assert (item["doc"]["_id"], item["doc"]["status"]) == (sid, "drafted")
    assert [entry["event"] for entry in item["history"]] == ["added"]


def test_show(via):
    sid = via.seed(lambda store: published(store, changed=True))
    assert via.show(sid) == {"status": "published", "changed": True, "events": ["added"]}


REFUSED = [
    pytest.param("approve", lambda store: published(store, changed=False), id="approve-unchanged-post"),
    pytest.param("approve", _queued, id="approve-without-draft"),
    pytest.param("retry", drafted, id="retry-not-failed"),
]


@pytest.mark.gui
@pytest.mark.parametrize(("action", "seed"), REFUSED)
def test_a_refused_action_says_the_shared_rule_in_the_windows_tooltip(request, pigmeu_home, action, seed):
    from pigmeu_desktop.operations.availability import Action, refusal
    from pigmeu_desktop.ui.refusals import refusal_text

    driver = WindowDriver(request, pigmeu_home)
    try:
        sid = driver.seed(seed)
        assert driver._press(sid, getattr(driver.window, f"{action}_action")) == "invalid_transition"
        sub = driver.run_async(driver.store.get(sid))
        refused = refusal(Action(action), sub, jobs=driver.executor)
        assert refused is not None
        tooltip = getattr(driver.window, f"{action}_action").toolTip()
        assert tooltip == refusal_text(refused, driver.window.model.status_label)
        assert driver.window.model.status_label(sub.status) in tooltip
    finally:
        driver.close()


@pytest.mark.parametrize(("action", "seed"), REFUSED)
def test_a_refused_action_is_the_shared_rules_coded_error_in_the_cli(pigmeu_home, run_cli, action, seed):
    from pigmeu_desktop.operations.availability import Action, refusal

    cli = CliDriver(pigmeu_home, run_cli)
    sid = cli.seed(seed)
    code, out, _ = run_cli("--json", action, sid)
    error = json.loads(out)["error"]
    sub = cli.seed(lambda store: store.get(sid))
    refused = refusal(Action(action), sub)
    assert refused is not None
    assert code == 1 and error["code"] == "invalid_transition"
    assert (error["message"], error.get("next_step")) == (refused.message, refused.error().next_step)
