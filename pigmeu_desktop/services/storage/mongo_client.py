"""The app's MongoDB clients: built one way, and a connection attempt cut short by close() frees its socket."""

from __future__ import annotations

import functools
import inspect
import socket
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pymongo import AsyncMongoClient

# Polled server monitoring: one monitor connection per server, opened once. The streaming mode adds a
# second (round-trip-time) connection that is opened right after the first answer, so closing a client
# soon after using it (the doctor, a failed open) very often interrupts that connection half-way.
CLIENT_OPTIONS: dict[str, Any] = {"tz_aware": True, "serverMonitoringMode": "poll"}


def new_client(uri: str, **options: Any) -> AsyncMongoClient:
    """An AsyncMongoClient with the app's options (`options` add to or override them)."""
    from pymongo import AsyncMongoClient

    close_sockets_on_cancel()
    return AsyncMongoClient(uri, **{**CLIENT_OPTIONS, **options})


def close_sockets_on_cancel() -> None:
    """Make PyMongo's async connect step close its socket when it is cancelled (idempotent).

    Why: `client.close()` cancels the server monitors' tasks. When a monitor is connecting at that moment
    (the first contact, or reconnecting after an error or while the server is down), PyMongo's
    `pool_shared._async_create_connection` (4.13-4.20 at least) closes its new socket on OSError and
    TimeoutError only, so the CancelledError leaves it open, held by the cancelled task's traceback until
    the garbage collector frees it, with `ResourceWarning: unclosed <socket.socket ... laddr=('127.0.0.1',
    ...)>` at whatever code happens to run the collector then. This closes it where it was opened, at the
    moment of the cancellation. A PyMongo that closes it itself is unaffected (closing twice does nothing);
    one without that function is left alone.
    """
    from pymongo import pool_shared

    original = getattr(pool_shared, "_async_create_connection", None)
    if original is None or getattr(original, "closes_socket_on_cancel", False):
        return
    code = getattr(inspect.unwrap(original), "__code__", None)

    @functools.wraps(original)
    async def create_connection(*args: Any, **kwargs: Any) -> socket.socket:
        try:
            return await original(*args, **kwargs)
        except BaseException as exc:
            # The socket being connected is a local of PyMongo's function, whose frame the traceback
            # keeps; the caller never receives it, so nobody else would close it.
            for sock in _sockets_in_frames_of(exc.__traceback__, code):
                sock.close()
            raise

    create_connection.closes_socket_on_cancel = True  # type: ignore[attr-defined]
    pool_shared._async_create_connection = create_connection


def _sockets_in_frames_of(tb: TracebackType | None, code: Any) -> list[socket.socket]:
    found = []
    while tb is not None:
        if tb.tb_frame.f_code is code:
            found += [v for v in tb.tb_frame.f_locals.values() if isinstance(v, socket.socket)]
        tb = tb.tb_next
    return found
