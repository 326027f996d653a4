"""Locale and Accept-Language per Amazon marketplace, so pages come back in the marketplace's language."""

from __future__ import annotations

# The language each marketplace serves by default; asking in it avoids "switch language" interstitials
# and keeps labels in the language the parser expects for that site.
MARKETPLACE_LOCALES: dict[str, str] = {
    "amazon.com.br": "pt-BR",
    "amazon.com": "en-US",
    "amazon.co.uk": "en-GB",
    "amazon.ca": "en-CA",
    "amazon.com.au": "en-AU",
    "amazon.in": "en-IN",
    "amazon.sg": "en-SG",
    "amazon.ae": "en-AE",
    "amazon.de": "de-DE",
    "amazon.fr": "fr-FR",
    "amazon.com.be": "fr-BE",
    "amazon.es": "es-ES",
    "amazon.com.mx": "es-MX",
    "amazon.it": "it-IT",
    "amazon.nl": "nl-NL",
    "amazon.se": "sv-SE",
    "amazon.pl": "pl-PL",
    "amazon.com.tr": "tr-TR",
    "amazon.co.jp": "ja-JP",
    "amazon.sa": "ar-SA",
    "amazon.eg": "ar-EG",
}


def marketplace_of(host_or_marketplace: str) -> str:
    """`www.amazon.com.br` → `amazon.com.br` (also accepts a marketplace as is)."""
    host = host_or_marketplace.lower().strip(".")
    for prefix in ("www.", "smile.", "m."):
        host = host.removeprefix(prefix)
    return host


def locale_for(marketplace: str) -> str:
    return MARKETPLACE_LOCALES.get(marketplace_of(marketplace), "en-US")


def accept_language(marketplace: str) -> str:
    """`pt-BR,pt;q=0.9,en;q=0.8`: the marketplace's language first, English as the fallback."""
    loc = locale_for(marketplace)
    lang = loc.split("-")[0]
    parts = [loc, f"{lang};q=0.9"]
    if lang != "en":
        parts.append("en;q=0.8")
    return ",".join(parts)
