"""Closing a MongoDB client while it is still connecting frees that socket at once (no ResourceWarning later)."""

from __future__ import annotations

import gc
import socket
import sys
import warnings

import psutil
import pytest

from pigmeu_desktop.services.storage.mongo_client import new_client
from tests.support.polling import eventually

pytestmark = [
    pytest.mark.asyncio,
    # Holding a connection attempt half-way needs a full accept queue to drop new connections, which is
    # what Linux does (other systems refuse them at once).
    pytest.mark.skipif(sys.platform != "linux", reason="a full accept queue holds new connects on Linux"),
]


def _our_sockets_to(port: int, *, besides: tuple) -> list:
    return [
        c
        for c in psutil.Process().net_connections(kind="tcp")
        if c.raddr and c.raddr[1] == port and tuple(c.laddr) != besides
    ]


async def test_closing_a_client_whose_monitor_is_connecting_closes_that_socket():
    # A server that does not answer: it listens, but its one-place accept queue is taken, so the
    # client's connection attempt stays half-way (SYN sent) until its timeout.
    with socket.socket() as server, socket.socket() as first:
        server.bind(("127.0.0.1", 0))
        server.listen(0)
        port = server.getsockname()[1]
        first.connect(("127.0.0.1", port))
        client = new_client(
            f"mongodb://127.0.0.1:{port}/", connectTimeoutMS=30_000, serverSelectionTimeoutMS=30_000
        )
        await client.aconnect()  # starts the server monitor, which connects in the background
        await eventually(
            lambda: _our_sockets_to(port, besides=first.getsockname()),
            what="the monitor's connection attempt",
        )

        await client.close()  # cancels the monitor mid-connect

        # The socket is closed by close() itself, not left to the garbage collector.
        assert _our_sockets_to(port, besides=first.getsockname()) == []
        del client
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            gc.collect()
        assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []
