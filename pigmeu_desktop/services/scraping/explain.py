"""`pigmeu scrape --explain`: every field of a parsed page with its value, the rule that read it and the
element it came from (JSON rows, and the same as aligned text)."""

from __future__ import annotations

from typing import Any

from pigmeu_desktop.core.models import BOOK_FACTS

# Book fields in the order the editor reads them; `asin` first (the page's own product).
FIELDS = ("asin", *BOOK_FACTS)
# Fields derived from another field, not read from an element of their own.
_DERIVED = {"subtitle": "the title's part after ': '"}
_WIDTH = 72


def explain_rows(parsed: Any) -> list[dict[str, Any]]:
    """[{"field", "value", "rule", "element"}] for every field (value None and rule "" when not found)."""
    doc = parsed.book.to_doc() if parsed.book is not None else {}
    sources = getattr(parsed, "sources", {}) or {}
    rows = []
    for name in FIELDS:
        value = parsed.asin if name == "asin" else doc.get(name)
        if value in ([], ""):
            value = None
        source = sources.get(name)
        rule = source.rule if source else (_DERIVED.get(name, "") if value is not None else "")
        rows.append(
            {
                "field": name,
                "value": value,
                "rule": rule or ("" if value is None else "—"),
                "element": source.element if source else "",
            }
        )
    return rows


def explain_doc(parsed: Any) -> dict[str, Any]:
    """The whole explanation as JSON: kind, both ASINs, missing core fields, warnings and the rows."""
    return {
        "kind": str(parsed.kind),
        "asin": parsed.asin,
        "link_asin": getattr(parsed, "link_asin", None),
        "asin_differs": bool(getattr(parsed, "asin_differs", False)),
        "marketplace": parsed.marketplace,
        "missing": list(getattr(parsed, "missing", ())),
        "warnings": list(parsed.warnings),
        "fields": explain_rows(parsed),
    }


def _short(value: Any) -> str:
    if value is None:
        return "(not found)"
    if isinstance(value, list):
        text = "; ".join(_short_item(v) for v in value)
    elif isinstance(value, dict):
        text = _short_item(value)
    else:
        text = str(value)
    text = " ".join(text.split())
    if text.startswith(("http://", "https://")):
        return text  # an address cut short is no address
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def _short_item(value: Any) -> str:
    if isinstance(value, dict):
        if "name" in value:
            return value["name"] + (f" ({value['role']})" if value.get("role") else "")
        if "amount" in value:
            return f"{value['amount']} {value.get('currency', '')}".strip()
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return str(value)


def explain_text(parsed: Any) -> str:
    """Two lines per field: `field  value`, then `  ← rule · element`."""
    doc = explain_doc(parsed)
    head = f"kind: {doc['kind']}   page ASIN: {doc['asin'] or '?'}"
    if doc["asin_differs"]:
        head += f"   (the link asked for {doc['link_asin']}: Amazon served another product)"
    lines = [head]
    if doc["missing"]:
        lines.append("incomplete: missing " + ", ".join(doc["missing"]))
    for row in doc["fields"]:
        lines.append(f"{row['field']:<17}{_short(row['value'])}")
        if row["value"] is not None:
            where = " · ".join(part for part in (row["rule"], row["element"]) if part)
            lines.append(f"{'':<17}← {where}")
    lines += [f"warning: {w}" for w in doc["warnings"]]
    return "\n".join(lines)
