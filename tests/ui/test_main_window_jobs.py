"""The main window driving the real executor (fake step works at our own port): progress on the row,
failures with Retry, Stop on a running step, and pausing the queue."""

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.states import Status, Step
from pigmeu_desktop.jobs.executor import Executor
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.main_window import MainWindow
from tests.jobs.conftest import FakeWorks, err
from tests.support.qt_teardown import close_if_alive

pytestmark = pytest.mark.gui


@pytest.fixture
def rig(qtbot, qapp, tmp_path, run_async):
    install_translator(qapp, "en")  # as the app does at start: English plural forms ("Stopped 2 steps")
    services = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), env={})
    store = run_async(services.store())
    works = run_async(_make_works())
    executor = Executor(services, works=works.mapping(), scan_interval_s=0.2)
    window = MainWindow(services, store, executor)
    qtbot.addWidget(window)
    window.show()
    run_async(executor.start())
    yield window, executor, works
    run_async(executor.stop())
    close_if_alive(window)
    run_async(services.aclose())


async def _make_works() -> FakeWorks:
    return FakeWorks()  # built inside the loop: it owns an asyncio.Event


def status_of(window, row=0):
    return window.model.summary_at(row).status


def test_a_pasted_link_flows_to_drafted_and_stops_for_review(qtbot, rig, run_async):
    window, _executor, works = rig
    works.delay[Step.SCRAPE] = 0.3
    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.work_bar.isVisible(), timeout=5000)
    assert "1 working" in window.work_label.text()
    qtbot.waitUntil(lambda: status_of(window) is Status.DRAFTED, timeout=10000)
    assert not window.work_bar.isVisible()
    assert window.model.summary_at(0).title == "Review of 8565042472"
    assert works.calls_of(Step.PUBLISH) == []  # waits for the editor


def test_a_failure_shows_its_reason_and_retry_runs_it_again(qtbot, rig, run_async):
    window, _executor, works = rig
    works.fail[Step.SCRAPE] = [err("not_a_book"), None]
    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(
        lambda: window.model.rowCount() == 1 and status_of(window) is Status.FAILED, timeout=10000
    )
    assert "This product is not a book" in window.statusBar().currentMessage()
    window.table.selectRow(0)
    qtbot.waitUntil(window.retry_action.isEnabled)
    assert "not_a_book" in window.details.toPlainText()
    assert (
        "Reading the Amazon page failed: This product is not a book" in window.details.toPlainText()
    )  # history
    window.retry_action.trigger()
    qtbot.waitUntil(lambda: status_of(window) is Status.DRAFTED, timeout=10000)
    # The history of the selected item follows it: the retry and the steps that ran after it, newest first.
    qtbot.waitUntil(lambda: "Draft written" in window.details.toPlainText(), timeout=5000)
    history = window.details.toPlainText().split("History", 1)[1]
    assert (
        history.index("Draft written")
        < history.index("Retry requested")
        < history.index("Added to the queue")
    )
    assert works.calls_of(Step.SCRAPE) == [window.model.summary_at(0).id] * 2


def test_stop_cancels_the_running_step_and_holds_the_item_until_retry(qtbot, rig, run_async):
    window, _executor, works = rig
    works.block.add(Step.SCRAPE)
    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(
        lambda: window.model.rowCount() == 1 and status_of(window) is Status.SCRAPING, timeout=10000
    )
    qtbot.waitUntil(lambda: window.model.progress_of(window.model.summary_at(0).id) is not None)
    assert window.model.data(window.model.index(0, 0)).endswith("10%")
    window.table.selectRow(0)
    qtbot.waitUntil(window.stop_action.isEnabled)
    window.stop_action.trigger()
    qtbot.waitUntil(lambda: status_of(window) is Status.QUEUED, timeout=10000)
    assert works.open_resources == set()  # the step's page/stream was closed
    qtbot.waitUntil(window.retry_action.isEnabled)
    works.block.clear()
    window.retry_action.trigger()
    qtbot.waitUntil(lambda: status_of(window) is Status.DRAFTED, timeout=10000)


