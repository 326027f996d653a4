"""Site address normalisation, discovery facts, status/date rules, and the content hash."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pigmeu_desktop.core.errors import ErrorCode, WordPressError
from pigmeu_desktop.core.models import Draft, Submission, WordPressRef
from pigmeu_desktop.services.wordpress import changed_since_publish, content_hash
from pigmeu_desktop.services.wordpress.schedule import default_schedule_time, schedule_fields, zone_named
from pigmeu_desktop.services.wordpress.site import discovery_from_index, normalize_site_url


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("blog.example.com", "https://blog.example.com"),
        ("https://Blog.Example.com/", "https://blog.example.com"),
        ("https://blog.example.com/wp-json/", "https://blog.example.com"),
        ("https://blog.example.com/wp-json/wp/v2/posts", "https://blog.example.com"),
        ("https://example.com/blog/?rest_route=/", "https://example.com/blog"),
        ("https://example.com/blog/index.php?rest_route=/wp/v2", "https://example.com/blog"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ],
)
def test_normalize_site_url(raw, expected):
    assert normalize_site_url(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "ftp://example.com", "https://"])
def test_normalize_site_url_rejects(raw):
    with pytest.raises(WordPressError) as info:
        normalize_site_url(raw)
    assert info.value.code is ErrorCode.INVALID_INPUT


def test_plain_http_warning_only_for_non_local_hosts():
    index = {"namespaces": ["wp/v2"], "authentication": {"application-passwords": {}}}
    remote = discovery_from_index("http://blog.example.com", "x", True, index)
    local = discovery_from_index("http://127.0.0.1:8080", "x", True, index)
    assert remote.app_passwords and any("plain http" in w for w in remote.warnings)
    assert local.warnings == ()
    off = discovery_from_index("https://b.example.com", "x", True, {"namespaces": [], "authentication": []})
    assert off.app_passwords is False


def test_seo_plugin_detection():
    assert (
        discovery_from_index("https://a.b", "x", True, {"namespaces": ["rankmath/v1"]}).seo_plugin
        == "rankmath"
    )
    assert discovery_from_index("https://a.b", "x", True, {"namespaces": ["yoast/v1"]}).seo_plugin == "yoast"


def _disc(tz="", offset=0.0):
    return discovery_from_index("https://a.b", "x", True, {"timezone_string": tz, "gmt_offset": offset})


def test_future_dates_are_read_in_the_site_time_zone():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    fields = schedule_fields("future", "2026-12-24T09:00", _disc("America/Sao_Paulo"), now=now)
    assert fields == {"status": "future", "date_gmt": "2026-12-24T12:00:00"}
    fields = schedule_fields("future", "2026-12-24T09:00", _disc(offset=5.5), now=now)
    assert fields["date_gmt"] == "2026-12-24T03:30:00"
    # an explicit offset wins over the site's zone
    fields = schedule_fields("future", "2026-12-24T09:00+01:00", _disc("America/Sao_Paulo"), now=now)
    assert fields["date_gmt"] == "2026-12-24T08:00:00"


@pytest.mark.parametrize(
    "status, date",
    [("future", None), ("future", "2020-01-01T00:00"), ("bogus", None), ("publish", "not a date")],
)
def test_bad_status_or_date_is_invalid_input(status, date):
    with pytest.raises(WordPressError) as info:
        schedule_fields(status, date, _disc(), now=datetime(2026, 1, 1, tzinfo=UTC))
    assert info.value.code is ErrorCode.INVALID_INPUT


def test_content_hash_tracks_published_fields_only():
    d = Draft(title="T", body_markdown="B", tags=["a"], categories=["c"])
    assert content_hash(d) == content_hash(d.model_copy())
    assert content_hash(d) != content_hash(d.model_copy(update={"body_markdown": "B2"}))
    assert content_hash(d) != content_hash(d.model_copy(update={"tags": ["a", "b"]}))
    assert content_hash(d) == content_hash(d.model_copy(update={"provider": "groq", "model": "x"}))


def test_changed_since_publish():
    d = Draft(title="T", body_markdown="B")
    sub = Submission(
        amazon_url="https://www.amazon.com.br/dp/8535914846",
        asin="8535914846",
        marketplace="amazon.com.br",
        draft=d,
    )
    assert changed_since_publish(sub) is False  # never published
    published = sub.model_copy(
        update={"wordpress": WordPressRef(site_url="https://a.b", post_id=3, content_hash=content_hash(d))}
    )
    assert changed_since_publish(published) is False
    edited = published.model_copy(update={"draft": d.model_copy(update={"title": "T2"})})
    assert changed_since_publish(edited) is True


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Tokyo", datetime(2026, 12, 7, 6, 0)),  # already the 6th there: tomorrow is the 7th
        ("America/Sao_Paulo", datetime(2026, 12, 6, 18, 0)),
        ("UTC-3", datetime(2026, 12, 6, 18, 0)),
        ("UTC+5.5", datetime(2026, 12, 7, 3, 0)),
    ],
)
def test_a_new_schedule_starts_tomorrow_in_the_site_zone(zone, expected):
    now = datetime(2026, 12, 5, 20, 30, tzinfo=UTC)
    assert default_schedule_time(zone_named(zone), now) == expected


def test_an_unknown_zone_name_is_none_not_an_error():
    assert zone_named("") is None and zone_named("Mars/Olympus") is None and zone_named("UTC+x") is None
