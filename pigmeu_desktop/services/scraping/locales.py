"""Accept-Language per Amazon marketplace, so pages come back in the marketplace's language."""

from __future__ import annotations

from pigmeu_desktop.core.marketplaces import locale_of


def accept_language(marketplace: str) -> str:
    """`pt-BR,pt;q=0.9,en;q=0.8`: the marketplace's language first, English as the fallback.

    Asking in the marketplace's own language avoids "switch language" interstitials and keeps labels
    in the language the parser expects for that site.
    """
    loc = locale_of(marketplace)
    lang = loc.split("-")[0]
    parts = [loc, f"{lang};q=0.9"]
    if lang != "en":
        parts.append("en;q=0.8")
    return ",".join(parts)
