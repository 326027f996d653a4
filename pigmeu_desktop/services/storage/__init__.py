"""Submission stores: embedded SQLite by default, shared MongoDB in team mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pigmeu_desktop.core.ports import SubmissionStore

if TYPE_CHECKING:
    from pigmeu_desktop.app import Services


async def open_store(services: Services) -> SubmissionStore:
    """Open the store the settings ask for, seeded with the shipped prompts, schemas and pipelines."""
    from pigmeu_desktop.paths import resources_dir
    from pigmeu_desktop.services.storage.seed import seed_defaults
    from pigmeu_desktop.services.storage.sqlite_store import SqliteStore

    store = await SqliteStore.open(services.paths.database)
    await seed_defaults(store, resources_dir())
    return store
