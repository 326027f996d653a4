"""Three-way merge of drafts (base, mine, theirs): changes on one side apply, clashes are marked."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pigmeu_desktop.core.models import Draft
from pigmeu_desktop.core.review import LINE_FIELDS, LIST_FIELDS, WORD_FIELDS

# Conflict markers as git writes them, so editors who know git recognise them; the checks panel
# blocks approval while any is left.
MINE_MARK, SPLIT_MARK, THEIRS_MARK = "<<<<<<< mine", "=======", ">>>>>>> theirs"
CONFLICT_MARKS = (MINE_MARK, SPLIT_MARK, THEIRS_MARK)


@dataclass(frozen=True, slots=True)
class Merged:
    draft: Draft
    conflicts: tuple[str, ...]  # fields where both sides changed the same place


def _equal_map(a: list[str], b: list[str]) -> dict[int, int]:
    """Index in `a` → index in `b` for lines the two sequences share (in order)."""
    out: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.update({i1 + k: j1 + k for k in range(i2 - i1)})
    return out


def merge_text(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """Line-based three-way merge; returns the text and whether a clash was marked in it."""
    if mine == theirs or theirs == base:
        return mine, False
    if mine == base:
        return theirs, False
    b, m, t = (x.splitlines(keepends=True) for x in (base, mine, theirs))
    to_m, to_t = _equal_map(b, m), _equal_map(b, t)
    out: list[str] = []
    clash = False
    ib = im = it = 0

    def chunk(bc: list[str], mc: list[str], tc: list[str]) -> None:
        nonlocal clash
        if mc == tc or tc == bc:
            out.extend(mc)
        elif mc == bc:
            out.extend(tc)
        else:
            clash = True
            end = lambda lines: lines and not lines[-1].endswith("\n")  # noqa: E731 - tiny local helper
            out.append(MINE_MARK + "\n")
            out.extend(mc + (["\n"] if end(mc) else []))
            out.append(SPLIT_MARK + "\n")
            out.extend(tc + (["\n"] if end(tc) else []))
            out.append(THEIRS_MARK + "\n")

    for i in range(len(b)):
        if i in to_m and i in to_t and to_m[i] >= im and to_t[i] >= it:
            chunk(b[ib:i], m[im : to_m[i]], t[it : to_t[i]])
            out.append(b[i])
            ib, im, it = i + 1, to_m[i] + 1, to_t[i] + 1
    chunk(b[ib:], m[im:], t[it:])
    return "".join(out), clash


def merge_drafts(base: Draft, mine: Draft, theirs: Draft) -> Merged:
    """Theirs with my changes applied; a one-line field changed on both sides keeps mine and is reported."""
    update: dict[str, object] = {}
    conflicts: list[str] = []
    for name in WORD_FIELDS:
        b, m, t = (getattr(d, name) for d in (base, mine, theirs))
        if m != b and t != b and m != t:
            conflicts.append(name)
        update[name] = m if m != b else t
    for name in LINE_FIELDS:
        text, clash = merge_text(getattr(base, name), getattr(mine, name), getattr(theirs, name))
        update[name] = text
        if clash:
            conflicts.append(name)
    for name in LIST_FIELDS:
        b, m, t = (list(getattr(d, name)) for d in (base, mine, theirs))
        removed = (set(b) - set(m)) | (set(b) - set(t))
        update[name] = [x for x in dict.fromkeys(t + m) if x not in removed]
    return Merged(theirs.model_copy(update=update), tuple(conflicts))
