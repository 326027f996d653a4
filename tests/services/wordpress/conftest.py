"""Fixtures for tests against the session's real local WordPress (tests/support/wordpress_fixtures.py)."""

from __future__ import annotations

import pytest

from tests.support.wordpress import LocalWordPress


@pytest.fixture
def wp_site(wordpress_site: LocalWordPress) -> LocalWordPress:
    """The session's site, with the switches a test may flip put back afterwards."""
    yield wordpress_site
    wordpress_site.reset_switches()


@pytest.fixture
def wp_env(wp_site: LocalWordPress) -> dict[str, str]:
    """Environment that points the app at the site as its administrator."""
    admin = wp_site.admin
    return {
        "WORDPRESS_URL": wp_site.url,
        "WORDPRESS_USERNAME": admin.login,
        "WORDPRESS_PASSWORD": admin.app_password,
    }


@pytest.fixture
def make_services(tmp_path):
    """Build app Services under tmp_path with the given environment and settings (tests `await aclose()`)."""
    from pigmeu_desktop.app import Services
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.schema import Settings

    made: list = []

    def _make(env: dict[str, str], **settings) -> Services:
        settings.setdefault("affiliate_tags", {"amazon.com.br": "pigmeu-20"})
        services = Services(AppPaths.under(tmp_path / f"home{len(made)}").ensure(), Settings(**settings), env)
        made.append(services)
        return services

    return _make
