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


def describe(check: Check) -> str:
    p = check.params
    field = field_label(str(p.get("field", "")))
    place = field_label(str(p.get("place", "")))
    key = check.key
    if key == "placeholder_left":
        return (
            QCoreApplication.translate(
                "checks", "Placeholder left: “%1” (%2) — write the text before approving"
            )
            .replace("%1", str(p["text"]))
            .replace("%2", field)
        )
    if key == "conflict_left":
        return QCoreApplication.translate(
            "checks", "Merge markers left in %1 — keep one side before approving"
        ).replace("%1", field)
    if key == "too_long":
        return (
            QCoreApplication.translate("checks", "%1 is too long: %2 characters, at most %3")
            .replace("%1", field)
            .replace("%2", str(p["size"]))
            .replace("%3", str(p["max"]))
        )
    if key == "too_short":
        return (
            QCoreApplication.translate("checks", "%1 is too short: %2 characters, at least %3")
            .replace("%1", field)
            .replace("%2", str(p["size"]))
            .replace("%3", str(p["min"]))
        )
    if key == "length_ok":
        return (
            QCoreApplication.translate("checks", "%1: length fine (%2)")
            .replace("%1", field)
            .replace("%2", str(p["size"]))
        )
    if key == "keyword_missing":
        return QCoreApplication.translate("checks", "No focus keyword")
    if key == "keyword_in":
        return QCoreApplication.translate("checks", "Focus keyword in the %1").replace(
            "%1", place.lower() if place != field_label("first_paragraph") else place
        )
    if key == "keyword_not_in":
        return QCoreApplication.translate("checks", "Focus keyword missing from the %1").replace(
            "%1", place.lower() if place != field_label("first_paragraph") else place
        )
    if key == "amazon_link_missing":
        return QCoreApplication.translate(
            "checks", "No Amazon link in the body (publishing adds one at the end)"
        )
    if key == "amazon_link_present":
        return QCoreApplication.translate("checks", "Amazon link present")
    if key == "affiliate_tag_set":
        return QCoreApplication.translate("checks", "Affiliate tag: %1").replace("%1", str(p.get("tag", "")))
    if key == "affiliate_tag_missing":
        return QCoreApplication.translate("checks", "No affiliate tag for this store (Settings → Publishing)")
    if key == "disclosure_set":
        return QCoreApplication.translate("checks", "Disclosure added to the post")
    if key == "disclosure_missing":
        return QCoreApplication.translate("checks", "No disclosure text (Settings → Publishing)")
    if key == "unbacked_fact":
        return QCoreApplication.translate(
            "checks", "Check this fact, it is not in the book data: “%1”"
        ).replace("%1", str(p["text"]))
    return key
