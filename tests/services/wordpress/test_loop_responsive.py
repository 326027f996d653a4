"""Publishing keeps the event loop (the GUI) responsive, and the cover is fetched by URL when its file is gone."""

from __future__ import annotations

import asyncio
import http.server
import threading
from typing import Self

import pytest
import pytest_asyncio

from tests.services.wordpress.wp_helpers import SiteReader, cover_file, make_submission

pytestmark = [pytest.mark.wordpress, pytest.mark.slow]

# ~430 KB of Markdown with an Amazon link per paragraph: rendering + sanitising it takes ~0.5 s of CPU.
PARAGRAPH = (
    "Um clássico de *Machado de Assis*, com [link](https://www.amazon.com.br/dp/8535914846/ref=x) e "
    "**narrador** pouco confiável. Capitu e Bentinho.\n\n"
)
LONG_BODY = PARAGRAPH * 3000


@pytest_asyncio.fixture
async def reader(wp_site):
    r = SiteReader(wp_site.url, wp_site.admin.auth)
    yield r
    await r.aclose()


@pytest.mark.asyncio
async def test_rendering_a_long_review_does_not_hold_the_loop(
    wp_env, make_services, reader, tmp_path, monkeypatch
):
    assert not type(asyncio.get_running_loop()).__module__.startswith("qasync")
    await _publish_long_review_off_the_loop(wp_env, make_services, reader, tmp_path, monkeypatch)


@pytest.mark.qasync
@pytest.mark.asyncio
async def test_rendering_a_long_review_does_not_hold_the_gui_loop(
    wp_env, make_services, reader, tmp_path, monkeypatch
):
    # The GUI's loop: qasync, whose default executor runs to_thread work on Qt threads.
    assert type(asyncio.get_running_loop()).__module__.startswith("qasync")
    await _publish_long_review_off_the_loop(wp_env, make_services, reader, tmp_path, monkeypatch)


async def _publish_long_review_off_the_loop(wp_env, make_services, reader, tmp_path, monkeypatch) -> None:
    """Rendering + sanitising a long review (~0.5 s of CPU) must run on a worker thread, never the loop's.

    How smooth the loop stays is a measurement (tests/perf/bench_publish.py --loop); this test checks
    the property that makes it so, on the real publisher against the real WordPress.
    """
    from pigmeu_desktop.services.wordpress import publisher as publisher_module

    loop_thread = threading.get_ident()
    ran_on: list[int] = []
    real = publisher_module.prepare_post_text

    def recording(*args, **kwargs):
        ran_on.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(publisher_module, "prepare_post_text", recording)
    services = make_services(wp_env)
    try:
        sub = make_submission(tmp_path, body=LONG_BODY)
        outcome = await services.publisher.publish(sub, status="publish")
        sub = sub.model_copy(update={"wordpress": outcome.ref})
        again = await services.publisher.publish(sub, status="publish")  # an update of the same post
    finally:
        await services.aclose()
    assert again.ref.post_id == outcome.ref.post_id
    assert len(ran_on) == 2 and loop_thread not in ran_on
    post = await reader.post(outcome.ref.post_id)
    assert post["content"]["raw"].count("tag=pigmeu-20") >= 3000


class _CoverServer:
    """A local image host: serves one JPEG at /cover.jpg and counts the downloads."""

    def __init__(self, data: bytes) -> None:
        self.hits = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.hits += 1
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_port}/cover.jpg"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.mark.asyncio
async def test_missing_cover_file_is_downloaded_from_its_url_and_uploaded(
    wp_env, make_services, reader, tmp_path
):
    image = cover_file(tmp_path / "source.jpg", size=(300, 450)).read_bytes()
    with _CoverServer(image) as host:
        # Covers come only from Amazon's image hosts: the local server stands in for one, as the
        # browser's host rules map it (the cover downloads follow the same rules).
        port = host.url.split(":")[2].split("/")[0]
        services = make_services(
            {
                **wp_env,
                "PIGMEU_BROWSER_ARGS": f'--host-resolver-rules="MAP m.media-amazon.com 127.0.0.1:{port}"',
            }
        )
        cover_url = "http://m.media-amazon.com/cover.jpg"
        try:
            subs = []
            for _ in range(2):
                sub = make_submission(tmp_path)
                gone = sub.book.model_copy(
                    update={"cover_path": str(tmp_path / "deleted.jpg"), "cover_url": cover_url}
                )
                subs.append(sub.model_copy(update={"book": gone}))
            outcomes = [await services.publisher.publish(s) for s in subs]
            assert host.hits >= 2  # each item's cover fetched (by the scraper's cache or the publisher)
        finally:
            await services.aclose()
    for outcome in outcomes:
        media = await reader.get(f"media/{outcome.ref.media_id}")
        assert media["media_type"] == "image" and media["media_details"]["width"] == 300