def test_stop_all_stops_every_running_step_and_resume_carries_on(qtbot, rig, run_async):
    window, executor, works = rig
    assert not window.stop_all_action.isEnabled() and window.stop_all_button.isHidden()
    assert window.stop_all_action.toolTip() == "Nothing is running"
    works.block.add(Step.SCRAPE)
    run_async(window.add_links("8565042472 B0011UCPM4"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 2 and len(window._working) == 2, timeout=10000)
    assert window.stop_all_action.isEnabled() and window.stop_all_button.isVisible()
    window.stop_all_action.trigger()
    qtbot.waitUntil(lambda: {status_of(window, 0), status_of(window, 1)} == {Status.QUEUED}, timeout=10000)
    assert works.open_resources == set()  # both pages/streams were closed
    assert executor.paused and window.pause_action.isChecked() and "paused" in window.work_label.text()
    assert "Stopped 2 steps" in window.statusBar().currentMessage()
    assert window.pause_action.text() == "Resume queue"  # the button says what pressing it does now
    qtbot.waitUntil(lambda: not window.stop_all_action.isEnabled())
    works.block.discard(Step.SCRAPE)
    window.pause_action.trigger()  # Resume: nothing is held, both go on by themselves
    assert window.pause_action.text() == "Pause queue"
    qtbot.waitUntil(lambda: {status_of(window, 0), status_of(window, 1)} == {Status.DRAFTED}, timeout=10000)


def test_pause_starts_nothing_new_until_resumed(qtbot, rig, run_async):
    window, executor, works = rig
    window.pause_action.trigger()
    assert executor.paused and "paused" in window.work_label.text()
    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    run_async(executor.scanned())  # a whole scan saw the new item: it waits, nothing started
    assert status_of(window) is Status.QUEUED and works.calls == [] and len(executor.jobs()) == 1
    window.pause_action.trigger()
    qtbot.waitUntil(lambda: status_of(window) is Status.DRAFTED, timeout=10000)


class _CaptchaScraper:
    """Stands in for the scraper's editor-facing controls: pauses per marketplace and a captcha window."""

    def __init__(self) -> None:
        import asyncio

        self.paused: set[str] = set()
        self.opened: list[str] = []
        self.window = type("Window", (), {})()
        self.window.closed = asyncio.get_running_loop().create_future()

    def pause_of(self, marketplace):
        return {"paused_until": "soon"} if marketplace in self.paused else None

    async def open_visible(self, url):
        self.opened.append(url)
        self.window.closed.add_done_callback(lambda _f: self.paused.clear())
        return self.window

    async def aclose(self):
        pass


async def _make_scraper():
    return _CaptchaScraper()


def test_solve_captcha_opens_the_page_and_resumes_the_marketplace(qtbot, tmp_path, run_async):
    from pigmeu_desktop.core.errors import ScrapeError

    services = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), env={})
    store = run_async(services.store())
    scraper = run_async(_make_scraper())
    services.__dict__["scraper"] = scraper  # the composition root's slot, filled with the stand-in
    works = run_async(_make_works())
    mapping = works.mapping()
    real_scrape = mapping[Step.SCRAPE]

    async def scrape(svc, sub, *, progress, **options):
        if not scraper.opened:  # Amazon shows a captcha until the editor has solved it once
            scraper.paused.add(sub.marketplace)
            raise ScrapeError("Amazon asked for a captcha.", code="captcha")
        return await real_scrape(svc, sub, progress=progress, **options)

    executor = Executor(
        services,
        works={**mapping, Step.SCRAPE: scrape},
        scan_interval_s=0.2,
        scrape_pause_of=scraper.pause_of,
    )
    executor.set_limit(Step.SCRAPE, 1)
    window = MainWindow(services, store, executor)
    qtbot.addWidget(window)
    window.show()
    run_async(executor.start())
    try:
        run_async(window.add_links("8565042472 B0011UCPM4"))
        qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=5000)
        qtbot.waitUntil(lambda: Status.FAILED in {status_of(window, 0), status_of(window, 1)}, timeout=10000)
        failed_row = 0 if status_of(window, 0) is Status.FAILED else 1
        assert "bot check" in window.statusBar().currentMessage()
        for _ in range(2):  # whole scans: the other item must wait out the pause, not fail
            run_async(executor.scanned())
        assert status_of(window, 1 - failed_row) is Status.QUEUED
        window.table.selectRow(failed_row)
        qtbot.waitUntil(window.captcha_action.isEnabled)
        window.captcha_action.trigger()
        qtbot.waitUntil(lambda: scraper.opened == [window.model.summary_at(failed_row).amazon_url])
        assert not window.captcha_action.isEnabled()  # one window at a time
        scraper.window.closed.set_result(None)  # the editor solved it and closed the window
        qtbot.waitUntil(
            lambda: {status_of(window, 0), status_of(window, 1)} == {Status.DRAFTED}, timeout=10000
        )
    finally:
        run_async(executor.stop())
        window.close()
        run_async(services.aclose())


def test_saved_concurrency_reaches_the_running_executor(qtbot, rig):
    window, executor, _works = rig
    from pigmeu_desktop.ui.settings_dialog import SettingsDialog

    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.jobs.limits["scrape_concurrency"].setValue(5)
    dialog.jobs.limits["publish_concurrency"].setValue(2)
    assert dialog.save() is not None  # written to the file, then told to every running part
    assert executor.limits[Step.SCRAPE] == 5 and executor.limits[Step.PUBLISH] == 2
