"""The review editor in a real window: autosave, conflicts, checks as one types, revisions, approve."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from pigmeu_desktop.core.states import Status
from pigmeu_desktop.operations import editing
from tests.ui.review.conftest import BODY, discard

pytestmark = pytest.mark.gui


def type_at_end(qtbot, window, text: str) -> None:
    cursor = window.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.body.setTextCursor(cursor)
    window.body.setFocus()
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(window.body, Qt.Key.Key_Return)  # keyClicks cannot type a newline
        qtbot.keyClicks(window.body, line)


def stored_body(run_async, store, sub_id) -> str:
    return run_async(store.get(sub_id)).draft.body_markdown


def test_typing_then_waiting_saves_the_text_as_a_revision_of_the_session(qtbot, run_async, editor):
    window, store, sub = editor()
    type_at_end(qtbot, window, "Nova frase.")
    assert window.save_label.text() == "Unsaved"
    qtbot.waitUntil(lambda: stored_body(run_async, store, sub.id).endswith("Nova frase."), timeout=3000)
    type_at_end(qtbot, window, " Mais.")
    qtbot.waitUntil(lambda: stored_body(run_async, store, sub.id).endswith("Nova frase. Mais."), timeout=3000)
    saved = run_async(store.get(sub.id))
    assert [(r.n, r.kind, r.author) for r in saved.revisions] == [
        (1, "ai", "ai:gpt-4o-mini"),
        (2, "edit", "Ana"),
    ]
    assert saved.revisions[0].draft.body_markdown == BODY
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Saved"))


def test_switching_items_saves_at_once(qtbot, run_async, editor):
    from tests.ui.review.conftest import add_drafted

    window, store, sub = editor()
    other = run_async(add_drafted(store, asin="8565042472"))
    type_at_end(qtbot, window, "X")
    run_async(window.open_item(other.id))  # no waiting for the timer: the switch saves first
    assert stored_body(run_async, store, sub.id).endswith("X")
    assert window.sub.id == other.id and not window.body.toPlainText().endswith("X")


def make_conflict(qtbot, run_async, window, store, sub):
    """Someone else (another window, the CLI) changes the draft; then this editor types and saves."""
    theirs = sub.draft.model_copy(
        update={"body_markdown": BODY.replace("A prosa é simples.", "A prosa é límpida.")}
    )
    window.autosaver.pause()  # the editor's text is typed but not yet saved when theirs lands
    type_at_end(qtbot, window, "Minha frase.")
    run_async(editing.save_draft(store, sub.id, theirs, base=sub.draft, author="Bia", session="other-window"))
    window.autosaver.resume()
    qtbot.waitUntil(
        lambda: getattr(window, "conflict_dialog", None) is not None and window.conflict_dialog.isVisible(),
        timeout=3000,
    )
    return window.conflict_dialog


def test_conflict_keep_mine_saves_mine_and_keeps_theirs_in_revisions(qtbot, run_async, editor):
    window, store, sub = editor()
    dialog = make_conflict(qtbot, run_async, window, store, sub)
    assert "límpida" in dialog.panes.left.toPlainText() and "Minha frase." in dialog.panes.right.toPlainText()
    assert "Bia" in dialog.intro.text()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_body(run_async, store, sub.id).endswith("Minha frase."), timeout=3000)
    saved = run_async(store.get(sub.id))
    assert "simples" in saved.draft.body_markdown  # mine, whole: their sentence is not in it
    assert any("límpida" in r.draft.body_markdown for r in saved.revisions)


def test_conflict_take_theirs_loads_theirs(qtbot, run_async, editor):
    window, store, sub = editor()
    dialog = make_conflict(qtbot, run_async, window, store, sub)
    qtbot.mouseClick(dialog.theirs_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "límpida" in window.body.toPlainText())
    assert "Minha frase." not in window.body.toPlainText()
    assert not window.autosaver.dirty
    assert "Minha frase." not in stored_body(run_async, store, sub.id)


def test_conflict_merge_by_hand_applies_both_and_saves(qtbot, run_async, editor):
    window, store, sub = editor()
    dialog = make_conflict(qtbot, run_async, window, store, sub)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "límpida" in window.body.toPlainText())
    assert window.body.toPlainText().endswith("Minha frase.")  # separate places: both changes apply
    qtbot.waitUntil(
        lambda: (
            "límpida" in stored_body(run_async, store, sub.id)
            and stored_body(run_async, store, sub.id).endswith("Minha frase.")
        ),
        timeout=3000,
    )


def check_keys(window):
    return {(c.key, c.params.get("place") or c.params.get("field")) for c in window.checks}


def test_checks_update_as_one_types_and_click_jumps(qtbot, run_async, editor):
    window, _store, _sub = editor()
    assert ("keyword_in", "title") in check_keys(window)
    assert not [c for c in window.checks if c.level == "blocking"]
    window.title_edit.edit.selectAll()
    qtbot.keyClicks(window.title_edit.edit, "Uma resenha")
    qtbot.waitUntil(lambda: ("keyword_not_in", "title") in check_keys(window))
    assert window.title_edit.counter.text() == "11 / 120"
    type_at_end(qtbot, window, "\n\nESCREVER: o resto. Publicado em 1987.")
    qtbot.waitUntil(lambda: ("placeholder_left", "body_markdown") in check_keys(window))
    fact = next(c for c in window.checks if c.key == "unbacked_fact" and c.params["text"] == "1987")
    assert "1987" in window.highlighter.facts
    row = next(
        i
        for i in range(window.checks_list.count())
        if window.checks_list.item(i).data(Qt.ItemDataRole.UserRole) == fact
    )
    window.checks_list.itemClicked.emit(window.checks_list.item(row))
    assert window.body.textCursor().selectedText() == "1987"


def test_approve_is_refused_with_the_reason_while_a_placeholder_is_left(qtbot, run_async, editor):
    window, store, sub = editor()
    type_at_end(qtbot, window, "\n\nESCREVER: falta.")
    assert run_async(window.approve()) is None
    assert "ESCREVER" in window.approval_box.text()
    assert window.body.textCursor().selectedText() == "ESCREVER"
    window.approval_box.close()
    assert run_async(store.get(sub.id)).status is Status.DRAFTED
    cursor = window.body.textCursor()
    cursor.insertText("Texto")
    approved = run_async(window.approve())
    assert approved.status is Status.APPROVED and approved.draft.body_markdown.endswith("Texto: falta.")


def test_diff_view_between_two_revisions_and_restore(qtbot, run_async, editor):
    window, store, sub = editor()
    window.title_edit.edit.selectAll()
    qtbot.keyClicks(window.title_edit.edit, "Resenha nova: Sidarta")
    type_at_end(qtbot, window, "\nFim.")
    run_async(window.autosaver.flush())
    assert [r.n for r in window.sub.revisions] == [1, 2]
    dialog = window.show_revisions()
    dialog.select(1, 2)
    left, right = dialog.panes.left.toPlainText(), dialog.panes.right.toPlainText()
    assert "Resenha: Sidarta" in left and "Resenha nova: Sidarta" in right and "Fim." in right
    assert [c.field for c in dialog.panes.changes] == ["title", "body_markdown"]
    added = [h for h in dialog.panes.changes[0].hunks if h.kind != "equal"]
    # Word level for short fields: only the changed words are marked, "Sidarta" is not.
    assert ["".join(h.new) for h in added] == ["Resenha nova:"] and ["".join(h.old) for h in added] == [
        "Resenha:"
    ]
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(run_async(store.get(sub.id)).revisions) == 3)
    saved = run_async(store.get(sub.id))
    assert saved.draft.title == "Resenha: Sidarta" and saved.revisions[-1].restored_from == 1
    assert saved.revisions[1].draft.title == "Resenha nova: Sidarta"  # nothing overwritten
    qtbot.waitUntil(lambda: window.title_edit.text() == "Resenha: Sidarta")


def test_book_field_edit_is_marked_and_reset(qtbot, run_async, editor):
    window, store, sub = editor()
    pages = window.source.edits["pages"]
    pages.selectAll()
    qtbot.keyClicks(pages, "208")
    pages.editingFinished.emit()
    qtbot.waitUntil(lambda: run_async(store.get(sub.id)).book_edits == {"pages": 208})
    assert run_async(store.get(sub.id)).book.pages == 200
    qtbot.waitUntil(lambda: window.source.marks["pages"].isVisibleTo(window))
    qtbot.mouseClick(window.source.marks["pages"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run_async(store.get(sub.id)).book_edits == {} and pages.text() == "200")
    # The description (a long text) is saved when the editor leaves it.
    description = window.source.edits["description"]
    description.setFocus()
    description.setPlainText("Outra descrição.")
    window.source.edits["title"].setFocus()
    qtbot.waitUntil(lambda: run_async(store.get(sub.id)).book_edits == {"description": "Outra descrição."})


def test_find_and_replace_is_one_undo_step(qtbot, editor):
    window, _, _ = editor()
    window.find_action.trigger()
    assert window.find_bar.isVisible() and not window.find_bar.replace_edit.isVisible()
    window.replace_action.trigger()
    window.find_bar.find_edit.setText("Sidarta")
    window.find_bar.replace_edit.setText("Siddhartha")
    assert window.find_bar.replace_all() == 1
    assert "Siddhartha, de Hermann Hesse" in window.body.toPlainText()
    window.body.undo()
    assert window.body.toPlainText() == BODY


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen only; a real screen raises it
def test_the_queue_opens_the_editor_with_enter_and_the_review_action(qtbot, qapp, run_async, services):
    from pigmeu_desktop.ui.main_window import MainWindow
    from tests.ui.review.conftest import add_drafted, make_draft

    s = services()
    store = run_async(s.store())
    sub = run_async(add_drafted(store))
    window = MainWindow(s, store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.review_action.isEnabled())
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.review_window is not None and window.review_window.sub is not None)
    review = window.review_window
    assert review.sub.id == sub.id and review.title_edit.text() == "Resenha: Sidarta"
    # Alt+Down / Alt+Up walk the queue from the editor, saving as they go; the queue's selection follows.
    other = run_async(add_drafted(store, make_draft(title="Outra resenha"), asin="8565042472"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    first_row = window.model.row_of(sub.id)
    step = 1 if first_row == 0 else -1
    (review.next_action if step == 1 else review.previous_action).trigger()
    qtbot.waitUntil(lambda: review.sub.id == other.id)
    assert review.title_edit.text() == "Outra resenha" and window.selected_id() == other.id
    (review.next_action if step == 1 else review.previous_action).trigger()
    qtbot.waitUntil(lambda: "No more items" in review.statusBar().currentMessage())
    discard(review)


def test_recolouring_is_not_an_edit(qtbot, run_async, editor):
    """Spelling and fact marks repaint the text (Qt emits textChanged then); that must not save anything."""
    window, store, sub = editor()
    version = run_async(store.get(sub.id)).version
    window.highlighter.set_facts(["Hermann Hesse"])
    window.highlighter.rehighlight()
    assert not window.autosaver.dirty
    run_async(window.autosaver.flush())
    assert run_async(store.get(sub.id)).version == version


def test_a_failed_publish_shows_the_error_its_code_and_the_next_step(qtbot, run_async, editor):
    import socket

    with socket.socket() as probe:  # a port nobody listens on: a real "connection refused"
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        "WORDPRESS_URL": f"http://127.0.0.1:{port}",
        "WORDPRESS_USERNAME": "ana",
        "WORDPRESS_PASSWORD": "abcd efgh ijkl mnop",
    }
    window, store, sub = editor(env=env)
    run_async(window.approve())
    window.publish_action.trigger()
    with qtbot.waitSignal(window.publish_did_finish, timeout=20000) as done:
        window.publish_dialog.accept()
    error = done.args[0]
    assert error.code == "network"
    box = window.error_box
    assert box.isVisible() and "network" in box.informativeText() and error.next_step in box.text()
    assert not window.progress.isVisible()
    saved = run_async(store.get(sub.id))
    assert saved.status is Status.FAILED and saved.draft.body_markdown == BODY  # nothing saved is lost
    assert window.publish_action.isEnabled()  # a retry, once the site is reachable


def test_closing_the_window_saves_first(qtbot, run_async, editor):
    window, store, sub = editor()
    type_at_end(qtbot, window, " Fim")
    assert window.autosaver.dirty
    window.close()  # refused until the text is saved, then closes by itself
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert stored_body(run_async, store, sub.id).endswith(" Fim")


def test_undo_and_redo_from_the_toolbar(qtbot, editor):
    window, _, _ = editor()
    assert not window.undo_action.isEnabled()
    type_at_end(qtbot, window, "xyz")
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert window.body.toPlainText() == BODY and window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert window.body.toPlainText().endswith("xyz")


def test_closing_with_a_conflict_open_keeps_my_text_beside_theirs(qtbot, run_async, editor):
    window, store, sub = editor()
    make_conflict(qtbot, run_async, window, store, sub)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    saved = run_async(store.get(sub.id))
    assert "límpida" in saved.draft.body_markdown  # theirs stays the draft
    aside = saved.revisions[-1]
    assert (
        aside.kind == "aside" and aside.draft.body_markdown.endswith("Minha frase.") and aside.author == "Ana"
    )


def test_a_misspelt_word_is_marked_and_its_menu_offers_suggestions(qtbot, run_async, editor):
    window, _, _ = editor()
    qtbot.waitUntil(lambda: window.highlighter.speller is not None, timeout=20000)
    body = window.body.toPlainText().replace("A prosa é simples.", "A prosa é exelente.")
    window.body.setPlainText(body)
    block = window.body.document().findBlock(body.index("exelente"))
    column = body.index("exelente") - block.position()
    formats = {(f.start, f.length): f.format.underlineStyle() for f in block.layout().formats()}
    assert any(
        start <= column < start + length and style.name == "SpellCheckUnderline"
        for (start, length), style in formats.items()
    )
    cursor = window.body.textCursor()
    cursor.setPosition(body.index("exelente") + 2)
    position = window.body.cursorRect(cursor).center()
    menu = window.spelling_menu(position)
    texts = [a.text() for a in menu.actions()]
    assert "excelente" in texts
    next(a for a in menu.actions() if a.text() == "excelente").trigger()
    assert "A prosa é excelente." in window.body.toPlainText()
    menu.deleteLater()


def test_changes_made_elsewhere_show_at_once_when_nothing_is_unsaved(qtbot, run_async, editor):
    window, store, sub = editor()
    # A book field changed elsewhere (as a re-scrape or another window would): the Source pane follows.
    run_async(editing.save_book_field(store, sub.id, "pages", "210"))
    qtbot.waitUntil(lambda: window.source.edits["pages"].text() == "210")
    # Another window changes the text while this one has nothing unsaved: shown, no conflict.
    theirs = sub.draft.model_copy(update={"body_markdown": BODY.replace("Leia.", "Leia já.")})
    run_async(editing.save_draft(store, sub.id, theirs, base=sub.draft, author="Bia", session="other"))
    qtbot.waitUntil(lambda: "Leia já." in window.body.toPlainText())
    assert getattr(window, "conflict_dialog", None) is None
    type_at_end(qtbot, window, " Ok")
    qtbot.waitUntil(
        lambda: stored_body(run_async, store, sub.id).endswith(
            "Leia já. [Compre na Amazon](https://www.amazon.com.br/dp/8535914846)\n Ok"
        )
    )


def test_a_typo_fixed_in_a_long_line_is_marked_as_one_word_a_rewrite_as_the_whole_line(qapp):
    from pigmeu_desktop.core.models import Draft
    from pigmeu_desktop.core.review import diff_drafts
    from pigmeu_desktop.ui.review.diff_view import sides_html

    line = "A prosa é simples e musical; cada capítulo funciona como uma parábola.\n"
    fixed = diff_drafts(Draft(body_markdown=line), Draft(body_markdown=line.replace("parábola", "parabola")))
    old, new = sides_html(fixed)
    assert new.count("<span") == 1 and ">parabola.<" in new and ">parábola.<" in old
    rewritten = diff_drafts(Draft(body_markdown=line), Draft(body_markdown="Outro texto, de outra pessoa.\n"))
    _, new = sides_html(rewritten)
    assert new.count("<span") == 1 and "Outro texto, de outra pessoa." in new
