"""Text helpers shared by the parsing modules: whitespace and bidi-mark cleanup, element text, labels."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pigmeu_desktop.core.text_boundary import HEADING_TAGS, clean_scraped_text

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        *HEADING_TAGS,
        "section",
        "article",
        "dd",
        "dt",
        "dl",
        "hr",
        "blockquote",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


def clean(text: str | None) -> str:
    """Collapse whitespace, drop control, bidi and zero-width marks, strip: every scraped text passes here.

    Amazon wraps labels in RTL/LTR marks ("Publisher \u200f : \u200e") and uses no-break and narrow spaces
    in numbers; a hostile page may add terminal escapes or bidi overrides (the one rule: core/text_boundary).
    """
    return clean_scraped_text(text)


def node_text(node, *, skip: frozenset[str] = _SKIP_TAGS) -> str:
    """The visible text of an element (scripts and styles left out), whitespace collapsed."""
    if node is None:
        return ""
    return clean("".join(iter_text(node, skip=skip)))


def iter_text(node, *, skip: frozenset[str] = _SKIP_TAGS):
    """Text pieces of an element in document order, skipping script/style subtrees.

    Iterative on purpose: hostile or truncated pages can nest deeper than Python's recursion limit.
    """
    stack: list[tuple[Any, bool]] = [(node, True)]  # text, or an lxml element (lxml ships no types)
    while stack:
        current, top = stack.pop()
        if isinstance(current, str):
            yield current
            continue
        tag = current.tag if isinstance(current.tag, str) else None
        if not top and current.tail:
            stack.append((current.tail, False))
        if tag is None or (tag.lower() in skip and not top):
            continue
        # Block boundaries and <br> separate words even when the markup has no whitespace between them.
        block = tag.lower() in _BLOCK_TAGS
        if block:
            stack.append((" ", False))
        stack.extend((child, False) for child in reversed(current))
        if current.text:
            stack.append((current.text, False))
        if block:
            stack.append((" ", False))


def normalize_label(label: str) -> str:
    """A detail label reduced for lookup: casefolded, accents kept, colons and marks stripped."""
    text = clean(label).casefold()
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\s:：\u200f\u200e]+$", "", text)
    text = re.sub(r"\s*[:：]\s*", " ", text)
    return clean(text)


def strip_accents(text: str) -> str:
    """Accent-insensitive form ("março" -> "marco") for month and label matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
