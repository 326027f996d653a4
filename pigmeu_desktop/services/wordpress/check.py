"""`pigmeu wp check` / doctor: can this user, on this site, publish posts with covers? Say why not."""

from __future__ import annotations

import asyncio
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, WordPressError
from pigmeu_desktop.core.ports import Context
from pigmeu_desktop.services.wordpress.client import WordPressClient, preload_async_backend
from pigmeu_desktop.services.wordpress.credentials import Credentials, resolve_credentials
from pigmeu_desktop.services.wordpress.site import Discovery

# Capabilities a publish uses; the first two are required, the others narrow what it can do.
REQUIRED_CAPABILITIES = ("edit_posts", "upload_files")
REPORTED_CAPABILITIES = (
    "edit_posts",
    "publish_posts",
    "upload_files",
    "manage_categories",
    "edit_others_posts",
    "unfiltered_html",
)


def summarize_user(me: dict[str, Any]) -> dict[str, Any]:
    caps = me.get("capabilities") or {}
    return {
        "id": me.get("id"),
        "username": me.get("username"),
        "name": me.get("name"),
        "roles": list(me.get("roles") or []),
        "capabilities": {cap: bool(caps.get(cap)) for cap in REPORTED_CAPABILITIES},
    }


def capability_warnings(capabilities: dict[str, bool]) -> list[str]:
    warnings = []
    if not capabilities.get("publish_posts"):
        warnings.append("This user cannot publish ('publish_posts'): only drafts can be sent.")
    if not capabilities.get("manage_categories"):
        warnings.append(
            "This user cannot create categories ('manage_categories'): only existing ones are used."
        )
    return warnings


def require_capabilities(user: dict[str, Any], needed: tuple[str, ...], *, action: str) -> None:
    missing = [cap for cap in needed if not user["capabilities"].get(cap)]
    if missing:
        roles = ", ".join(user["roles"]) or "no role"
        raise WordPressError(
            f"The WordPress user '{user['username']}' ({roles}) cannot {action}: missing "
            + ", ".join(f"'{cap}'" for cap in missing)
            + ".",
            code=ErrorCode.WP_FORBIDDEN,
            missing_capabilities=missing,
            roles=user["roles"],
        )


def require_app_passwords(discovery: Discovery) -> None:
    if not discovery.app_passwords:
        raise WordPressError(
            f"{discovery.site_url} does not offer application passwords (switched off by a plugin or the "
            "host, or plain http on a non-local site).",
            code=ErrorCode.WP_REST_UNAVAILABLE,
            next_step="Enable application passwords (WordPress 5.6+, over https) or ask the site's admin.",
        )


def _build_client(creds: Credentials) -> WordPressClient:
    preload_async_backend()
    return WordPressClient(creds.site_url, creds.username, creds.password)


async def check_wordpress(services: Context, *, client: WordPressClient | None = None) -> dict[str, Any]:
    """Discovery + `users/me?context=edit`; raises WordPressError with the stable codes on any problem."""
    own_client = client is None
    if client is None:
        # Worker threads: the keyring read blocks on D-Bus and an https client builds an SSL context.
        creds = await asyncio.to_thread(resolve_credentials, services)
        client = await asyncio.to_thread(_build_client, creds)
    try:
        discovery = await client.discover()
        require_app_passwords(discovery)
        user = summarize_user(await client.me())
        require_capabilities(user, REQUIRED_CAPABILITIES, action="create posts with a cover")
        warnings = list(discovery.warnings) + capability_warnings(user["capabilities"])
        # Informational, not a problem: many sites have no SEO plugin.
        notes = (
            []
            if discovery.seo_plugin
            else ["No Yoast or Rank Math found: the SEO description will not be written."]
        )
        return {
            "ok": True,
            "site_url": discovery.site_url,
            "user": user,
            "discovery": discovery.to_json(),
            "warnings": warnings,
            "notes": notes,
        }
    finally:
        if own_client:
            await client.aclose()
