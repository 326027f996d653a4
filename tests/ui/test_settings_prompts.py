"""Settings → Prompts: edit a template, save it as a new version, the next draft (local OpenAI-compatible
server) uses it and records the version; invalid text refused; reset; restore; compare; preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.ports import NewLink
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.llm import draft_submission
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.ui.settings_dialog import SettingsDialog
from pigmeu_desktop.ui.version_diff import VersionDiffDialog
from tests.services.llm.conftest import AMAZON_URL, ASIN, make_book
from tests.support.fake_openai import DEFAULT_KEY
from tests.support.qt_teardown import close_if_alive

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

PROMPT = "book-review.pt-BR"


@pytest.fixture
def page_rig(qtbot, tmp_path, qloop, run_async, fake_openai):
    env = {"OPENAI_BASE_URL": fake_openai.base_url, "OPENAI_API_KEY": DEFAULT_KEY}
    services = Services(AppPaths.under(tmp_path / "home").ensure(), Settings(editor_name="Ana"), env)

    async def scraped() -> Submission:
        store = await services.store()
        [outcome] = await store.add_links([NewLink(AMAZON_URL, ASIN, "amazon.com.br", AMAZON_URL)])
        sub = await store.get(outcome.id)
        return await store.save(sub.model_copy(update={"status": Status.SCRAPED, "book": make_book()}))

    sub = run_async(scraped())
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.prompts
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.tabs.setCurrentWidget(page)
    yield dialog, page, services, sub
    close_if_alive(dialog)
    run_async(services.aclose())


def choose(qtbot, page, doc_id: str, field: str) -> None:
    page.document.setCurrentIndex(next(i for i, info in enumerate(page.infos) if info.id == doc_id))
    qtbot.waitUntil(lambda: page.current.id == doc_id and page.field.findData(field) >= 0)
    page.field.setCurrentIndex(page.field.findData(field))


def type_at_end(qtbot, page, text: str) -> None:
    page.editor.setFocus()
    page.editor.moveCursor(QTextCursor.MoveOperation.End)
    for i, line in enumerate(text.split("\n")):  # QTest types printable characters only
        if i:
            qtbot.keyClick(page.editor, Qt.Key.Key_Return)
        qtbot.keyClicks(page.editor, line)


def save_with_keyboard(qtbot, page, signal):
    with qtbot.waitSignal(signal, timeout=10_000) as blocker:
        qtbot.keyClick(page.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return blocker.args[0]


def test_an_edit_is_a_new_version_that_the_next_draft_uses_and_records(
    qtbot, page_rig, run_async, fake_openai
):
    _dialog, page, services, sub = page_rig
    choose(qtbot, page, PROMPT, "user_template")
    assert page.current.id == PROMPT and "{{ book_json }}" in page.editor.toPlainText()
    assert (
        not page.save_button.isEnabled() and "Nothing changed since version 1" in page.save_button.toolTip()
    )
    assert [page.variables.topLevelItem(i).text(0) for i in range(page.variables.topLevelItemCount())] == [
        "book",
        "book_json",
        "sections",
        "language",
    ]
    first = run_async(draft_submission(services, sub))  # the drafter now holds version 1 in its cache
    assert first.draft.prompt_version == 1

    type_at_end(qtbot, page, "\nMARCA-V2")
    assert page.save_button.isEnabled() and page.revert_button.isEnabled()
    entry = save_with_keyboard(qtbot, page, page.saved)
    qtbot.waitUntil(lambda: page.current.version == 2 and page.versions.topLevelItemCount() == 2)
    assert (entry.version, entry.author) == (2, "Ana") and not page.edits
    assert page.versions.topLevelItem(0).text(1) == "Ana"

    second = run_async(draft_submission(services, first))
    assert fake_openai.chat_requests[-1].messages[1]["content"].endswith("MARCA-V2")
    assert (second.draft.prompt_id, second.draft.prompt_version) == (PROMPT, 2)
    assert (second.draft.schema_id, second.draft.schema_version) == ("book-review", 1)


def test_an_invalid_template_is_refused_with_its_code_and_nothing_is_saved(qtbot, page_rig, run_async):
    dialog, page, services, _sub = page_rig
    choose(qtbot, page, PROMPT, "user_template")
    type_at_end(qtbot, page, "\n{{ book_json ")
    error = save_with_keyboard(qtbot, page, page.failed)
    assert error.code == "prompt_invalid" and "line" in error.message
    assert page.error.isVisible() and "prompt_invalid" in page.error.text()
    assert page.edits  # the typed text stays in the editor to be fixed
    assert page.current.version == 1
    store = run_async(services.store())
    assert run_async(store.get_document("prompts", PROMPT))["version"] == 1
    # The dialog's own Save does not close over unsaved template text.
    assert dialog.save() is None and dialog.isVisible() and "unsaved" in dialog.error.text()


def test_reset_restore_and_compare(qtbot, page_rig):
    _dialog, page, _services, _sub = page_rig
    choose(qtbot, page, PROMPT, "system")
    assert not page.reset_button.isEnabled() and "already the default" in page.reset_button.toolTip()
    type_at_end(qtbot, page, "\nSem spoilers.")
    save_with_keyboard(qtbot, page, page.saved)
    qtbot.waitUntil(lambda: page.current.version == 2)
    assert page.reset_button.isEnabled()
    with qtbot.waitSignal(page.saved, timeout=10_000) as reset:
        page.reset_button.click()
    qtbot.waitUntil(lambda: page.current.version == 3)
    assert reset.args[0].note == "reset to the shipped default" and page.current.is_default
    assert "Sem spoilers." not in page.editor.toPlainText()

    page.versions.clearSelection()
    assert not page.restore_button.isEnabled() and "Select one version" in page.restore_button.toolTip()
    page.versions.topLevelItem(1).setSelected(True)  # v2
    with qtbot.waitSignal(page.saved, timeout=10_000) as restored:
        page.restore_button.click()
    qtbot.waitUntil(lambda: page.current.version == 4)
    assert restored.args[0].note == "restored version 2" and page.editor.toPlainText().endswith(
        "Sem spoilers."
    )
    assert [page.versions.topLevelItem(i).text(0) for i in range(4)] == ["v4", "v3", "v2", "v1"]

    page.versions.topLevelItem(0).setSelected(True)  # v4, the current one
    assert not page.restore_button.isEnabled() and "current version" in page.restore_button.toolTip()
    page.versions.clearSelection()
    page.versions.topLevelItem(3).setSelected(True)  # v1
    page.versions.topLevelItem(2).setSelected(True)  # v2
    diff = page.compare_selected()
    assert isinstance(diff, VersionDiffDialog) and "version 1 → version 2" in diff.windowTitle()
    assert "+ Sem spoilers." in diff.view.toPlainText() and "System instructions" in diff.summary.text()
    diff.close()


def test_preview_renders_the_unsaved_template_with_the_chosen_item(qtbot, page_rig):
    _dialog, page, _services, _sub = page_rig
    choose(qtbot, page, PROMPT, "user_template")
    assert page.preview_item.count() == 1 and page.preview_item.currentText() == "Sidarta"
    type_at_end(qtbot, page, "\nLivro: {{ book.title }}")
    with qtbot.waitSignal(page.saved, timeout=100, raising=False) as nothing_saved:
        qtbot.keyClick(
            page.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        qtbot.waitUntil(lambda: "Livro: Sidarta" in page.preview.toPlainText(), timeout=10_000)
    assert not nothing_saved.signal_triggered
    assert '"title": "Sidarta"' in page.preview.toPlainText() and page.side.currentIndex() == 1


def test_a_schema_is_edited_as_json_and_checked(qtbot, page_rig, run_async):
    _dialog, page, services, _sub = page_rig
    choose(qtbot, page, "book-review", "__json__")
    assert page.current.kind == "schema" and page.variables.topLevelItemCount() == 0
    assert not page.preview_button.isEnabled() and page.preview_button.toolTip()
    text = page.editor.toPlainText()
    page.editor.setPlainText(text.replace('"maxLength": 160', '"maxLength": "lots"', 1))
    error = save_with_keyboard(qtbot, page, page.failed)
    assert error.code == "schema_invalid" and "maxLength" in error.message
    page.editor.setPlainText(text.replace('"maxLength": 160', '"maxLength": 155', 1))
    save_with_keyboard(qtbot, page, page.saved)
    qtbot.waitUntil(lambda: page.current.version == 2)
    store = run_async(services.store())
    stored = run_async(store.get_document("content_schemas", "book-review"))
    assert stored["properties"]["meta_description"]["maxLength"] == 155


def test_cancel_with_unsaved_text_warns_once_then_discards(qtbot, page_rig):
    dialog, page, _services, _sub = page_rig
    choose(qtbot, page, PROMPT, "system")
    type_at_end(qtbot, page, "x")
    dialog.tabs.setCurrentIndex(0)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.tabs.currentWidget() is page and page.error.isVisible()
    assert "Cancel again" in page.error.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_details_pane_line_names_the_versions_that_wrote_the_draft():
    from pigmeu_desktop.core.models import Draft
    from pigmeu_desktop.ui.prompt_provenance import draft_provenance_html

    line = draft_provenance_html(
        Draft(
            provider="openai",
            model="gpt-4o-mini",
            prompt_id=PROMPT,
            prompt_version=3,
            schema_id="book-review",
            schema_version=2,
        )
    )
    assert (
        "Written by openai gpt-4o-mini" in line
        and f"prompt {PROMPT} v3" in line
        and "schema book-review v2" in line
    )
    assert draft_provenance_html(Draft()) == ""
