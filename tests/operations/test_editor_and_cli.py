"""Drafting and publishing, once through the review editor and once through `pigmeu`: the same result.

The main window has no draft or publish action of its own (the queue drafts, the editor publishes); these
are the editor's Generate and Publish against the CLI's `draft` and `publish`, on the same use cases.
"""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import new_id
from pigmeu_desktop.core.ports import NewLink
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from tests.services.wordpress.wp_helpers import SiteReader
from tests.ui.review.conftest import discard, make_book, make_draft

VIA = [pytest.param("editor", marks=pytest.mark.gui), "cli"]


def runner(request, via: str):
    """How this test runs a coroutine: the editor's tests have the qasync loop (already running)."""
    return request.getfixturevalue("run_async") if via == "editor" else asyncio.run


def _seed(run, home, status: Status, **update) -> str:
    """An item walked to `status` in the store of `home` (what scrape, draft and approve would leave)."""

    async def go() -> str:
        services = Services(AppPaths.under(home).ensure(), Settings(), env={})
        try:
            store = await services.store()
            [outcome] = await store.add_links(
                [NewLink("https://www.amazon.com.br/dp/8535914846", "8535914846", "amazon.com.br", "x")]
            )
            sub = (await store.get(outcome.id)).model_copy(update={"book": make_book(), **update})
            path = (Status.SCRAPING, Status.SCRAPED, Status.DRAFTING, Status.DRAFTED, Status.APPROVED)
            for target in path[: path.index(status) + 1]:
                sub = transition(sub, target)
            return (await store.save(sub)).id
        finally:
            await services.aclose()

    return run(go())


def _stored(run, home, sid: str):
    async def go():
        services = Services(AppPaths.under(home).ensure(), Settings(), env={})
        try:
            return await (await services.store()).get(sid)
        finally:
            await services.aclose()

    return run(go())


def _in_editor(request, home, env: dict[str, str], sid: str, act) -> None:
    """Open the item in the review editor (its own Services on `home`) and let `act(window)` work."""
    from pigmeu_desktop.ui.review.window import ReviewWindow

    run_async = request.getfixturevalue("run_async")
    services = Services(AppPaths.under(home).ensure(), Settings(), env=env)
    window = ReviewWindow(services, run_async(services.store()))
    window.show()
    try:
        run_async(window.open_item(sid))
        act(window)
    finally:
        discard(window)
        run_async(services.aclose())


@pytest.mark.parametrize("via", VIA)
def test_the_first_draft_of_a_scraped_item(request, via, pigmeu_home, run_cli, monkeypatch):
    """No AI provider set: both write the skeleton draft, as one revision, and the item is drafted."""
    run = runner(request, via)
    sid = _seed(run, pigmeu_home, Status.SCRAPED)
    if via == "cli":
        code, out, err = run_cli("--json", "draft", sid)
        assert code == 0, out + err
    else:
        qtbot = request.getfixturevalue("qtbot")

        def generate(window) -> None:
            with qtbot.waitSignal(window.generation_did_finish, timeout=20000) as finished:
                window.generate_action.trigger()
            assert finished.args == ["done"]

        _in_editor(request, pigmeu_home, {}, sid, generate)
    saved = _stored(run, pigmeu_home, sid)
    assert saved.status is Status.DRAFTED and len(saved.revisions) == 1
    assert (
        saved.draft.title == "Resenha: Sidarta" and saved.draft.needs_writing
    )  # the skeleton's placeholders


@pytest.mark.wordpress
@pytest.mark.slow
@pytest.mark.parametrize("via", VIA)
def test_publishing_an_approved_item(request, via, pigmeu_home, run_cli, monkeypatch, wordpress_site):
    """Both create one WordPress post (a WordPress draft, the default), and the item is published."""
    admin = wordpress_site.admin
    env = {
        "WORDPRESS_URL": wordpress_site.url,
        "WORDPRESS_USERNAME": admin.login,
        "WORDPRESS_PASSWORD": admin.app_password,
    }
    slug = f"resenha-sidarta-{via}-{new_id()[-6:]}"
    run = runner(request, via)
    sid = _seed(run, pigmeu_home, Status.APPROVED, draft=make_draft(slug=slug))
    if via == "cli":
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        code, out, err = run_cli("--json", "publish", sid)
        assert code == 0, out + err
    else:
        qtbot = request.getfixturevalue("qtbot")

        def publish(window) -> None:
            window.publish_action.trigger()
            dialog = window.publish_dialog
            qtbot.waitUntil(dialog.isVisible)
            assert dialog.draft_radio.isChecked()  # the setting's default, as `pigmeu publish` uses it
            with qtbot.waitSignal(window.publish_did_finish, timeout=60000):
                dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

        _in_editor(request, pigmeu_home, env, sid, publish)
    saved = _stored(run, pigmeu_home, sid)
    assert saved.status is Status.PUBLISHED and saved.wordpress and saved.wordpress.post_id

    async def posts_with_the_slug() -> list:
        reader = SiteReader(wordpress_site.url, admin.auth)
        try:
            return await reader.get("posts", slug=slug, status="draft,publish,future")
        finally:
            await reader.aclose()

    posts = run(posts_with_the_slug())
    assert [(p["id"], p["status"]) for p in posts] == [(saved.wordpress.post_id, "draft")]
