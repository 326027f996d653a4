"""Which site, which user, which application password: settings + env overrides + the secret store."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pigmeu_desktop.core.errors import ErrorCode, WordPressError
from pigmeu_desktop.core.ports import Context
from pigmeu_desktop.services.wordpress.site import normalize_site_url

log = logging.getLogger("pigmeu.wordpress")


@dataclass(frozen=True)
class Credentials:
    site_url: str
    username: str
    password: str = field(repr=False)  # never printed, logged or put in an error


def resolve_credentials(services: Context) -> Credentials:
    """Env WORDPRESS_URL / WORDPRESS_USERNAME / WORDPRESS_PASSWORD win over settings and the keyring."""
    env = services.env
    site_url = normalize_site_url(env.get("WORDPRESS_URL") or services.settings.wordpress_url)
    username = (env.get("WORDPRESS_USERNAME") or services.settings.wordpress_username or "").strip()
    if not username:
        raise WordPressError(
            "No WordPress user name is set.",
            code=ErrorCode.WP_AUTH,
            next_step="Set the WordPress user in Settings → WordPress (or WORDPRESS_USERNAME).",
        )
    password = env.get("WORDPRESS_PASSWORD") or _stored_password(services, site_url, username)
    if not password:
        raise WordPressError(
            f"No application password is stored for {username} on {site_url}.",
            code=ErrorCode.WP_AUTH,
            next_step="Create an application password in WordPress (Users → Profile) and save it in "
            "Settings → WordPress (or WORDPRESS_PASSWORD).",
        )
    return Credentials(site_url, username, password.strip())


def _stored_password(services: Context, site_url: str, username: str) -> str | None:
    return services.secrets.wordpress_password(site_url, username)
