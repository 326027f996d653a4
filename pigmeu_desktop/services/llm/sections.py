"""The review's `## ` sections inside body_markdown: find one, replace it, keep every other byte."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pigmeu_desktop.services.llm.schema import heading_key

_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True)
class Span:
    heading: str
    start: int  # start of the section's text (after the heading line)
    end: int  # start of the next `## ` heading, or the end of the body


def spans(body: str) -> list[Span]:
    matches = list(_HEADING.finditer(body))
    out = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        out.append(Span(m.group(1), m.end(), end))
    return out


def find_section(body: str, heading: str) -> Span | None:
    key = heading_key(heading)
    return next((s for s in spans(body) if heading_key(s.heading) == key), None)


def clean_section_text(text: str, heading: str) -> str:
    """The model's new text, without a repeated heading of its own."""
    text = text.strip()
    first, _, rest = text.partition("\n")
    if first.lstrip().startswith("#") and heading_key(first.lstrip("# ")) == heading_key(heading):
        text = rest.strip()
    return text


def replace_section(body: str, span: Span, new_text: str) -> str:
    """Swap the text under `span` for `new_text`; the text before and after is untouched."""
    old = body[span.start : span.end]
    trailing = old[len(old.rstrip()) :]  # keep the blank lines that separated it from the next heading
    return body[: span.start] + "\n\n" + new_text.strip() + (trailing or "\n") + body[span.end :]
