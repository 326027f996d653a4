"""Cancel through the executor with the real services: the browser page and the LLM stream close."""

from __future__ import annotations

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core import states
from pigmeu_desktop.core.models import Book
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.jobs.executor import Executor
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from tests.jobs.conftest import add_items
from tests.jobs.stand_ins import chromium, review_with_short_tags
from tests.support.amazon_server import AmazonServer, Fault
from tests.support.fake_openai import DEFAULT_KEY, FakeOpenAI
from tests.support.polling import eventually

pytestmark = pytest.mark.asyncio


async def _wait(predicate, timeout: float = 20.0) -> None:
    await eventually(predicate, timeout=timeout)


@pytest.mark.browser
@pytest.mark.slow
async def test_cancel_mid_scrape_closes_the_browser_page(tmp_path):
    if chromium() is None:
        pytest.skip("no Chromium executable on this machine")
    with AmazonServer() as amazon:
        env = {"PIGMEU_BROWSER": chromium(), "PIGMEU_BROWSER_ARGS": amazon.browser_args_env()}
        services = Services(
            AppPaths.under(tmp_path / "home").ensure(),
            Settings(scrape_min_delay_s=0, browser_args=amazon.browser_args_env()),
            env,
        )
        try:
            (sid,) = await add_items(services, 1)
            asin = (await (await services.store()).get(sid)).asin
            amazon.inject(Fault.HANG, asin=asin)  # the page never answers: the step is mid-flight
            ex = Executor(services, owner="me")
            await ex.start()
            await _wait(lambda: amazon.page_requests())
            assert ex.cancel(sid)
            await _wait(lambda: sid not in ex.jobs())
            browser = await services.scraper.browser.browser()
            await _wait(lambda: browser.contexts == [], timeout=5)
            back = await (await services.store()).get(sid)
            assert back.status is Status.QUEUED and back.lease is None
            await ex.stop()
        finally:
            await services.aclose()


async def test_cancel_mid_draft_closes_the_llm_stream(tmp_path):
    with FakeOpenAI(responder=review_with_short_tags, chunk_size=4, token_delay=0.02) as llm:
        env = {"OPENAI_BASE_URL": llm.base_url, "OPENAI_API_KEY": DEFAULT_KEY}
        services = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(llm_provider="openai"), env)
        try:
            (sid,) = await add_items(services, 1)
            store = await services.store()
            sub = await store.get(sid)
            sub = await store.save(states.transition(sub, Status.SCRAPING))
            await store.save(
                states.transition(sub, Status.SCRAPED).model_copy(
                    update={"book": Book(title="Sidarta", description="Um livro.")}
                )
            )
            ex = Executor(services, owner="me")
            await ex.start()
            await _wait(lambda: llm.chat_requests and llm.chat_requests[0].chunks)
            assert ex.cancel(sid)
            await _wait(lambda: sid not in ex.jobs())
            [req] = llm.chat_requests
            assert llm.wait_for(lambda: req.disconnected, timeout=3), "the server kept streaming to nobody"
            back = await store.get(sid)
            assert back.status is Status.SCRAPED and back.draft is None
            await ex.stop()
        finally:
            await services.aclose()
