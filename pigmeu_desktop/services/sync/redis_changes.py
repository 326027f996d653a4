"""Store changes published on Redis so every editor's window refreshes when a teammate writes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from typing import Any, Protocol

from pigmeu_desktop.core.errors import ErrorCode, StoreError
from pigmeu_desktop.core.ports import Change, ChangeKind

log = logging.getLogger("pigmeu.sync")

CHANNEL = "pigmeu:changes"


class SharedStore(Protocol):
    def subscribe(self, listener) -> Any: ...

    def notify_external(self, change: Change) -> None: ...


class RedisChangeBus:
    """Publishes this app's store changes and replays other apps' changes to local listeners.

    Messages carry the sender's id so nobody hears its own writes twice; replayed changes are not
    published again. Losing Redis loses only the instant refresh: the executor's periodic scan and the
    views' next reload still see everything, because MongoDB is the truth.
    """

    def __init__(self, client: Any, *, channel: str = CHANNEL, origin: str | None = None) -> None:
        self._client = client
        self._channel = channel
        self.origin = origin or f"{socket.gethostname()}:{os.getpid()}:{os.urandom(4).hex()}"
        self._store: SharedStore | None = None
        self._listener: asyncio.Task | None = None
        self._pubsub: Any = None
        self._replaying = False
        self._unsubscribe: Any = None
        self._pending: set[asyncio.Task] = set()

    @classmethod
    def from_url(cls, url: str, password: str | None = None, **kwargs: Any) -> RedisChangeBus:
        import redis.asyncio as aioredis

        client = aioredis.from_url(url, password=password or None, socket_connect_timeout=5, decode_responses=True)
        return cls(client, **kwargs)

    async def attach(self, store: SharedStore) -> None:
        """Start listening (Redis must answer now: a wrong address is an error, not a silent no-op)."""
        from redis.exceptions import RedisError

        self._store = store
        try:
            self._pubsub = self._client.pubsub(ignore_subscribe_messages=True)
            await self._pubsub.subscribe(self._channel)
        except (RedisError, OSError) as exc:
            raise StoreError(
                f"The team's Redis cannot be reached ({type(exc).__name__}).",
                code=ErrorCode.STORE_UNAVAILABLE,
                next_step="Check the Redis address and password in Settings → Team.",
            ) from None
        self._unsubscribe = store.subscribe(self._local_change)
        self._listener = asyncio.ensure_future(self._listen())

    def _local_change(self, change: Change) -> None:
        if self._replaying:
            return  # a teammate's change we are replaying: it was published by them
        message = json.dumps({"origin": self.origin, "kind": str(change.kind), "ids": list(change.ids)})
        task = asyncio.ensure_future(self._publish(message))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _publish(self, message: str) -> None:
        try:
            await self._client.publish(self._channel, message)
        except Exception as exc:  # noqa: BLE001 - a lost notification must never fail the write
            log.warning("could not publish a change to Redis: %s", type(exc).__name__)

    async def _listen(self) -> None:
        while True:
            try:
                message = await self._pubsub.get_message(timeout=1.0)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - Redis went away: say so once a while, keep trying
                log.warning("team change feed interrupted: %s", type(exc).__name__)
                await asyncio.sleep(2.0)
                continue
            if not message or message.get("type") != "message":
                continue
            self._replay(message.get("data"))

    def _replay(self, data: Any) -> None:
        try:
            payload = json.loads(data)
            if payload.get("origin") == self.origin:
                return
            change = Change(ChangeKind(payload["kind"]), tuple(str(i) for i in payload["ids"]))
        except (TypeError, ValueError, KeyError):
            log.warning("ignored a malformed team change message")
            return
        assert self._store is not None
        self._replaying = True
        try:
            self._store.notify_external(change)
        finally:
            self._replaying = False

    async def aclose(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
            self._listener = None
        for task in list(self._pending):
            with contextlib.suppress(Exception):
                await task
        if self._pubsub is not None:
            with contextlib.suppress(Exception):
                await self._pubsub.aclose()
        with contextlib.suppress(Exception):
            await self._client.aclose()
