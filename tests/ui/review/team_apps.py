"""One editor's app for team tests of the review editor: its own MongoDB client and Redis change feed,
presence, outbox and windows, on the real servers (Redis, the wire-protocol MongoDB)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.paths import AppPaths, resources_dir
from pigmeu_desktop.services.storage.mongo_store import MongoStore
from pigmeu_desktop.services.storage.outbox import Outbox, OutboxSyncer
from pigmeu_desktop.services.storage.seed import seed_defaults
from pigmeu_desktop.services.sync.presence import PresenceService
from pigmeu_desktop.services.sync.redis_changes import RedisChangeBus
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.main_window import MainWindow
from pigmeu_desktop.ui.review.window import ReviewWindow
from pigmeu_desktop.ui.team_presence import TeamPresence
from tests.support.qt_teardown import close_if_alive

TTL_S = 2.0  # claims of an app that died expire this fast here (15 s in the app)
HEARTBEAT_S = 0.3


def mongo_client(uri: str):
    from pymongo import AsyncMongoClient

    # Short timeouts: "the database is down" is known in half a second, not the app's five.
    return AsyncMongoClient(
        uri,
        tz_aware=True,
        serverSelectionTimeoutMS=500,
        connectTimeoutMS=500,
        serverMonitoringMode="poll",
        heartbeatFrequencyMS=500,
    )


@dataclass
class TeamApp:
    """What `pigmeu-desktop` builds in team mode (ui/application.py, attach_team), with test timings."""

    name: str
    services: Services
    store: MongoStore
    presence: PresenceService
    window: MainWindow
    team: TeamPresence
    outbox: Outbox
    syncer: OutboxSyncer
    closed: bool = field(default=False)

    @classmethod
    async def start(
        cls,
        name: str,
        home: Path,
        *,
        mongo_uri: str,
        db: str,
        redis_url: str,
        redis_password: str,
        prefix: str,
    ) -> TeamApp:
        settings = Settings(editor_name=name, affiliate_tags={"amazon.com.br": "pigmeu-20"})
        services = Services(AppPaths.under(home).ensure(), settings, env={})
        store = await MongoStore.open(mongo_client(mongo_uri), db)
        await seed_defaults(store, resources_dir())
        bus = RedisChangeBus.from_url(redis_url, redis_password, channel=f"{prefix}:changes")
        await bus.attach(store)
        store.attach_bus(bus)
        presence = PresenceService.from_url(
            redis_url, redis_password, editor=name, prefix=prefix, ttl_s=TTL_S, heartbeat_s=HEARTBEAT_S
        )
        await presence.start()
        window = MainWindow(services, store)
        team = TeamPresence(window, presence)
        team.watch_feed(bus)
        outbox = Outbox(services.paths.data_dir / "team-outbox.sqlite3")
        syncer = OutboxSyncer(store, outbox, interval_s=0.2, on_status=team.outbox_status)
        team.attach_outbox(outbox, syncer)
        syncer.start()
        window.show()
        return cls(name, services, store, presence, window, team, outbox, syncer)

    def row_of(self, item_id: str) -> int | None:
        model = self.window.model
        for row in range(model.rowCount()):
            if model.summary_at(row).id == item_id:
                return row
        return None

    @property
    def review(self) -> ReviewWindow:
        assert self.window.review_window is not None
        return self.window.review_window

    def open_in_editor(self, qtbot, item_id: str) -> ReviewWindow:
        """Select the item in the queue and open the review editor on it (Ctrl+E), as the editor does."""
        row = self.row_of(item_id)
        assert row is not None, f"{self.name}: {item_id} is not in the queue"
        self.window.table.selectRow(row)
        qtbot.waitUntil(lambda: self.window.review_action.isEnabled())
        self.window.review_action.trigger()
        return self.review

    async def aclose(self) -> None:
        if self.closed:
            return
        self.closed = True
        review = self.window.review_window
        if review is not None:
            review.autosaver.pause()
            review.autosaver.dirty = False
            close_if_alive(review)
        close_if_alive(self.window)
        await self.team.aclose()
        await self.presence.aclose()
        await self.store.close()
        await self.services.aclose()


async def stored(app: TeamApp, item_id: str) -> Submission:
    return await app.store.get(item_id)
