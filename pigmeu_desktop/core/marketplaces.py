"""The Amazon marketplaces, in one table: hosts, country, page language, currency; and where an ASIN sits in a URL."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Marketplace:
    host: str  # the registrable host, which is also the marketplace's name: amazon.com.br
    country: str  # ISO 3166 code, accepted for --marketplace (br)
    locale: str  # the language its pages are served in; the browser asks for it
    currency: str  # ISO 4217 code of its prices


# Every Amazon retail marketplace. Everything that knows about marketplaces reads this table.
MARKETPLACE_TABLE: tuple[Marketplace, ...] = (
    Marketplace("amazon.com.br", "BR", "pt-BR", "BRL"),
    Marketplace("amazon.com", "US", "en-US", "USD"),
    Marketplace("amazon.co.uk", "GB", "en-GB", "GBP"),
    Marketplace("amazon.de", "DE", "de-DE", "EUR"),
    Marketplace("amazon.fr", "FR", "fr-FR", "EUR"),
    Marketplace("amazon.es", "ES", "es-ES", "EUR"),
    Marketplace("amazon.it", "IT", "it-IT", "EUR"),
    Marketplace("amazon.ca", "CA", "en-CA", "CAD"),
    Marketplace("amazon.com.mx", "MX", "es-MX", "MXN"),
    Marketplace("amazon.co.jp", "JP", "ja-JP", "JPY"),
    Marketplace("amazon.in", "IN", "en-IN", "INR"),
    Marketplace("amazon.com.au", "AU", "en-AU", "AUD"),
    Marketplace("amazon.nl", "NL", "nl-NL", "EUR"),
    Marketplace("amazon.se", "SE", "sv-SE", "SEK"),
    Marketplace("amazon.pl", "PL", "pl-PL", "PLN"),
    Marketplace("amazon.com.tr", "TR", "tr-TR", "TRY"),
    Marketplace("amazon.ae", "AE", "en-AE", "AED"),
    Marketplace("amazon.sa", "SA", "ar-SA", "SAR"),
    Marketplace("amazon.sg", "SG", "en-SG", "SGD"),
    Marketplace("amazon.eg", "EG", "ar-EG", "EGP"),
    Marketplace("amazon.com.be", "BE", "fr-BE", "EUR"),
    Marketplace("amazon.ie", "IE", "en-IE", "EUR"),
    Marketplace("amazon.cn", "CN", "zh-CN", "CNY"),
    Marketplace("amazon.co.za", "ZA", "en-ZA", "ZAR"),
)
BY_HOST: dict[str, Marketplace] = {m.host: m for m in MARKETPLACE_TABLE}
# Marketplace host → country code (the shape core/links.py has always exposed).
MARKETPLACES: dict[str, str] = {m.host: m.country for m in MARKETPLACE_TABLE}

# Where every marketplace's product images are served from (m.media-amazon.com, images-na.ssl-images-
# amazon.com, ecx.images-amazon.com...): the only hosts a cover from an Amazon page is downloaded from.
IMAGE_HOST_DOMAINS = ("media-amazon.com", "images-amazon.com", "ssl-images-amazon.com")
# Sub-domains that still serve the same product pages.
HOST_PREFIXES = ("www.", "smile.", "m.")
# Amazon's link shorteners: followed to the product page they lead to.
SHORT_LINK_HOSTS = frozenset({"amzn.to", "a.co", "amzn.eu", "amzn.asia", "amzn.com"})

# Path shapes that name one product, each capturing the ASIN (anchored at the path's start).
PRODUCT_PATTERNS = (
    re.compile(r"^/(?:[^/]+/)?dp/(?:product/)?([^/?#]+)", re.IGNORECASE),  # /dp/X, /slug/dp/X
    re.compile(r"^/-/[a-z]{2}(?:_[a-z]{2})?/(?:[^/]+/)?dp/([^/?#]+)", re.IGNORECASE),  # /-/pt/dp/X
    re.compile(r"^/gp/product/(?:glance/)?([^/?#]+)", re.IGNORECASE),
    re.compile(r"^/gp/aw/d/([^/?#]+)", re.IGNORECASE),
    re.compile(r"^/exec/obidos/(?:ASIN|tg/detail/-)/([^/?#]+)", re.IGNORECASE),
    re.compile(r"^/o/(?:ASIN/)?([^/?#]+)", re.IGNORECASE),
    re.compile(r"^/(?:[^/]+/)?product-reviews/([^/?#]+)", re.IGNORECASE),
    re.compile(r"^/gp/offer-listing/([^/?#]+)", re.IGNORECASE),
)
# An ASIN: a "B" followed by nine letters or digits, or an ISBN-10 (books).
ASIN_RE = re.compile(r"^(?:B[0-9A-Z]{9}|[0-9]{9}[0-9X])$")


def strip_host_prefix(host: str) -> str:
    """`www.amazon.com.br` → `amazon.com.br`; lower case, without a trailing dot."""
    host = host.lower().rstrip(".")
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def marketplace_of(host: str) -> str | None:
    """The marketplace for a host (`www.amazon.com.br` → `amazon.com.br`), or None for anything else."""
    host = strip_host_prefix(host)
    return host if host in BY_HOST else None


def is_short_link_host(host: str) -> bool:
    return strip_host_prefix(host) in SHORT_LINK_HOSTS


def asin_in_path(path: str) -> str | None:
    """The ASIN a product path names (upper case), or None; the ASIN's shape is checked, not its ISBN digit."""
    for pattern in PRODUCT_PATTERNS:
        match = pattern.match(path)
        if match:
            asin = match.group(1).upper()
            return asin if ASIN_RE.fullmatch(asin) else None
    return None


def locale_of(marketplace: str) -> str:
    """The language `marketplace`'s pages are written in; American English for an unknown one."""
    found = BY_HOST.get(strip_host_prefix(marketplace))
    return found.locale if found is not None else "en-US"


def currency_of(marketplace: str | None) -> str | None:
    found = BY_HOST.get(strip_host_prefix(marketplace or ""))
    return found.currency if found is not None else None
