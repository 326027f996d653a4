"""Publishing against a real local WordPress: content read back, exactly once, crash recovery, every refusal."""

from __future__ import annotations

import asyncio
import html
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from pigmeu_desktop.core.errors import ErrorCode, WordPressError
from pigmeu_desktop.services.wordpress import check_wordpress, publish_submission
from pigmeu_desktop.services.wordpress.client import WordPressClient
from pigmeu_desktop.services.wordpress.content import marker_for
from pigmeu_desktop.services.wordpress.publisher import media_slug
from tests.services.wordpress.wp_helpers import SiteReader, cover_file, make_submission

pytestmark = [pytest.mark.wordpress, pytest.mark.slow]


@pytest_asyncio.fixture
async def reader(wp_site):
    r = SiteReader(wp_site.url, wp_site.admin.auth)
    yield r
    await r.aclose()


def env_for(site, user) -> dict[str, str]:
    return {
        "WORDPRESS_URL": site.url,
        "WORDPRESS_USERNAME": user.login,
        "WORDPRESS_PASSWORD": user.app_password,
    }


@pytest.mark.asyncio
async def test_publish_reads_back_complete_then_republish_updates_the_same_post(
    wp_site, wp_env, make_services, reader, tmp_path
):
    services = make_services(wp_env)
    body = (
        "## A obra\n\nUm clássico. [Compre aqui](https://www.amazon.com.br/Dom-Casmurro/dp/8535914846/ref=x?k=1)."
        '\n\n<script>alert(\'x\')</script><img src="https://x.test/a.png" onerror="alert(1)">'
        "\n\n[perigo](javascript:alert(1))"
    )
    sub = make_submission(tmp_path, body=body)
    try:
        first = await publish_submission(services, sub, status="publish")
        ref = first.wordpress
        assert ref is not None and ref.post_id and ref.media_id and ref.status == "publish"
        assert ref.link and ref.link.startswith(wp_site.url) and ref.content_hash

        post = await reader.post(ref.post_id)
        assert post["title"]["raw"] == "Resenha: Dom Casmurro"
        assert post["slug"] == sub.draft.slug
        assert post["excerpt"]["raw"] == "Capitu traiu ou não traiu?"
        assert post["featured_media"] == ref.media_id
        media = await reader.get(f"media/{ref.media_id}")
        assert media["alt_text"] == "Capa do livro Dom Casmurro" and media["mime_type"] == "image/jpeg"
        assert await reader.term_names("categories", post["categories"]) == {"Ficção"}
        assert await reader.term_names("tags", post["tags"]) == {"romance", "clássico"}
        raw = post["content"]["raw"]
        assert (
            '<a href="https://www.amazon.com.br/dp/8535914846?tag=pigmeu-20" rel="sponsored nofollow">'
            "Compre aqui</a>"
        ) in raw
        assert "Como associado da Amazon" in raw and marker_for(sub.id) in raw
        for needle in ("<script", "onerror", "javascript:", "alert("):
            assert needle not in raw.lower() and needle not in post["content"]["rendered"].lower()

        # Edit and publish again from the stored state: same post, same cover, new content.
        edited = first.model_copy(
            update={"draft": first.draft.model_copy(update={"body_markdown": "Texto novo."})}
        )
        second = await publish_submission(services, edited, status="publish")
        assert second.wordpress.post_id == ref.post_id and second.wordpress.media_id == ref.media_id
        assert second.wordpress.content_hash != ref.content_hash
        assert "Texto novo." in (await reader.post(ref.post_id))["content"]["raw"]
        assert wp_site.posts_with(marker_for(sub.id)) == [ref.post_id]
        assert len(await reader.get("media", slug=media_slug(sub.id))) == 1
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_crash_between_wordpress_answer_and_store_write_is_adopted_on_rerun(
    wp_site, wp_env, make_services, tmp_path
):
    services = make_services(wp_env)
    sub = make_submission(tmp_path)

    async def crash(ref):
        raise RuntimeError(f"process died after WordPress created post {ref.post_id}")

    try:
        with pytest.raises(RuntimeError) as died:
            await services.publisher.publish(sub, status="draft", on_post=crash)
        assert len(wp_site.posts_with(marker_for(sub.id))) == 1
        # The store never learnt the post id: the rerun starts from the same unpublished submission.
        assert sub.wordpress is None
        await services.aclose()
        services = make_services(wp_env)  # a fresh app instance, as after a restart
        outcome = await services.publisher.publish(sub, status="draft")
        assert outcome.adopted and not outcome.created
        assert str(outcome.ref.post_id) in str(died.value)
        assert wp_site.posts_with(marker_for(sub.id)) == [outcome.ref.post_id]
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_wrong_password_is_wp_auth(wp_site, make_services, tmp_path):
    env = {
        "WORDPRESS_URL": wp_site.url,
        "WORDPRESS_USERNAME": "admin",
        "WORDPRESS_PASSWORD": "abcd efgh ijkl mnop",
    }
    services = make_services(env)
    try:
        with pytest.raises(WordPressError) as checked:
            await check_wordpress(services)
        assert (
            checked.value.code is ErrorCode.WP_AUTH
            and checked.value.details["wp_code"] == "rest_not_logged_in"
        )
        with pytest.raises(WordPressError) as published:
            await publish_submission(services, make_submission(tmp_path), status="draft")
        assert published.value.code is ErrorCode.WP_AUTH
        assert "abcd efgh" not in repr(published.value.to_dict()) + str(published.value)
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_subscriber_is_forbidden_with_the_missing_capability(wp_site, make_services, tmp_path):
    user = wp_site.user("e2e-subscriber", "subscriber")
    services = make_services(env_for(wp_site, user))
    client = WordPressClient(wp_site.url, user.login, user.app_password)
    try:
        with pytest.raises(WordPressError) as checked:
            await check_wordpress(services)
        assert checked.value.code is ErrorCode.WP_FORBIDDEN
        assert checked.value.details["missing_capabilities"] == ["edit_posts", "upload_files"]
        # WordPress's own 403, mapped: nothing is created.
        with pytest.raises(WordPressError) as raw:
            await client.create_post({"title": "x", "content": "y", "status": "draft"})
        assert raw.value.code is ErrorCode.WP_FORBIDDEN and raw.value.details["http_status"] == 403
        assert raw.value.details["wp_code"] == "rest_cannot_create"
        assert raw.value.details["missing_capability"] == "edit_posts"
    finally:
        await client.aclose()
        await services.aclose()


