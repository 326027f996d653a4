"""Prompts and content schemas: list, show, edit, history, compare, restore, reset, preview.

Settings → Prompts and `pigmeu prompts` call these; the versioned storage and the checks behind them
live in services/llm/prompt_admin.py (the store seeds through it too).
"""

from __future__ import annotations

import asyncio
from typing import Any

from pigmeu_desktop.core.ports import SubmissionStore
from pigmeu_desktop.services.llm.prompt_admin import (
    DocumentInfo,
    FieldDiff,
    Kind,
    PromptAdmin,
    VersionEntry,
    author_of,
    create_prompt_admin,
    diff_documents,
    render_preview,
)

__all__ = [
    "DocumentInfo",
    "FieldDiff",
    "PromptAdmin",
    "VersionEntry",
    "author_of",
    "compare",
    "history",
    "list_documents",
    "open_prompts",
    "preview",
    "reset",
    "restore",
    "save_document",
    "save_template",
    "show",
]


async def open_prompts(services: Any) -> PromptAdmin:
    """The prompts of the app's store (a save clears the drafter's prompt cache in this process)."""
    return await create_prompt_admin(services)


async def list_documents(admin: PromptAdmin) -> list[DocumentInfo]:
    return await admin.documents()


async def show(
    admin: PromptAdmin, doc_id: str, *, kind: Kind | None = None, version: int | None = None
) -> dict[str, Any]:
    """The current document, or one saved version of it."""
    if version is not None:
        return (await admin.version(doc_id, version, kind)).doc
    return (await admin.resolve(doc_id, kind))[1]


async def history(admin: PromptAdmin, doc_id: str, *, kind: Kind | None = None) -> list[VersionEntry]:
    return await admin.history(doc_id, kind)


async def save_template(
    admin: PromptAdmin, doc_id: str, field: str, text: str, *, author: str, base_version: int | None = None
) -> VersionEntry:
    return await admin.save_template(doc_id, field, text, author=author, base_version=base_version)


async def save_document(
    admin: PromptAdmin,
    doc_id: str,
    doc: dict[str, Any],
    *,
    author: str,
    kind: Kind | None = None,
    base_version: int | None = None,
    note: str = "",
) -> VersionEntry:
    return await admin.save(doc_id, doc, author=author, kind=kind, base_version=base_version, note=note)


async def restore(
    admin: PromptAdmin, doc_id: str, version: int, *, author: str, kind: Kind | None = None
) -> VersionEntry:
    return await admin.restore(doc_id, version, author=author, kind=kind)


async def reset(admin: PromptAdmin, doc_id: str, *, author: str, kind: Kind | None = None) -> VersionEntry:
    return await admin.reset(doc_id, author=author, kind=kind)


async def compare(
    admin: PromptAdmin, doc_id: str, old: int, new: int | None = None, *, kind: Kind | None = None
) -> tuple[VersionEntry, VersionEntry, tuple[FieldDiff, ...]]:
    """Two versions (`new` defaults to the current one) and what changed between them."""
    versions = {e.version: e for e in await admin.history(doc_id, kind)}
    before = await admin.version(doc_id, old, kind) if old not in versions else versions[old]
    after = versions[max(versions)] if new is None else await admin.version(doc_id, new, kind)
    return before, after, diff_documents(before.doc, after.doc)


async def preview(doc: dict[str, Any], field: str, store: SubmissionStore, item_id: str | None = None) -> str:
    """`field` of `doc` (saved or not) rendered with a queue item's book (a sample book without one),
    exactly as drafting would send it; the rendering runs off the event loop."""
    book = draft = None
    if item_id:
        sub = await store.get(item_id)
        book, draft = sub.book, sub.draft
    return await asyncio.to_thread(render_preview, doc, field, book, draft)
