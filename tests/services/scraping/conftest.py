"""Fixtures for the scraping tests: the local HTTPS Amazon (one per module) and a real Chromium path."""

from __future__ import annotations

import shutil

import pytest

from tests.support.amazon_server import AmazonServer


@pytest.fixture(scope="module")
def amazon_server():
    with AmazonServer() as server:
        yield server


@pytest.fixture
def amazon(amazon_server):
    """The module's server with faults cleared and the request log emptied for each test."""
    amazon_server.clear_faults()
    amazon_server.requests.clear()
    yield amazon_server
    amazon_server.clear_faults()


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not path:
        pytest.skip("no Chromium executable on this machine")
    return path
