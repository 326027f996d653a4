"""Amazon product links in a post: recognised on every marketplace, made canonical and affiliate-tagged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

# Marketplace domains (DESIGN.md §8); a host must END with one of these after an optional www./smile.
MARKETPLACES = frozenset(
    {
        "amazon.com", "amazon.com.br", "amazon.co.uk", "amazon.de", "amazon.fr", "amazon.es", "amazon.it",
        "amazon.ca", "amazon.com.mx", "amazon.co.jp", "amazon.in", "amazon.com.au", "amazon.nl",
        "amazon.se", "amazon.pl", "amazon.com.be", "amazon.com.tr", "amazon.ae", "amazon.sa", "amazon.sg",
        "amazon.eg", "amazon.cn",
    }
)
SHORT_HOSTS = frozenset({"amzn.to", "a.co", "amzn.eu", "amzn.asia"})
_ASIN_PATH = re.compile(
    r"/(?:dp|gp/product|gp/aw/d|exec/obidos/ASIN|exec/obidos/tg/detail/-|o/ASIN)/([A-Z0-9]{10})(?:[/?#]|$)",
    re.IGNORECASE,
)
AFFILIATE_REL = "sponsored nofollow"


@dataclass(frozen=True)
class AmazonLink:
    marketplace: str
    asin: str

    def canonical(self, tag: str | None = None) -> str:
        url = f"https://www.{self.marketplace}/dp/{self.asin}"
        return f"{url}?{urlencode({'tag': tag})}" if tag else url


def marketplace_of(host: str) -> str | None:
    host = host.lower().rstrip(".")
    for prefix in ("www.", "smile.", "m."):
        if host.startswith(prefix):
            host = host[len(prefix):]
            break
    return host if host in MARKETPLACES else None


def parse_amazon_link(href: str) -> AmazonLink | None:
    """An Amazon product link → marketplace + ASIN; anything else (look-alike hosts too) → None."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    market = marketplace_of(parts.hostname)
    if market is None:
        return None
    match = _ASIN_PATH.search(parts.path)
    if not match:
        return None
    return AmazonLink(market, match.group(1).upper())


def is_amazon_short_link(href: str) -> bool:
    try:
        host = (urlsplit(href.strip()).hostname or "").lower()
    except ValueError:
        return False
    return host in SHORT_HOSTS


def affiliate_url(link: AmazonLink, tags: dict[str, str]) -> str:
    """The canonical URL with the marketplace's tag (none when the editor set no tag for it)."""
    return link.canonical(tags.get(link.marketplace) or None)
