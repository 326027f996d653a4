"""`pigmeu publish` end to end: the real store, the lead's step runner, and the real local WordPress."""

from __future__ import annotations

import asyncio
import json

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.wordpress.content import marker_for
from pigmeu_desktop.settings.schema import Settings
from tests.services.wordpress.wp_helpers import make_submission

pytestmark = [pytest.mark.wordpress, pytest.mark.slow]


def _edit(home, item_id: str, **update) -> None:
    """Change the stored item directly (what scrape/draft/approve, or a lost write, would leave)."""

    async def go():
        services = Services(AppPaths.under(home).ensure(), Settings(), {})
        try:
            store = await services.store()
            sub = await store.get(item_id)
            await store.save(sub.model_copy(update=update))
        finally:
            await services.aclose()

    asyncio.run(go())


def test_publish_cli_needs_approval_then_publishes_once(
    wp_site, wp_env, run_cli, pigmeu_home, monkeypatch, tmp_path
):
    for name, value in wp_env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_cli("add", "--json", "https://www.amazon.com.br/dp/8535914846")
    assert code == 0, err
    item_id = json.loads(out)[0]["id"]
    template = make_submission(tmp_path)
    _edit(pigmeu_home, item_id, book=template.book, draft=template.draft, status=Status.DRAFTED)

    code, out, _ = run_cli("publish", item_id, "--json")
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_transition"

    _edit(pigmeu_home, item_id, status=Status.APPROVED)
    code, out, _ = run_cli("publish", item_id[:10], "--json", "--status", "future")
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_input"  # rejected before claiming

    code, out, err = run_cli("publish", item_id, "--json", "--status", "publish")
    assert code == 0, out + err
    result = json.loads(out)
    assert result["status"] == "publish" and result["link"].startswith(wp_site.url)
    post_id = result["post_id"]

    shown = json.loads(run_cli("show", item_id, "--json")[1])
    assert shown["status"] == "published"
    assert shown["wordpress"]["post_id"] == post_id and shown["wordpress"]["content_hash"].startswith(
        "sha256:"
    )

    # The store lost the post id (crash before the write): publishing again adopts the same post.
    _edit(pigmeu_home, item_id, wordpress=None, status=Status.APPROVED)
    code, out, err = run_cli("publish", item_id, "--json", "--status", "publish")
    assert code == 0, out + err
    assert json.loads(out)["post_id"] == post_id
    assert wp_site.posts_with(marker_for(item_id)) == [post_id]


def test_publish_cli_failure_marks_item_failed_with_code(
    wp_site, run_cli, pigmeu_home, monkeypatch, tmp_path
):
    monkeypatch.setenv("WORDPRESS_URL", wp_site.url)
    monkeypatch.setenv("WORDPRESS_USERNAME", "admin")
    monkeypatch.setenv("WORDPRESS_PASSWORD", "wrong wrong wrong wrong")
    code, out, _ = run_cli("add", "--json", "https://www.amazon.com.br/dp/8535914846")
    item_id = json.loads(out)[0]["id"]
    template = make_submission(tmp_path)
    _edit(pigmeu_home, item_id, book=template.book, draft=template.draft, status=Status.APPROVED)
    code, out, _ = run_cli("publish", item_id, "--json")
    assert code == 1
    error = json.loads(out)["error"]
    assert error["code"] == "wp_auth" and "wrong" not in json.dumps(error)
    shown = json.loads(run_cli("show", item_id, "--json")[1])
    assert shown["status"] == "failed" and shown["error"]["code"] == "wp_auth"
