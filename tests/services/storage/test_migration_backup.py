"""An app upgrade migrates the database in place and keeps a copy of the old one first."""

from __future__ import annotations

import sqlite3

import pytest

from pigmeu_desktop.services.storage import migrations
from pigmeu_desktop.services.storage.sqlite_store import SqliteStore


@pytest.mark.asyncio
async def test_an_older_schema_is_copied_before_it_is_migrated(tmp_path, monkeypatch):
    db = tmp_path / "pigmeu.sqlite3"
    store = await SqliteStore.open(db)  # today's schema
    await store.put_document("prompts", {"_id": "p", "version": 1, "text": "kept"})
    await store.close()
    assert migrations.backup_before_migrating(db) is None  # current: nothing to copy

    # The next release adds a step: opening the database now upgrades it, after keeping a copy.
    step = "CREATE TABLE upgrade_marker (x INTEGER);"
    upgraded = [*migrations.MIGRATIONS, step]
    monkeypatch.setattr(migrations, "MIGRATIONS", upgraded)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(upgraded))
    store = await SqliteStore.open(db)
    try:
        assert (await store.get_document("prompts", "p"))["text"] == "kept"
    finally:
        await store.close()
    old_version = migrations.SCHEMA_VERSION - 1
    copy = tmp_path / f"pigmeu.sqlite3.v{old_version}.bak"
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version
        assert "upgrade_marker" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert conn.execute("SELECT COUNT(*) FROM documents WHERE id = 'p'").fetchone()[0] == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert "upgrade_marker" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
