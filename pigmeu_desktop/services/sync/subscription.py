"""One Redis pub/sub channel read message by message, subscribed afresh after Redis went away."""

from __future__ import annotations

import contextlib
from typing import Any

READ_WAIT_S = 1.0  # a read returns at least this often, so a listening loop sees that it is closing


class Subscription:
    """The channel's messages for a listening loop (the change feed's, presence's).

    A read that fails drops the broken subscription and raises; the next read subscribes again, so
    the loop only decides what an outage means to it (poll instead, go offline) and how long to wait.
    """

    def __init__(self, client: Any, channel: str) -> None:
        self._client = client
        self.channel = channel
        self._pubsub: Any = None

    async def subscribe(self) -> None:
        """Subscribe now (a no-op when subscribed): Redis's error, if any, is the caller's to report."""
        if self._pubsub is None:
            self._pubsub = self._client.pubsub(ignore_subscribe_messages=True)
            await self._pubsub.subscribe(self.channel)

    async def next_message(self) -> Any:
        """The data of the next message published on the channel, or None when none came in a while."""
        try:
            await self.subscribe()
            message = await self._pubsub.get_message(timeout=READ_WAIT_S)
        except Exception:
            await self.aclose()  # a fresh subscription when Redis answers again
            raise
        if message and message.get("type") == "message":
            return message.get("data")
        return None

    async def aclose(self) -> None:
        if self._pubsub is not None:
            pubsub, self._pubsub = self._pubsub, None
            with contextlib.suppress(Exception):
                await pubsub.aclose()
