"""Slim Qt's ICU data library (libicudata) to the locales the app speaks, keeping every locale-free table.

Qt's Linux wheels carry ICU 73's full data (~31 MB, the largest file Qt brings) for every language on
earth. Qt calls ICU for collation (QCollator), time-zone display names, case mapping and legacy text
codecs. The app speaks pt-BR and English, so the per-locale tables of other languages are dead weight:
when ICU is asked for a locale it has no table for, it falls back to the root locale (its documented
behaviour), so nothing fails, it only reads root's data. Everything that is not per-locale stays whole:
normalization, Unicode properties, the root collation table, the time-zone database.

What Qt reads is known exactly: libQt6Core is the only library in the bundle that links ICU, and the ICU
functions it imports are case mapping (u_strToUpper/Lower), collation (ucol_*), time-zone ids and display
names (ucal_*) and codecs (ucnv_*) — nothing else. So these go whole:
- transliteration rules and word-break rules and dictionaries (no ubrk_*/utrans_* calls: Qt breaks text
  itself), ICU's locale display names, currencies, units, number spell-out and region names (Qt carries
  its own CLDR tables for QLocale) and the Unicode character names (no u_charName);
- the multi-byte codec tables (East-Asian encodings such as Shift_JIS, GB18030, Big5, EUC, and IBM's
  double-byte EBCDIC pages): Qt opens an ICU codec only when asked by name through QStringDecoder, and
  the app never decodes text with Qt (pages come from Chromium and Python as Unicode). The single-byte
  tables (Windows-125x, ISO-8859-x, KOI8...) are small and stay, as does the internal table of X11's
  compound text.

The data is ICU's "common data" package (format CmnD: a table of contents of named items, each a
complete data file), linked into libicudata.so.NN as one symbol `icudtNN_dat`. This module reads that
package out of the library, drops items, and links a new library with the same soname and symbol with
binutils (`as`, `ld`): the same tools the build already uses to strip binaries.
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from pathlib import Path

# Languages whose per-locale tables stay (with their regional variants); "root" is every locale's parent.
KEPT_LANGUAGES = frozenset({"root", "en", "pt"})
# Trees of per-locale tables Qt reads ("" is the main tree: the locale's own data and fallbacks).
LOCALE_TREES = frozenset({"", "coll", "zone"})
# Trees only ICU functions Qt never calls read: transliterators, break iterators, display names of
# languages and regions, currencies, units, number spell-out.
DROPPED_TREES = frozenset({"translit", "brkitr", "lang", "region", "curr", "unit", "rbnf"})
DROPPED_SUFFIXES = (".dict",)
DROPPED_ITEMS = frozenset({"unames.icu"})  # Unicode character names (u_charName)
# A codec table (.cnv) starts with its data header, then UConverterStaticData, whose byte at this offset
# past the header is maxBytesPerChar (after structSize, name[60], codepage, platform, conversionType,
# minBytesPerChar).
_CNV_MAX_BYTES_AT = 4 + 60 + 4 + 1 + 1 + 1
# Locale ids: language, then script/region/variant parts (ICU data names use '_').
_LOCALE = re.compile(r"^(?P<language>[a-z]{2,3})(_[A-Za-z0-9]*)*$")
# Items in locale trees whose names look like locale ids but are indexes every tree needs.
_NOT_LOCALES = frozenset({"res_index", "pool"})
_ALIGN = 16  # ICU wants each item 16-byte aligned (the layout icupkg writes)
_PAD = b"\xaa"  # icupkg's padding byte: an unchanged package comes out byte for byte the same


def single_byte_codec(data: bytes) -> bool:
    """Whether a codec table (.cnv item) maps one byte to one character (no multi-byte sequences)."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    return data[header_size + _CNV_MAX_BYTES_AT] == 1


def keep(name: str, data: bytes = b"") -> bool:
    """Whether an item of the package (e.g. 'icudt73l/coll/de.res', with its bytes for codec tables) stays."""
    parts = name.split("/")[1:]  # drop the package name
    tree = parts[0] if len(parts) > 1 else ""
    leaf = parts[-1]
    if tree in DROPPED_TREES or leaf.endswith(DROPPED_SUFFIXES) or (tree == "" and leaf in DROPPED_ITEMS):
        return False
    if leaf.endswith(".cnv") and not leaf.startswith("icu-internal"):
        return single_byte_codec(data)
    if tree not in LOCALE_TREES or not leaf.endswith(".res"):
        return True
    stem = leaf.removesuffix(".res")
    match = _LOCALE.match(stem)
    if stem in _NOT_LOCALES or match is None:
        return True
    return match["language"] in KEPT_LANGUAGES


def split(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(item name, item bytes)]) of a little-endian ICU common data package."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = package[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        items.append((toc[name_at : toc.index(b"\0", name_at)].decode("ascii"), toc[data_at:end]))
    return package[:header_size], items


def join(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package again: header, table of contents (names stay in the sorted order ICU searches), names,
    then the items, each starting 16-byte aligned."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = -(-(toc_size + len(names)) // _ALIGN) * _ALIGN
    table, blobs, name_at, data_at = [struct.pack("<I", len(items))], [], toc_size, data_start
    for name, data in items:
        table.append(struct.pack("<II", name_at, data_at))
        padded = data + _PAD * (-len(data) % _ALIGN)
        blobs.append(padded)
        name_at += len(name) + 1
        data_at += len(padded)
    head = b"".join(table) + names
    return header + head + _PAD * (data_start - len(head)) + b"".join(blobs)


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """(symbol name, file offset, size) of the icudtNN_dat symbol inside the library."""
    symbols = subprocess.run(
        ["readelf", "-Ws", "--dyn-syms", str(library)], capture_output=True, text=True, check=True
    )
    found = re.search(
        r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+(icudt\d+_dat)$",
        symbols.stdout,
        re.M,
    )
    if found is None:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    address, size, name = int(found[1], 16), int(found[2], 0), found[3]
    segments = subprocess.run(["readelf", "-lW", str(library)], capture_output=True, text=True, check=True)
    for offset, vaddr, filesz in re.findall(
        r"LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)", segments.stdout
    ):
        offset, vaddr, filesz = int(offset, 16), int(vaddr, 16), int(filesz, 16)
        if vaddr <= address < vaddr + filesz:
            return name, address - vaddr + offset, size
    raise ValueError(f"{library}: {name} is in no loaded segment")


def read_package(library: Path) -> tuple[str, bytes]:
    """(symbol name, the common data package) linked into a libicudata.so.NN."""
    symbol, offset, size = _data_symbol(library)
    return symbol, library.read_bytes()[offset : offset + size]


def slim_library(library: Path) -> tuple[int, int]:
    """Rewrite libicudata.so.NN in place with only the kept items. Returns (bytes before, bytes after)."""
    before = library.stat().st_size
    symbol, package = read_package(library)
    header, items = split(package)
    package = join(header, [(name, data) for name, data in items if keep(name, data)])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "icudt.dat").write_bytes(package)
        (work / "icudt.s").write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign {_ALIGN}\n"
            f'{symbol}:\n.incbin "{work / "icudt.dat"}"\n.size {symbol}, . - {symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(["as", "-o", str(work / "icudt.o"), str(work / "icudt.s")], check=True)
        out = work / library.name
        subprocess.run(
            ["ld", "-shared", "-soname", library.name, "-o", str(out), str(work / "icudt.o")], check=True
        )
        library.write_bytes(out.read_bytes())
    return before, library.stat().st_size
