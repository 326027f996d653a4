"""Versioned SQLite schema migrations, applied in order and recorded in PRAGMA user_version."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

log = logging.getLogger("pigmeu.storage")

# Each entry upgrades the schema from version i to i + 1. Never edit a released step; add a new one.
MIGRATIONS: list[str] = [
    # 1: the submissions collection (summary columns for fast lists + the whole document as JSON),
    #    its history, and the other collections (prompts, content_schemas, pipelines) as documents.
    """
    CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        amazon_url TEXT NOT NULL UNIQUE,
        asin TEXT NOT NULL,
        marketplace TEXT NOT NULL,
        status TEXT NOT NULL,
        title TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        error_code TEXT,
        doc TEXT NOT NULL
    );
    CREATE INDEX submissions_status ON submissions (status, created_at);
    CREATE INDEX submissions_created_at ON submissions (created_at);
    CREATE TABLE activity (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        submission_id TEXT NOT NULL,
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        step TEXT,
        code TEXT,
        message TEXT,
        data TEXT
    );
    CREATE INDEX activity_submission ON activity (submission_id, seq);
    CREATE TABLE documents (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 0,
        doc TEXT NOT NULL,
        PRIMARY KEY (collection, id)
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to SCHEMA_VERSION inside the caller's transaction; return the version found."""
    (found,) = conn.execute("PRAGMA user_version").fetchone()
    if found > SCHEMA_VERSION:
        from pigmeu_desktop.core.errors import ErrorCode, StoreError

        raise StoreError(
            f"The database was written by a newer version of the app (schema {found} > {SCHEMA_VERSION}).",
            code=ErrorCode.STORE_UNAVAILABLE,
            next_step="Update Pigmeu Copilot Desktop, or use another data folder.",
        )
    for version in range(found, SCHEMA_VERSION):
        for statement in MIGRATIONS[version].split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version + 1}")
        log.info("database schema migrated to version %d", version + 1)
    return found


def backup_before_migrating(path: Path, target_version: int | None = None) -> Path | None:
    """Copy a database an older app wrote to `<name>.v<N>.bak` before the schema is upgraded in place.

    Returns the copy's path, or None when there is nothing to upgrade (new, current or newer database).
    The copy is made with SQLite's online backup, so a WAL database is copied consistently.
    """
    target = SCHEMA_VERSION if target_version is None else target_version
    if not Path(path).exists():
        return None
    source = sqlite3.connect(path)
    try:
        try:
            (found,) = source.execute("PRAGMA user_version").fetchone()
        except sqlite3.DatabaseError:  # damaged or not a database: opening the store says so, with its code
            return None
        if not 0 < found < target:
            return None
        copy = Path(path).with_name(f"{Path(path).name}.v{found}.bak")
        destination = sqlite3.connect(copy)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    log.info("database schema %d kept as %s before upgrading to %d", found, copy, target)
    return copy
