"""Copying a queue between this computer's database and the team's: deduplicated, drafts and history kept."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.ports import AddResult, NewLink, SubmissionStore
from pigmeu_desktop.core.states import WORKING_STATES

log = logging.getLogger("pigmeu.storage")


class Direction(StrEnum):
    TO_TEAM = "team"  # this computer's queue → the team database
    TO_LOCAL = "local"  # the team's queue → this computer


class Skip(StrEnum):
    DUPLICATE = "duplicate"  # the target already has this Amazon link: its item is kept as it is
    BUSY = "busy"  # a step is running on it: copy it once the step is done


@dataclass
class MoveReport:
    direction: Direction
    copied: list[str] = field(default_factory=list)  # amazon_url of each item copied
    skipped: dict[str, Skip] = field(default_factory=dict)  # amazon_url → why

    def to_json(self) -> dict[str, Any]:
        return {
            "direction": str(self.direction),
            "copied": self.copied,
            "skipped": {url: str(why) for url, why in self.skipped.items()},
        }


async def copy_queue(source: SubmissionStore, target: SubmissionStore, direction: Direction) -> MoveReport:
    """Copy every item of `source` that `target` lacks (by amazon_url), with its draft, revisions, book,
    status and history. Items already in the target are skipped and left untouched there (never merged
    over, so nobody's work is overwritten); items with a step running are skipped. The source keeps its
    items: moving is copy, then the editor deletes or switches mode."""
    report = MoveReport(direction)
    for summary in reversed(await source.list_summaries()):  # oldest first: the target keeps the order
        if await target.find_by_url(summary.amazon_url) is not None:
            report.skipped[summary.amazon_url] = Skip.DUPLICATE
            continue
        sub = await source.get(summary.id)
        if sub.status in WORKING_STATES:
            report.skipped[summary.amazon_url] = Skip.BUSY
            continue
        (outcome,) = await target.add_links(
            [NewLink(sub.amazon_url, sub.asin, sub.marketplace, sub.source_url or sub.amazon_url)],
            created_by=sub.created_by,
        )
        if outcome.result is AddResult.DUPLICATE:  # added by a teammate a moment ago
            report.skipped[summary.amazon_url] = Skip.DUPLICATE
            continue
        fresh = await target.get(outcome.id)
        # The whole item under the target's new id, on the version the target just gave it.
        await target.save(
            sub.model_copy(
                update={"id": fresh.id, "version": fresh.version, "lease": None, "created_at": sub.created_at}
            )
        )
        # Its history comes along at its own times; the target's own "added" line (now) says when the
        # item arrived in this queue.
        for entry in await source.list_activity(sub.id):
            await target.add_activity(
                type(entry)(
                    fresh.id, entry.at, entry.event, entry.step, entry.code, entry.message, entry.data
                )
            )
        report.copied.append(sub.amazon_url)
    log.info("queue copied to %s: %d copied, %d skipped", direction, len(report.copied), len(report.skipped))
    return report


async def open_local_and_team(services: Any) -> tuple[SubmissionStore, SubmissionStore]:
    """This computer's database and the team's, whichever mode the app is in. The caller closes both."""
    from pigmeu_desktop.services.storage import open_team_store
    from pigmeu_desktop.services.storage.sqlite_store import SqliteStore

    if not services.settings.mongodb_uri:
        raise PigmeuError(
            "No team database is set.",
            code=ErrorCode.STORE_UNAVAILABLE,
            next_step="Set the MongoDB address in Settings → Team (or MONGODB_URI) first.",
        )
    local = await SqliteStore.open(services.paths.database)
    try:
        team = await open_team_store(services)
    except BaseException:
        await local.close()
        raise
    return local, team


async def copy_between(services: Any, direction: Direction) -> MoveReport:
    """The use case behind `pigmeu team copy` and the window's Tools menu."""
    local, team = await open_local_and_team(services)
    try:
        if direction is Direction.TO_TEAM:
            return await copy_queue(local, team, direction)
        return await copy_queue(team, local, direction)
    finally:
        await team.close()
        await local.close()
