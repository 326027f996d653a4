"""Submission stores: embedded SQLite by default, the team's shared MongoDB in team mode."""

from __future__ import annotations

from pigmeu_desktop.core.errors import ErrorCode, StoreError
from pigmeu_desktop.core.ports import Context, SubmissionStore

MONGO_TIMEOUT_MS = 5000


async def open_store(services: Context) -> SubmissionStore:
    """Open the store the settings ask for, seeded with the shipped prompts, schemas and pipelines."""
    from pigmeu_desktop.paths import resources_dir
    from pigmeu_desktop.services.storage.seed import seed_defaults

    if services.settings.team_mode:
        store: SubmissionStore = await open_team_store(services)
    else:
        from pigmeu_desktop.services.storage.sqlite_store import SqliteStore

        store = await SqliteStore.open(services.paths.database)
    try:
        await seed_defaults(store, resources_dir())
    except BaseException:
        await store.close()
        raise
    return store


async def open_team_store(services: Context) -> SubmissionStore:
    """The shared MongoDB (MONGODB_URI / MONGO_DB_NAME); its password comes from the keyring or env."""
    from pymongo.errors import ConfigurationError, InvalidURI

    from pigmeu_desktop.services.storage.mongo_client import new_client
    from pigmeu_desktop.services.storage.mongo_store import MongoStore

    uri = services.settings.mongodb_uri
    if not uri:
        raise StoreError(
            "Team mode is on but no MongoDB address is set.",
            code=ErrorCode.STORE_UNAVAILABLE,
            next_step="Set the MongoDB URI in Settings → Team (or MONGODB_URI), or turn team mode off.",
        )
    from pigmeu_desktop.services.secrets.team import MONGODB_PASSWORD, REDIS_PASSWORD, team_password

    options: dict = {"serverSelectionTimeoutMS": MONGO_TIMEOUT_MS}
    password = team_password(services, MONGODB_PASSWORD, uri)
    if password:
        options["password"] = password
    try:
        client = new_client(uri, **options)
    except (ConfigurationError, InvalidURI, ValueError, TypeError) as exc:
        # The driver's message may echo the URI; say what is wrong without repeating it.
        raise StoreError(
            f"The MongoDB address is not valid ({type(exc).__name__}).",
            code=ErrorCode.STORE_UNAVAILABLE,
            next_step="Check the MongoDB URI in Settings → Team.",
        ) from None
    try:
        store = await MongoStore.open(client, services.settings.mongo_db_name or "pigmeu")
    except BaseException:
        await client.close()
        raise
    if services.settings.redis_url:
        from pigmeu_desktop.services.sync.redis_changes import RedisChangeBus

        bus = RedisChangeBus.from_url(
            services.settings.redis_url, team_password(services, REDIS_PASSWORD, services.settings.redis_url)
        )
        try:
            await bus.attach(store)
        except BaseException:
            await bus.aclose()
            await store.close()
            raise
        store.attach_bus(bus)
    return store
