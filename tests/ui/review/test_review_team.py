"""The review editor in team mode, on real Redis and the wire-protocol MongoDB: claims seen by the other
app, read-only with a take-over offer, take-over saves the holder's edit and turns it read-only, closing
lets go, a dead app's claim expires; MongoDB stopped mid-edit keeps the edit and the approval on disk."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from pigmeu_desktop.core.states import Status
from pigmeu_desktop.ui.i18n import install_translator
from tests.support.mongo_server import WireServer
from tests.support.polling import eventually
from tests.ui.review.conftest import add_drafted
from tests.ui.review.team_apps import TeamApp, stored

pytestmark = [
    pytest.mark.gui,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.qt_log_ignore(
        "This plugin does not support raise"
    ),  # offscreen only; a real screen raises it
]


def type_at_end(qtbot, review, text: str) -> None:
    cursor = review.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    review.body.setTextCursor(cursor)
    review.body.setFocus()
    qtbot.keyClicks(review.body, text)


def autosave_only_on_demand(review) -> None:
    """Put the autosave timers far away, so an edit stays unsaved until something saves it on purpose
    (the take-over, an approve, a switch): the test then shows *that* path saved it."""
    review.autosaver._quiet.setInterval(600_000)
    review.autosaver._deadline.setInterval(600_000)


@pytest.fixture
def team_apps(qapp, tmp_path, run_async, redis_server, mongo_backend):
    """start(name) -> a TeamApp on a shared database and presence prefix; all closed at the end."""
    install_translator(qapp, "en")
    db, prefix = mongo_backend.database(), f"pigmeu-review-{uuid.uuid4().hex[:8]}"
    apps: list[TeamApp] = []

    def start(name: str, mongo_uri: str | None = None) -> TeamApp:
        app = run_async(
            TeamApp.start(
                name,
                tmp_path / name,
                mongo_uri=mongo_uri or mongo_backend.uri,
                db=db,
                redis_url=redis_server.url,
                redis_password=redis_server.password,
                prefix=prefix,
            )
        )
        apps.append(app)
        return app

    start.prefix = prefix  # type: ignore[attr-defined]
    start.db = db  # type: ignore[attr-defined]
    start.redis = redis_server  # type: ignore[attr-defined]
    start.mongo_uri = mongo_backend.uri  # type: ignore[attr-defined]
    yield start
    for app in reversed(apps):
        run_async(app.aclose())


def test_two_apps_claim_take_over_save_and_let_go(qtbot, run_async, team_apps):
    ana, bia = team_apps("Ana"), team_apps("Bia")
    sub = run_async(add_drafted(ana.store))
    qtbot.waitUntil(lambda: ana.row_of(sub.id) is not None and bia.row_of(sub.id) is not None)

    # Ana opens the item in her editor: it is hers; Bia's app sees the claim.
    mine = ana.open_in_editor(qtbot, sub.id)
    qtbot.waitUntil(lambda: mine.sub is not None and mine.team is not None and mine.team.item_id == sub.id)
    assert not mine.team.read_only and not mine.team.banner.isVisible() and not mine.body.isReadOnly()
    qtbot.waitUntil(lambda: (c := bia.presence.claim_of(sub.id)) is not None and c.editor == "Ana")

    # Bia opens it: read-only, with the banner and the take-over offer.
    theirs = bia.open_in_editor(qtbot, sub.id)
    qtbot.waitUntil(lambda: theirs.team is not None and theirs.team.read_only and theirs.sub is not None)
    assert theirs.team.banner.isVisible()
    assert theirs.team.banner_text.text() == "<b>Ana</b> is editing — take over?"
    assert theirs.body.isReadOnly() and theirs.title_edit.edit.isReadOnly()
    assert not theirs.approve_action.isEnabled() and "Ana is editing" in theirs.approve_action.toolTip()
    assert not theirs.replace_action.isEnabled() and not theirs.find_bar.replace_all_button.isEnabled()
    assert theirs.team.take_over_action.isEnabled()
    assert theirs.team.take_over_action.shortcut().toString() == "Ctrl+Shift+T"
    assert "Ana's editor saves" in theirs.team.take_over_button.toolTip()

    # Ana types; her edit is not saved yet when Bia takes over.
    autosave_only_on_demand(mine)
    type_at_end(qtbot, mine, " Frase da Ana.")
    assert mine.autosaver.dirty and not run_async(stored(ana, sub.id)).draft.body_markdown.endswith("Ana.")
    said: list[str] = []
    theirs.statusBar().messageChanged.connect(said.append)
    theirs.team.take_over_button.click()

    # Ana's editor saves her edit through its save path and turns read-only, saying who took it.
    qtbot.waitUntil(lambda: mine.team.read_only, timeout=5000)
    assert mine.body.isReadOnly() and mine.team.banner.isVisible()
    assert "<b>Bia</b> took this item over" in mine.team.banner_text.text()
    qtbot.waitUntil(lambda: run_async(stored(ana, sub.id)).draft.body_markdown.endswith(" Frase da Ana."))
    assert not mine.autosaver.dirty
    assert "Bia took this item over; your changes are saved" in mine.statusBar().currentMessage()
    # Bia's editor is editable and shows Ana's saved text (nothing lost).
    assert not theirs.team.read_only and not theirs.body.isReadOnly() and not theirs.team.banner.isVisible()
    assert theirs.replace_action.isEnabled() and theirs.approve_action.isEnabled()
    qtbot.waitUntil(lambda: theirs.body.toPlainText().endswith(" Frase da Ana."), timeout=5000)
    assert any("took this item over from Ana" in m for m in said)
    qtbot.waitUntil(lambda: (c := ana.presence.claim_of(sub.id)) is not None and c.editor == "Bia")

    # Bia edits on top; Ana's read-only editor follows.
    type_at_end(qtbot, theirs, " E a da Bia.")
    qtbot.waitUntil(lambda: mine.body.toPlainText().endswith(" Frase da Ana. E a da Bia."), timeout=5000)
    final = run_async(stored(ana, sub.id))
    assert final.draft.body_markdown.endswith(" Frase da Ana. E a da Bia.")
    assert [r.author for r in final.revisions][-2:] == ["Ana", "Bia"]

    # Bia closes her editor (her queue no longer has the item selected): the claim goes, and Ana's
    # editor offers editing again by itself.
    bia.window.table.clearSelection()
    theirs.close()
    qtbot.waitUntil(lambda: not theirs.isVisible())
    qtbot.waitUntil(lambda: not mine.team.read_only, timeout=5000)
    assert not mine.body.isReadOnly() and not mine.team.banner.isVisible()
    assert run_async(eventually(lambda: (c := bia.presence.claim_of(sub.id)) and c.editor == "Ana"))


def test_a_claim_of_an_app_that_died_expires_and_the_editor_can_edit(qtbot, run_async, team_apps):
    """Across two real processes: the other app (tests/support/team_client.py) claims, takes over, and
    is killed; its claim expires and this app's editor becomes editable again."""
    from pathlib import Path

    from tests.support.team_client import TeamClientProcess

    ana = team_apps("Ana")
    sub = run_async(add_drafted(ana.store))
    qtbot.waitUntil(lambda: ana.row_of(sub.id) is not None)
    repo = str(Path(__file__).resolve().parents[3])
    redis = team_apps.redis  # the same servers, database and prefix for the other process
    bia = TeamClientProcess(
        team_apps.mongo_uri, team_apps.db, redis.url, redis.password, team_apps.prefix, "Bia", repo
    )
    try:
        assert bia.call(op="open", id=sub.id)["editable"]  # Bia's app has the item open first
        mine = ana.open_in_editor(qtbot, sub.id)
        qtbot.waitUntil(lambda: mine.team is not None and mine.team.read_only and mine.sub is not None)
        assert mine.team.banner_text.text() == "<b>Bia</b> is editing — take over?"

        mine.team.take_over_action.trigger()  # Ctrl+Shift+T
        qtbot.waitUntil(lambda: not mine.team.read_only)  # (expect() blocks: the Qt loop runs first)
        taken = bia.expect(lambda m: m.get("event") == "taken_over")
        assert (taken["id"], taken["by"]) == (sub.id, "Ana")

        autosave_only_on_demand(mine)
        type_at_end(qtbot, mine, " Antes de a Bia voltar.")
        bia.call(op="take_over", id=sub.id)  # and back: Ana's editor saves and turns read-only
        qtbot.waitUntil(lambda: mine.team.read_only, timeout=5000)
        qtbot.waitUntil(
            lambda: run_async(stored(ana, sub.id)).draft.body_markdown.endswith(" Antes de a Bia voltar.")
        )

        bia.proc.kill()  # Bia's app dies without letting go: her claim expires after its time to live
        bia.proc.wait()
        qtbot.waitUntil(lambda: not mine.team.read_only, timeout=15_000)
        assert not mine.body.isReadOnly() and mine.team.item_id == sub.id
        assert run_async(eventually(lambda: (c := ana.presence.claim_of(sub.id)) and c.editor == "Ana"))
    finally:
        bia.close()


