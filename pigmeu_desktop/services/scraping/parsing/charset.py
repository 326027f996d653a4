"""Turn the bytes of a saved page into text, honouring the charset the page declares (as a browser would)."""

from __future__ import annotations

import codecs
import re

# Browsers only look for a declaration near the top; Amazon pages carry ~70 KB of inline script first,
# so look further, but stop at </head> (a later, stray declaration in the body must not win).
_SCAN_LIMIT = 256 * 1024
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)

# WHATWG: these labels all mean windows-1252, which differs from ISO-8859-1 only in 0x80-0x9F.
# Labels Python's codec registry does not know under that name.
# Browsers read Shift_JIS as its Windows superset (cp932: ①, ～ …) and GB2312 as GBK/GB18030; so do we.
_ALIASES = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "sjis": "cp932",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "ms_kanji": "cp932",
    "x-euc-jp": "euc_jp",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
}
_LATIN1_LABELS = {
    "iso-8859-1",
    "iso8859-1",
    "latin1",
    "latin-1",
    "l1",
    "us-ascii",
    "ascii",
    "cp1252",
    "windows-1252",
    "x-cp1252",
    "iso_8859-1",
    "cp819",
    "ibm819",
}


def declared_charset(data: bytes) -> str | None:
    """The first charset declared by a <meta charset> or <meta http-equiv> in the head, if any."""
    head = data[:_SCAN_LIMIT]
    end = _HEAD_END.search(head)
    if end:
        head = head[: end.start()]
    match = _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").strip().lower()
    return _ALIASES.get(label, label) or None


def _is_latin1_label(label: str) -> bool:
    return label in _LATIN1_LABELS


def choose_encoding(data: bytes) -> str:
    """The Python codec name to read `data` with: BOM, else the declared charset, else UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    label = declared_charset(data)
    if not label:
        return _undeclared(data)
    if label in ("utf-8", "utf8"):
        return "utf-8"
    if _is_latin1_label(label):
        # A page that says Latin-1 but whose bytes are valid UTF-8 with non-ASCII text is UTF-8
        # (real Latin-1 accents are almost never valid UTF-8 sequences).
        try:
            data.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return "utf-8"


_JA_LANG = re.compile(rb"""<html[^>]*\blang\s*=\s*["']?ja""", re.IGNORECASE)


def _undeclared(data: bytes) -> str:
    """No declaration (the charset was only in the HTTP header): UTF-8 if the bytes are valid UTF-8,
    else the legacy encoding a browser would guess for the page's language (cp932 for ja, else cp1252)."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _JA_LANG.search(data[:4096]):
        return "cp932"
    return "cp1252"


def decode_html(data: bytes | str) -> str:
    """Decode page bytes with `choose_encoding`; undecodable bytes become U+FFFD, never an error."""
    if isinstance(data, str):
        return data
    encoding = choose_encoding(data)
    if encoding == "cp1252":
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; ISO-8859-1 maps them to C1 controls.
            return data.decode("latin-1")
    if encoding == "cp932":
        return data.decode("cp932", "replace")
    return data.decode(encoding, "replace")


def to_utf8(data: bytes | str) -> bytes:
    """Page bytes re-encoded as UTF-8, which is what the tree builder is told to expect.

    Skips the decode/encode round trip (tens of ms on a 3 MB page) when the page already is UTF-8.
    """
    if isinstance(data, str):
        return data.encode("utf-8", "replace")
    encoding = choose_encoding(data)
    if encoding == "utf-8":
        return data
    return decode_html(data).encode("utf-8", "replace")
