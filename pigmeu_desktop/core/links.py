"""Amazon link parsing and canonicalisation: pure functions, no I/O (the marketplaces: core/marketplaces.py)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pigmeu_desktop.core.errors import ErrorCode
from pigmeu_desktop.core.marketplaces import (
    ASIN_RE,
    MARKETPLACES,
    PRODUCT_PATTERNS,
    SHORT_LINK_HOSTS,
    is_short_link_host,
    marketplace_of,
)

# Bare ASINs in prose must look like modern ASINs written in capitals (B0 + 8), so words such as
# "Bestseller" are never taken for one.
BARE_ASIN_RE = re.compile(r"(?<![0-9A-Za-z])B0[0-9A-Z]{8}(?![0-9A-Za-z])")
# ISBN-10/13, optionally hyphenated or spaced in groups, optionally prefixed with "ISBN".
BARE_ISBN_RE = re.compile(
    r"(?<![0-9A-Za-z/=.-])(97[89](?:[- ]?[0-9]){10}|[0-9](?:[- ]?[0-9]){8}[- ]?[0-9Xx])(?![0-9A-Za-z-])"
)
# A link in prose: anything after http(s)://, or a marketplace or short-link host written without it.
_BARE_HOSTS = "|".join(
    re.escape(host) for host in sorted({*MARKETPLACES, *SHORT_LINK_HOSTS}, key=len, reverse=True)
)
URL_RE = re.compile(
    rf"""(?:https?://|(?<![\w.@/])(?:(?:www|smile|m)\.)?(?:{_BARE_HOSTS})/)[^\s<>"'`{{}}|\\^\[\]]+""",
    re.IGNORECASE,
)
HREF_RE = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
TRAILING_PUNCT = ".,;:!?)]}'\"»”’…"


@dataclass(frozen=True, slots=True)
class CanonicalLink:
    """A product link in canonical form: https://www.<marketplace>/dp/<ASIN>."""

    amazon_url: str
    asin: str
    marketplace: str
    source: str


@dataclass(frozen=True, slots=True)
class ShortLink:
    """amzn.to / a.co / amzn.eu: must be resolved by following redirects (services/intake.py)."""

    url: str
    source: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """Why a candidate is not a usable product link, with a stable code."""

    source: str
    code: ErrorCode
    message: str


LinkResult = CanonicalLink | ShortLink | Rejected


def canonical_url(marketplace: str, asin: str) -> str:
    return f"https://www.{marketplace}/dp/{asin}"


