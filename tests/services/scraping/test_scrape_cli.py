"""`pigmeu scrape` end to end: parse-only JSON contract, --html into the store, live via the real browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.polling import eventually_sync

F = "19-br-capa-comum-essencial-segunda-guerra-2022"
BOOK_FIELDS = {
    "title",
    "subtitle",
    "authors",
    "isbn10",
    "isbn13",
    "publisher",
    "publication_date",
    "language",
    "pages",
    "binding",
    "price",
    "rating",
    "rating_count",
    "description",
    "cover_url",
    "categories",
    "bestseller_rank",
    "scraped_at",
}


@pytest.fixture
def local_network(amazon, monkeypatch):
    """Browser and cover downloads both go to the local server (nothing leaves the machine)."""
    monkeypatch.setenv("PIGMEU_BROWSER_ARGS", amazon.browser_args_env())
    return amazon


def add(run_cli, link: str) -> str:
    code, out, _ = run_cli("add", "--json", link)
    assert code == 0, out
    return json.loads(out)[0]["id"]


def test_parse_only_prints_the_book_and_stores_nothing(run_cli, amazon_fixtures, local_network):
    expected = json.loads((amazon_fixtures / f"{F}.expected.json").read_text())
    code, out, _ = run_cli(
        "scrape", "--url", expected["url"], "--html", str(amazon_fixtures / f"{F}.html"), "--json"
    )
    assert code == 0, out
    payload = json.loads(out)
    assert payload["kind"] == "book"
    assert set(payload["book"]) >= BOOK_FIELDS
    assert payload["book"]["isbn13"] == expected["fields"]["isbn13"]
    assert payload["book"]["cover_path"] is None  # parse-only downloads nothing
    assert json.loads(run_cli("list", "--json")[1]) == []
    assert local_network.requests == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("06-com-captcha-robot-check-2024", "captcha"),
        ("07-com-404-dog-page", "not_found"),
        ("05-com-nonbook-relay-module-2024", "not_a_book"),
    ],
)
def test_parse_only_errors_are_typed_json_and_non_zero(run_cli, amazon_fixtures, name, code):
    url = json.loads((amazon_fixtures / f"{name}.expected.json").read_text())["url"]
    exit_code, out, _ = run_cli(
        "scrape", "--url", url, "--html", str(amazon_fixtures / f"{name}.html"), "--json"
    )
    assert exit_code == 1
    error = json.loads(out)["error"]
    assert error["code"] == code and error["message"]


def test_bad_invocations_are_rejected(run_cli, tmp_path):
    assert json.loads(run_cli("scrape", "--json")[1])["error"]["code"] == "invalid_input"
    code, out, _ = run_cli(
        "scrape", "--url", "https://example.com/x", "--html", str(tmp_path / "x.html"), "--json"
    )
    assert code == 1 and json.loads(out)["error"]["code"] == "not_amazon"


def test_scrape_id_from_saved_html_stores_the_book(run_cli, amazon_fixtures, local_network, tmp_path):
    item = add(run_cli, "https://www.amazon.com.br/dp/8565042472")
    code, out, _ = run_cli("scrape", item[:10], "--html", str(amazon_fixtures / f"{F}.html"), "--json")
    assert code == 0, out
    summary = json.loads(out)
    assert summary["status"] == "scraped" and summary["book"]["title"].startswith("O Essencial")
    assert summary["book"]["cover_path"]  # downloaded from the local server through the host rules
    shown = json.loads(run_cli("show", item, "--json")[1])
    assert shown["status"] == "scraped" and shown["book"]["isbn13"] == summary["book"]["isbn13"]
    # A missing file is a usage error and leaves the item alone.
    code, out, _ = run_cli("scrape", item, "--html", str(tmp_path / "missing.html"), "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_input"
    assert json.loads(run_cli("show", item, "--json")[1])["status"] == "scraped"


@pytest.mark.browser
@pytest.mark.slow
def test_scrape_id_live_through_the_real_browser(run_cli, local_network, chromium_path, monkeypatch):
    monkeypatch.setenv("PIGMEU_BROWSER", chromium_path)
    good = add(run_cli, "https://www.amazon.co.uk/dp/0575090677")
    gone = add(run_cli, "https://www.amazon.com/dp/0000000000")
    code, out, _ = run_cli("scrape", good, "--json")
    assert code == 0, out
    assert json.loads(out)["book"]["title"] == "Bone Silence"
    code, out, _ = run_cli("scrape", gone, "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "not_found"
    shown = json.loads(run_cli("show", gone, "--json")[1])
    assert shown["status"] == "failed" and shown["error"]["code"] == "not_found"
    assert {r.host for r in local_network.page_requests()} == {"www.amazon.co.uk", "www.amazon.com"}


@pytest.mark.browser
@pytest.mark.slow
def test_visible_window_saves_the_session_for_headless_scrapes(
    run_cli, local_network, chromium_path, monkeypatch, pigmeu_home, tmp_path
):
    """`pigmeu scrape --url U --visible` under a virtual screen; the "editor" closes the window."""
    import os
    import shutil
    import signal
    import subprocess
    import threading
    import time
    from pathlib import Path

    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed")
    display = f":{200 + os.getpid() % 500}"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    monkeypatch.setenv("DISPLAY", display)
    monkeypatch.setenv("PIGMEU_BROWSER", chromium_path)
    result: list = []
    try:
        time.sleep(0.3)
        runner = threading.Thread(
            target=lambda: result.append(
                run_cli(
                    "scrape",
                    "--url",
                    "https://www.amazon.com/solve-captcha/dp/3518366823",
                    "--visible",
                    "--json",
                )
            )
        )
        runner.start()
        state = pigmeu_home / "data" / "browser-profile" / "storage-state.json"
        eventually_sync(lambda: state.exists() and "session-token" in state.read_text(), timeout=30)
        # The editor closes the window: the headed browser (ours, found by its profile dir) exits.
        # Chromium rewrites its title, so the command line is matched as one string.
        marker = f"--user-data-dir={pigmeu_home / 'data' / 'browser-profile'}".encode()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
                except OSError:
                    continue
                if marker in cmd and b"--type=" not in cmd:
                    os.kill(int(entry.name), signal.SIGTERM)
        runner.join(timeout=30)
    finally:
        xvfb.kill()
        xvfb.wait()
    assert result and result[0][0] == 0, result
    cookies = json.loads(state.read_text())["cookies"]
    assert ("session-token", "solved") in {(c["name"], c["value"]) for c in cookies}
    assert json.loads(result[0][1])["saved"] == str(state)
    # A later headless scrape sends the saved session.
    code, out, _ = run_cli("scrape", "--url", "https://www.amazon.com/dp/3518366823", "--json")
    assert code == 0, out
    assert "session-token=solved" in local_network.page_requests()[-1].cookie


MOBILE = "03-com-paperback-seven-languages-mobile-2018"


def test_parse_only_json_names_the_pages_own_asin(run_cli, amazon_fixtures):
    page = str(amazon_fixtures / f"{MOBILE}.html")
    code, out, _ = run_cli(
        "scrape", "--url", "https://www.amazon.com/dp/193435659X", "--html", page, "--json"
    )
    assert code == 0, out
    payload = json.loads(out)
    assert (payload["asin"], payload["link_asin"], payload["asin_differs"]) == (
        "193435659X",
        "193435659X",
        False,
    )
    assert payload["book"]["asin"] == "193435659X"
    # The same page saved for another link: Amazon served another product, and the JSON says so.
    code, out, _ = run_cli(
        "scrape", "--url", "https://www.amazon.com/dp/B00AYQNR46", "--html", page, "--json"
    )
    payload = json.loads(out)
    assert (payload["asin"], payload["link_asin"], payload["asin_differs"]) == (
        "193435659X",
        "B00AYQNR46",
        True,
    )
    # A non-book's error carries the page's ASIN too.
    dvd = "36-couk-nonbook-the-cars-dvd-2019"
    code, out, _ = run_cli(
        "scrape",
        "--url",
        "https://www.amazon.co.uk/dp/B00004YS4O",
        "--html",
        str(amazon_fixtures / f"{dvd}.html"),
        "--json",
    )
    assert code == 1 and json.loads(out)["error"]["asin"] == "B00004YS4O"


def test_explain_prints_value_rule_and_element_per_field(run_cli, amazon_fixtures):
    page = str(amazon_fixtures / f"{MOBILE}.html")
    code, out, _ = run_cli(
        "scrape", "--url", "https://www.amazon.com/dp/193435659X", "--html", page, "--explain"
    )
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == "kind: book   page ASIN: 193435659X"
    binding = lines.index("binding          Paperback")
    assert lines[binding + 1].strip().startswith("← mobile format button · strong.dimension-label")
    assert any(line.startswith("publication_date 2010-11-20") for line in lines)
    code, out, _ = run_cli(
        "scrape", "--url", "https://www.amazon.com/dp/193435659X", "--html", page, "--explain", "--json"
    )
    doc = json.loads(out)
    rows = {row["field"]: row for row in doc["fields"]}
    assert rows["pages"]["value"] == 330 and "productDetails_techSpec_section_1" in rows["pages"]["element"]
    assert doc["missing"] == [] and doc["kind"] == "book"
    # --explain explains a saved page; without --html it is a usage error.
    code, out, _ = run_cli("scrape", "--url", "https://www.amazon.com/dp/193435659X", "--explain", "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_input"


def test_an_incomplete_page_marks_the_item_and_is_kept_without_session_values(run_cli, pigmeu_home):
    page = Path(__file__).resolve().parent / "pages" / "com-2020-incomplete-no-byline.html"
    assert b"133-4455667-8899001" in page.read_bytes()
    item = add(run_cli, "https://www.amazon.com/dp/B08XYZ1234")
    code, out, _ = run_cli("scrape", item, "--html", str(page), "--json")
    assert code == 0, out
    summary = json.loads(out)
    assert summary["missing"] == ["authors", "publisher", "publication_date"]
    kept = Path(summary["kept_page"])
    assert kept.parent == pigmeu_home / "data" / "pages" and kept.is_file()
    text = kept.read_bytes()
    assert b"Field Notes" in text and b"133-4455667-8899001" not in text and b"ATVPDKIKX0DER" not in text
    code, out, _ = run_cli("show", item)
    assert "incomplete:  missing authors, publisher, publication_date" in out and str(kept) in out
    assert "page asin:   B08XYZ1234" in out
    shown = json.loads(run_cli("show", item, "--json")[1])
    assert shown["missing"] == ["authors", "publisher", "publication_date"] and shown["asin_differs"] is False


def test_show_flags_an_item_whose_page_is_another_product(run_cli, amazon_fixtures, local_network):
    item = add(
        run_cli, "https://www.amazon.com/dp/B00AYQNR46"
    )  # the Kindle edition's link, the paperback's page
    code, out, _ = run_cli("scrape", item, "--html", str(amazon_fixtures / f"{MOBILE}.html"), "--json")
    assert code == 0, out
    summary = json.loads(out)
    assert summary["page_asin"] == "193435659X" and summary["asin_differs"] is True
    assert any(w.startswith("asin_changed: asked for B00AYQNR46") for w in summary["book"]["warnings"])
    code, out, _ = run_cli("show", item)
    assert "page asin:   193435659X  (the link asked for B00AYQNR46: Amazon served another product" in out
