"""Open Library / Google Books enrichment against a local stand-in of both APIs (real HTTP, no internet)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qs, urlsplit

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Author, Book, Submission
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.scraping import scrape_submission_from_html
from pigmeu_desktop.services.scraping.enrichment import Enricher
from pigmeu_desktop.settings.schema import Settings
from tests.support.amazon_server import free_port

ISBN13 = "9788565042475"
ISBN10 = "8565042472"
OL_PATH, GB_PATH = "/api/books", "/books/v1/volumes"


def openlibrary_body(isbn: str = ISBN13, **overrides) -> dict:
    """A `jscmd=data` answer as Open Library documents it (https://openlibrary.org/dev/docs/api/books)."""
    record = {
        "url": "https://openlibrary.org/books/OL26887125M/O_Essencial_da_Segunda_Guerra_Mundial",
        "key": "/books/OL26887125M",
        "title": "O Essencial da Segunda Guerra Mundial",
        "subtitle": "Caixa com 3 volumes",
        "authors": [
            {"url": "https://openlibrary.org/authors/OL2A/Winston_Churchill", "name": "Winston Churchill"}
        ],
        "number_of_pages": 408,
        "identifiers": {"isbn_10": [ISBN10], "isbn_13": [ISBN13], "openlibrary": ["OL26887125M"]},
        "publishers": [{"name": "Hunter Books"}],
        "publish_places": [{"name": "São Paulo"}],
        "publish_date": "March 6, 2017",
        "subjects": [
            {"name": "World War, 1939-1945", "url": "https://openlibrary.org/subjects/world_war"},
            {"name": "History", "url": "https://openlibrary.org/subjects/history"},
        ],
        "cover": {
            "small": "https://covers.openlibrary.org/b/id/8739161-S.jpg",
            "medium": "https://covers.openlibrary.org/b/id/8739161-M.jpg",
            "large": "https://covers.openlibrary.org/b/id/8739161-L.jpg",
        },
    }
    record.update(overrides)
    return {f"ISBN:{isbn}": record}


def googlebooks_body(isbn13: str = ISBN13, isbn10: str = ISBN10, **overrides) -> dict:
    """A `volumes?q=isbn:` answer as Google Books documents it (books/v1 Volume resource)."""
    info = {
        "title": "O Essencial da Segunda Guerra Mundial",
        "authors": ["Winston Churchill"],
        "publisher": "Hunter Books",
        "publishedDate": "2017-03-06",
        "description": "<p>A obra <b>definitiva</b> sobre a guerra.</p><p>Em três volumes.<br>Com mapas.</p>",
        "industryIdentifiers": [
            {"type": "ISBN_10", "identifier": isbn10},
            {"type": "ISBN_13", "identifier": isbn13},
        ],
        "pageCount": 408,
        "printType": "BOOK",
        "categories": ["History / Military / World War II"],
        "language": "pt",
        "imageLinks": {
            "smallThumbnail": "http://books.google.com/books/content?id=abc&printsec=frontcover&img=1&zoom=5&source=gbs_api",
            "thumbnail": "http://books.google.com/books/content?id=abc&printsec=frontcover&img=1&zoom=1&edge=curl&source=gbs_api",
        },
    }
    info.update(overrides)
    return {
        "kind": "books#volumes",
        "totalItems": 1,
        "items": [{"kind": "books#volume", "id": "abc", "volumeInfo": info}],
    }


NO_VOLUMES = {"kind": "books#volumes", "totalItems": 0}


class OpenDataServer:
    """Both APIs on one local port; per path a queue of (status, body, delay) answers, the last one sticky."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, list[str]]]] = []
        self.answers: dict[str, list[tuple[int, bytes, float]]] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                outer.requests.append((parts.path, parse_qs(parts.query)))
                queue = outer.answers.get(parts.path) or [(404, b'{"error": "not found"}', 0.0)]
                status, body, delay = queue.pop(0) if len(queue) > 1 else queue[0]
                time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, *args) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    def answer(self, path: str, body: dict | bytes | str, *, status: int = 200, delay: float = 0.0) -> None:
        raw = (
            body
            if isinstance(body, bytes)
            else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
        )
        self.answers.setdefault(path, []).append((status, raw, delay))

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def enricher(self, **kw) -> Enricher:
        return Enricher(openlibrary_url=self.url, googlebooks_url=self.url, **kw)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def opendata() -> Iterator[OpenDataServer]:
    with OpenDataServer() as server:
        yield server


def scraped(**fields) -> Book:
    """A book as the page parser left it: only what the page showed."""
    return Book(
        **{"title": "O Essencial da Segunda Guerra Mundial - Caixa com 3 Volumes", "isbn13": ISBN13, **fields}
    )


@pytest.mark.asyncio
async def test_open_library_fills_missing_fields_and_records_sources(opendata):
    opendata.answer(OL_PATH, openlibrary_body())
    opendata.answer(GB_PATH, googlebooks_body())
    book = await opendata.enricher().enrich(scraped(publisher="Hunter Books"))

    assert opendata.requests[0] == (
        OL_PATH,
        {"bibkeys": [f"ISBN:{ISBN13}"], "format": ["json"], "jscmd": ["data"]},
    )
    assert book.pages == 408 and book.publication_date == date(2017, 3, 6)
    assert book.authors == [Author(name="Winston Churchill")]
    assert book.cover_url == "https://covers.openlibrary.org/b/id/8739161-L.jpg"
    assert book.categories == ["World War, 1939-1945", "History"] and book.isbn10 == ISBN10
    # Google Books only for what Open Library did not have: description and language.
    assert opendata.requests[1] == (GB_PATH, {"q": [f"isbn:{ISBN13}"]})
    # Clean paragraphs as the page parser gives them (a <br> ends a paragraph there too).
    assert book.description == "A obra definitiva sobre a guerra.\n\nEm três volumes.\n\nCom mapas."
    assert book.language == "Portuguese"
    assert book.sources == {
        "authors": "openlibrary",
        "isbn10": "openlibrary",
        "publication_date": "openlibrary",
        "pages": "openlibrary",
        "cover_url": "openlibrary",
        "categories": "openlibrary",
        "description": "googlebooks",
        "language": "googlebooks",
    }
    # The page's own values: unchanged and without a source entry; the subtitle is already in the title.
    assert book.publisher == "Hunter Books" and book.subtitle is None and "title" not in book.sources
    assert book.warnings == []


@pytest.mark.asyncio
async def test_a_disagreeing_source_is_a_warning_and_the_page_value_stays(opendata):
    opendata.answer(
        OL_PATH,
        openlibrary_body(
            number_of_pages=410, publish_date="2016", publishers=[{"name": "Hunter Books Editora"}]
        ),
    )
    opendata.answer(GB_PATH, googlebooks_body(pageCount=412, publishedDate="2017-03-06"))
    page = scraped(
        pages=408,
        publisher="Hunter Books",
        publication_date=date(2017, 3, 6),
        authors=[Author(name="Winston S. Churchill", role="Autor")],
    )
    book = await opendata.enricher().enrich(page)

    assert (
        book.pages == 408 and book.publication_date == date(2017, 3, 6) and book.publisher == "Hunter Books"
    )
    assert book.authors == page.authors  # "Winston Churchill" agrees with "Winston S. Churchill"
    assert book.warnings == [
        "enrichment: openlibrary says publication_date=2016-01-01, page says 2017-03-06",
        "enrichment: openlibrary says pages=410, page says 408",
        "enrichment: googlebooks says pages=412, page says 408",
    ]
    assert not {"pages", "publisher", "publication_date", "authors"} & set(book.sources)


@pytest.mark.asyncio
async def test_a_year_only_source_date_agrees_with_a_full_page_date_of_that_year(opendata):
    opendata.answer(OL_PATH, openlibrary_body(publish_date="2017"))
    opendata.answer(GB_PATH, NO_VOLUMES)
    book = await opendata.enricher().enrich(scraped(publication_date=date(2017, 3, 6)))
    assert book.publication_date == date(2017, 3, 6) and book.warnings == []


@pytest.mark.asyncio
async def test_google_books_fills_when_open_library_has_nothing(opendata):
    opendata.answer(OL_PATH, {})  # Open Library's answer for an unknown ISBN
    opendata.answer(GB_PATH, googlebooks_body(subtitle="Edição de colecionador"))
    book = await opendata.enricher().enrich(scraped(isbn13=None, isbn10=ISBN10))

    assert opendata.requests[0][1]["bibkeys"] == [f"ISBN:{ISBN10}"]  # no ISBN-13: the ISBN-10
    assert book.pages == 408 and book.publication_date == date(2017, 3, 6)
    assert book.subtitle == "Edição de colecionador" and book.isbn13 == ISBN13
    assert book.cover_url.startswith("https://books.google.com/") and "edge=curl" not in book.cover_url
    assert set(book.sources.values()) == {"googlebooks"} and "pages" in book.sources
    assert book.warnings == []


@pytest.mark.asyncio
async def test_a_google_books_volume_with_another_isbn_is_ignored(opendata):
    opendata.answer(OL_PATH, {})
    opendata.answer(GB_PATH, googlebooks_body(isbn13="9780575090675", isbn10="0575090677"))
    page = scraped()
    book = await opendata.enricher().enrich(page)
    assert book.pages is None and book.sources == {} and book.warnings == []


@pytest.mark.asyncio
async def test_nothing_to_look_up_without_a_valid_isbn(opendata):
    for page in (scraped(isbn13=None), scraped(isbn13="9788565042476")):  # none; bad check digit
        assert await opendata.enricher().enrich(page) == page
    assert opendata.requests == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (500, b"<html>Internal Server Error</html>", "HTTP 500"),
        (429, b'{"error": {"code": 429}}', "HTTP 429"),
        (200, b'{"ISBN:9788565042475": {"title": "cut in the mid', "invalid JSON"),
        (200, b'["a list, not an object"]', "unexpected answer"),
    ],
)
async def test_a_failing_source_is_a_warning_and_the_other_still_fills(opendata, status, body, reason):
    opendata.answer(OL_PATH, body, status=status)
    opendata.answer(GB_PATH, googlebooks_body())
    book = await opendata.enricher().enrich(scraped())
    assert book.warnings == [f"enrichment: openlibrary unavailable ({reason})"]
    assert book.pages == 408 and book.sources["pages"] == "googlebooks"


@pytest.mark.asyncio
async def test_sources_down_or_hanging_leave_the_book_with_warnings_only():
    closed = f"http://127.0.0.1:{free_port()}"
    page = scraped(pages=408)
    book = await Enricher(openlibrary_url=closed, googlebooks_url=closed).enrich(page)
    assert book.warnings == [
        "enrichment: openlibrary unavailable (network error: ConnectError)",
        "enrichment: googlebooks unavailable (network error: ConnectError)",
    ]
    assert book.model_copy(update={"warnings": []}) == page

    with OpenDataServer() as slow:
        slow.answer(OL_PATH, openlibrary_body(), delay=6.0)
        slow.answer(GB_PATH, googlebooks_body(), delay=6.0)
        started = time.monotonic()
        book = await slow.enricher(timeout_s=0.3).enrich(page)
        # Gave up after its own timeouts, long before either slow answer (a wide margin for busy machines).
        assert time.monotonic() - started < 4.0
    assert book.warnings == [
        "enrichment: openlibrary unavailable (timeout)",
        "enrichment: googlebooks unavailable (timeout)",
    ]


@pytest.mark.asyncio
async def test_odd_shapes_in_an_answer_are_skipped_not_raised(opendata):
    opendata.answer(
        OL_PATH,
        openlibrary_body(
            authors="Winston Churchill",
            number_of_pages="many",
            publishers=None,
            subjects=[1, {"name": None}, "Guerra"],
            cover=["x"],
            publish_date={"y": 2017},
            identifiers=[],
        ),
    )
    opendata.answer(GB_PATH, NO_VOLUMES)
    book = await opendata.enricher().enrich(scraped())
    assert book.categories == ["Guerra"] and book.sources == {"categories": "openlibrary"}
    assert book.pages is None and book.authors == [] and book.warnings == []


# -- the hook in the scrape step ---------------------------------------------------------------

PAGE = "19-br-capa-comum-essencial-segunda-guerra-2022"


def claimed() -> Submission:
    return Submission(
        amazon_url=f"https://www.amazon.com.br/dp/{ISBN10}",
        asin=ISBN10,
        marketplace="amazon.com.br",
        status=Status.SCRAPING,
    )


def services(tmp_path, amazon, opendata, *, enrich: bool) -> Services:
    return Services(
        AppPaths.under(tmp_path / "home").ensure(),
        Settings(enrich_from_open_data=enrich),
        {
            "PIGMEU_BROWSER_ARGS": amazon.browser_args_env(),  # the cover comes from the local Amazon
            "PIGMEU_OPENLIBRARY_URL": opendata.url,
            "PIGMEU_GOOGLEBOOKS_URL": opendata.url,
        },
    )


@pytest.mark.asyncio
async def test_scrape_step_asks_nobody_when_the_setting_is_off(amazon, amazon_fixtures, opendata, tmp_path):
    svc = services(tmp_path, amazon, opendata, enrich=False)
    try:
        out = await scrape_submission_from_html(svc, claimed(), amazon_fixtures / f"{PAGE}.html")
    finally:
        await svc.aclose()
    assert out.book.isbn13 == ISBN13 and out.book.sources == {}
    assert opendata.requests == []


@pytest.mark.asyncio
async def test_scrape_step_enriches_when_the_setting_is_on(amazon, amazon_fixtures, opendata, tmp_path):
    opendata.answer(OL_PATH, openlibrary_body(subtitle="Edição de colecionador", number_of_pages=410))
    opendata.answer(GB_PATH, googlebooks_body())
    svc = services(tmp_path, amazon, opendata, enrich=True)
    seen: list[tuple[float | None, str]] = []
    try:
        out = await scrape_submission_from_html(
            svc, claimed(), amazon_fixtures / f"{PAGE}.html", progress=lambda f, m: seen.append((f, m))
        )
    finally:
        await svc.aclose()
    book = out.book
    assert book.pages == 408 and book.publisher == "Hunter Books"  # the page's values
    assert book.subtitle == "Edição de colecionador" and book.sources["subtitle"] == "openlibrary"
    assert "enrichment: openlibrary says pages=410, page says 408" in book.warnings
    assert book.cover_path  # the cover still downloads after enrichment
    messages = [m for _, m in seen]
    assert f"Looking up ISBN {ISBN13} on Open Library" in messages
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
