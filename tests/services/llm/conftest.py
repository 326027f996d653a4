"""Fixtures for the drafting tests: a book, services pointed at the local OpenAI-compatible server."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Author, Book, Price, Submission
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.llm import AIChoice, GenerationOptions, RetryPolicy, create_drafter
from pigmeu_desktop.services.llm.clients import Timeouts
from pigmeu_desktop.settings.schema import Settings
from tests.support.fake_openai import DEFAULT_KEY, FakeOpenAI

AMAZON_URL = "https://www.amazon.com.br/dp/8535914846"
ASIN = "8535914846"


def page_options(language: str = "pt-BR", **ai) -> GenerationOptions:
    """The drafter's options for the test book's page; `ai`: provider, model, on_token, on_attempt."""
    return GenerationOptions(AMAZON_URL, ASIN, language, AIChoice(**ai))


def make_book(**overrides) -> Book:
    values = {
        "title": "Sidarta",
        "authors": [Author(name="Hermann Hesse", role="Autor")],
        "isbn10": "8535914846",
        "isbn13": "9788535914849",
        "publisher": "Companhia das Letras",
        "publication_date": date(2009, 5, 12),
        "language": "Português",
        "pages": 200,
        "binding": "Capa comum",
        "price": Price(amount=Decimal("49.90"), currency="BRL"),
        "rating": 4.7,
        "rating_count": 3120,
        "description": "Sidarta, filho de um brâmane, deixa a casa do pai em busca da iluminação.",
        "categories": ["Literatura", "Ficção"],
    }
    values.update(overrides)
    return Book(**values)


def make_submission(**overrides) -> Submission:
    values = {
        "amazon_url": AMAZON_URL,
        "asin": ASIN,
        "marketplace": "amazon.com.br",
        "status": Status.DRAFTING,
        "book": make_book(),
    }
    values.update(overrides)
    return Submission(**values)


class Sleeps:
    """Injected sleep: records what the retry policy asked for and waits only a token amount."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread():
    """WORKAROUND: Qt objects left in reference cycles by earlier qasync/GUI tests must be freed here,
    on the main thread. Otherwise the collector may run inside one of this test's worker threads
    (the fake server's, the store's) and Qt warns "Timers cannot be stopped from another thread",
    which fails the test under qt_log_level_fail."""
    import gc

    gc.collect()
    yield
    gc.collect()


@pytest.fixture
def book() -> Book:
    return make_book()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_services(tmp_path):
    """Services with the given settings and env; every server address comes from the arguments."""

    built: list[Services] = []

    def _make(*, env: dict[str, str] | None = None, **settings) -> Services:
        services = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(**settings), env or {})
        built.append(services)
        return services

    return _make


def fake_env(server: FakeOpenAI, *, key: str = DEFAULT_KEY) -> dict[str, str]:
    return {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": key}


@pytest.fixture
def drafter_for(sleeps):
    """A drafter for `services` with fast retries (recorded sleeps) and a short read timeout."""
    made = []

    def _make(services: Services, *, attempts: int = 3, read_timeout: float = 2.0):
        retry = RetryPolicy(attempts=attempts, base_delay=0.01, max_delay=0.05, sleep=sleeps)
        drafter = create_drafter(
            services,
            retry=retry,
            timeout=Timeouts(connect=2.0, read=read_timeout, write=read_timeout, pool=read_timeout),
        )
        made.append(drafter)
        return drafter

    yield _make
    # Closed by each test (async); nothing to do here synchronously.


async def close_all(*things) -> None:
    for thing in things:
        await thing.aclose()


def prompt_messages(book: Book, language: str = "pt-BR") -> list[dict[str, str]]:
    """The messages the shipped prompt produces for `book` (what the server would receive)."""
    import json

    from pigmeu_desktop.paths import resources_dir
    from pigmeu_desktop.services.llm.prompts import Prompt, review_messages

    path = resources_dir() / "prompts" / f"book-review.{language}.json"
    return review_messages(Prompt(json.loads(path.read_text(encoding="utf-8"))), book)


def canned_review(book: Book | None = None) -> str:
    """A valid answer for the shipped pt-BR prompt, to queue as Fault.reply with chosen usage."""
    from tests.support.fake_openai import review_responder

    return review_responder(
        {"messages": prompt_messages(book or make_book()), "response_format": {"type": "json_object"}}
    )
