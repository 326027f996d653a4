"""Prompt and schema versions on both stores: validated saves, history, restore, reset, seeding, diff."""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError, StoreConflict
from pigmeu_desktop.paths import resources_dir
from pigmeu_desktop.services.llm.prompt_admin import (
    SHIPPED_AUTHOR,
    PromptAdmin,
    content_of,
    diff_documents,
    render_preview,
    unified_text,
)
from pigmeu_desktop.services.llm.prompts import ResourceDocuments
from pigmeu_desktop.services.storage.seed import seed_defaults

PROMPT = "book-review.pt-BR"


@pytest_asyncio.fixture(params=["sqlite", "mongodb"])
async def store(request, tmp_path):
    if request.param == "sqlite":
        from pigmeu_desktop.services.storage.sqlite_store import SqliteStore

        s = await SqliteStore.open(tmp_path / "prompts.sqlite3")
    else:  # the real driver over TCP: the session's wire-protocol server (or PIGMEU_TEST_MONGODB_URI)
        from pigmeu_desktop.services.storage.mongo_store import MongoStore

        backend = request.getfixturevalue("mongo_backend")
        s = await MongoStore.open(backend.client(), backend.database())
    await seed_defaults(s, resources_dir())
    yield s
    await s.close()


@pytest.fixture
def admin(store) -> PromptAdmin:
    return PromptAdmin(store, ResourceDocuments(resources_dir()))


@pytest.mark.asyncio
async def test_seeding_records_the_shipped_documents_as_their_first_version(admin):
    infos = {i.id: i for i in await admin.documents()}
    assert {"book-review.pt-BR", "book-review.en", "book-review"} <= set(infos)
    assert infos[PROMPT].kind == "prompt" and infos["book-review"].kind == "schema"
    assert infos[PROMPT].is_default and infos[PROMPT].updated_by == SHIPPED_AUTHOR
    (first,) = await admin.history(PROMPT)
    assert first.version == 1 and first.author == SHIPPED_AUTHOR
    assert await admin.seed() == 0  # a second start writes nothing


@pytest.mark.asyncio
async def test_a_save_is_a_new_version_and_never_overwrites(admin, store):
    _kind, current = await admin.resolve(PROMPT)
    text = current["user_template"] + "\nSeja breve."
    saved = await admin.save_template(PROMPT, "user_template", text, author="Ana", base_version=1)
    assert saved.version == 2 and saved.author == "Ana" and saved.at
    again = await admin.save_template(PROMPT, "user_template", text + "!", author="Bia")
    history = await admin.history(PROMPT)
    assert [(e.version, e.author) for e in history] == [(3, "Bia"), (2, "Ana"), (1, SHIPPED_AUTHOR)]
    assert history[1].doc["user_template"] == text  # version 2 is kept as it was
    stored = await store.get_document("prompts", PROMPT)
    assert stored["version"] == again.version == 3 and stored["user_template"] == text + "!"
    info = next(i for i in await admin.documents() if i.id == PROMPT)
    assert not info.is_default and info.updated_by == "Bia"


@pytest.mark.asyncio
async def test_a_stale_base_version_is_a_conflict_and_saves_nothing(admin):
    await admin.save_template(PROMPT, "system", "Sistema A {{ language }}", author="Ana")
    with pytest.raises(StoreConflict) as info:
        await admin.save_template(PROMPT, "system", "Sistema B", author="Bia", base_version=1)
    assert "Ana" in info.value.message and info.value.next_step
    assert [e.version for e in await admin.history(PROMPT)] == [2, 1]


@pytest.mark.asyncio
async def test_two_saves_at_once_give_one_version_each_or_a_conflict(admin):
    results = await asyncio.gather(
        *(admin.save_template(PROMPT, "system", f"Sistema {i}", author=f"e{i}") for i in range(3)),
        return_exceptions=True,
    )
    saved = [r for r in results if not isinstance(r, Exception)]
    assert all(isinstance(r, StoreConflict) for r in results if isinstance(r, Exception))
    versions = [e.version for e in await admin.history(PROMPT)]
    assert versions == sorted(set(versions), reverse=True) and len(versions) == 1 + len(saved)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("field", "text", "needle"),
    [
        ("user_template", "{{ book_json ", "syntax error on line 1"),
        ("user_template", "{{ boook_json }}", "unknown variables: boook_json"),
        ("system", "{{ ''.__class__.__mro__ }}", "cannot be rendered"),
        ("system", "{{ book.nothing.deeper }}", "cannot be rendered"),
        ("section_template", "{% for x in 1 %}{% endfor %}", "cannot be rendered"),
        ("user_template", "  ", "missing or empty"),
    ],
)
async def test_an_invalid_template_is_refused_with_a_code_and_nothing_is_saved(
    admin, store, field, text, needle
):
    before = await store.get_document("prompts", PROMPT)
    with pytest.raises(PigmeuError) as info:
        await admin.save_template(PROMPT, field, text, author="Ana")
    assert info.value.code is ErrorCode.PROMPT_INVALID
    assert needle in info.value.message and info.value.next_step
    assert await store.get_document("prompts", PROMPT) == before
    assert [e.version for e in await admin.history(PROMPT)] == [1]


