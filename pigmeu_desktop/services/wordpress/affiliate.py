"""Amazon product links in a post: recognised on every marketplace, made canonical and affiliate-tagged."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from pigmeu_desktop.core.links import CanonicalLink, canonical_url, parse_link
from pigmeu_desktop.core.marketplaces import is_short_link_host

AFFILIATE_REL = "sponsored nofollow"


@dataclass(frozen=True)
class AmazonLink:
    marketplace: str
    asin: str

    def canonical(self, tag: str | None = None) -> str:
        url = canonical_url(self.marketplace, self.asin)
        return f"{url}?{urlencode({'tag': tag})}" if tag else url


def parse_amazon_link(href: str) -> AmazonLink | None:
    """An Amazon product link → marketplace + ASIN; anything else (look-alike hosts too) → None.

    The same rules as links added to the queue (core/links.py), so every marketplace that can be
    queued is also tagged.
    """
    if not href.strip().lower().startswith(("http://", "https://")):
        return None  # relative links and bare text in a post are not product links
    link = parse_link(href)
    return AmazonLink(link.marketplace, link.asin) if isinstance(link, CanonicalLink) else None


def is_amazon_short_link(href: str) -> bool:
    try:
        host = urlsplit(href.strip()).hostname or ""
    except ValueError:
        return False
    return is_short_link_host(host)


def affiliate_url(link: AmazonLink, tags: dict[str, str]) -> str:
    """The canonical URL with the marketplace's tag (none when the editor set no tag for it)."""
    return link.canonical(tags.get(link.marketplace) or None)
