"""The main window: the queue model (checked by qtmodeltester), drop/paste intake, approve, delete, details."""

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Book, Draft
from pigmeu_desktop.core.ports import Change, ChangeKind
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.i18n import install_translator
from pigmeu_desktop.ui.main_window import MainWindow
from pigmeu_desktop.ui.queue_model import QueueModel
from tests.support.qt_teardown import close_if_alive

pytestmark = pytest.mark.gui


@pytest.fixture
def services(tmp_path, run_async):
    s = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(), env={})
    yield s
    run_async(s.aclose())


@pytest.fixture
def window(qtbot, qapp, services, run_async):
    install_translator(qapp, "en")  # as the app does at start: English plural forms ("1 item")
    store = run_async(services.store())
    w = MainWindow(services, store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.count_label.text() != "")
    yield w
    close_if_alive(w)


def add_drafted(qtbot, window, run_async, draft: Draft) -> None:
    """One queued book taken through scraping and drafting to `drafted`, with `draft`."""
    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    store = run_async(window.services.store())
    sub = run_async(store.get(window.model.summary_at(0).id))
    for target in (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING):
        sub = transition(sub, target)
    run_async(store.save(transition(sub.model_copy(update={"draft": draft}), Status.DRAFTED)))


def rows(window):
    return [window.model.summary_at(i) for i in range(window.model.rowCount())]


def test_queue_model_passes_qt_model_checks(qtmodeltester, services, run_async):
    store = run_async(services.store())
    from pigmeu_desktop.services.intake import ShortLinkResolver, add_text

    run_async(
        add_text(
            store,
            ["8565042472 B0011UCPM4"],
            default_marketplace="amazon.com.br",
            resolver=ShortLinkResolver(),
        )
    )
    model = QueueModel(store)
    run_async(model.reload())
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    model.close()


def _drop(window, mime: QMimeData) -> bool:
    """Drag `mime` over the window and let go, as a browser does: enter, move, drop (real Qt events)."""
    target = window.table.viewport()
    where = QPointF(target.rect().center())
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        where.toPoint(), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(
        where.toPoint(), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, move)
    drop = QDropEvent(where, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_drop_of_a_browser_link_adds_it_once(qtbot, window):
    assert window.count_label.text() == "No items"
    mime = QMimeData()
    mime.setUrls([QUrl("https://www.amazon.com.br/Essencial/dp/8565042472?th=1")])
    mime.setText("ignored when urls are present")
    assert _drop(window, mime)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.summary_at(0).amazon_url == "https://www.amazon.com.br/dp/8565042472"
    same_book = QMimeData()
    same_book.setText("9788565042475")  # the same book, another form
    assert _drop(window, same_book)
    qtbot.waitUntil(lambda: "already in the queue" in window.statusBar().currentMessage())
    assert window.model.rowCount() == 1
    assert window.empty_hint.isHidden()
    assert window.count_label.text() == "1 item"


def test_a_drag_with_nothing_to_read_is_refused(window):
    assert not _drop(window, QMimeData())


def test_ctrl_v_pastes_the_links_in_the_clipboard(qtbot, window):
    mime = QMimeData()
    mime.setHtml('<p>Veja <a href="https://www.amazon.com/dp/B0011UCPM4">este</a></p>')
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(mime)  # the clipboard now owns `mime`
    try:
        window.table.setFocus()
        qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.model.rowCount() == 1)
        assert window.model.summary_at(0).amazon_url == "https://www.amazon.com/dp/B0011UCPM4"
    finally:
        # Emptied while the application lives: mime data left on the clipboard is destroyed by Qt after
        # the QApplication at process exit, and that crashed the interpreter (exit 139 after all passed).
        clipboard.clear()


def test_html_drag_and_rejections_are_reported(qtbot, window):
    mime = QMimeData()
    mime.setHtml(
        '<a href="https://www.amazon.com/dp/B0011UCPM4">book</a> <a href="https://evil.example/x">x</a>'
    )
    assert _drop(window, mime)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    qtbot.waitUntil(lambda: "rejected" in window.statusBar().currentMessage())
    message = window.statusBar().currentMessage()
    assert "1 rejected" in message and "Not an Amazon link" in message


