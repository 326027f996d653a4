"""The editor's checks on a draft (lengths, focus keyword, Amazon link, disclosure, placeholders, facts
to verify) as data: each says how serious it is and where in the draft it points."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pigmeu_desktop.core.merge import CONFLICT_MARKS
from pigmeu_desktop.core.models import Draft

Level = Literal["ok", "warning", "blocking"]
# Fields whose length the content schema limits, in the order the Draft pane shows them.
LIMITED_FIELDS = ("title", "slug", "excerpt", "meta_description", "focus_keyword", "body_markdown")
_AMAZON_LINK = re.compile(
    r"\]\(\s*<?(https?://(?:[\w-]+\.)*(?:amazon\.[a-z.]+|amzn\.to|a\.co|amzn\.eu)[^)\s>]*)"
)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a check points: a draft field and a character range in it (for highlighting and jumping)."""

    field: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Check:
    """One result. `key` names the rule (the UI words it); `params` fill the words in."""

    key: str
    level: Level
    params: Mapping[str, Any] = field(default_factory=dict)
    target: Target | None = None


def limits_from_schema(schema: Mapping[str, Any] | None) -> dict[str, tuple[int | None, int | None]]:
    """(min, max) characters per field from a content schema's JSON schema properties."""
    props = (schema or {}).get("properties") or {}
    out: dict[str, tuple[int | None, int | None]] = {}
    for name in LIMITED_FIELDS:
        spec = props.get(name) or {}
        if "minLength" in spec or "maxLength" in spec:
            out[name] = (spec.get("minLength"), spec.get("maxLength"))
    return out


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def fold(text: str) -> str:
    """Lower case without accents, so "Memórias" matches "memorias" in a slug or a search."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text.lower()).strip()


def _slug_words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def first_paragraph(body: str) -> tuple[int, int]:
    """Character range of the body's first paragraph (headings, quotes and blank lines skipped)."""
    position = 0
    for block in re.split(r"(\n\s*\n)", body):
        text = block.strip()
        if text and not text.startswith(("#", ">", "<!--")) and not re.fullmatch(r"\n\s*\n", block):
            start = position + (len(block) - len(block.lstrip()))
            return start, start + len(text)
        position += len(block)
    return 0, 0


def find_all(body: str, needle: str) -> list[tuple[int, int]]:
    if not needle.strip():
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), body)]


def run_checks(
    draft: Draft,
    *,
    limits: Mapping[str, tuple[int | None, int | None]],
    affiliate_tag: str | None,
    disclosure_text: str,
    placeholders: Sequence[str] = (),
    unbacked: Sequence[str] = (),
) -> list[Check]:
    """Every check on `draft`, blocking ones first; cheap enough to run after each pause in typing."""
    checks: list[Check] = []
    body = draft.body_markdown

    # Placeholders left by the skeleton draft, or merge markers: the post cannot go out with them.
    for marker in [*placeholders, *CONFLICT_MARKS]:
        for name in ("title", "excerpt", "meta_description", "body_markdown"):
            spans = find_all(getattr(draft, name), marker)
            if spans:
                key = "conflict_left" if marker in CONFLICT_MARKS else "placeholder_left"
                start, end = spans[0]
                checks.append(
                    Check(
                        key,
                        "blocking",
                        {"text": marker, "count": len(spans), "field": name},
                        Target(name, start, end),
                    )
                )
                break

    for name in LIMITED_FIELDS:
        if name not in limits:
            continue
        low, high = limits[name]
        size = len(getattr(draft, name))
        if high is not None and size > high:
            checks.append(
                Check("too_long", "warning", {"field": name, "size": size, "max": high}, Target(name))
            )
        elif low is not None and size < low:
            checks.append(
                Check("too_short", "warning", {"field": name, "size": size, "min": low}, Target(name))
            )
        else:
            checks.append(Check("length_ok", "ok", {"field": name, "size": size}, Target(name)))

    keyword = fold(draft.focus_keyword)
    if not keyword:
        checks.append(Check("keyword_missing", "warning", {}, Target("focus_keyword")))
    else:
        start, end = first_paragraph(body)
        places = {
            "title": keyword in fold(draft.title),
            "slug": _slug_words(keyword) in draft.slug,
            "first_paragraph": keyword in fold(body[start:end]),
            "meta_description": keyword in fold(draft.meta_description),
        }
        targets = {
            "title": Target("title"),
            "slug": Target("slug"),
            "first_paragraph": Target("body_markdown", start, end),
            "meta_description": Target("meta_description"),
        }
        for place, found in places.items():
            checks.append(
                Check(
                    "keyword_in" if found else "keyword_not_in",
                    "ok" if found else "warning",
                    {"place": place, "keyword": draft.focus_keyword},
                    targets[place],
                )
            )

    link = _AMAZON_LINK.search(body)
    if link is None:
        checks.append(Check("amazon_link_missing", "warning", {}, Target("body_markdown")))
    else:
        checks.append(
            Check(
                "amazon_link_present",
                "ok",
                {"url": link.group(1)},
                Target("body_markdown", link.start(1), link.end(1)),
            )
        )
    checks.append(
        Check(
            "affiliate_tag_set" if affiliate_tag else "affiliate_tag_missing",
            "ok" if affiliate_tag else "warning",
            {"tag": affiliate_tag or ""},
        )
    )
    has_disclosure = bool(disclosure_text.strip())
    checks.append(
        Check(
            "disclosure_set" if has_disclosure else "disclosure_missing",
            "ok" if has_disclosure else "warning",
        )
    )

    # Facts the scraped data does not back, each occurrence a place to jump to.
    for fact in unbacked:
        spans = find_all(body, fact)
        target = Target("body_markdown", *spans[0]) if spans else None
        checks.append(Check("unbacked_fact", "warning", {"text": fact, "count": len(spans)}, target))

    order = {"blocking": 0, "warning": 1, "ok": 2}
    return sorted(checks, key=lambda c: order[c.level])


def blocking(checks: Sequence[Check]) -> list[Check]:
    return [c for c in checks if c.level == "blocking"]
