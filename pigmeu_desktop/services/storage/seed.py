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


async def seed_defaults(store: SubmissionStore, resources: Path) -> int:
    """Insert shipped documents that are missing or older (by `version`) in the store; return how many."""
    written = 0
    for collection, doc in shipped_documents(resources):
        current = await store.get_document(collection, doc["_id"])
        if current is None or int(current.get("version", 0)) < int(doc.get("version", 0)):
            await store.put_document(collection, doc)
            written += 1
    if written:
        log.info("seeded %d default documents", written)
    return written
