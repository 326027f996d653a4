"""Who is on which item: editors' presence and edit claims in Redis, with heartbeats and expiry."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

log = logging.getLogger("pigmeu.sync")

PREFIX = "pigmeu"
TTL_S = 15.0  # a claim or a presence not renewed for this long belongs to an app that died
HEARTBEAT_S = 5.0  # renew (and re-read everyone else's) this often: three beats per TTL

# Renew / drop a key only while it is still ours (a teammate may have taken the item over).
_RENEW_IF_OURS = """
local value = redis.call('GET', KEYS[1])
if value and cjson.decode(value)['origin'] == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
_DELETE_IF_OURS = """
local value = redis.call('GET', KEYS[1])
if value and cjson.decode(value)['origin'] == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


@dataclass(frozen=True, slots=True)
class Claim:
    """One editor holds one item for editing."""

    item_id: str
    editor: str
    origin: str
    since: datetime


@dataclass(frozen=True, slots=True)
class Presence:
    """One running app: its editor's name and the item it has open."""

    origin: str
    editor: str
    open_item: str | None
    seen: datetime


class PresenceEventKind(StrEnum):
    CHANGED = "changed"  # claims or presences changed: views repaint
    TAKEN_OVER = "taken_over"  # a teammate took one of OUR items: save it and turn read-only
    ONLINE = "online"  # Redis answers again (claims re-asserted)
    OFFLINE = "offline"  # Redis does not answer: claims cannot be seen or made


@dataclass(frozen=True, slots=True)
class PresenceEvent:
    kind: PresenceEventKind
    item_id: str | None = None
    by: str | None = None  # the editor who took the item over


@dataclass(frozen=True, slots=True)
class OpenResult:
    """What opening an item means for this editor: editable, or read-only because `holder` has it."""

    editable: bool
    holder: Claim | None = None
    offline: bool = False  # Redis unreachable: editable, but nobody can see the claim until it is back


PresenceListener = Callable[[PresenceEvent], None]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class _State:
    claims: dict[str, Claim] = field(default_factory=dict)
    presences: dict[str, Presence] = field(default_factory=dict)


