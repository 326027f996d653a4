"""Team mode opened the way the app opens it (Services → open_store) over the wire-protocol server."""

from __future__ import annotations

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import SecretsError
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.secrets.team import team_password
from pigmeu_desktop.settings.schema import Settings

NO_KEYRING = "no.such.KeyringBackend"  # any keyring call fails with keyring_unavailable


def team_services(tmp_path, mongo_backend, env, **settings) -> Services:
    values = {
        "team_mode": True,
        "mongodb_uri": mongo_backend.uri,
        "mongo_db_name": mongo_backend.database(),
        "keyring_backend": NO_KEYRING,
        **settings,
    }
    return Services(AppPaths.under(tmp_path).ensure(), Settings(**values), env=env)


@pytest.mark.asyncio
async def test_first_start_seeds_the_shipped_documents_and_needs_no_keyring(tmp_path, mongo_backend):
    """The first team start over a real driver: seeding (with the `$schema` document) works, and an
    empty MONGODB_PASSWORD means "no password" even with no keyring at all."""
    services = team_services(tmp_path, mongo_backend, {"MONGODB_PASSWORD": ""})
    try:
        store = await services.store()
        schema = await store.get_document("content_schemas", "book-review")
        assert schema is not None and "$schema" in schema
        assert await store.check_integrity() == "ok"
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_a_second_app_on_the_same_database_starts_too(tmp_path, mongo_backend):
    name = mongo_backend.database()
    for n in range(2):
        services = team_services(tmp_path / str(n), mongo_backend, {}, mongo_db_name=name)
        try:
            await services.store()  # no password env, no user in the address: the keyring is not asked
        finally:
            await services.aclose()


def test_which_password_is_used(tmp_path):
    def services(env, backend=NO_KEYRING):
        return Services(AppPaths.under(tmp_path).ensure(), Settings(keyring_backend=backend), env=env)

    assert team_password(services({"MONGODB_PASSWORD": ""}), "MONGODB_PASSWORD", "mongodb://u@h") is None
    assert team_password(services({"MONGODB_PASSWORD": "pw"}), "MONGODB_PASSWORD", "mongodb://h") == "pw"
    assert team_password(services({}), "MONGODB_PASSWORD", "mongodb://h1:1,h2:2/db") is None
    assert team_password(services({}), "MONGODB_PASSWORD", "mongodb://u:inline@h") is None
    with pytest.raises(SecretsError):  # a user in the address needs a password: a broken keyring says so
        team_password(services({}), "MONGODB_PASSWORD", "mongodb://u@h")
    assert team_password(services({}), "REDIS_PASSWORD", "redis://h:6379/0") is None
    assert team_password(services({"REDIS_PASSWORD": ""}), "REDIS_PASSWORD", "redis://h:6379/0") is None


@pytest.mark.asyncio
async def test_two_apps_adding_the_same_books_at_once_queue_each_once(mongo_backend):
    """Two clients race on the unique amazon_url index: the loser's insert fails per document, and it
    reports the winner's item as a duplicate."""
    import asyncio

    from pigmeu_desktop.core.ports import AddResult, NewLink
    from pigmeu_desktop.services.storage.mongo_store import MongoStore

    name = mongo_backend.database()
    apps = [await MongoStore.open(mongo_backend.client(), name) for _ in range(2)]
    links = [
        NewLink(f"https://www.amazon.com.br/dp/85650424{n:02d}", f"85650424{n:02d}", "amazon.com.br", "x")
        for n in range(30)
    ]
    try:
        first, second = await asyncio.gather(
            apps[0].add_links(links), apps[1].add_links(list(reversed(links)))
        )
        assert await apps[0].count() == 30
        ids = {o.link.amazon_url: o.id for o in first}
        assert all(ids[o.link.amazon_url] == o.id for o in second)
        added = [o for o in first + second if o.result is AddResult.ADDED]
        assert len(added) == 30
    finally:
        for app in apps:
            await app.close()
