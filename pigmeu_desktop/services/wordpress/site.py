"""The site's address normalised, and what its REST index says (API root, auth, SEO plugins, time zone)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from pigmeu_desktop.core.errors import ErrorCode, WordPressError

# Only these index fields are fetched: the full index lists every route and weighs ~160 KB.
INDEX_FIELDS = "name,url,home,gmt_offset,timezone_string,namespaces,authentication"


def normalize_site_url(raw: str) -> str:
    """`blog.example.com/wp-json/wp/v2` or `…/?rest_route=/` → `https://blog.example.com` (no trailing slash)."""
    text = (raw or "").strip()
    if not text:
        raise WordPressError(
            "No WordPress site address is set.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Set the site address in Settings → WordPress (or WORDPRESS_URL).",
        )
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "Invalid IPv6 URL", a port out of range...
        valid = False
    if not valid:
        # The value is not repeated: a password pasted into the wrong field must not be printed back.
        raise WordPressError(
            "The WordPress site address is not a web address.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Use the site's address, e.g. https://blog.example.com.",
        )
    path = parts.path
    if "/wp-json" in path:
        path = path.split("/wp-json", 1)[0]
    if path.endswith("/index.php"):
        path = path[: -len("/index.php")]
    return urlunsplit((parts.scheme, parts.netloc.lower(), path.rstrip("/"), "", ""))


def is_local_host(site_url: str) -> bool:
    """Loopback, private-network and *.local/*.test hosts, where plain http is expected."""
    host = urlsplit(site_url).hostname or ""
    if host == "localhost" or host.endswith((".localhost", ".local", ".test")):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local


@dataclass(frozen=True)
class Discovery:
    """What the REST index of one site tells us, with the way its routes are addressed."""

    site_url: str
    api_root: str  # ".../wp-json/" (pretty permalinks) or ".../?rest_route=/" (plain)
    pretty: bool
    name: str = ""
    namespaces: tuple[str, ...] = ()
    app_passwords: bool = False
    gmt_offset: float = 0.0
    timezone_string: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def route(self, path: str) -> str:
        """Absolute URL of a REST route such as `wp/v2/posts`."""
        path = path.lstrip("/")
        if self.pretty:
            return self.api_root + path
        return f"{self.api_root}{path}"

    @property
    def seo_plugin(self) -> str | None:
        if "rankmath/v1" in self.namespaces:
            return "rankmath"
        if "yoast/v1" in self.namespaces:
            return "yoast"
        return None

    def to_json(self) -> dict:
        return {
            "site_url": self.site_url,
            "api_root": self.api_root,
            "pretty_permalinks": self.pretty,
            "name": self.name,
            "app_passwords": self.app_passwords,
            "seo_plugin": self.seo_plugin,
            "yoast": "yoast/v1" in self.namespaces,
            "rank_math": "rankmath/v1" in self.namespaces,
            "timezone": self.timezone_string or f"UTC{self.gmt_offset:+g}",
            "warnings": list(self.warnings),
        }


def discovery_from_index(site_url: str, api_root: str, pretty: bool, index: dict) -> Discovery:
    auth = index.get("authentication")
    # WordPress answers `"authentication": []` when application passwords are unavailable.
    app_passwords = isinstance(auth, dict) and "application-passwords" in auth
    warnings = []
    if urlsplit(site_url).scheme == "http" and not is_local_host(site_url):
        warnings.append("The site uses plain http: the application password travels unencrypted. Use https.")
    try:
        offset = float(index.get("gmt_offset") or 0)
    except (TypeError, ValueError):
        offset = 0.0
    return Discovery(
        site_url=site_url,
        api_root=api_root,
        pretty=pretty,
        name=str(index.get("name") or ""),
        namespaces=tuple(index.get("namespaces") or ()),
        app_passwords=app_passwords,
        gmt_offset=offset,
        timezone_string=str(index.get("timezone_string") or ""),
        warnings=tuple(warnings),
    )
