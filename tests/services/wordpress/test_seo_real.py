"""SEO description: written through Rank Math's REST route or Yoast's REST-exposed meta, else a note.

The plugins are not packaged for Debian; small must-use plugins stand in for the two REST surfaces the
publisher uses (Rank Math's `rankmath/v1/updateMeta`, Yoast's `_yoast_wpseo_metadesc` post meta).
"""

from __future__ import annotations

import json

import pytest

from tests.services.wordpress.wp_helpers import make_submission

pytestmark = [pytest.mark.wordpress, pytest.mark.slow]

RANK_MATH_STAND_IN = r"""
add_action('rest_api_init', function () {
    register_rest_route('rankmath/v1', '/updateMeta', [
        'methods' => 'POST',
        'permission_callback' => function ($r) { return current_user_can('edit_post', (int) $r['objectID']); },
        'callback' => function ($r) {
            foreach ((array) $r['meta'] as $k => $v) {
                if (strpos($k, 'rank_math_') === 0) update_post_meta((int) $r['objectID'], $k, sanitize_text_field($v));
            }
            return ['slug' => true];
        },
    ]);
});
"""

YOAST_STAND_IN = r"""
add_action('rest_api_init', function () {
    register_rest_route('yoast/v1', '/ping', ['methods' => 'GET', 'permission_callback' => '__return_true',
        'callback' => function () { return 'pong'; }]);
});
add_action('init', function () {
    register_post_meta('post', '_yoast_wpseo_metadesc', ['show_in_rest' => true, 'single' => true,
        'type' => 'string', 'auth_callback' => function () { return current_user_can('edit_posts'); }]);
});
"""

YOAST_WITHOUT_REST_META = r"""
add_action('rest_api_init', function () {
    register_rest_route('yoast/v1', '/ping', ['methods' => 'GET', 'permission_callback' => '__return_true',
        'callback' => function () { return 'pong'; }]);
});
"""


def _meta(site, post_id: int, key: str) -> str:
    return json.loads(site.eval(f"echo json_encode(get_post_meta({post_id}, '{key}', true));"))


@pytest.fixture
def seo_plugin(wp_site):
    installed = []

    def install(php: str) -> None:
        wp_site.mu_plugin("seo-stand-in", php)
        installed.append(True)

    yield install
    wp_site.mu_plugin("seo-stand-in", None)


@pytest.mark.asyncio
async def test_rank_math_description_and_keyword_are_written(
    wp_site, wp_env, make_services, seo_plugin, tmp_path
):
    seo_plugin(RANK_MATH_STAND_IN)
    services = make_services(wp_env)
    sub = make_submission(tmp_path)
    sub = sub.model_copy(update={"draft": sub.draft.model_copy(update={"focus_keyword": "dom casmurro"})})
    try:
        outcome = await services.publisher.publish(sub, status="draft")
    finally:
        await services.aclose()
    assert _meta(wp_site, outcome.ref.post_id, "rank_math_description") == "Resenha de Dom Casmurro."
    assert _meta(wp_site, outcome.ref.post_id, "rank_math_focus_keyword") == "dom casmurro"
    assert not any("SEO" in n or "Rank Math" in n for n in outcome.notes)


@pytest.mark.asyncio
async def test_yoast_description_is_written_when_its_meta_is_exposed(
    wp_site, wp_env, make_services, seo_plugin, tmp_path
):
    seo_plugin(YOAST_STAND_IN)
    services = make_services(wp_env)
    try:
        outcome = await services.publisher.publish(make_submission(tmp_path), status="draft")
    finally:
        await services.aclose()
    assert _meta(wp_site, outcome.ref.post_id, "_yoast_wpseo_metadesc") == "Resenha de Dom Casmurro."
    assert not any("Yoast" in n for n in outcome.notes)


@pytest.mark.asyncio
async def test_yoast_without_rest_meta_and_no_plugin_are_skipped_with_a_note(
    wp_site, wp_env, make_services, seo_plugin, tmp_path
):
    seo_plugin(YOAST_WITHOUT_REST_META)
    services = make_services(wp_env)
    try:
        yoast = await services.publisher.publish(make_submission(tmp_path), status="draft")
    finally:
        await services.aclose()
    assert any("Yoast does not expose" in n for n in yoast.notes)
    assert _meta(wp_site, yoast.ref.post_id, "_yoast_wpseo_metadesc") == ""

    wp_site.mu_plugin("seo-stand-in", None)
    services = make_services(wp_env)
    try:
        plain = await services.publisher.publish(make_submission(tmp_path), status="draft")
    finally:
        await services.aclose()
    assert any("No Yoast or Rank Math" in n for n in plain.notes)
