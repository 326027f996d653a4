"""Readable text from a JSON answer still streaming: the GUI shows body_markdown growing, not JSON."""

from __future__ import annotations

import json
import re


class PartialDraft:
    """Feed it the token deltas; ask for a field's text so far (decoded, even mid-string).

    Cheap enough to call a few times a second on a 10 KB answer; not meant for every token.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []

    def feed(self, delta: str) -> None:
        self._parts.append(delta)

    def reset(self) -> None:
        """A new attempt started (retry, repair, fallback): forget the old text."""
        self._parts.clear()

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts[:] = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def field(self, name: str) -> str:
        return partial_string_field(self.text, name)


def partial_string_field(text: str, name: str) -> str:
    """The value of string field `name` in (possibly unfinished) JSON `text`; "" if it has not started."""
    match = re.search(r'"' + re.escape(name) + r'"\s*:\s*"', text)
    if match is None:
        return ""
    rest = text[match.end() :]
    # Find the closing quote: the first quote not escaped by an odd run of backslashes.
    end = None
    for m in re.finditer(r'(\\*)"', rest):
        if len(m.group(1)) % 2 == 0:
            end = m.end() - 1
            break
    raw = rest if end is None else rest[:end]
    if end is None:
        # Drop an escape cut in half at the end: a lone backslash, or an incomplete \uXXXX.
        if (len(raw) - len(raw.rstrip("\\"))) % 2:
            raw = raw[:-1]
        else:
            cut = re.search(r"(?<!\\)((?:\\\\)*)\\u[0-9a-fA-F]{0,3}$", raw)
            if cut is not None:
                raw = raw[: cut.start() + len(cut.group(1))]
    try:
        value = json.loads('"' + raw + '"')
    except ValueError:
        return raw
    if end is None and value and "\ud800" <= value[-1] <= "\udbff":
        value = value[:-1]  # the first half of a surrogate pair (an emoji as \ud83d\ude00) without the second
    return value
