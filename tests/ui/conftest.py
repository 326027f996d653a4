"""GUI test helpers: a qasync loop inside pytest-qt's running QApplication (ARCHITECTURE.md, "Why the pins")."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
import pytest_asyncio  # noqa: F401 - makes sure the plugin is loaded before our loop fixture


@pytest.fixture
def qloop(qapp):
    """A qasync loop that pretends to be running, so qtbot.wait* drives both Qt and asyncio.

    Teardown cancels leftover tasks, lets Qt deliver their cancellation, then marks the loop stopped and
    closes it. Never loop.stop(): it calls QApplication.exit(), after which every qtbot.wait* returns at once.
    """
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    tasks = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in tasks:
        task.cancel()
    for _ in range(5):
        qapp.processEvents()
    # WORKAROUND: qasync 0.28 has no public way to leave an already_running loop; this private flag is it.
    loop._QEventLoop__is_running = False
    asyncio.events._set_running_loop(None)
    with contextlib.suppress(RuntimeError, TypeError):
        qapp.aboutToQuit.disconnect(loop._after_run_forever)
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def run_async(qtbot, qloop):
    """Run a coroutine on the qasync loop from a synchronous test, waiting with qtbot (Qt keeps spinning)."""

    def _run(coro, timeout: int = 10_000):
        future = asyncio.ensure_future(coro, loop=qloop)
        qtbot.waitUntil(future.done, timeout=timeout)
        return future.result()

    return _run
