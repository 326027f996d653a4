"""Reading a book from Amazon, once through the window's queue and once through `pigmeu scrape`: the same book.

Both go through the real Chromium to the local "Amazon" (tests/support/amazon_server.py), which serves the
real amazon.com.br page kept in tests/fixtures.
"""

from __future__ import annotations

import asyncio
import json
import os

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.loader import load_effective_settings
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import save_settings
from tests.jobs.stand_ins import chromium
from tests.support.amazon_server import FIXTURES, AmazonServer
from tests.support.polling import eventually
from tests.support.real import missing_service

PAGE = "19-br-capa-comum-essencial-segunda-guerra-2022"
LINK = "https://www.amazon.com.br/dp/8565042472"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _through_cli(run_cli) -> str:
    code, out, err = run_cli("--json", "add", LINK)
    assert code == 0, out + err
    sid = json.loads(out)[0]["id"]
    code, out, err = run_cli("--json", "scrape", sid)
    assert code == 0, out + err
    return sid


def _through_window(request, home) -> str:
    """Drop the link on the queue of a running window; its executor reads the page (then drafts it)."""
    from pigmeu_desktop.jobs.executor import Executor
    from pigmeu_desktop.ui.main_window import MainWindow

    qtbot, run_async = request.getfixturevalue("qtbot"), request.getfixturevalue("run_async")
    paths = AppPaths.under(home).ensure()
    settings, env = load_effective_settings(paths, dict(os.environ))
    services = Services(paths, settings, env)
    store = run_async(services.store())
    executor = Executor(services)
    window = MainWindow(services, store, executor)
    qtbot.addWidget(window)
    window.show()
    try:
        run_async(executor.start())
        [outcome] = run_async(window.add_links(LINK))

        async def read() -> bool:
            return (await store.get(outcome.id)).status in (Status.SCRAPED, Status.DRAFTING, Status.DRAFTED)

        run_async(eventually(read, timeout=60, what="the queue read the page"))
        run_async(executor.stop())
        return outcome.id
    finally:
        window.close()
        run_async(services.aclose())


@pytest.mark.parametrize("via", [pytest.param("window", marks=pytest.mark.gui), "cli"])
def test_a_link_is_read_from_amazon_into_the_same_book(request, via, pigmeu_home, run_cli, monkeypatch):
    browser = chromium()
    if browser is None:
        missing_service("no Chromium executable on this machine")
    expected = json.loads((FIXTURES / f"{PAGE}.expected.json").read_text(encoding="utf-8"))["fields"]
    paths = AppPaths.under(pigmeu_home).ensure()
    save_settings(paths.settings_file, Settings(scrape_min_delay_s=0))
    with AmazonServer() as amazon:
        monkeypatch.setenv("PIGMEU_BROWSER", browser)
        monkeypatch.setenv("PIGMEU_BROWSER_ARGS", amazon.browser_args_env())
        sid = _through_window(request, pigmeu_home) if via == "window" else _through_cli(run_cli)
        assert amazon.page_requests()

    async def stored():
        services = Services(paths, Settings(), env={})
        try:
            return await (await services.store()).get(sid)
        finally:
            await services.aclose()

    run = request.getfixturevalue("run_async") if via == "window" else asyncio.run
    book = run(stored()).book
    assert book is not None
    assert (book.title, book.isbn13, book.publisher, book.pages) == (
        expected["title"],
        expected["isbn13"],
        expected["publisher"],
        expected["pages"],
    )
    assert [a.name for a in book.authors] == [a["name"] for a in expected["authors"]]
