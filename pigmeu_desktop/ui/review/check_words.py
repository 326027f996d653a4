"""Words for the checks panel: each core check key and its parameters as a translated sentence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pigmeu_desktop.core.checks import Check


def field_label(name: str) -> str:
    return {
        "title": QCoreApplication.translate("checks", "Title"),
        "slug": QCoreApplication.translate("checks", "Slug"),
        "excerpt": QCoreApplication.translate("checks", "Excerpt"),
        "meta_description": QCoreApplication.translate("checks", "Meta description"),
        "focus_keyword": QCoreApplication.translate("checks", "Focus keyword"),
        "body_markdown": QCoreApplication.translate("checks", "Body"),
        "tags": QCoreApplication.translate("checks", "Tags"),
        "categories": QCoreApplication.translate("checks", "Categories"),
        "first_paragraph": QCoreApplication.translate("checks", "first paragraph"),
    }.get(name, name)


def _fill(text: str, *values: object) -> str:
    """A translated sentence with %1, %2… replaced by `values` in order."""
    for n, value in enumerate(values, start=1):
        text = text.replace(f"%{n}", str(value))
    return text


def describe(check: Check) -> str:
    p = check.params
    field = field_label(str(p.get("field", "")))
    place = field_label(str(p.get("place", "")))
    key = check.key
    if key == "placeholder_left":
        return _fill(
            QCoreApplication.translate(
                "checks", "Placeholder left: “%1” (%2) — write the text before approving"
            ),
            p["text"],
            field,
        )
    if key == "conflict_left":
        return _fill(
            QCoreApplication.translate("checks", "Merge markers left in %1 — keep one side before approving"),
            field,
        )
    if key == "too_long":
        return _fill(
            QCoreApplication.translate("checks", "%1 is too long: %2 characters, at most %3"),
            field,
            p["size"],
            p["max"],
        )
    if key == "too_short":
        return _fill(
            QCoreApplication.translate("checks", "%1 is too short: %2 characters, at least %3"),
            field,
            p["size"],
            p["min"],
        )
    if key == "length_ok":
        return _fill(QCoreApplication.translate("checks", "%1: length fine (%2)"), field, p["size"])
    if key == "keyword_missing":
        return QCoreApplication.translate("checks", "No focus keyword")
    if key == "keyword_in":
        return _fill(
            QCoreApplication.translate("checks", "Focus keyword in the %1"),
            place.lower() if place != field_label("first_paragraph") else place,
        )
    if key == "keyword_not_in":
        return _fill(
            QCoreApplication.translate("checks", "Focus keyword missing from the %1"),
            place.lower() if place != field_label("first_paragraph") else place,
        )
    if key == "amazon_link_missing":
        return QCoreApplication.translate(
            "checks", "No Amazon link in the body (publishing adds one at the end)"
        )
    if key == "amazon_link_present":
        return QCoreApplication.translate("checks", "Amazon link present")
    if key == "affiliate_tag_set":
        return _fill(QCoreApplication.translate("checks", "Affiliate tag: %1"), p.get("tag", ""))
    if key == "affiliate_tag_missing":
        return QCoreApplication.translate("checks", "No affiliate tag for this store (Settings → Publishing)")
    if key == "disclosure_set":
        return QCoreApplication.translate("checks", "Disclosure added to the post")
    if key == "disclosure_missing":
        return QCoreApplication.translate("checks", "No disclosure text (Settings → Publishing)")
    if key == "unbacked_fact":
        return _fill(
            QCoreApplication.translate("checks", "Check this fact, it is not in the book data: “%1”"),
            p["text"],
        )
    return key