@pytest.mark.asyncio
async def test_an_invalid_schema_is_refused(admin, store):
    _kind, schema = await admin.resolve("book-review", "schema")
    broken = {**schema, "properties": {"title": {"type": "strnig"}}}
    with pytest.raises(PigmeuError) as info:
        await admin.save("book-review", broken, author="Ana")
    assert info.value.code is ErrorCode.SCHEMA_INVALID and "properties/title/type" in info.value.message
    with pytest.raises(PigmeuError) as info:
        await admin.save("book-review", {**schema, "type": "array"}, author="Ana")
    assert info.value.code is ErrorCode.SCHEMA_INVALID
    assert (await store.get_document("content_schemas", "book-review"))["version"] == 1
    longer = {**schema, "properties": {**schema["properties"], "title": {"type": "string", "maxLength": 90}}}
    assert (await admin.save("book-review", longer, author="Ana")).version == 2


@pytest.mark.asyncio
async def test_a_prompt_naming_a_missing_schema_is_refused(admin):
    _kind, current = await admin.resolve(PROMPT)
    with pytest.raises(PigmeuError) as info:
        await admin.save(PROMPT, {**current, "schema_id": "nope"}, author="Ana")
    assert info.value.code is ErrorCode.PROMPT_INVALID and "nope" in info.value.message


@pytest.mark.asyncio
async def test_restore_and_reset_are_new_versions(admin):
    _kind, shipped = await admin.resolve(PROMPT)
    await admin.save_template(PROMPT, "system", "Versão dois", author="Ana")
    await admin.save_template(PROMPT, "system", "Versão três", author="Ana")
    restored = await admin.restore(PROMPT, 2, author="Bia")
    assert restored.version == 4 and restored.doc["system"] == "Versão dois" and "2" in restored.note
    reset = await admin.reset(PROMPT, author="Bia")
    assert reset.version == 5 and content_of(reset.doc) == content_of(shipped)
    assert next(i for i in await admin.documents() if i.id == PROMPT).is_default
    with pytest.raises(PigmeuError) as info:
        await admin.reset(PROMPT, author="Bia")  # already the default: nothing to save
    assert "Nothing changed" in info.value.message
    assert [e.version for e in await admin.history(PROMPT)] == [5, 4, 3, 2, 1]


@pytest.mark.asyncio
async def test_a_newer_shipped_default_replaces_only_unedited_documents(store, tmp_path):
    import json

    res = tmp_path / "res"
    (res / "prompts").mkdir(parents=True)
    (res / "schemas").mkdir()
    (res / "schemas" / "s.json").write_text(json.dumps({"_id": "s", "version": 1, "type": "object"}))
    base = json.loads((resources_dir() / "prompts" / "book-review.en.json").read_text())
    for name, version in (("a", 1), ("b", 1)):
        (res / "prompts" / f"{name}.json").write_text(
            json.dumps({**base, "_id": name, "version": version, "schema_id": "s"})
        )
    admin = PromptAdmin(store, ResourceDocuments(res))
    assert await admin.seed() == 3
    await admin.save_template("b", "system", "Edited by Ana", author="Ana")
    for name in ("a", "b"):
        (res / "prompts" / f"{name}.json").write_text(
            json.dumps({**base, "_id": name, "version": 2, "schema_id": "s", "system": "Shipped v2"})
        )
    assert await seed_defaults(store, res) == 1
    assert (await store.get_document("prompts", "a"))["system"] == "Shipped v2"
    assert (await store.get_document("prompts", "b"))["system"] == "Edited by Ana"


@pytest.mark.asyncio
async def test_diff_and_preview(admin):
    _kind, v1 = await admin.resolve(PROMPT)
    v2 = (
        await admin.save_template(PROMPT, "user_template", v1["user_template"] + "\nLinha nova.", author="A")
    ).doc
    diffs = diff_documents(v1, v2)
    assert [d.field for d in diffs] == ["user_template"]
    text = unified_text(diffs)
    assert "+ Linha nova." in text and "@@ user_template" in text
    preview = await asyncio.to_thread(render_preview, v2, "user_template")
    assert "<book_data>" in preview and "\\u003cBook\\u003e" in preview and preview.endswith("Linha nova.")
