"""Parse page text into an lxml tree once and index it by id (Amazon repeats some ids; all are kept)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from pigmeu_desktop.services.scraping.parsing.charset import to_utf8
from pigmeu_desktop.services.scraping.parsing.text import node_text

# recover=True: truncated or broken pages still give a tree. huge_tree: Amazon's inline JSON text nodes
# can exceed libxml2's default 10 MB node limit on some pages; no_network: never fetch anything.
_PARSER_OPTIONS = {
    "recover": True,
    "huge_tree": True,
    "no_network": True,
    "remove_blank_text": False,
    "remove_pis": True,
}


@dataclass
class Page:
    """A parsed page: the raw UTF-8 bytes (for inline-script data), the tree, and an id index."""

    raw: bytes
    root: etree._Element | None
    ids: dict[str, list[etree._Element]] = field(default_factory=dict)

    def by_id(self, *ids: str):
        """The first element carrying any of `ids`, in the order the ids are given."""
        for ident in ids:
            found = self.ids.get(ident)
            if found:
                return found[0]
        return None

    def all_by_id(self, ident: str) -> list:
        return self.ids.get(ident, [])

    def with_id_prefix(self, prefix: str) -> list:
        """Elements whose id starts with `prefix`, in document order (no full-tree XPath scan)."""
        found = [el for ident, els in self.ids.items() if ident.startswith(prefix) for el in els]
        return found

    def within(self, ident: str, expression: str) -> list:
        """Relative XPath under every element with `ident` (cheap: only that subtree is searched)."""
        return [hit for element in self.ids.get(ident, []) for hit in element.xpath(expression)]

    def text(self, *ids: str) -> str:
        """Visible text of the first element found for `ids` ("" if none)."""
        for ident in ids:
            for element in self.ids.get(ident, []):
                value = node_text(element)
                if value:
                    return value
        return ""

    def raw_text(self, start: int, length: int) -> str:
        """A slice of the raw page as text (inline JSON is read from here without decoding 3 MB)."""
        return self.raw[max(0, start) : start + length].decode("utf-8", "replace")

    def select(self, rule: str) -> list:
        """Evaluate a selector rule (see `rules`): "#id1|id2/rest" under those ids, else a page XPath."""
        if not rule.startswith("#"):
            return self.xpath(rule)
        cut = rule.find("/")
        idents, rest = (rule[1:], "") if cut < 0 else (rule[1:cut], rule[cut:])
        found: list = []
        for ident in idents.split("|"):
            for element in self.ids.get(ident, []):
                if not rest:
                    found.append(element)
                    continue
                try:
                    found.extend(element.xpath("." + rest))
                except etree.XPathError:
                    continue
        return found

    def xpath(self, expression: str, **variables) -> list:
        if self.root is None:
            return []
        try:
            return self.root.xpath(expression, **variables)
        except etree.XPathError:
            return []


def parse_page(data: bytes | str) -> Page:
    """Build the tree from the page (any charset; see `charset`). Never raises: garbage gives an empty page."""
    raw = to_utf8(data)
    root = None
    if raw.strip():
        try:
            root = etree.fromstring(raw, etree.HTMLParser(encoding="utf-8", **_PARSER_OPTIONS))
        except (etree.LxmlError, ValueError, UnicodeError):
            root = None
    ids: dict[str, list] = {}
    if root is not None:
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            ident = element.get("id")
            if ident:
                ids.setdefault(ident, []).append(element)
    return Page(raw=raw, root=root, ids=ids)
