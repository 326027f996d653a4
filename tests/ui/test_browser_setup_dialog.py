"""First run without a browser: the dialog, a real download attempt that fails here, cancel, and choosing one."""

from __future__ import annotations

import os
import socket
import stat
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psutil
import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.scraping.browser_setup import browser_missing, has_playwright_chromium
from pigmeu_desktop.services.scraping.discovery import BrowserConfig, Candidate
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import load_settings
from pigmeu_desktop.ui.browser_setup_dialog import BrowserSetupDialog

pytestmark = pytest.mark.gui


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def services(tmp_path):
    return Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), {})


@pytest.fixture
def browsers(tmp_path):
    return tmp_path / "ms-playwright"


@pytest.fixture
def dialog(qtbot, qloop, services):
    created = []

    def make(**kwargs) -> BrowserSetupDialog:
        d = BrowserSetupDialog(services, **kwargs)
        qtbot.addWidget(d)
        d.show()
        created.append(d)
        return d

    yield make
    for d in created:
        d.cancel_download()


@pytest.fixture
def stalling_mirror():
    """A local stand-in for the browser download host: sends 30% of a 1 MB file, then waits for the test."""
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            self.wfile.write(b"\0" * 300_000)
            self.wfile.flush()
            release.wait(60)

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = False  # server_close() joins the handler threads: no socket outlives the test
        block_on_close = True

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    release.set()
    server.shutdown()
    server.server_close()


def installer_processes() -> list[psutil.Process]:
    return [p for p in psutil.Process().children(recursive=True) if "cli.js" in " ".join(p.cmdline())]


def test_browser_missing_looks_only_at_files(tmp_path, browsers):
    nowhere = BrowserConfig(search=(Candidate("system", str(tmp_path / "no-chromium")),))
    env = {"PLAYWRIGHT_BROWSERS_PATH": str(browsers)}
    assert browser_missing(nowhere, env)
    (browsers / "chromium-1255").mkdir(parents=True)
    assert has_playwright_chromium(env) and not browser_missing(nowhere, env)
    assert not browser_missing(BrowserConfig(search=(Candidate("system", os.path.realpath("/bin/sh")),)), {})


@pytest.mark.slow
def test_download_without_internet_ends_in_a_plain_failure_message(qtbot, dialog, browsers):
    d = dialog(
        env={
            "PLAYWRIGHT_BROWSERS_PATH": str(browsers),
            "PLAYWRIGHT_DOWNLOAD_HOST": f"http://127.0.0.1:{closed_port()}",
        }
    )
    assert "none was found" in d.explanation.text()
    d.download_button.click()
    assert d.cancel_button.isVisible() and not d.choose_button.isEnabled() and d.choose_button.toolTip()
    qtbot.waitUntil(lambda: d.download_button.isVisible(), timeout=60_000)
    assert d.status.text().startswith(
        "Browser download failed: The browser could not be downloaded (ECONNREFUSED)"
    )
    assert "Check the internet connection" in d.status.text()
    assert not has_playwright_chromium({"PLAYWRIGHT_BROWSERS_PATH": str(browsers)})
    assert d.isVisible()  # the editor can try again or choose a browser


@pytest.mark.slow
def test_download_shows_progress_and_cancel_stops_it(qtbot, dialog, browsers, stalling_mirror):
    d = dialog(env={"PLAYWRIGHT_BROWSERS_PATH": str(browsers), "PLAYWRIGHT_DOWNLOAD_HOST": stalling_mirror})
    d.download_button.click()
    qtbot.waitUntil(lambda: d.progress.maximum() == 100 and d.progress.value() >= 10, timeout=60_000)
    assert "Downloading Chromium:" in d.status.text() and "% of 1 MiB" in d.status.text()
    assert installer_processes()
    d.cancel_button.click()
    qtbot.waitUntil(lambda: d.download_button.isVisible(), timeout=30_000)
    assert d.status.text() == "Download cancelled. Nothing was installed."
    qtbot.waitUntil(lambda: not installer_processes(), timeout=10_000)
    assert not has_playwright_chromium({"PLAYWRIGHT_BROWSERS_PATH": str(browsers)})


def test_choosing_an_installed_browser_saves_it(qtbot, dialog, services, tmp_path):
    not_a_program = tmp_path / "notes.txt"
    not_a_program.write_text("hi", encoding="utf-8")
    d = dialog(choose_file=lambda parent: str(not_a_program))
    d.choose_button.click()
    assert "is not a program" in d.status.text() and d.isVisible()

    browser = tmp_path / "chrome"
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
    d.choose_file = lambda parent: str(browser)
    with qtbot.waitSignal(d.browser_ready) as ready:
        d.choose_button.click()
    assert ready.args == [str(browser)] and not d.isVisible()
    assert load_settings(services.paths.settings_file).browser_path == str(browser)
    assert services.settings.browser_path == str(browser)