def test_mongodb_down_mid_edit_keeps_the_edit_and_the_approval_on_disk(qtbot, run_async, team_apps, tmp_path):
    server = WireServer(tmp_path / "wire", data=tmp_path / "wire-data")
    server.data.mkdir(parents=True)
    server.start()
    try:
        ana = team_apps("Ana", mongo_uri=server.uri)
        sub = run_async(add_drafted(ana.store))
        qtbot.waitUntil(lambda: ana.row_of(sub.id) is not None)
        review = ana.open_in_editor(qtbot, sub.id)
        qtbot.waitUntil(
            lambda: review.sub is not None and review.team is not None and not review.team.read_only
        )
        qtbot.waitUntil(lambda: review.checks_list.count() > 0)

        server.stop()  # MongoDB goes away mid-edit
        type_at_end(qtbot, review, " Escrito sem banco.")
        # Saved as usual (the autosave), but kept on this computer: the label says so.
        qtbot.waitUntil(lambda: review.save_label.text() == "Kept on this computer", timeout=8000)
        assert "kept on this computer" in review.save_label.toolTip()
        assert ana.outbox.local_copy(sub.id).draft.body_markdown.endswith(" Escrito sem banco.")
        assert not review.body.isReadOnly()  # still editable
        qtbot.waitUntil(lambda: ana.team.status.text() == "Team: 1 edit waiting")

        approved = run_async(review.approve(), timeout=15_000)  # Ctrl+Return, with the database down
        assert approved is not None and approved.status is Status.APPROVED
        assert "Approved on this computer" in review.statusBar().currentMessage()
        assert review.save_label.text() == "Kept on this computer"
        kept = ana.outbox.local_copy(sub.id)
        assert kept.status is Status.APPROVED and kept.draft.body_markdown.endswith(" Escrito sem banco.")
        assert [line.event for line in ana.outbox._activity_of(sub.id)] == ["edited", "approved"]

        server.start()  # MongoDB is back (same port, same data): the outbox sends both
        qtbot.waitUntil(lambda: review.save_label.text() == "Sent to the team database", timeout=15_000)
        synced = run_async(stored(ana, sub.id))
        assert synced.status is Status.APPROVED
        assert synced.draft.body_markdown.endswith(" Escrito sem banco.")
        # One write, or two when a try already on its way as the approve was kept sends the edit first.
        assert synced.version in (sub.version + 1, sub.version + 2)
        events = [e.event for e in run_async(ana.store.list_activity(sub.id))]
        assert events[-2:] == ["edited", "approved"]
        assert ana.outbox.counts() == (0, 0)
        qtbot.waitUntil(lambda: review.sub.version == synced.version)  # the editor follows the database
        qtbot.waitUntil(lambda: ana.team.status.text().startswith("Team: "))
        assert "waiting" not in ana.team.status.text()
        type_at_end(qtbot, review, " Depois.")  # and goes on saving straight to the database
        qtbot.waitUntil(
            lambda: run_async(stored(ana, sub.id)).draft.body_markdown.endswith(" Depois."), timeout=5000
        )
    finally:
        server.stop()


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_screens_of_the_read_only_and_taken_over_editor(
    qtbot, qapp, run_async, team_apps, tmp_path, language
):
    """README screenshots (PIGMEU_SCREENSHOTS=docs/screenshots under Xvfb); a check of the texts anywhere."""
    import os
    from pathlib import Path

    from tests.ui.review.conftest import make_draft

    out = Path(os.environ.get("PIGMEU_SCREENSHOTS") or tmp_path)
    install_translator(qapp, language)
    try:
        ana, bia = team_apps("Ana"), team_apps("Bia")
        draft = make_draft(title="Sidarta, de Hermann Hesse: a busca que cabe em 200 páginas")
        sub = run_async(add_drafted(ana.store, draft))
        qtbot.waitUntil(lambda: ana.row_of(sub.id) is not None and bia.row_of(sub.id) is not None)
        mine = ana.open_in_editor(qtbot, sub.id)
        qtbot.waitUntil(
            lambda: mine.team is not None and mine.team.item_id == sub.id and mine.sub is not None
        )
        theirs = bia.open_in_editor(qtbot, sub.id)
        qtbot.waitUntil(lambda: theirs.team is not None and theirs.team.read_only and theirs.sub is not None)
        for window in (mine, theirs):
            window.resize(1400, 880)
        qtbot.waitUntil(lambda: theirs.checks_list.count() > 0)
        read_only = {"en": "is editing — take over?", "pt_BR": "está editando — assumir?"}[language]
        assert read_only in theirs.team.banner_text.text()
        assert theirs.team.take_over_button.text() == {"en": "Take over", "pt_BR": "Assumir"}[language]
        theirs.grab().save(str(out / f"review-team-read-only.{language}.png"))

        theirs.team.take_over_button.click()
        qtbot.waitUntil(lambda: mine.team.read_only and "<b>Bia</b>" in mine.team.banner_text.text())
        qtbot.waitUntil(lambda: mine.checks_list.count() > 0)
        taken = {"en": "took this item over", "pt_BR": "assumiu este item"}[language]
        assert taken in mine.team.banner_text.text()
        mine.grab().save(str(out / f"review-team-taken-over.{language}.png"))
    finally:
        install_translator(qapp, "en")


