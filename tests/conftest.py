"""Strict, hermetic test setup: every user dir under tmp_path, Qt offscreen, qasync loops for GUI tests."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

# Qt must not look for a screen or start its own session bus. Set before PySide6 is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"

# Session-wide services shared by every test directory: one WordPress and one Secret Service per run,
# however many modules use them (a fixture imported into a module would start its own).
pytest_plugins = [
    "tests.support.secret_service",
    "tests.support.wordpress_fixtures",
    "tests.support.redis_server",
    "tests.support.mongo_server",
    "tests.support.fake_openai_fixture",
]

# Worker threads log exceptions while pytest parses source to report a failure: the app's own rule
# (tracebacks without source parsing; see pigmeu_desktop/logs.py) applies to the test process too.
from pigmeu_desktop.logs import use_plain_tracebacks  # noqa: E402

use_plain_tracebacks()

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "amazon"


def _qasync_loop():
    import qasync
    from PySide6.QtWidgets import QApplication

    return qasync.QEventLoop(QApplication.instance() or QApplication([]))


def pytest_asyncio_loop_factories(config, item):
    """GUI tests (and tests marked `qasync`) run on a qasync loop; everything else on plain asyncio."""
    if item.get_closest_marker("qasync") or item.get_closest_marker("gui"):
        return {"qasync": _qasync_loop}
    return {"asyncio": asyncio.new_event_loop}


def pytest_configure(config):
    config.addinivalue_line("markers", "qasync: run this async test on a qasync loop")


# In CI (.ci/run sets PIGMEU_REQUIRE_REAL=1) a test that would skip because a real part it needs is
# missing (Chromium, Redis, WordPress, the keyring, a Qt tool) fails instead: a machine without them must
# not look green. Skips decided by a marker (`skipif(sys.platform ...)`: not this platform's feature) stay.
REQUIRE_REAL = os.environ.get("PIGMEU_REQUIRE_REAL") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (REQUIRE_REAL and report.skipped and call.excinfo is not None) or hasattr(report, "wasxfail"):
        return
    if getattr(call.excinfo.value, "_use_item_location", False):
        return  # raised for a skip/skipif marker, not by a fixture or test finding something missing
    report.outcome = "failed"
    report.longrepr = f"PIGMEU_REQUIRE_REAL=1, so this skip is a failure: {call.excinfo.value}"


@pytest.fixture(autouse=True)
def hermetic_env(tmp_path, monkeypatch):
    """Point every directory the app (and Qt, and keyring) might write to inside tmp_path.

    The variables the app reads for credentials and servers are removed so a developer's own
    environment never leaks into a test.
    """
    home = tmp_path / "pigmeu-home"
    monkeypatch.setenv("PIGMEU_HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.lower()))
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "GROQ_API_KEY",
        "MISTRAL_API_KEY",
        "WORDPRESS_URL",
        "WORDPRESS_USERNAME",
        "WORDPRESS_PASSWORD",
        "MONGODB_URI",
        "MONGO_DB_NAME",
        "REDIS_URL",
        "PIGMEU_BROWSER_ARGS",
        "LOG_LEVEL",
        "APP_ENV",
    ):
        monkeypatch.delenv(name, raising=False)
    return home


def pytest_collection_finish(session):
    """Hide what collection imported (modules, classes: alive for the whole run) from the collector, as
    the app does after its start (app.freeze_startup_heap): the full collection after each test
    (collect_garbage) then walks only what the tests made, milliseconds instead of ~100 ms."""
    import gc

    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def collect_garbage():
    """After every test, free its garbage now, on the main thread, and fail the test for what it left open.

    - A socket or file never closed raises its ResourceWarning when the cyclic GC frees it: left to chance,
      that is in whichever later test happens to run the collector, which then fails for nothing it did.
      Collected here, the warning fails the test that leaked (at teardown); run with PYTHONTRACEMALLOC=25
      to see where the object was opened.
    - Qt objects freed later on a worker thread of another test make Qt warn "Timers cannot be stopped
      from another thread", and the strict Qt-log check would fail that innocent test.
    """
    yield
    # pytest keeps a failed test's traceback (its frames and their locals: clients, stores...) in
    # sys.last_traceback until the next failure; dropped here, what the test left is judged now.
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            delattr(sys, name)
    leaks = collect_and_report_resource_warnings()
    if leaks:
        pytest.fail("left open by this test (found by gc.collect() after it):\n" + "\n".join(leaks), False)


def collect_and_report_resource_warnings() -> list[str]:
    """`gc.collect()`; the ResourceWarnings it raised, each with where the object was allocated when
    tracemalloc runs. Other warnings go on to the usual filters."""
    import gc
    import tracemalloc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        gc.collect()
    leaks = []
    for w in caught:
        if not issubclass(w.category, ResourceWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
            continue
        where = tracemalloc.get_object_traceback(w.source) if w.source is not None else None
        if where is not None:
            leaks.append(
                f"{w.message}\n  allocated at (most recent call last):\n" + "\n".join(where.format())
            )
        else:
            leaks.append(f"{w.message} (set PYTHONTRACEMALLOC=25 to see where it was opened)")
    return leaks


@pytest.fixture
def pigmeu_home(hermetic_env) -> Path:
    return hermetic_env


@pytest.fixture
def amazon_fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def run_cli(pigmeu_home, capsys):
    """Run `pigmeu ...` in-process; returns (exit_code, stdout, stderr)."""
    from pigmeu_desktop.cli import main

    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(pigmeu_home), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def cli_subprocess_cmd() -> list[str]:
    return [sys.executable, "-m", "pigmeu_desktop.cli"]
