"""The AI inside the editor, against the local OpenAI-compatible server: streaming, Stop, one section."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.support.fake_openai import DEFAULT_KEY, FakeOpenAI

pytestmark = pytest.mark.gui


@pytest.fixture
def server():
    # A slow model: 5 ms between chunks of 12 characters, so a draft streams for about a second.
    with FakeOpenAI(token_delay=0.005) as s:
        yield s


def env(server):
    return {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": DEFAULT_KEY}


def test_a_whole_draft_streams_into_the_editor_and_becomes_a_revision(qtbot, run_async, editor, server):
    window, store, sub = editor(env=env(server))
    seen: list[str] = []
    window.body.textChanged.connect(lambda: seen.append(window.body.toPlainText()))
    with qtbot.waitSignal(window.generation_did_finish, timeout=20000) as finished:
        window.generate_action.trigger()
        assert window.stop_action.isEnabled() and not window.generate_action.isEnabled()
        qtbot.waitUntil(window.body.isReadOnly)  # no typing into text that is still arriving
    assert finished.args == ["done"]
    # The text grew in steps while it arrived, not in one jump at the end.
    partials = [t for t in seen if "parágrafo sobre" in t]
    assert len(partials) >= 3 and len(partials[0]) < len(partials[-1])
    saved = run_async(store.get(sub.id))
    assert saved.draft.body_markdown == window.body.toPlainText()
    assert "Sidarta, de Hermann Hesse: parágrafo sobre introdução." in saved.draft.body_markdown
    assert [r.kind for r in saved.revisions] == ["ai", "ai"] and not window.body.isReadOnly()
    assert server.chat_requests[-1].streamed


def start_and_stop(qtbot, window):
    original = window.body.toPlainText()
    window.generate_action.trigger()
    qtbot.waitUntil(lambda: "parágrafo sobre" in window.body.toPlainText(), timeout=10000)
    window.stop_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "stop_box", None) is not None and window.stop_box.isVisible())
    return original, window.body.toPlainText()


def test_stop_keeps_what_arrived_as_a_revision(qtbot, run_async, editor, server):
    window, store, sub = editor(env=env(server))
    original, arrived = start_and_stop(qtbot, window)
    assert arrived != original
    keep = next(
        b
        for b in window.stop_box.buttons()
        if window.stop_box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    with qtbot.waitSignal(window.generation_did_finish, timeout=5000) as finished:
        qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert finished.args == ["stopped-kept"]
    saved = run_async(store.get(sub.id))
    assert saved.revisions[-1].kind == "ai-partial"
    assert saved.draft.body_markdown.startswith(arrived[: len(arrived) // 2])
    assert saved.revisions[0].draft.body_markdown == original


def test_stop_can_drop_what_arrived(qtbot, run_async, editor, server):
    window, store, sub = editor(env=env(server))
    original, _ = start_and_stop(qtbot, window)
    drop = next(
        b
        for b in window.stop_box.buttons()
        if window.stop_box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole
    )
    with qtbot.waitSignal(window.generation_did_finish, timeout=5000) as finished:
        qtbot.mouseClick(drop, Qt.MouseButton.LeftButton)
    assert finished.args == ["stopped-dropped"]
    assert window.body.toPlainText() == original
    assert len(run_async(store.get(sub.id)).revisions) == 1


def test_regenerating_one_section_keeps_the_other_sections_and_the_editors_edits(
    qtbot, run_async, editor, server
):
    window, store, sub = editor(env=env(server))
    # The editor rewrites the introduction first (not saved yet: regenerating saves it first).
    body = window.body.toPlainText().replace("é um livro sobre a busca.", "é o livro da minha vida.")
    window.body.setPlainText(body)
    window.section_box.setCurrentIndex(window.section_box.findData("analysis"))
    window.instructions.setText("mais curto")
    with qtbot.waitSignal(window.generation_did_finish, timeout=20000) as finished:
        window.section_action.trigger()
    assert finished.args == ["done"]
    new = window.body.toPlainText()
    assert "Texto reescrito sobre Sidarta" in new
    assert "A prosa é simples." not in new
    before, after = body.split("## Análise")[0], body.split("## Para quem é este livro")[1]
    assert new.startswith(before) and new.endswith(after)  # every other byte as the editor left it
    assert "mais curto" in server.chat_requests[-1].text()
    saved = run_async(store.get(sub.id))
    assert saved.draft.body_markdown == new
    assert [r.kind for r in saved.revisions] == ["ai", "edit", "ai"]


def test_a_scraped_item_without_a_draft_gets_its_first_draft_from_the_editor(
    qtbot, run_async, services, server
):
    from pigmeu_desktop.core.ports import NewLink
    from pigmeu_desktop.core.states import Status, transition
    from pigmeu_desktop.ui.review.window import ReviewWindow
    from tests.ui.review.conftest import discard, make_book

    s = services(env(server))
    store = run_async(s.store())
    [outcome] = run_async(
        store.add_links(
            [NewLink("https://www.amazon.com.br/dp/8535914846", "8535914846", "amazon.com.br", "x")]
        )
    )
    sub = run_async(store.get(outcome.id))
    sub = transition(transition(sub, Status.SCRAPING), Status.SCRAPED).model_copy(
        update={"book": make_book()}
    )
    sub = run_async(store.save(sub))
    window = ReviewWindow(s, store)
    window.show()
    try:
        run_async(window.open_item(sub.id))
        assert window.body.toPlainText() == "" and window.generate_action.isEnabled()
        assert not window.approve_action.isEnabled() and window.approve_action.toolTip()
        with qtbot.waitSignal(window.generation_did_finish, timeout=20000) as finished:
            window.generate_action.trigger()
        assert finished.args == ["done"]
        saved = run_async(store.get(sub.id))
        assert saved.status is Status.DRAFTED and [r.kind for r in saved.revisions] == ["ai"]
        assert window.approve_action.isEnabled() and "## Introdução" in window.body.toPlainText()
    finally:
        discard(window)