@pytest.mark.asyncio
async def test_contributor_asking_to_publish_is_forbidden(wp_site, make_services, tmp_path):
    user = wp_site.user("e2e-contributor", "contributor")
    services = make_services(env_for(wp_site, user))
    client = WordPressClient(wp_site.url, user.login, user.app_password)
    sub = make_submission(tmp_path)
    try:
        with pytest.raises(WordPressError) as refused:
            await publish_submission(services, sub, status="publish")
        assert refused.value.code is ErrorCode.WP_FORBIDDEN
        assert refused.value.details["missing_capabilities"] == ["publish_posts"]
        assert wp_site.posts_with(marker_for(sub.id)) == []  # refused before anything was sent
        with pytest.raises(WordPressError) as raw:
            await client.create_post({"title": "x", "content": "y", "status": "publish"})
        assert raw.value.details["wp_code"] == "rest_cannot_publish"
        assert (
            raw.value.code is ErrorCode.WP_FORBIDDEN
            and raw.value.details["missing_capability"] == "publish_posts"
        )
    finally:
        await client.aclose()
        await services.aclose()


@pytest.mark.asyncio
async def test_application_passwords_switched_off_is_rest_unavailable(
    wp_site, wp_env, make_services, tmp_path
):
    wp_site.app_passwords(False)
    services = make_services(wp_env)
    try:
        with pytest.raises(WordPressError) as checked:
            await check_wordpress(services)
        assert checked.value.code is ErrorCode.WP_REST_UNAVAILABLE
        assert "application passwords" in checked.value.message
        with pytest.raises(WordPressError) as published:
            await publish_submission(services, make_submission(tmp_path), status="draft")
        assert published.value.code is ErrorCode.WP_REST_UNAVAILABLE
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_proxy_413_is_wp_too_large_with_the_refused_size(wp_site, wp_env, make_services, tmp_path):
    wp_site.max_body("100K")
    services = make_services(wp_env)
    sub = make_submission(tmp_path, cover=cover_file(tmp_path / "big.jpg", noise_bytes=300_000))
    try:
        with pytest.raises(WordPressError) as refused:
            await publish_submission(services, sub, status="draft")
        error = refused.value
        assert error.code is ErrorCode.WP_TOO_LARGE and error.details["http_status"] == 413
        assert error.details["refused_bytes"] > 250_000
        assert f"{error.details['refused_bytes']} bytes" in error.message and "proxy" in error.message
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_category_deleted_on_the_site_is_detected_when_wordpress_drops_its_id(
    wp_site, wp_env, make_services, reader, tmp_path
):
    services = make_services(wp_env)
    name = f"Temporária {tmp_path.name[-6:]}"
    try:
        first = await publish_submission(
            services, make_submission(tmp_path, categories=[name]), status="draft"
        )
        cat_ids = (await reader.post(first.wordpress.post_id))["categories"]
        # Someone deletes the category in wp-admin; the app still has its id cached from the first publish.
        response = await reader.http.delete(f"categories/{cat_ids[0]}", params={"force": "true"})
        assert response.status_code == 200
        second = make_submission(tmp_path, categories=[name])
        with pytest.raises(WordPressError) as dropped:
            await publish_submission(services, second, status="draft")
        assert dropped.value.code is ErrorCode.WP_BAD_REQUEST
        assert dropped.value.details["dropped"] == {"categories": cat_ids}
        post_id = dropped.value.details["post_id"]
        # The retry looks the name up again (re-creating it) and updates the same post.
        retried = await publish_submission(services, second, status="draft")
        assert retried.wordpress.post_id == post_id
        names = await reader.term_names("categories", (await reader.post(post_id))["categories"])
        assert names == {name}
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_future_post_is_scheduled_at_the_site_time(wp_site, wp_env, make_services, reader, tmp_path):
    services = make_services(wp_env)
    when = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    try:
        out = await publish_submission(
            services, make_submission(tmp_path), status="future", date=when.isoformat()
        )
        assert out.wordpress.status == "future"
        post = await reader.post(out.wordpress.post_id)
        assert post["date_gmt"] == when.replace(tzinfo=None).isoformat()
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_discovery_falls_back_to_rest_route_with_plain_permalinks(wp_site, wp_env, make_services):
    # Through $wp_rewrite: update_option alone leaves the old rules in place (/wp-json/ keeps working).
    wp_site.eval("global $wp_rewrite; $wp_rewrite->set_permalink_structure(''); flush_rewrite_rules();")
    services = make_services(wp_env)
    try:
        result = await check_wordpress(services)
        assert result["discovery"]["pretty_permalinks"] is False
        assert result["discovery"]["api_root"].endswith("/?rest_route=/")
        assert result["user"]["username"] == "admin"
    finally:
        wp_site.eval(
            "global $wp_rewrite; $wp_rewrite->set_permalink_structure("
            "'/%year%/%monthnum%/%day%/%postname%/'); flush_rewrite_rules();"
        )
        await services.aclose()


