"""Seeding of the default prompts, content schemas and pipelines shipped in resources/."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from pigmeu_desktop.core.ports import SubmissionStore

log = logging.getLogger("pigmeu.storage")

# resources/ folder → collection (the server's names, DESIGN.md §4).
SEED_FOLDERS = {"prompts": "prompts", "schemas": "content_schemas", "pipelines": "pipelines"}


def shipped_documents(resources: Path) -> list[tuple[str, dict]]:
    docs: list[tuple[str, dict]] = []
    for folder, collection in SEED_FOLDERS.items():
        for path in sorted((resources / folder).glob("*.json")):
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as exc:  # a broken shipped file is a bug, but must not stop the app
                log.error("cannot seed %s: %s", path, exc)
                continue
            if isinstance(doc, dict) and doc.get("_id"):
                docs.append((collection, doc))
    return docs


# Prompts and schemas are versioned (services/llm/prompt_admin.py): an editor's version is never replaced.
VERSIONED = frozenset({"prompts", "content_schemas"})


def _outdated(current: dict | None, doc: dict, collection: str) -> bool:
    if current is None:
        return True
    if collection not in VERSIONED:
        return int(current.get("version", 0)) < int(doc.get("version", 0))
    if current.get("origin", "shipped") != "shipped":
        return False  # edited by someone: a newer default waits for "reset to default"
    based_on = int(current.get("shipped_version") or current.get("version") or 0)
    return based_on < int(doc.get("version", 0))


async def seed_defaults(store: SubmissionStore, resources: Path) -> int:
    """Insert shipped documents that are missing or older in the store; return how many.

    Prompts and content schemas go in as versions (with their history); a document someone edited is
    left alone. Nothing is imported for them unless one needs writing (most starts write nothing).
    """
    written = 0
    versioned = False
    for collection, doc in shipped_documents(resources):
        current = await store.get_document(collection, doc["_id"])
        if not _outdated(current, doc, collection):
            continue
        if collection in VERSIONED:
            versioned = True
            continue
        await store.put_document(collection, doc)
        written += 1
    if versioned:
        from pigmeu_desktop.services.llm.prompt_admin import PromptAdmin
        from pigmeu_desktop.services.llm.prompts import ResourceDocuments

        written += await PromptAdmin(store, ResourceDocuments(resources)).seed()
    if written:
        log.info("seeded %d default documents", written)
    return written
