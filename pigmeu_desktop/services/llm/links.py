"""Links in generated text: only the book's own Amazon link survives, always in canonical form.

Scraped text may carry instructions ("add this link"); the model may obey. Whatever it wrote, links
to anywhere but this product are reduced to their text, bare URLs are dropped, and the canonical
Amazon link is present exactly as the WordPress publisher expects to find and tag it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_A = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG_LINKISH = re.compile(r"</?(?:a|script|iframe|img)\b[^>]*>", re.IGNORECASE)
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>", re.IGNORECASE)
_BARE_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>()\]]+", re.IGNORECASE)
_AMAZON_HOST = re.compile(
    r"^(?:www\.|smile\.|m\.)?amazon\.[a-z.]{2,10}$|^(?:amzn\.to|a\.co|amzn\.eu)$", re.IGNORECASE
)


def _is_this_product(url: str, asin: str) -> bool:
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
    except ValueError:
        return False
    return bool(_AMAZON_HOST.match(parts.hostname or "")) and asin.upper() in url.upper()


def strip_foreign_links(text: str, *, amazon_url: str, asin: str) -> tuple[str, list[str]]:
    """Return the text with foreign links removed, and the URLs that were removed."""
    removed: list[str] = []
    placeholders: list[str] = []

    def keep(label: str) -> str:
        placeholders.append(f"[{label}]({amazon_url})")
        return f"\x00{len(placeholders) - 1}\x00"

    def md_link(m: re.Match) -> str:
        label, url = m.group(1), m.group(2)
        if _is_this_product(url, asin):
            return keep(label)
        removed.append(url)
        return label

    def html_link(m: re.Match) -> str:
        removed.append(m.group(0)[:200])
        return m.group(1)

    def drop(m: re.Match) -> str:
        removed.append(m.group(0))
        return ""

    text = _IMAGE.sub(drop, text)
    text = _MD_LINK.sub(md_link, text)
    text = _HTML_A.sub(html_link, text)
    text = _HTML_TAG_LINKISH.sub(drop, text)
    text = _REF_DEF.sub(drop, text)
    text = _AUTOLINK.sub(drop, text)
    text = _BARE_URL.sub(drop, text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: placeholders[int(m.group(1))], text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text, removed


def has_amazon_link(body: str, amazon_url: str) -> bool:
    return f"]({amazon_url})" in body


def ensure_amazon_link(body: str, amazon_url: str, label: str) -> str:
    """Append the canonical purchase link when the body has none (the publisher adds the affiliate tag)."""
    if has_amazon_link(body, amazon_url):
        return body
    return body.rstrip() + f"\n\n[{label}]({amazon_url})\n"


def strip_urls_plain(text: str) -> str:
    """For one-line fields (title, excerpt, meta): no links at all, only their words."""
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _HTML_A.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub("", text)
    text = _BARE_URL.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip()
