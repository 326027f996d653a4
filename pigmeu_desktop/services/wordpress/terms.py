"""What the editor completes from the site: its categories and tags, and its time zone for scheduling."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TERMS_PER_TAXONOMY = 100  # the most used ones; anything else is still typed freely


@dataclass(frozen=True)
class SiteVocabulary:
    site_url: str
    zone: str  # the site's named zone ("America/Sao_Paulo") or its offset ("UTC-3")
    categories: tuple[str, ...]
    tags: tuple[str, ...]


async def site_vocabulary(services: Any) -> SiteVocabulary:
    """The configured site's most used categories and tags; raises WordPressError when it cannot be read."""
    client = await services.publisher.client()
    discovery = await client.discover()
    names: dict[str, tuple[str, ...]] = {}
    for taxonomy in ("categories", "tags"):
        terms = await client.request(
            "GET",
            f"wp/v2/{taxonomy}",
            params={"per_page": TERMS_PER_TAXONOMY, "orderby": "count", "order": "desc", "_fields": "name"},
        )
        # Term names come back HTML-escaped ("Fic&ccedil;&atilde;o" on some sites); show them as text.
        import html

        names[taxonomy] = tuple(html.unescape(str(t.get("name") or "")) for t in terms if t.get("name"))
    offset = discovery.gmt_offset
    zone = discovery.timezone_string or f"UTC{offset:+g}"
    return SiteVocabulary(discovery.site_url, zone, names["categories"], names["tags"])