def test_check_reports_user_capabilities_and_no_seo_plugin(wp_site, wp_env, run_cli, monkeypatch):
    for name, value in wp_env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_cli("wp", "check", "--json")
    assert code == 0, err
    import json

    result = json.loads(out)
    assert result["user"]["roles"] == ["administrator"]
    assert result["user"]["capabilities"]["publish_posts"] is True
    assert result["discovery"]["app_passwords"] is True and result["discovery"]["seo_plugin"] is None
    assert result["warnings"] == [] and any("Yoast" in n for n in result["notes"])
    assert html.unescape(result["discovery"]["name"]) == "wp-local"


@pytest.mark.asyncio
async def test_author_cannot_create_categories_so_a_new_one_is_skipped_with_a_note(
    wp_site, make_services, reader, tmp_path
):
    user = wp_site.user("e2e-author", "author")
    services = make_services(env_for(wp_site, user))
    new_category = f"Nova {tmp_path.name[-6:]}"
    try:
        outcome = await services.publisher.publish(
            make_submission(tmp_path, categories=[new_category], tags=[f"tag-{tmp_path.name[-6:]}"]),
            status="publish",
        )
    finally:
        await services.aclose()
    assert any(f"Category '{new_category}' does not exist" in n for n in outcome.notes)
    post = await reader.post(outcome.ref.post_id)
    assert new_category not in await reader.term_names("categories", post["categories"])
    assert await reader.term_names("tags", post["tags"]) == {
        f"tag-{tmp_path.name[-6:]}"
    }  # authors may add tags
    assert post["status"] == "publish" and post["featured_media"] == outcome.ref.media_id


@pytest.mark.asyncio
async def test_concurrent_publishes_share_one_new_category(wp_site, wp_env, make_services, reader, tmp_path):
    services = make_services(wp_env)
    name = f"Simultânea {tmp_path.name[-6:]}"
    try:
        outcomes = await asyncio.gather(
            *(
                services.publisher.publish(make_submission(tmp_path, categories=[name]), status="draft")
                for _ in range(3)
            )
        )
    finally:
        await services.aclose()
    assert len({o.ref.post_id for o in outcomes}) == 3
    found = [t for t in await reader.get("categories", search=name) if t["name"] == name]
    assert len(found) == 1
    for outcome in outcomes:
        assert (await reader.post(outcome.ref.post_id))["categories"] == [found[0]["id"]]
