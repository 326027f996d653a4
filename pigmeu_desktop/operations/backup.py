"""Backup and restore in one file: the queue (books, drafts, revisions, history), prompts and settings.

The one use case behind `pigmeu export` / `pigmeu import` and the window's File menu. No Qt. Secrets are
never in the file: they live in the keyring, and settings keys that look like a secret are dropped too.
Import merges by `amazon_url`: an item not in the queue is added; an item already there takes the
imported draft, revisions and book only when the imported revision chain is the newer one.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pigmeu_desktop import __version__
from pigmeu_desktop.core.errors import ErrorCode, PigmeuError, StoreConflict
from pigmeu_desktop.core.models import Submission, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, NewLink, SubmissionStore
from pigmeu_desktop.core.states import START_OF_STEP, STEP_OF_WORKING, WORKING_STATES
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.store import (
    SETTINGS_VERSION,
    load_settings,
    save_settings,
    stored_values,
    write_atomically,
)
from pigmeu_desktop.settings.upgrades import upgrade as upgrade_settings

log = logging.getLogger("pigmeu.backup")

FORMAT = "pigmeu-backup"
# Version 1: items carried their history inline, settings were the bare values dict, and only prompts
# were exported. Version 2 (now): items with a separate history list, every document collection, and
# settings with their own version (so older settings are upgraded by the settings upgrader).
FORMAT_VERSION = 2
COLLECTIONS = ("prompts", "content_schemas", "pipelines")
# Defence in depth: Settings holds no secret, but a key shaped like one never leaves the machine.
_SECRET_KEY = re.compile(r"(?i)(password|passwd|secret|token|api_?key)")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

Progress = Callable[[int, int], None]  # (done, total)


def _no_progress(done: int, total: int) -> None:
    """The progress callback used when nobody listens."""


@dataclass
class ImportReport:
    """What an import did, for the CLI's output and the window's message."""

    added: list[str] = field(default_factory=list)  # amazon_url of items that were not in the queue
    updated: list[str] = field(default_factory=list)  # items whose newer imported revision chain was taken
    kept: list[str] = field(default_factory=list)  # items whose local chain was as new or newer
    conflicts: list[str] = field(default_factory=list)  # changed in the queue while importing: left alone
    history_added: int = 0
    documents: int = 0
    settings: list[str] = field(default_factory=list)  # setting names whose value changed
    format_version: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "kept": len(self.kept),
            "conflicts": self.conflicts,
            "history_added": self.history_added,
            "documents": self.documents,
            "settings": self.settings,
            "format_version": self.format_version,
        }

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated with a newer revision chain, "
            f"{len(self.kept)} kept as they were, {len(self.conflicts)} changed meanwhile (left alone); "
            f"{self.history_added} history entries, {self.documents} prompts/schemas/pipelines, "
            f"{len(self.settings)} settings changed"
        )


@dataclass
class ExportReport:
    path: Path
    items: int
    history: int
    documents: int

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "items": self.items,
            "history": self.history,
            "documents": self.documents,
        }


# -- export --------------------------------------------------------------------------------------------


def _activity_json(entry: ActivityEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "event": entry.event,
        "step": entry.step,
        "code": entry.code,
        "message": entry.message,
        "data": entry.data,
    }


def exportable_settings(paths: AppPaths) -> dict[str, Any]:
    """The saved preferences (not environment overrides, not window state), without secret-shaped keys."""
    return {k: v for k, v in stored_values(paths.settings_file).items() if not _SECRET_KEY.search(k)}


async def export_backup(
    store: SubmissionStore, paths: AppPaths, target: Path, *, progress: Progress = _no_progress
) -> ExportReport:
    """Write everything worth keeping into `target` (JSON, written atomically)."""
    summaries = await store.list_summaries()
    items: list[dict[str, Any]] = []
    history = 0
    for done, summary in enumerate(reversed(summaries), start=1):  # oldest first, as they were queued
        sub = await store.get(summary.id)
        entries = [_activity_json(e) for e in await store.list_activity(sub.id)]
        history += len(entries)
        items.append({"doc": sub.to_doc(), "history": entries})
        progress(done, len(summaries))
    documents = {c: await store.list_documents(c) for c in COLLECTIONS}
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": utcnow().isoformat(),
        "settings": {"version": SETTINGS_VERSION, "values": exportable_settings(paths)},
        "documents": documents,
        "submissions": items,
    }
    text = await asyncio.to_thread(json.dumps, payload, ensure_ascii=False, indent=1, default=str)
    await asyncio.to_thread(write_atomically, Path(target), text + "\n")
    log.info("exported %d items to %s", len(items), target)
    return ExportReport(Path(target), len(items), history, sum(len(d) for d in documents.values()))


# -- reading and upgrading a file ---------------------------------------------------------------------


def _invalid(path: Path, why: str) -> PigmeuError:
    return PigmeuError(
        f"{path.name} is not a Pigmeu backup ({why}).", code=ErrorCode.BACKUP_INVALID, path=str(path)
    )


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    items = []
    for doc in raw.get("items", []):
        doc = dict(doc)
        items.append({"history": doc.pop("history", []), "doc": doc})
    return {
        **raw,
        "format_version": 2,
        "submissions": items,
        "documents": {"prompts": raw.get("prompts", [])},
        # v1 wrote the settings file's values as they were: let the settings upgrader read them as v1.
        "settings": {"version": 1, "values": raw.get("settings") or {}},
    }


# UPGRADES[n] turns format version n into n + 1 (index 0 unused: there was never a version 0).
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def read_backup(path: Path) -> dict[str, Any]:
    """The file's payload at FORMAT_VERSION; coded errors for anything else."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PigmeuError(f"{path} does not exist.", code=ErrorCode.BACKUP_INVALID, path=str(path)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _invalid(path, type(exc).__name__) from None
    if (
        not isinstance(raw, dict)
        or raw.get("format") != FORMAT
        or not isinstance(raw.get("format_version"), int)
    ):
        raise _invalid(path, "no Pigmeu backup header")
    version = raw["format_version"]
    if version > FORMAT_VERSION:
        raise PigmeuError(
            f"{path.name} was made by a newer version of the app (backup format {version}; this version reads "
            f"up to {FORMAT_VERSION}, app {raw.get('app_version', '?')}).",
            code=ErrorCode.BACKUP_TOO_NEW,
            path=str(path),
            format_version=version,
        )
    if version < 1:
        raise _invalid(path, f"unknown format version {version}")
    while raw["format_version"] < FORMAT_VERSION:
        raw = UPGRADES[raw["format_version"]](raw)
    return raw