def isbn10_check_digit(first9: str) -> str:
    total = sum((10 - i) * int(d) for i, d in enumerate(first9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def is_valid_isbn10(value: str) -> bool:
    value = value.upper()
    if not re.fullmatch(r"[0-9]{9}[0-9X]", value):
        return False
    return isbn10_check_digit(value[:9]) == value[9]


def is_valid_isbn13(value: str) -> bool:
    if not re.fullmatch(r"[0-9]{13}", value):
        return False
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(value[:12]))
    return (10 - total % 10) % 10 == int(value[12])


def isbn13_to_isbn10(value: str) -> str | None:
    """978-prefixed ISBN-13 → ISBN-10 (Amazon's ASIN for printed books); 979 has no ISBN-10."""
    if not is_valid_isbn13(value) or not value.startswith("978"):
        return None
    body = value[3:12]
    return body + isbn10_check_digit(body)


def is_valid_asin(value: str) -> bool:
    if not ASIN_RE.fullmatch(value):
        return False
    return value.startswith("B") or is_valid_isbn10(value)


def normalise_marketplace(value: str) -> str | None:
    """Accept `amazon.com.br`, `www.amazon.com.br`, `com.br` or `br` for --marketplace."""
    value = value.strip().lower()
    if not value:
        return None
    if marketplace_of(value):
        return marketplace_of(value)
    if f"amazon.{value.lstrip('.')}" in MARKETPLACES:
        return f"amazon.{value.lstrip('.')}"
    by_country = {country.lower(): host for host, country in MARKETPLACES.items()}
    return by_country.get(value)


def _reject(source: str, code: ErrorCode, message: str) -> Rejected:
    return Rejected(source, code, message)


def parse_bare_id(token: str, source: str, default_marketplace: str) -> LinkResult:
    """A bare ASIN, ISBN-10 or ISBN-13 (hyphens and spaces allowed) on the default marketplace."""
    compact = re.sub(r"[\s-]", "", token).upper()
    if compact.startswith("ISBN"):
        compact = compact[4:].lstrip(":")
    if re.fullmatch(r"[0-9]{13}", compact):
        if not is_valid_isbn13(compact):
            return _reject(
                source, ErrorCode.INVALID_LINK, f"'{token}' is not a valid ISBN-13 (bad check digit)."
            )
        isbn10 = isbn13_to_isbn10(compact)
        if isbn10 is None:
            return _reject(
                source,
                ErrorCode.INVALID_LINK,
                f"ISBN {compact} (979 prefix) has no ISBN-10; paste the book's Amazon link instead.",
            )
        compact = isbn10
    elif re.fullmatch(r"[0-9]{9}[0-9X]", compact):
        if not is_valid_isbn10(compact):
            return _reject(
                source, ErrorCode.INVALID_LINK, f"'{token}' is not a valid ISBN-10 (bad check digit)."
            )
    elif not (len(compact) == 10 and compact.startswith("B") and ASIN_RE.fullmatch(compact)):
        return _reject(source, ErrorCode.INVALID_LINK, f"'{token}' is not an Amazon link, ASIN or ISBN.")
    return CanonicalLink(canonical_url(default_marketplace, compact), compact, default_marketplace, source)


def _has_lookalike_chars(host: str) -> bool:
    return not host.isascii() or "xn--" in host


def parse_link(text: str, default_marketplace: str = "amazon.com.br") -> LinkResult:
    """Turn one candidate (URL, ASIN or ISBN) into a canonical link, a short link to resolve, or a rejection.

    Never raises: anything unusable becomes a `Rejected` with `invalid_link`, `not_amazon` or
    `not_a_product_link`.
    """
    source = text
    candidate = html.unescape(text.strip()).strip(TRAILING_PUNCT + " \t\r\n<>")
    if not candidate:
        return _reject(source, ErrorCode.INVALID_LINK, "Nothing to add.")
    if "://" not in candidate and "/" not in candidate and "." not in candidate:
        return parse_bare_id(candidate, source, default_marketplace)
    if not re.match(r"^[a-z][a-z0-9+.-]*://", candidate, re.IGNORECASE):
        candidate = "https://" + candidate
    try:
        parts = urlsplit(candidate)
        host = parts.hostname or ""
    except ValueError:
        return _reject(source, ErrorCode.INVALID_LINK, f"'{text.strip()[:80]}' is not a valid address.")
    if parts.scheme.lower() not in ("http", "https"):
        return _reject(
            source, ErrorCode.INVALID_LINK, f"Only web links can be added (got '{parts.scheme}:')."
        )
    if not host:
        return _reject(source, ErrorCode.INVALID_LINK, f"'{text.strip()[:80]}' has no host.")
    if _has_lookalike_chars(host):
        return _reject(
            source, ErrorCode.NOT_AMAZON, f"'{host}' only looks like Amazon (it uses look-alike characters)."
        )
    host = host.lower().rstrip(".")
    if is_short_link_host(host):
        if parts.path.strip("/") == "":
            return _reject(
                source, ErrorCode.NOT_A_PRODUCT_LINK, f"'{text.strip()[:80]}' is an empty short link."
            )
        return ShortLink(f"https://{host}{parts.path}", source)
    marketplace = marketplace_of(host)
    if marketplace is None:
        if "amazon" in host:
            return _reject(source, ErrorCode.NOT_AMAZON, f"'{host}' is not an Amazon store.")
        return _reject(
            source, ErrorCode.NOT_AMAZON, f"'{host}' is not Amazon; only Amazon product links are added."
        )
    path = unquote(parts.path or "/")
    for pattern in PRODUCT_PATTERNS:
        match = pattern.match(path)
        if match:
            asin = match.group(1).upper()
            if not is_valid_asin(asin):
                return _reject(
                    source,
                    ErrorCode.NOT_A_PRODUCT_LINK,
                    f"'{match.group(1)}' in the link is not a valid ASIN.",
                )
            return CanonicalLink(canonical_url(marketplace, asin), asin, marketplace, source)
    return _reject(
        source,
        ErrorCode.NOT_A_PRODUCT_LINK,
        f"This {marketplace} link is not a product page (search results, lists and stores cannot be added).",
    )


def _strip_trailing(url: str) -> str:
    # Prose puts punctuation after links; a closing bracket is kept only if the link opened one.
    while url and url[-1] in TRAILING_PUNCT:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def extract_candidates(text: str) -> list[str]:
    """Every link, ASIN or ISBN in a paste, drag (text/uri-list, HTML) or file text, in input order.

    HTML contributes its `href`s; the same candidate appearing twice (e.g. an anchor whose text is its
    own URL) is listed once.
    """
    if not text:
        return []
    found: list[tuple[int, str]] = []
    if "<" in text and "href" in text.lower():
        for m in HREF_RE.finditer(text):
            value = html.unescape(next(g for g in m.groups() if g is not None)).strip()
            if value and not value.startswith(("#", "mailto:", "javascript:")):
                found.append((m.start(), value))
        # Drop the markup so anchor texts and tag attributes are not scanned twice.
        text = re.sub(r"<[^>]*>", " ", text)
        text = html.unescape(text)
        offset_base = len(text) + 1  # text positions after hrefs would mis-order; keep hrefs first
    else:
        offset_base = 0
    spans: list[tuple[int, int]] = []
    for m in URL_RE.finditer(text):
        url = _strip_trailing(m.group(0))
        if url:
            found.append((offset_base + m.start(), url))
            spans.append((m.start(), m.start() + len(url)))

    def outside_urls(pos: int) -> bool:
        return not any(a <= pos < b for a, b in spans)

    for regex in (BARE_ASIN_RE, BARE_ISBN_RE):
        group = 0 if regex is BARE_ASIN_RE else 1
        found.extend(
            (offset_base + m.start(), m.group(group)) for m in regex.finditer(text) if outside_urls(m.start())
        )
    found.sort(key=lambda item: item[0])
    seen: set[str] = set()
    ordered: list[str] = []
    for _, value in found:
        if value not in seen:
            seen.add(value)
            ordered.append(value)
    return ordered


def parse_text(text: str, default_marketplace: str = "amazon.com.br") -> list[LinkResult]:
    """extract_candidates + parse_link: one result per candidate found, in input order."""
    return [parse_link(candidate, default_marketplace) for candidate in extract_candidates(text)]