def test_approve_is_disabled_with_a_reason_until_a_draft_exists(qtbot, window, services, run_async):
    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "Status" in window.details.toPlainText())
    assert "History" in window.details.toPlainText() and "Added to the queue" in window.details.toPlainText()
    assert not window.approve_action.isEnabled()
    assert "Only an item with a finished draft" in window.approve_action.toolTip()

    store = run_async(services.store())
    sub = run_async(store.get(window.selected_id()))
    for target in (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING):
        sub = transition(sub, target)
    sub = sub.model_copy(
        update={"book": Book(title="O Essencial"), "draft": Draft(title="Resenha", excerpt="Um box.")}
    )
    run_async(store.save(transition(sub, Status.DRAFTED)))
    qtbot.waitUntil(lambda: window.model.summary_at(0).status is Status.DRAFTED)
    window.table.clearSelection()
    window.table.selectRow(0)
    qtbot.waitUntil(window.approve_action.isEnabled)
    qtbot.keyClick(window.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.summary_at(0).status is Status.APPROVED)
    assert "Um box." in window.details.toPlainText()
    assert "O Essencial ✗" in window.details.toPlainText()  # the book's title is not in this tiny draft


def test_delete_asks_and_removes(qtbot, window, run_async, monkeypatch):
    run_async(window.add_links("8565042472 B0011UCPM4"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    window.table.selectRow(0)
    qtbot.waitUntil(window.delete_action.isEnabled)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)


def test_store_errors_reach_the_status_bar(qtbot, window, run_async):
    from pigmeu_desktop.core.errors import NoSuchItem

    task = window.run(window.store.get("ffffffffffffffffffffffff"))
    qtbot.waitUntil(task.done)
    assert isinstance(task.exception(), NoSuchItem)
    assert "Item not found" in window.statusBar().currentMessage()


def test_every_action_has_a_keyboard_shortcut(window):
    actions = [
        window.add_action,
        window.paste_action,
        window.approve_action,
        window.retry_action,
        window.stop_action,
        window.captcha_action,
        window.pause_action,
        window.delete_action,
        window.settings_action,
        window.quit_action,
    ]
    shortcuts = [a.shortcut().toString() for a in actions]
    assert all(shortcuts), dict(zip([a.text() for a in actions], shortcuts, strict=False))
    assert len(set(shortcuts)) == len(shortcuts)  # no two actions share a key
    assert window.settings_action.shortcut().toString() in ("Ctrl+,", "Meta+,")  # Cmd+, on macOS


def test_a_published_item_whose_draft_changed_says_so_and_can_be_approved_again(
    qtbot, window, services, run_async
):
    from pigmeu_desktop.core.models import WordPressRef
    from pigmeu_desktop.services.wordpress.hashing import content_hash

    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    store = run_async(services.store())
    sub = run_async(store.get(window.model.summary_at(0).id))
    for target in (
        Status.SCRAPING,
        Status.SCRAPED,
        Status.DRAFTING,
        Status.DRAFTED,
        Status.APPROVED,
        Status.PUBLISHING,
    ):
        sub = transition(sub, target)
    draft = Draft(title="Resenha", excerpt="Um box.", body_markdown="texto")
    published = WordPressRef(
        site_url="http://wp.local", post_id=7, link="http://wp.local/?p=7", content_hash=content_hash(draft)
    )
    sub = run_async(
        store.save(
            transition(sub.model_copy(update={"draft": draft, "wordpress": published}), Status.PUBLISHED)
        )
    )
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "wp.local" in window.details.toPlainText())
    assert "Changed since publish" not in window.details.toPlainText()
    assert not window.approve_action.isEnabled()

    edited = sub.model_copy(update={"draft": draft.model_copy(update={"excerpt": "Um box revisto."})})
    run_async(store.save(edited))
    window.table.clearSelection()
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "Changed since publish" in window.details.toPlainText())
    qtbot.waitUntil(window.approve_action.isEnabled)
    window.approve_action.trigger()
    qtbot.waitUntil(lambda: window.model.summary_at(0).status is Status.APPROVED)


