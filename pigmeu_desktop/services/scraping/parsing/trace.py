"""Where each field came from: the rule that matched and the element it read (`pigmeu scrape --explain`).

Extractors call `note(field, rule, element)` where they settle on a value; the parser opens a `Trace` per
page so the notes of one parse never mix with another's (a ContextVar: each worker thread has its own).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    rule: str
    element: str  # "td (table#productDetails_techSpec_section_1, line 1204)"; "" when not from one element


@dataclass
class Trace:
    sources: dict[str, Source] = field(default_factory=dict)


_CURRENT: ContextVar[Trace | None] = ContextVar("pigmeu_parse_trace", default=None)


@contextmanager
def tracing():
    trace = Trace()
    token = _CURRENT.set(trace)
    try:
        yield trace
    finally:
        _CURRENT.reset(token)


def note(field_name: str, rule: str, element=None) -> None:
    """Record where `field_name` was read (the last note for a field wins: it is the one used)."""
    trace = _CURRENT.get()
    if trace is not None:
        trace.sources[field_name] = Source(rule, describe(element))


def describe(element) -> str:
    """A short, readable address of an element: its tag, id/class, nearest ancestor with an id, source line."""
    if element is None or not hasattr(element, "tag"):
        return ""
    try:
        name = _label(element)
        anchor = None
        if not element.get("id"):
            for ancestor in element.iterancestors():
                if isinstance(ancestor.tag, str) and ancestor.get("id"):
                    anchor = ancestor
                    break
        where = f" in {_label(anchor)}" if anchor is not None else ""
        line = f", line {element.sourceline}" if getattr(element, "sourceline", None) else ""
        return f"{name}{where}{line}"
    except (AttributeError, TypeError, ValueError):
        return ""


def _label(element) -> str:
    tag = element.tag if isinstance(element.tag, str) else "node"
    ident = element.get("id")
    if ident:
        return f"{tag}#{ident[:60]}"
    classes = (element.get("class") or "").split()[:2]
    return tag + "".join(f".{c}" for c in classes)
