"""The one rule for text crossing a boundary: cleaned where it enters, escaped for where it goes.

- Scraped text (a page, an open-data API) is cleaned once, at parse time: control, bidi-override and
  zero-width characters are removed. Entities are decoded once by the HTML parser (lxml) and never again.
- Plain text sent to WordPress where WordPress reads HTML (post and media titles, excerpts, term names,
  SEO fields) is escaped here, at that boundary, and never unescaped afterwards.
- Markdown built from data (the skeleton draft) escapes the data, so a `[link](…)` in a description
  stays words.
- Terminal output shows control characters as visible escapes, so a title cannot retitle or recolour
  the terminal, and JSON output carries them as `\\uXXXX` escapes.
"""

from __future__ import annotations

import html
import re

# Bidi embeddings/overrides/isolates and marks: they reorder what a reader sees (a title can show a
# different word than it holds), and Amazon wraps labels in them.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width and invisible formatting: they hide text from a reader and split words for search.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\ufff9\ufffa\ufffb"
# C0 (but tab and newline), DEL, C1; Unicode "tag" characters (invisible, used to smuggle instructions).
_CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)))
_TAGS = "".join(chr(c) for c in range(0xE0000, 0xE0080))

# HTML's six heading levels: block breaks for the parser's text, kept by the WordPress sanitiser.
HEADING_TAGS = frozenset(f"h{level}" for level in range(1, 7))

_REMOVE = dict.fromkeys(map(ord, _BIDI + _ZERO_WIDTH + _CONTROLS + _TAGS))
# Line breaks of other systems and Unicode separators become newlines before the removal above.
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\u0085]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# What a terminal must not receive raw: every control but newline and tab, plus bidi and zero-width
# characters (they make a line read differently from what it holds).
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + _ZERO_WIDTH + "\u2028\u2029" + "\U000e0000-\U000e007f]"
)


def strip_unsafe_chars(text: str | None) -> str:
    """The text without control, bidi and zero-width characters; line breaks kept as `\\n`, tabs kept."""
    if not text:
        return ""
    return _NEWLINES.sub("\n", text).translate(_REMOVE)


def clean_scraped_text(text: str | None) -> str:
    """One line of scraped text: unsafe characters removed, whitespace collapsed, trimmed.

    Entities are not decoded here: the HTML parser decoded them once, and decoding again would turn a
    title that reads `&lt;b&gt;` into markup.
    """
    return _SPACES.sub(" ", strip_unsafe_chars(text)).strip()


def html_text(text: str | None) -> str:
    """Plain text for a field WordPress treats as HTML (title, excerpt, term, alt text, SEO fields).

    Whitespace collapsed, then `&`, `<`, `>` and quotes escaped: whatever the text says, it is shown,
    never run. Never unescape the result.
    """
    return html.escape(clean_scraped_text(text), quote=True)


# Characters that are Markdown (or inline HTML / entities) wherever they stand.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&!|~#])")
# Line starts that open a block: lists, headings' underlines, ordered lists, quotes, code fences.
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def markdown_text(text: str | None) -> str:
    """Data placed in Markdown we build: every markup character backslash-escaped, per line.

    `[click](https://x)` stays those words; `![](pixel)` is no image; `<script>` is text; a line starting
    with `- ` or `1.` is no list. Leading spaces are dropped (four would make a code block).
    """
    lines = []
    for line in strip_unsafe_chars(text).split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line.strip())
        line = _MD_LINE_START.sub(
            lambda m: m.group(1) + "".join("\\" + c if not c.isdigit() else c for c in m.group(2)), line
        )
        lines.append(line)
    return "\n".join(lines)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: a surrogate pair, as JSON writes it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def terminal_text(text: str) -> str:
    """Text for a terminal: control, bidi and zero-width characters shown as `\\uXXXX`, newlines and tabs
    kept. On JSON text the result is still the same JSON: those characters only occur inside strings,
    and `\\uXXXX` is the JSON escape of the same character."""
    return _TERMINAL_UNSAFE.sub(_visible, text)
