"""Item scoping: is an element part of this product's own blocks, or of a widget about other products
(carousels, "customers also bought", sponsored, comparisons, single reviews)? Every full-page search
for ratings, prices, dates and identifiers goes through `ItemScope.own`."""

from __future__ import annotations

import re

from pigmeu_desktop.services.scraping.parsing.rules import (
    FOREIGN_CLASS_PARTS,
    FOREIGN_CLASS_TOKENS,
    FOREIGN_ID_PARTS,
    OWN_AREA_CLASSES,
    OWN_AREA_IDS,
)

_ASIN = re.compile(r"^[A-Z0-9]{10}$")
# Attributes that name the product an area is about ("data-asin" on faceouts, "name" on 2012-2016
# review summaries, "data-fling-asin" on mobile images).
_ASIN_ATTRIBUTES = ("data-asin", "data-fling-asin", "data-p13n-asin-metadata")


class ItemScope:
    """Knows the product's own ASINs (the link's, the page's, its ISBN-10) and judges elements by them."""

    def __init__(self, own_asins: set[str] | None = None) -> None:
        self.own_asins = {a.upper() for a in (own_asins or set()) if a}
        self._verdicts: dict = {}

    def add(self, asin: str | None) -> None:
        if asin:
            self.own_asins.add(asin.upper())
            self._verdicts.clear()

    def own(self, element) -> bool:
        """True unless the element sits inside a widget about other products."""
        if element is None or not hasattr(element, "iterancestors"):
            return True  # attribute values and text results carry no place; their xpath already scoped them
        chain = [element, *element.iterancestors()]
        in_own_area = any(_is_own_area(node) for node in chain)
        for node in chain:
            key = (node, in_own_area)
            verdict = self._verdicts.get(key)
            if verdict is None:
                verdict = self._foreign(node, check_asins=not in_own_area)
                self._verdicts[key] = verdict
            if verdict:
                return False
        return True

    def _foreign(self, node, *, check_asins: bool) -> bool:
        if not isinstance(node.tag, str):
            return False
        ident = node.get("id") or ""
        if ident and any(part in ident for part in FOREIGN_ID_PARTS):
            return True
        classes = (node.get("class") or "").split()
        for token in classes:
            if token in FOREIGN_CLASS_TOKENS or any(part in token for part in FOREIGN_CLASS_PARTS):
                return True
        if self.own_asins and check_asins:
            for attribute in _ASIN_ATTRIBUTES:
                value = (node.get(attribute) or "").strip().upper()
                if _ASIN.match(value) and value not in self.own_asins:
                    return True
            if "asinReviewsSummary" in classes:
                name = (node.get("name") or "").strip().upper()
                if _ASIN.match(name) and name not in self.own_asins:
                    return True
        return False


def _is_own_area(node) -> bool:
    if not isinstance(node.tag, str):
        return False
    if node.get("id") in OWN_AREA_IDS:
        return True
    return any(token in OWN_AREA_CLASSES for token in (node.get("class") or "").split())


def owner_of(hit):
    """The element an XPath hit belongs to (attribute and text results point at their parent)."""
    getparent = getattr(hit, "getparent", None)
    if getparent is not None and not hasattr(hit, "tag"):
        return getparent()
    return hit
