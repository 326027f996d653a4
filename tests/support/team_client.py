"""A headless editor app for team tests: the real store, change feed and presence, driven over stdin.

Run as `python -m tests.support.team_client MONGO_URI DB REDIS_URL REDIS_PASSWORD PREFIX EDITOR`. Reads one
JSON command per line, writes one JSON line per answer or event (with `t`, time.time() on this machine):
  {"op": "add", "asin": A}                 -> {"ok": "add", "id": ID, "t0": start}
  {"op": "edit", "id": ID, "title": T, "version": V?}  (V: save on that version, as an editor who loaded it)
                                           -> {"ok": "edit", "version": N} | {"conflict": ID}
  {"op": "get", "id": ID}                  -> {"ok": "get", "title": T, "version": N}
  {"op": "open", "id": ID}                 -> {"ok": "open", "editable": bool, "holder": NAME|null}
  {"op": "take_over", "id": ID}            -> {"ok": "take_over"}
  {"op": "quit"}
Events: {"event": "change", "kind": K, "ids": [...]}, {"event": "taken_over", "id": ID, "by": NAME},
{"event": "claims", "claims": {ID: NAME}}.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time


def emit(payload: dict) -> None:
    sys.stdout.write(json.dumps({**payload, "t": time.time()}) + "\n")
    sys.stdout.flush()


async def main(
    mongo_uri: str, db: str, redis_url: str, redis_password: str, prefix: str, editor: str
) -> None:
    from pigmeu_desktop.core.errors import StoreConflict
    from pigmeu_desktop.core.models import Book
    from pigmeu_desktop.core.ports import NewLink
    from pigmeu_desktop.services.storage.mongo_client import new_client
    from pigmeu_desktop.services.storage.mongo_store import MongoStore
    from pigmeu_desktop.services.sync.presence import PresenceEventKind, PresenceService
    from pigmeu_desktop.services.sync.redis_changes import RedisChangeBus

    client = new_client(mongo_uri)
    store = await MongoStore.open(client, db)
    bus = RedisChangeBus.from_url(redis_url, redis_password, channel=f"{prefix}:changes")
    await bus.attach(store)
    store.attach_bus(bus)
    presence = PresenceService.from_url(
        redis_url, redis_password, editor=editor, prefix=prefix, ttl_s=3.0, heartbeat_s=0.5
    )
    await presence.start()
    store.subscribe(lambda c: emit({"event": "change", "kind": str(c.kind), "ids": list(c.ids)}))

    def on_presence(event) -> None:
        if event.kind is PresenceEventKind.TAKEN_OVER:
            emit({"event": "taken_over", "id": event.item_id, "by": event.by})
        emit({"event": "claims", "claims": {i: c.editor for i, c in presence.claims().items()}})

    presence.subscribe(on_presence)
    emit({"ready": editor})
    reader = asyncio.StreamReader()
    await asyncio.get_running_loop().connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), sys.stdin
    )
    try:
        while line := await reader.readline():
            cmd = json.loads(line)
            op = cmd["op"]
            if op == "quit":
                break
            if op == "add":
                t0 = time.time()
                asin = cmd["asin"]
                (outcome,) = await store.add_links(
                    [NewLink(f"https://www.amazon.com.br/dp/{asin}", asin, "amazon.com.br", asin)],
                    created_by=editor,
                )
                emit({"ok": "add", "id": outcome.id, "t0": t0})
            elif op == "edit":
                sub = await store.get(cmd["id"])
                if "version" in cmd:
                    sub = sub.model_copy(update={"version": cmd["version"]})
                t0 = time.time()
                try:
                    saved = await store.save(sub.model_copy(update={"book": Book(title=cmd["title"])}))
                    emit({"ok": "edit", "id": saved.id, "version": saved.version, "t0": t0})
                except StoreConflict:
                    emit({"conflict": cmd["id"], "t0": t0})
            elif op == "get":
                sub = await store.get(cmd["id"])
                emit({"ok": "get", "title": sub.book.title if sub.book else None, "version": sub.version})
            elif op == "open":
                result = await presence.open_item(cmd["id"])
                emit(
                    {
                        "ok": "open",
                        "editable": result.editable,
                        "holder": result.holder.editor if result.holder else None,
                    }
                )
            elif op == "take_over":
                await presence.take_over(cmd["id"])
                emit({"ok": "take_over"})
    finally:
        await presence.aclose()
        await store.close()


class TeamClientProcess:
    """The test's handle on one headless editor app running in its own process."""

    def __init__(
        self, mongo_uri: str, db: str, redis_url: str, redis_password: str, prefix: str, editor: str, cwd: str
    ) -> None:
        import queue
        import subprocess
        import threading

        self.editor = editor
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.team_client",
                mongo_uri,
                db,
                redis_url,
                redis_password,
                prefix,
                editor,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=cwd,
            bufsize=1,
        )
        self._lines: queue.Queue = queue.Queue()
        self._seen: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.expect(lambda m: "ready" in m, timeout=30)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self._lines.put(json.loads(line))

    def send(self, **cmd) -> None:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()

    def expect(self, predicate, timeout: float = 10.0) -> dict:
        """The first message (seen or coming) that matches; it is taken out of the backlog."""
        import queue

        for i, message in enumerate(self._seen):
            if predicate(message):
                return self._seen.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"{self.editor}: no matching message in {timeout} s; saw {self._seen[-5:]}"
                )
            try:
                message = self._lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if predicate(message):
                return message
            self._seen.append(message)

    def call(self, timeout: float = 10.0, **cmd) -> dict:
        self.send(**cmd)
        return self.expect(lambda m: m.get("ok") == cmd["op"] or "conflict" in m, timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.send(op="quit")
                self.proc.wait(timeout=15)
            except Exception:  # noqa: BLE001 - a wedged client is killed
                self.proc.kill()
                self.proc.wait()
        self.proc.stdin.close()
        self.proc.stdout.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:7]))
