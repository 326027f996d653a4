"""Add links: every Amazon link, ASIN or ISBN found in some text goes on the queue once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pigmeu_desktop.core.errors import ErrorCode, LinkError
from pigmeu_desktop.core.links import normalise_marketplace
from pigmeu_desktop.core.ports import LinkResolver, SubmissionStore
from pigmeu_desktop.services.intake import IntakeOutcome, add_text


@dataclass(frozen=True, slots=True)
class AddLinksResult:
    """What happened to each link found, in input order, with the counts the editor is told."""

    outcomes: list[IntakeOutcome]

    @property
    def added(self) -> int:
        return sum(o.result == "added" for o in self.outcomes)

    @property
    def duplicates(self) -> int:
        return sum(o.result == "duplicate" for o in self.outcomes)

    @property
    def rejected(self) -> list[IntakeOutcome]:
        return [o for o in self.outcomes if o.result == "rejected"]

    @property
    def queued_any(self) -> bool:
        """True when at least one link is on the queue now (added or already there)."""
        return any(o.result != "rejected" for o in self.outcomes)


def parse_marketplace(value: str) -> str:
    """A marketplace as typed by the editor ("com", "amazon.de", "www.amazon.co.uk") or invalid_input."""
    marketplace = normalise_marketplace(value)
    if marketplace is None:
        raise LinkError(f"'{value}' is not an Amazon marketplace.", code=ErrorCode.INVALID_INPUT)
    return marketplace


async def add_links(
    store: SubmissionStore,
    texts: Sequence[str],
    *,
    default_marketplace: str,
    resolver: LinkResolver,
    editor: str | None = None,
    on_batch: Callable[[list[IntakeOutcome]], None] | None = None,
) -> AddLinksResult:
    """Queue every link in `texts`; `on_batch` hears each committed batch (so what it reports is saved).

    Raises invalid_link when the texts hold no link at all.
    """
    outcomes = await add_text(
        store,
        texts,
        default_marketplace=default_marketplace,
        resolver=resolver,
        created_by=editor,
        on_batch=on_batch,
    )
    return AddLinksResult(outcomes)
