"""The details pane tells the editor when Amazon served another product than the link asked for, and when
the page missed core fields (with the kept page), in the interface language."""

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Author, Book
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.main_window import MainWindow
from tests.support.qt_teardown import close_if_alive

pytestmark = pytest.mark.gui


@pytest.fixture
def services(tmp_path, run_async):
    s = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), env={})
    yield s
    run_async(s.aclose())


def scraped(qtbot, run_async, services, window, book: Book) -> None:
    run_async(window.add_links("https://www.amazon.com/dp/B00AYQNR46"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    store = run_async(services.store())
    sub = transition(run_async(store.get(window.model.summary_at(0).id)), Status.SCRAPING)
    run_async(store.save(transition(sub.model_copy(update={"book": book}), Status.SCRAPED)))


@pytest.mark.parametrize(
    ("language", "another", "incomplete"),
    [
        (
            "en",
            "The link asked for B00AYQNR46, but Amazon served 193435659X",
            "Incomplete: missing authors, publication date",
        ),
        (
            "pt_BR",
            "O link pedia B00AYQNR46, mas a Amazon mostrou 193435659X",
            "Incompleto: faltam autores, data de publicação",
        ),
    ],
)
def test_another_product_and_missing_fields_are_shown(
    qtbot, qapp, services, run_async, language, another, incomplete
):
    install_translator(qapp, language)
    store = run_async(services.store())
    window = MainWindow(services, store)
    qtbot.addWidget(window)
    window.show()
    try:
        book = Book(
            title="Seven Languages in Seven Weeks",
            asin="193435659X",
            publisher="Pragmatic Bookshelf",
            kept_page="/data/pages/amazon.com-193435659X.html",
            warnings=["incomplete: missing authors, publication_date"],
        )
        scraped(qtbot, run_async, services, window, book)
        qtbot.waitUntil(
            lambda: window.model.rowCount() == 1 and window.model.summary_at(0).status is Status.SCRAPED
        )
        window.table.selectRow(0)
        qtbot.waitUntil(lambda: "193435659X" in window.details.toPlainText())
        text = window.details.toPlainText()
        assert another in text and incomplete in text
        assert "/data/pages/amazon.com-193435659X.html" in text
        # A book without either problem shows its page ASIN and nothing else.
        fine = book.model_copy(
            update={
                "asin": "B00AYQNR46",
                "warnings": [],
                "kept_page": None,
                "authors": [Author(name="Bruce Tate")],
            }
        )
        sub = run_async(store.get(window.selected_id()))
        run_async(store.save(sub.model_copy(update={"book": fine})))
        window.table.clearSelection()
        window.table.selectRow(0)
        qtbot.waitUntil(lambda: "Bruce Tate" in window.details.toPlainText())
        text = window.details.toPlainText()
        assert another not in text and incomplete not in text and "B00AYQNR46" in text
    finally:
        install_translator(qapp, "en")
        close_if_alive(window)