class PresenceService:
    """Announces this app (editor name, open item) and its edit claims; tracks everyone else's.

    Keys `PREFIX:presence:ORIGIN` and `PREFIX:claim:ITEM` live TTL_S and are renewed every HEARTBEAT_S,
    so an app that dies (or loses its network) lets go of its items by itself. Changes are announced on
    `PREFIX:presence` so other apps repaint at once; each heartbeat also re-reads all keys, which is
    what notices expiries. Qt-free: the window subscribes and turns events into repaints and dialogs.
    """

    def __init__(
        self,
        client: Any,
        *,
        editor: str,
        origin: str | None = None,
        prefix: str = PREFIX,
        ttl_s: float = TTL_S,
        heartbeat_s: float = HEARTBEAT_S,
    ) -> None:
        self._client = client
        self.editor = editor or socket.gethostname()
        self.origin = origin or f"{socket.gethostname()}:{os.getpid()}:{os.urandom(4).hex()}"
        self._prefix = prefix
        self._ttl_ms = int(ttl_s * 1000)
        self._heartbeat_s = heartbeat_s
        self._state = _State()
        self._held: set[str] = set()  # items this app holds (re-asserted after an outage)
        self._open_item: str | None = None  # the queue's selection
        self._pinned: set[str] = set()  # items the review editor has open: the selection moving keeps them
        self._listeners: list[PresenceListener] = []
        self._tasks: list[asyncio.Task] = []
        self._pubsub: Any = None
        self._closing = False
        self.online: bool | None = None  # None until the first heartbeat says which
        self.ops = 0  # Redis commands sent (the newsroom benchmark counts them per action)

    @classmethod
    def from_url(cls, url: str, password: str | None = None, **kwargs: Any) -> PresenceService:
        import redis.asyncio as aioredis

        client = aioredis.from_url(
            url, password=password or None, socket_connect_timeout=3, socket_timeout=3, decode_responses=True
        )
        return cls(client, **kwargs)

    # -- keys ------------------------------------------------------------------------------------

    @property
    def channel(self) -> str:
        return f"{self._prefix}:presence"

    def _claim_key(self, item_id: str) -> str:
        return f"{self._prefix}:claim:{item_id}"

    def _presence_key(self) -> str:
        return f"{self._prefix}:presence:{self.origin}"

    # -- life ------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Announce this app and start the heartbeat. Redis down now is not an error: the heartbeat
        keeps trying, and the app works without presence meanwhile (events say OFFLINE / ONLINE)."""
        await self._beat()
        self._tasks = [asyncio.ensure_future(self._heartbeat()), asyncio.ensure_future(self._listen())]

    async def aclose(self) -> None:
        """Stop, releasing this app's claims and presence (an app that dies instead lets them expire)."""
        # The flag as well as cancel(): redis-py's get_message can turn a cancellation into a timeout.
        self._closing = True
        tasks, self._tasks = list(self._tasks), []
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=5)
        with contextlib.suppress(Exception):
            for item_id in list(self._held):
                await self._eval(_DELETE_IF_OURS, self._claim_key(item_id), self.origin)
            await self._cmd(self._client.delete(self._presence_key()))
            await self._announce({"kind": "bye"})
        if self._pubsub is not None:
            with contextlib.suppress(Exception):
                await self._pubsub.aclose()
        with contextlib.suppress(Exception):
            await self._client.aclose()

    def subscribe(self, listener: PresenceListener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # -- what the views read ---------------------------------------------------------------------

    def claim_of(self, item_id: str) -> Claim | None:
        return self._state.claims.get(item_id)

    def claims(self) -> dict[str, Claim]:
        return dict(self._state.claims)

    def presences(self) -> list[Presence]:
        return sorted(self._state.presences.values(), key=lambda p: (p.editor, p.origin))

    def holds(self, item_id: str) -> bool:
        return item_id in self._held

    # -- what the editor does --------------------------------------------------------------------

    async def open_item(self, item_id: str | None) -> OpenResult:
        """The editor opened `item_id` (None: nothing open). Claims it when free; when a teammate holds
        it, it opens read-only and `holder` says who. Claims on other items this app held are let go."""
        for other in list(self._held - {item_id} - self._pinned):
            await self.release(other)
        self._open_item = item_id
        if item_id is None:
            await self._safe(self._write_presence())
            return OpenResult(editable=True)
        try:
            result = await self._claim(item_id)
            await self._write_presence()
        except Exception as exc:  # noqa: BLE001 - Redis down: edit anyway, the claim is made when it returns
            self._went_offline(exc)
            self._held.add(item_id)
            return OpenResult(editable=True, offline=True)
        return result

    async def pin(self, item_id: str) -> OpenResult:
        """The review editor opened `item_id`: claimed as open_item() claims, and kept (not let go when
        the queue's selection moves) until unpin(). Read-only (`holder`) when a teammate holds it."""
        self._pinned.add(item_id)
        try:
            result = await self._claim(item_id)
            await self._write_presence()
        except Exception as exc:  # noqa: BLE001 - Redis down: edit anyway, the claim is made when it returns
            self._went_offline(exc)
            self._held.add(item_id)
            return OpenResult(editable=True, offline=True)
        return result

    async def unpin(self, item_id: str) -> None:
        """The review editor closed `item_id` (or moved on): its claim goes, unless the queue's selection
        still has the item open (selecting claims too)."""
        self._pinned.discard(item_id)
        if item_id in self._held and item_id != self._open_item:
            await self.release(item_id)
        else:
            await self._safe(self._write_presence())

    async def _claim(self, item_id: str) -> OpenResult:
        key = self._claim_key(item_id)
        mine = Claim(item_id, self.editor, self.origin, _now())
        if await self._cmd(self._client.set(key, self._claim_json(mine), nx=True, px=self._ttl_ms)):
            return self._claimed(mine)
        holder = self._parse_claim(item_id, await self._cmd(self._client.get(key)))
        if holder is None:  # expired between the two commands: try once more
            if await self._cmd(self._client.set(key, self._claim_json(mine), nx=True, px=self._ttl_ms)):
                return self._claimed(mine)
            holder = self._parse_claim(item_id, await self._cmd(self._client.get(key)))
        if holder is not None and holder.origin == self.origin:
            return self._claimed(holder, announce=False)
        if holder is not None:
            self._state.claims[item_id] = holder
        return OpenResult(editable=False, holder=holder)

    def _claimed(self, claim: Claim, *, announce: bool = True) -> OpenResult:
        self._held.add(claim.item_id)
        self._state.claims[claim.item_id] = claim
        if announce:
            self._spawn(self._announce({"kind": "claimed", "item": claim.item_id}))
        self._emit(PresenceEvent(PresenceEventKind.CHANGED, claim.item_id))
        return OpenResult(editable=True, holder=claim)

    async def release(self, item_id: str) -> None:
        self._held.discard(item_id)
        if (claim := self._state.claims.get(item_id)) is not None and claim.origin == self.origin:
            del self._state.claims[item_id]
        await self._safe(self._eval(_DELETE_IF_OURS, self._claim_key(item_id), self.origin))
        await self._safe(self._announce({"kind": "released", "item": item_id}))
        self._emit(PresenceEvent(PresenceEventKind.CHANGED, item_id))

    async def take_over(self, item_id: str, *, pin: bool = False) -> Claim:
        """Take the item from whoever holds it; their app is told (it saves and turns read-only).
        `pin`: the review editor takes it (kept as pin() keeps it), not the queue's selection."""
        mine = Claim(item_id, self.editor, self.origin, _now())
        previous = self._parse_claim(
            item_id,
            await self._cmd(
                self._client.set(self._claim_key(item_id), self._claim_json(mine), px=self._ttl_ms, get=True)
            ),
        )
        if pin:
            self._pinned.add(item_id)
        else:
            self._open_item = item_id
        self._claimed(mine, announce=False)
        await self._announce(
            {
                "kind": "takeover",
                "item": item_id,
                "from": previous.origin if previous else None,
                "by": self.editor,
            }
        )
        await self._safe(self._write_presence())
        return mine

    # -- Redis plumbing --------------------------------------------------------------------------

    async def _cmd(self, awaitable):
        self.ops += 1
        return await awaitable

    async def _eval(self, script: str, key: str, *args: Any):
        return await self._cmd(self._client.eval(script, 1, key, *args))

    async def _safe(self, awaitable) -> Any:
        try:
            return await awaitable
        except Exception as exc:  # noqa: BLE001 - any Redis failure: offline, the heartbeat retries
            self._went_offline(exc)
            return None

    def _claim_json(self, claim: Claim) -> str:
        return json.dumps({"origin": claim.origin, "editor": claim.editor, "since": claim.since.isoformat()})

    @staticmethod
    def _parse_claim(item_id: str, raw: str | None) -> Claim | None:
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return Claim(
                item_id, str(data["editor"]), str(data["origin"]), datetime.fromisoformat(data["since"])
            )
        except (TypeError, ValueError, KeyError):
            return None

    async def _write_presence(self) -> None:
        value = json.dumps(
            {
                "origin": self.origin,
                "editor": self.editor,
                "open": self._open_item or next(iter(sorted(self._pinned)), None),
                "seen": _now().isoformat(),
            }
        )
        await self._cmd(self._client.set(self._presence_key(), value, px=self._ttl_ms))

    async def _announce(self, message: dict[str, Any]) -> None:
        payload = {**message, "origin": self.origin, "editor": self.editor}
        await self._cmd(self._client.publish(self.channel, json.dumps(payload)))

    async def _beat(self) -> None:
        """One heartbeat: renew our keys, re-assert claims after an outage, re-read everyone's."""
        try:
            was_online = self.online
            await self._write_presence()
            for item_id in list(self._held):
                if not await self._eval(_RENEW_IF_OURS, self._claim_key(item_id), self.origin, self._ttl_ms):
                    await self._reassert(item_id)
            await self._refresh()
        except Exception as exc:  # noqa: BLE001
            self._went_offline(exc)
            return
        if not was_online:
            self.online = True
            log.info("presence: Redis answers; claims and presence are live")
            self._emit(PresenceEvent(PresenceEventKind.ONLINE))

    async def _reassert(self, item_id: str) -> None:
        """Our claim key is gone (expired during an outage) or someone else's: claim again, or let go."""
        result = await self._claim(item_id)
        if not result.editable:
            self._held.discard(item_id)
            by = result.holder.editor if result.holder else None
            self._emit(PresenceEvent(PresenceEventKind.TAKEN_OVER, item_id, by))

    async def _read_all(self, prefix: str) -> list[tuple[str, Any]]:
        """(name after the prefix, raw value) of every key under `prefix`: one SCAN pass and one MGET."""
        keys = [k async for k in self._client.scan_iter(match=f"{prefix}*", count=500)]
        self.ops += 1
        if not keys:
            return []
        values = await self._cmd(self._client.mget(keys))
        return [(key[len(prefix) :], raw) for key, raw in zip(keys, values, strict=True)]

    async def _refresh(self) -> None:
        claims: dict[str, Claim] = {}
        presences: dict[str, Presence] = {}
        claim_prefix = f"{self._prefix}:claim:"
        presence_prefix = f"{self._prefix}:presence:"
        for name, raw in await self._read_all(claim_prefix):
            if (claim := self._parse_claim(name, raw)) is not None:
                claims[name] = claim
        for name, raw in await self._read_all(presence_prefix):
            if raw:
                with contextlib.suppress(TypeError, ValueError, KeyError):
                    data = json.loads(raw)
                    presences[name] = Presence(
                        name, str(data["editor"]), data.get("open"), datetime.fromisoformat(data["seen"])
                    )
        changed = (
            claims != self._state.claims
            or set(presences) != set(self._state.presences)
            or any(
                presences[o].open_item != self._state.presences[o].open_item
                for o in presences
                if o in self._state.presences
            )
        )
        self._state = _State(claims, presences)
        if changed:
            self._emit(PresenceEvent(PresenceEventKind.CHANGED))

    async def _heartbeat(self) -> None:
        while not self._closing:
            await asyncio.sleep(self._heartbeat_s)
            await self._beat()

    async def _listen(self) -> None:
        while not self._closing:
            try:
                if self._pubsub is None:
                    self._pubsub = self._client.pubsub(ignore_subscribe_messages=True)
                    await self._pubsub.subscribe(self.channel)
                message = await self._pubsub.get_message(timeout=1.0)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - Redis went away: a fresh subscription once it is back
                self._went_offline(exc)
                with contextlib.suppress(Exception):
                    await self._pubsub.aclose()
                self._pubsub = None
                await asyncio.sleep(min(self._heartbeat_s, 1.0))
                continue
            if message and message.get("type") == "message":
                await self._heard(message.get("data"))

    async def _heard(self, data: Any) -> None:
        try:
            payload = json.loads(data)
        except (TypeError, ValueError):
            return
        if not isinstance(payload, dict) or payload.get("origin") == self.origin:
            return
        # The notice says what changed: the cache is updated from it, with no Redis round trip (with
        # twenty apps, re-reading every key on every notice cost ~60 commands per editor action).
        # Heartbeats re-read everything anyway, which also catches expiries and lost notices.
        item_id, kind, origin = payload.get("item"), payload.get("kind"), str(payload.get("origin"))
        editor = str(payload.get("editor") or "?")
        claims = self._state.claims
        if kind == "claimed" and item_id:
            claims[item_id] = Claim(item_id, editor, origin, _now())
        elif kind == "released" and item_id and (held := claims.get(item_id)) and held.origin == origin:
            del claims[item_id]
        elif kind == "takeover" and item_id:
            claims[item_id] = Claim(item_id, str(payload.get("by") or editor), origin, _now())
            if payload.get("from") == self.origin and item_id in self._held:
                self._held.discard(item_id)
                self._emit(PresenceEvent(PresenceEventKind.TAKEN_OVER, item_id, payload.get("by")))
        elif kind == "bye":
            self._state.presences.pop(origin, None)
            for key in [k for k, c in claims.items() if c.origin == origin]:
                del claims[key]
        self._emit(PresenceEvent(PresenceEventKind.CHANGED, item_id))

    def _went_offline(self, exc: BaseException) -> None:
        if self.online is not False:
            log.warning(
                "presence: Redis does not answer (%s); editing goes on without claims", type(exc).__name__
            )
            self.online = False
            self._emit(PresenceEvent(PresenceEventKind.OFFLINE))

    def _emit(self, event: PresenceEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("presence listener failed")

    def _spawn(self, coro) -> None:
        task = asyncio.ensure_future(self._safe(coro))
        self._tasks.append(task)
        task.add_done_callback(self._forget_task)

    def _forget_task(self, task: asyncio.Task) -> None:
        with contextlib.suppress(ValueError):
            self._tasks.remove(task)