def test_team_mode_changes_say_they_wait_for_a_restart(window):
    """The queue's database is opened once: switching to team mode must not look applied when it is not."""
    settings = window.services.settings
    window.services.apply_settings(settings.model_copy(update={"scrape_min_delay_s": 9}))
    assert "restart" not in window.statusBar().currentMessage()
    window.services.apply_settings(
        settings.model_copy(update={"team_mode": True, "mongodb_uri": "mongodb://team"})
    )
    assert "take effect when you restart" in window.statusBar().currentMessage()


def test_the_draft_is_shown_as_the_post_will_read(qtbot, window, run_async):
    """The whole body, rendered and sanitised by the publisher's renderer, with the affiliate tag applied."""
    window.services.settings = window.services.settings.model_copy(
        update={"affiliate_tags": {"amazon.com.br": "blog-20"}, "disclosure_text": "Links de afiliado."}
    )
    body = (
        "## Análise\n\nUm **ótimo** box.<script>alert(1)</script>\n\n"
        "[Compre](https://www.amazon.com.br/dp/8565042472)"
    )
    draft = Draft(
        title="Resenha", excerpt="Um box.", body_markdown=body, tags=["história"], categories=["Guerra"]
    )
    add_drafted(qtbot, window, run_async, draft)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "Análise" in window.details.toPlainText())
    text, html_shown = window.details.toPlainText(), window.details.toHtml()
    assert "Um ótimo box." in text and "alert(1)" not in text  # scripts never reach the pane
    assert "Links de afiliado." in text  # the disclosure, as the post shows it
    assert "tag=blog-20" in html_shown  # the link as it will be published
    assert "Tags: história" in text and "Categories: Guerra" in text


def test_an_update_of_the_item_being_read_keeps_the_reading_position(qtbot, window, run_async):
    body = "\n\n".join(f"## Parte {i}\n\nUm parágrafo longo sobre a parte {i}." for i in range(60))
    add_drafted(qtbot, window, run_async, Draft(title="R", body_markdown=body))
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "Parte 59" in window.details.toPlainText())
    scroll = window.details.verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)
    reading = scroll.value()
    assert reading > 0
    window.approve_action.trigger()  # the item changes under the editor's eyes
    qtbot.waitUntil(lambda: window.model.summary_at(0).status is Status.APPROVED)
    qtbot.waitUntil(lambda: "Approved" in window.details.toPlainText())
    assert scroll.value() == reading


def test_saved_settings_reach_every_watcher_once_and_a_closed_window_stops_watching(window, services):
    heard: list[tuple[int, int]] = []
    stop = services.watch_settings(
        lambda old, new: heard.append((old.scrape_concurrency, new.scrape_concurrency))
    )
    services.apply_settings(services.settings.model_copy(update={"scrape_concurrency": 4}))
    assert heard == [(2, 4)] and services.settings.scrape_concurrency == 4
    stop()
    window.close()
    services.apply_settings(services.settings.model_copy(update={"team_mode": True}))
    assert heard == [(2, 4)]
    assert "restart" not in window.statusBar().currentMessage()  # the closed window no longer listens


def test_a_queue_that_cannot_be_read_says_so_and_keeps_its_rows(qtbot, window, run_async):
    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    run_async(window.store.close())  # the database goes away under the window
    # A teammate's change arrives (what the store tells its listeners): the queue must be read again.
    window.model._store_did_change(Change(ChangeKind.UPDATED, (window.model.summary_at(0).id,)))
    qtbot.waitUntil(lambda: "Database unavailable" in window.statusBar().currentMessage())
    assert window.model.rowCount() == 1


def test_an_item_whose_scrape_failed_cannot_be_approved_even_with_a_draft(qtbot, window, services, run_async):
    from pigmeu_desktop.core.models import ErrorInfo

    run_async(window.add_links("8565042472"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    store = run_async(services.store())
    sub = run_async(store.get(window.model.summary_at(0).id))
    sub = transition(sub, Status.SCRAPING)
    error = ErrorInfo(code="network", message="down", step="scrape")
    sub = transition(sub, Status.FAILED, error=error).model_copy(update={"draft": Draft(title="Resenha")})
    run_async(store.save(sub))
    qtbot.waitUntil(lambda: window.model.summary_at(0).status is Status.FAILED)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "Status" in window.details.toPlainText())
    assert not window.approve_action.isEnabled()  # the same rule as `pigmeu approve` (core/states.approve)
