"""Team presence in the window: a teammate's item opens read-only, take-over both ways, the holder column."""

from __future__ import annotations

import uuid
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.sync.presence import PresenceEventKind, PresenceService
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.main_window import MainWindow
from pigmeu_desktop.ui.team_presence import TeamPresence
from tests.support.qt_teardown import close_if_alive

pytestmark = [pytest.mark.gui, pytest.mark.redis]


@pytest.fixture
def team(qtbot, qapp, tmp_path, run_async, redis_server):
    install_translator(qapp, "en")
    services = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), env={})
    prefix = f"pigmeu-ui-{uuid.uuid4().hex[:8]}"

    def presence(editor: str) -> PresenceService:
        service = PresenceService.from_url(
            redis_server.url, redis_server.password, editor=editor, prefix=prefix, ttl_s=2.0, heartbeat_s=0.3
        )
        run_async(service.start())
        return service

    ana, bia = presence("Ana"), presence("Bia")
    window = MainWindow(services, run_async(services.store()))
    qtbot.addWidget(window)
    TeamPresence(window, ana)
    window.show()
    yield window, ana, bia
    close_if_alive(window)
    run_async(ana.aclose())
    run_async(bia.aclose())
    run_async(services.aclose())


def test_a_teammates_item_is_read_only_until_taken_over(qtbot, team, run_async):
    window, ana, bia = team
    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    item = window.model.summary_at(0).id
    assert run_async(bia.open_item(item)).editable  # Bia got there first
    qtbot.waitUntil(lambda: ana.claim_of(item) is not None)
    holder_column = window.model.COLUMNS.index("holder")
    assert window.model.headerData(holder_column, Qt.Orientation.Horizontal) == "With"

    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.team.read_only_holder() is not None)
    qtbot.waitUntil(lambda: window._current is not None)
    assert window.team.banner.isVisible()
    assert "Bia" in window.team.banner_text.text() and "take over?" in window.team.banner_text.text()
    assert not window.delete_action.isEnabled() and "Bia is editing" in window.delete_action.toolTip()
    assert window.team.take_over_action.isEnabled()
    assert window.model.index(0, holder_column).data() == "Bia"

    heard = []
    bia.subscribe(heard.append)
    window.team.take_over_button.click()
    qtbot.waitUntil(lambda: any(e.kind is PresenceEventKind.TAKEN_OVER for e in heard))
    qtbot.waitUntil(lambda: window.team.read_only_holder() is None)
    assert not window.team.banner.isVisible() and window.delete_action.isEnabled()
    assert "took this item over from Bia" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.model.index(0, holder_column).data() == "you")

    with qtbot.waitSignal(window.team.taken_over, timeout=5000) as signal:
        run_async(bia.take_over(item))  # and back: this window is told, and turns read-only
    assert signal.args == [item, "Bia"]
    qtbot.waitUntil(lambda: window.team.read_only_holder() is not None)
    assert window.team.banner.isVisible() and not window.approve_action.isEnabled()
    qtbot.waitUntil(lambda: window.team.status.text() == "Team: 1 other editor online")


def test_the_status_bar_says_when_the_team_backend_is_down(qtbot, team):
    window, _ana, _ = team

    class Feed:  # the RedisChangeBus surface the window uses: `live` and status listeners
        live = True
        listeners: ClassVar[list] = []

        def on_status(self, listener):
            self.listeners.append(listener)

    feed = Feed()
    window.team.watch_feed(feed)
    feed.listeners[0](False)
    assert window.team.status.text() == "Team: refreshing every few seconds"
    window.team.outbox_status(2, 1, False)
    assert window.team.status.text() == "Team: 3 edits waiting"
    assert "2 edits kept on this computer" in window.team.status.toolTip()
    assert "1 offline edit met a newer version" in window.team.status.toolTip()
    window.team.outbox_status(0, 0, True)
    feed.listeners[0](True)
    qtbot.waitUntil(lambda: window.team.status.text().startswith("Team: 1 other editor"))


def test_the_tools_menu_copies_the_local_queue_to_the_team(qtbot, qapp, tmp_path, run_async, mongo_backend):
    from pigmeu_desktop.services.storage.move import Direction
    from pigmeu_desktop.ui.team_move import TeamMoveActions

    install_translator(qapp, "en")
    settings = Settings(mongodb_uri=mongo_backend.uri, mongo_db_name=mongo_backend.database())
    services = Services(AppPaths.under(tmp_path / "home").ensure(), settings, env={"MONGODB_PASSWORD": ""})
    window = MainWindow(services, run_async(services.store()))
    qtbot.addWidget(window)
    actions = TeamMoveActions(window)
    try:
        run_async(window.add_links("8565042472 B0011UCPM4"))
        assert actions.to_team.isEnabled() and actions.to_team in window.tools_menu.actions()
        actions.to_team.trigger()  # the menu action, as the editor chooses it
        qtbot.waitUntil(lambda: getattr(actions, "report_box", None) is not None, timeout=10_000)
        assert actions.report_box.text() == "2 items copied."
        actions.report_box.close()
        report = run_async(actions._copy(Direction.TO_TEAM))
        assert report.copied == [] and len(report.skipped) == 2
        assert actions.report_box.text() == "0 items copied; 2 already there (left as they are)."
        actions.report_box.close()
    finally:
        close_if_alive(window)
        run_async(services.aclose())