def test_an_offline_edit_that_meets_a_teammates_newer_text_opens_the_conflict_dialog(
    qtbot, run_async, team_apps, tmp_path
):
    from pigmeu_desktop.core.errors import StoreError
    from pigmeu_desktop.operations import editing

    server = WireServer(tmp_path / "wire", data=tmp_path / "wire-data")
    server.data.mkdir(parents=True)
    server.start()
    try:
        ana = team_apps("Ana", mongo_uri=server.uri)
        sub = run_async(add_drafted(ana.store))
        qtbot.waitUntil(lambda: ana.row_of(sub.id) is not None)
        review = ana.open_in_editor(qtbot, sub.id)
        qtbot.waitUntil(
            lambda: review.sub is not None and review.team is not None and not review.team.read_only
        )
        run_async(
            ana.syncer.aclose()
        )  # Ana's app sends its kept edit only when told: a teammate writes first

        server.stop()
        type_at_end(qtbot, review, " Offline da Ana.")
        qtbot.waitUntil(lambda: review.save_label.text() == "Kept on this computer", timeout=8000)

        server.start()
        theirs = sub.draft.model_copy(update={"title": "Resenha de Sidarta, pela Bia"})

        async def teammate_saves():
            try:
                return await editing.save_draft(
                    ana.store, sub.id, theirs, base=sub.draft, author="Bia", session="bia"
                )
            except StoreError:
                return None  # the database is still coming back

        run_async(eventually(teammate_saves), timeout=15_000)
        ana.syncer.start()  # the kept edit is sent, meets Bia's version: kept, and the editor asks
        qtbot.waitUntil(
            lambda: (
                getattr(review, "conflict_dialog", None) is not None and review.conflict_dialog.isVisible()
            ),
            timeout=15_000,
        )
        assert review.save_label.text() == "Changed elsewhere"
        assert ana.outbox.counts() == (0, 0)  # taken back into the window, where the dialog decides
        assert run_async(stored(ana, sub.id)).draft.title == "Resenha de Sidarta, pela Bia"  # not overwritten

        qtbot.mouseClick(review.conflict_dialog.keep_button, Qt.MouseButton.LeftButton)  # keep mine
        qtbot.waitUntil(
            lambda: run_async(stored(ana, sub.id)).draft.body_markdown.endswith(" Offline da Ana."),
            timeout=5000,
        )
        final = run_async(stored(ana, sub.id))
        assert any(
            r.author == "Bia" and r.draft.title == "Resenha de Sidarta, pela Bia" for r in final.revisions
        )
    finally:
        server.stop()
