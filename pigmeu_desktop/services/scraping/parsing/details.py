"""Collect the product-details label/value pairs of every layout: rpi cards, detail bullets, 2012-era
`#productDetailsTable .content li`, th/td tables, and the mobile variants, under one canonical key each."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pigmeu_desktop.services.scraping.parsing.dom import Page
from pigmeu_desktop.services.scraping.parsing.labels import is_page_count, lookup_key
from pigmeu_desktop.services.scraping.parsing.scope import ItemScope
from pigmeu_desktop.services.scraping.parsing.text import clean, node_text

# The rpi card id suffix is language-neutral: prefer it over the translated label.
_RPI_KEYS = {
    "book_details-publisher": "publisher",
    "book_details-publication_date": "publication_date",
    "language": "language",
    "book_details-language": "language",
    "book_details-fiona_pages": "print_length",
    "book_details-ebook_pages": "print_length",
    "book_details-isbn10": "isbn10",
    "book_details-isbn13": "isbn13",
    "book_details-edition": "edition",
    "book_details-series": "series",
    "audiobook_details-release-date": "publication_date",
}

# Containers of the details in the layouts seen since 2012 (desktop and mobile).
_CONTAINER_IDS = (
    "detailBullets_feature_div",
    "detailBulletsWrapper_feature_div",
    "detail-bullets",
    "detail_bullets_id",
    "productDetailsTable",
    "productDetails_feature_div",
    "prodDetails",
    "productDetails_detailBullets_sections1",
    "productDetails_techSpec_section_1",
    "detailBullets_secondary_view_div",
    "productDetails_secondary_view_div",
    "tech-specs-mobile",
    "productDetails",
    "detailsListWrapper",
    "technicalSpecifications_feature_div",
    "audibleProductDetails",
    "detailBullets",
)
_LABEL_XPATH = (
    "./*[1][self::b or self::strong or self::th or contains(concat(' ', @class, ' '), ' a-text-bold ') "
    "or contains(@class, 'detail-bullet-label') or contains(@class, 'label')]"
)


@dataclass
class Details:
    """Canonical key -> values (best source first); `bindings` holds (label, value) rows like
    "Paperback : 121 pages" whose label is the format."""

    values: dict[str, list[str]] = field(default_factory=dict)
    elements: dict[str, list] = field(default_factory=dict)
    rules: dict[str, list[str]] = field(default_factory=dict)
    bindings: list[tuple[str, str]] = field(default_factory=list)
    binding_elements: list = field(default_factory=list)
    rank_label: str = ""

    def add(self, key: str, value: str, element=None, rule: str = "details") -> None:
        value = clean(value)
        if not value:
            return
        self.values.setdefault(key, []).append(value)
        self.elements.setdefault(key, []).append(element)
        self.rules.setdefault(key, []).append(rule)

    def entries(self, key: str) -> list[tuple[str, object, str]]:
        """(value, element, rule) of every row found for `key`, best source first."""
        return list(
            zip(self.values.get(key, []), self.elements.get(key, []), self.rules.get(key, []), strict=True)
        )

    def first(self, key: str) -> str | None:
        found = self.values.get(key)
        return found[0] if found else None

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])

    def element(self, key: str):
        found = [e for e in self.elements.get(key, []) if e is not None]
        return found[0] if found else None


def collect_details(page: Page, scope: ItemScope | None = None) -> Details:
    details = Details()
    scope = scope or ItemScope()
    _rpi_cards(page, details)
    containers = [(ident, el) for ident in _CONTAINER_IDS for el in page.all_by_id(ident)]
    if not containers:
        # Layouts whose details block has no id we know: the detail-bullet list, and the 2012-2014
        # "bucket" table cell (<td class="bucket"><h2>Product Details</h2><div class="content"><ul>).
        containers = [
            ("detail-bullet-list", el) for el in page.xpath("//ul[contains(@class, 'detail-bullet-list')]")
        ]
        containers += [
            ("td.bucket", el)
            for el in page.xpath(
                "//td[contains(@class, 'bucket')][.//b or .//th or .//*[contains(@class, 'a-text-bold')]]"
            )
        ]
    seen: set = set()  # elements, not id()s: lxml proxies (and their ids) can be recycled
    for ident, container in containers:
        if not scope.own(container):
            continue
        _bullets(container, details, seen, f"detail bullets #{ident}")
        _table_rows(container, details, seen, f"details table #{ident}")
    _mobile_isbn_line(page, details)
    if not details.values and not details.bindings and page.root is not None:
        # Unknown layout: read any labelled row on the page, but only under labels we know, and only
        # outside widgets about other products.
        _bullets(page.root, details, seen, "labelled row (unknown layout)", scope)
        _table_rows(page.root, details, seen, "labelled table row (unknown layout)", scope)
    return details


def _mobile_isbn_line(page: Page, details: Details) -> None:
    """Mobile web (2016-2019) shows "ISBN-13: 978-…, ISBN-10: …" under the title, as bold label spans."""
    for feature in page.all_by_id("title_feature_div"):
        row = feature.getnext()
        for _ in range(3):  # the ISBN row follows the title block within a couple of siblings
            if row is None:
                break
            for label in row.xpath(".//span[contains(@class, 'a-text-bold')]"):
                key = lookup_key(node_text(label))
                value = label.getnext()
                if key in ("isbn10", "isbn13") and value is not None:
                    details.add(key, node_text(value).rstrip(","), value, "mobile ISBN line under the title")
            row = row.getnext()


def _rpi_key(suffix: str) -> str | None:
    """Card id suffixes not in the table ("book_details-release_date", "…-print_length") by their words."""
    words = suffix.casefold()
    for part, key in (
        ("publication_date", "publication_date"),
        ("release_date", "publication_date"),
        ("publisher", "publisher"),
        ("language", "language"),
        ("pages", "print_length"),
        ("print_length", "print_length"),
        ("isbn13", "isbn13"),
        ("isbn10", "isbn10"),
    ):
        if part in words:
            return key
    return None


def _rpi_cards(page: Page, details: Details) -> None:
    for card in page.with_id_prefix("rpi-attribute-"):
        suffix = card.get("id", "")[len("rpi-attribute-") :]
        if suffix in ("label", "value", "icon") or suffix.endswith(("-label", "-value", "-icon")):
            continue  # inner parts of a card, when Amazon gives them ids too
        label_el = card.xpath(".//*[contains(@class, 'rpi-attribute-label')]")
        value_el = card.xpath(".//*[contains(@class, 'rpi-attribute-value')]")
        if not value_el:
            continue
        label = node_text(label_el[0]) if label_el else ""
        key = _RPI_KEYS.get(suffix) or lookup_key(label) or _rpi_key(suffix)
        if key:
            details.add(key, node_text(value_el[0]), value_el[0], f"rpi card #{card.get('id', '')}")


def _split_label(item) -> tuple[str, str, object] | None:
    """(label, value, value element) of a detail bullet <li>, or None when it has no bold label."""
    target = item
    # <li><span class="a-list-item"><span class="a-text-bold">Label</span><span>Value</span></span></li>
    wrapper = item.xpath("./span[contains(@class, 'a-list-item')]")
    if wrapper:
        target = wrapper[0]
    label_el = target.xpath(_LABEL_XPATH)
    if not label_el:
        return None
    label_el = label_el[0]
    label = node_text(label_el)
    if not label or len(label) > 80:
        return None
    parts: list[str] = []
    if label_el.tail:
        parts.append(label_el.tail)
    value_el = None
    for sibling in label_el.itersiblings():
        if value_el is None and isinstance(sibling.tag, str):
            value_el = sibling
        parts.append(node_text(sibling))
        if sibling.tail:
            parts.append(sibling.tail)
    value = clean(" ".join(parts))
    # Old tables put the label and value in one text: "<b>Publisher:</b> Suhrkamp (1981)".
    value = re.sub(r"^[\s:：\u200f\u200e]+", "", value)
    return label, value, value_el if value_el is not None else target


def _bullets(container, details: Details, seen: set, rule: str, scope: ItemScope | None = None) -> None:
    for item in container.iter("li"):
        if item in seen:
            continue
        seen.add(item)
        if scope is not None and not scope.own(item):
            continue
        split = _split_label(item)
        if split is None:
            continue
        label, value, value_el = split
        _store(label, value, value_el, details, item, rule)


def _table_rows(container, details: Details, seen: set, rule: str, scope: ItemScope | None = None) -> None:
    for row in container.iter("tr"):
        if row in seen:
            continue
        seen.add(row)
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("th", "td")]
        if len(cells) != 2:
            continue
        if scope is not None and not scope.own(row):
            continue
        label, value = node_text(cells[0]), node_text(cells[1])
        if label and len(label) <= 80:
            _store(label, value, cells[1], details, row, rule)


def _store(label: str, value: str, value_el, details: Details, row, rule: str) -> None:
    key = lookup_key(label)
    if key == "bestseller_rank":
        # The whole row: its nested ladder and <br>-separated lines are read by `categories`.
        details.add(key, value, row, rule)
        details.rank_label = details.rank_label or clean(label)
        return
    if key:
        details.add(key, value, value_el, rule)
        return
    if is_page_count(value):
        details.bindings.append((clean(label).rstrip(" :：\u200f\u200e"), value))
        details.binding_elements.append(value_el)