# -- import --------------------------------------------------------------------------------------------


def _chain_key(sub: Submission) -> tuple[datetime, int, datetime]:
    """Which revision chain is newer: its last revision's time, then its length, then the item's update."""
    last = max((r.at for r in sub.revisions), default=_EPOCH)
    return last, len(sub.revisions), sub.updated_at


def _settled(sub: Submission) -> Submission:
    """A step that was running when the file was made is not running here: back to that step's start."""
    status = START_OF_STEP[STEP_OF_WORKING[sub.status]] if sub.status in WORKING_STATES else sub.status
    return sub.model_copy(update={"status": status, "lease": None})


def _entry(submission_id: str, raw: dict[str, Any]) -> ActivityEntry:
    return ActivityEntry(
        submission_id,
        datetime.fromisoformat(raw["at"]),
        str(raw.get("event") or "imported"),
        raw.get("step"),
        raw.get("code"),
        raw.get("message"),
        dict(raw.get("data") or {}),
    )


def _entry_key(entry: ActivityEntry) -> tuple:
    return entry.at.isoformat(), entry.event, entry.step, entry.code


async def _merge_history(store: SubmissionStore, submission_id: str, raw: list[dict[str, Any]]) -> int:
    known = {_entry_key(e) for e in await store.list_activity(submission_id)}
    added = 0
    for item in raw:
        entry = _entry(submission_id, item)
        if _entry_key(entry) not in known:
            await store.add_activity(entry)
            known.add(_entry_key(entry))
            added += 1
    return added


