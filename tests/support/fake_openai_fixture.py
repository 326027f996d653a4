"""The `fake_openai` fixture (apart from the server, which also runs where pytest is not installed)."""

from __future__ import annotations

import pytest

from tests.support.fake_openai import FakeOpenAI


@pytest.fixture
def fake_openai():
    """A started FakeOpenAI accepting DEFAULT_KEY; stopped after the test."""
    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()
