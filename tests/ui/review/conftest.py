"""Review editor fixtures: services on a temporary home, a drafted item, the window on the qasync loop."""

from __future__ import annotations

from datetime import date

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Author, Book, Draft, Revision
from pigmeu_desktop.core.ports import NewLink
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.review.window import ReviewWindow
from tests.support.qt_teardown import close_if_alive

BODY = (
    "## Introdução\n\nSidarta, de Hermann Hesse, é um livro sobre a busca.\n\n"
    "## Sinopse sem spoilers\n\nUm jovem deixa a casa do pai.\n\n"
    "## Análise\n\nA prosa é simples.\n\n"
    "## Para quem é este livro\n\nPara quem gosta de romances de formação.\n\n"
    "## Veredito\n\nLeia. [Compre na Amazon](https://www.amazon.com.br/dp/8535914846)\n"
)


def make_book() -> Book:
    return Book(
        title="Sidarta",
        authors=[Author(name="Hermann Hesse")],
        publisher="Companhia das Letras",
        publication_date=date(2009, 5, 12),
        pages=200,
        isbn13="9788535914849",
        language="Português",
        description="Sidarta, filho de um brâmane, deixa a casa do pai em busca da iluminação.",
    )


def make_draft(**kw) -> Draft:
    values = {
        "title": "Resenha: Sidarta",
        "slug": "resenha-sidarta",
        "excerpt": "Sidarta, de Hermann Hesse, sem spoilers.",
        "meta_description": "Resenha de Sidarta, de Hermann Hesse: a busca de um jovem.",
        "focus_keyword": "sidarta",
        "body_markdown": BODY,
        "tags": ["Sidarta"],
        "categories": ["Resenhas"],
        "provider": "openai",
        "model": "gpt-4o-mini",
        "prompt_id": "book-review.pt-BR",
    }
    values.update(kw)
    return Draft(**values)


def discard(window) -> None:
    """Close a test's editor without saving what the test left unsaved (the loop is about to go)."""
    window.autosaver.pause()
    window.autosaver.dirty = False
    close_if_alive(window)
    window.deleteLater()


@pytest.fixture
def settings_for():
    def _make(**kw) -> Settings:
        values = {"editor_name": "Ana", "affiliate_tags": {"amazon.com.br": "pigmeu-20"}}
        values.update(kw)
        return Settings(**values)

    return _make


@pytest.fixture
def services(tmp_path, run_async, settings_for):
    made = []

    def _make(env=None, **settings) -> Services:
        s = Services(AppPaths.under(tmp_path / "home").ensure(), settings_for(**settings), env=env or {})
        made.append(s)
        return s

    yield _make
    for s in made:
        run_async(s.aclose())


async def add_drafted(
    store, draft: Draft | None = None, *, book: Book | None = None, asin: str = "8535914846"
):
    [outcome] = await store.add_links(
        [NewLink(f"https://www.amazon.com.br/dp/{asin}", asin, "amazon.com.br", asin)]
    )
    sub = await store.get(outcome.id)
    for target in (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING):
        sub = transition(sub, target)
    draft = draft or make_draft()
    sub = sub.model_copy(
        update={
            "book": book or make_book(),
            "draft": draft,
            "revisions": [Revision(n=1, author="ai:gpt-4o-mini", draft=draft, kind="ai")],
        }
    )
    return await store.save(transition(sub, Status.DRAFTED))


@pytest.fixture
def editor(qtbot, run_async, services):
    """(window, store, submission) with a drafted item open in the review window."""
    opened = []

    def _open(*, env=None, draft: Draft | None = None, **settings):
        s = services(env, **settings)
        store = run_async(s.store())
        sub = run_async(add_drafted(store, draft))
        window = ReviewWindow(s, store)
        window.show()  # not qtbot.addWidget: its teardown would close a window with unsaved text after the loop is gone
        run_async(window.open_item(sub.id))
        qtbot.waitUntil(lambda: window.checks_list.count() > 0)
        opened.append(window)
        return window, store, sub

    yield _open
    for w in opened:
        discard(w)