async def _import_item(store: SubmissionStore, item: dict[str, Any], report: ImportReport) -> None:
    incoming = _settled(Submission.from_doc(item["doc"]))
    local = await store.find_by_url(incoming.amazon_url)
    if local is None:
        link = NewLink(
            incoming.amazon_url,
            incoming.asin,
            incoming.marketplace,
            incoming.source_url or incoming.amazon_url,
        )
        (outcome,) = await store.add_links([link], created_by=incoming.created_by)
        fresh = await store.get(outcome.id)
        await store.save(incoming.model_copy(update={"id": fresh.id, "version": fresh.version}))
        report.added.append(incoming.amazon_url)
        report.history_added += await _merge_history(store, fresh.id, item.get("history", []))
        return
    if _chain_key(incoming) > _chain_key(local) and local.status not in WORKING_STATES:
        taken = {
            k: getattr(incoming, k) for k in ("book", "draft", "revisions", "status", "wordpress", "error")
        }
        try:
            await store.save(
                local.model_copy(update=taken),
                activity=ActivityEntry(
                    local.id, utcnow(), "imported", message="newer revision chain from a backup"
                ),
            )
        except StoreConflict:
            report.conflicts.append(incoming.amazon_url)
            return
        report.updated.append(incoming.amazon_url)
    else:
        report.kept.append(incoming.amazon_url)
    report.history_added += await _merge_history(store, local.id, item.get("history", []))


async def _import_documents(store: SubmissionStore, documents: dict[str, list[dict[str, Any]]]) -> int:
    """A prompt, schema or pipeline is taken when missing here or newer (by its `version`)."""
    written = 0
    for collection in COLLECTIONS:
        for doc in documents.get(collection, []):
            if not isinstance(doc, dict) or not doc.get("_id"):
                continue
            current = await store.get_document(collection, str(doc["_id"]))
            if current is None or int(current.get("version", 0) or 0) < int(doc.get("version", 0) or 0):
                await store.put_document(collection, doc)
                written += 1
    return written


def _import_settings(paths: AppPaths, raw: dict[str, Any]) -> list[str]:
    """Imported preferences over the saved ones (upgraded from the file's settings version first)."""
    values, _window, _version = upgrade_settings(raw)
    values = {k: v for k, v in values.items() if not _SECRET_KEY.search(k)}
    before = load_settings(paths.settings_file)
    merged = before.model_dump() | {k: v for k, v in values.items() if k in type(before).model_fields}
    after = type(before).model_validate(merged)
    changed = [k for k in type(before).model_fields if getattr(before, k) != getattr(after, k)]
    if changed:
        save_settings(paths.settings_file, after)
    return changed


async def import_backup(
    store: SubmissionStore, paths: AppPaths, source: Path, *, progress: Progress = _no_progress
) -> ImportReport:
    """Merge a backup file into the queue, the documents and the settings; returns what was merged."""
    raw = await asyncio.to_thread(read_backup, Path(source))
    report = ImportReport()
    items = raw.get("submissions") or []
    for done, item in enumerate(items, start=1):
        try:
            await _import_item(store, item, report)
        except (KeyError, TypeError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
            raise _invalid(Path(source), f"item {done}: {type(exc).__name__}") from None
        progress(done, len(items))
    report.documents = await _import_documents(store, raw.get("documents") or {})
    if isinstance(raw.get("settings"), dict):
        report.settings = await asyncio.to_thread(_import_settings, paths, raw["settings"])
    log.info("imported %s: %s", source, report.summary())
    return report


def default_backup_name(now: datetime | None = None) -> str:
    return f"pigmeu-backup-{(now or utcnow()).strftime('%Y-%m-%d')}.json"
