"""Store changes published on Redis so every editor's window refreshes when a teammate writes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from collections.abc import Callable
from typing import Any, Protocol

from pigmeu_desktop.core.errors import ErrorCode, StoreError
from pigmeu_desktop.core.listeners import Listeners
from pigmeu_desktop.core.ports import Change, ChangeKind
from pigmeu_desktop.services.sync.subscription import Subscription

log = logging.getLogger("pigmeu.sync")

CHANNEL = "pigmeu:changes"
POLL_S = 10.0  # while Redis is down, views reload from the store this often


class SharedStore(Protocol):
    def subscribe(self, listener) -> Any: ...

    def notify_external(self, change: Change) -> None: ...


class RedisChangeBus:
    """Publishes this app's store changes and replays other apps' changes to local listeners.

    Messages carry the sender's id so nobody hears its own writes twice; replayed changes are not
    published again. Losing Redis loses only the instant refresh: while it is down the bus tells local
    listeners to reload from the store every `poll_s` (MongoDB is the truth) and reports `live` False;
    when Redis answers again it re-subscribes, reloads once for what it missed, and is live again.
    """

    def __init__(
        self, client: Any, *, channel: str = CHANNEL, origin: str | None = None, poll_s: float = POLL_S
    ) -> None:
        self._client = client
        self._channel = channel
        self._poll_s = poll_s
        self.live = True
        self._closing = False
        self._poller: asyncio.Task | None = None
        self._status_listeners = Listeners[bool]("change feed status listener", log)
        self.origin = origin or f"{socket.gethostname()}:{os.getpid()}:{os.urandom(4).hex()}"
        self._store: SharedStore | None = None
        self._listener: asyncio.Task | None = None
        self._subscription = Subscription(client, channel)
        self._replaying = False
        self._unsubscribe: Any = None
        self._pending: set[asyncio.Task] = set()

    @classmethod
    def from_url(cls, url: str, password: str | None = None, **kwargs: Any) -> RedisChangeBus:
        import redis.asyncio as aioredis

        client = aioredis.from_url(
            url, password=password or None, socket_connect_timeout=5, decode_responses=True
        )
        return cls(client, **kwargs)

    async def attach(self, store: SharedStore) -> None:
        """Start listening (Redis must answer now: a wrong address is an error, not a silent no-op)."""
        from redis.exceptions import RedisError

        self._store = store
        try:
            await self._subscription.subscribe()
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

    def on_status(self, listener: Callable[[bool], None]) -> Callable[[], None]:
        """`listener(live)` when the feed goes down (polling) or comes back (live)."""
        return self._status_listeners.add(listener)

    def _set_live(self, live: bool) -> None:
        if live == self.live:
            return
        self.live = live
        if live:
            log.info("team change feed is live again")
        self._status_listeners.emit(live)

    def _reload_everything(self) -> None:
        """Tell local listeners that anything may have changed (a poll, or a catch-up after an outage)."""
        if self._store is None:
            return
        self._replaying = True
        try:
            self._store.notify_external(Change(ChangeKind.UPDATED, ()))
        finally:
            self._replaying = False

    async def _poll(self) -> None:
        while True:
            self._reload_everything()
            await asyncio.sleep(self._poll_s)

    def _stop_polling(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            self._poller = None

    async def _listen(self) -> None:
        # The flag as well as cancel(): redis-py's get_message can turn a cancellation into a timeout.
        while not self._closing:
            try:
                data = await self._subscription.next_message()
            except Exception as exc:  # noqa: BLE001 - Redis went away: poll the store until it is back
                if self.live:
                    log.warning(
                        "team change feed interrupted (%s): polling every %g s",
                        type(exc).__name__,
                        self._poll_s,
                    )
                    self._set_live(False)
                    # Polling runs on its own clock: the client's reconnect attempts (with their
                    # back-off) must not slow down how often the views see the store.
                    self._poller = asyncio.ensure_future(self._poll())
                await asyncio.sleep(min(self._poll_s, 1.0))
                continue
            if not self.live:
                self._stop_polling()
                self._set_live(True)
                self._reload_everything()  # what teammates wrote while the feed was down
            if data is not None:
                self._replay(data)

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
        self._closing = True
        self._stop_polling()
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
        await self._subscription.aclose()
        with contextlib.suppress(Exception):
            await self._client.aclose()
