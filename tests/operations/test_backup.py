"""One-file backup: export → a fresh data folder → import gives the same queue; merges; old and new formats."""

from __future__ import annotations

import asyncio
import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.models import Book, Draft, Revision, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, NewLink
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.operations.backup import FORMAT_VERSION, export_backup, import_backup, read_backup
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import load_settings, save_settings
from tests.conftest import cli_subprocess_cmd

V1_FILE = Path(__file__).parent / "fixtures" / "backup-v1.json"
URLS = [f"https://www.amazon.com.br/dp/85650424{n:02d}" for n in (72, 73, 74)]


async def open_home(root: Path):
    paths = AppPaths.under(root).ensure()
    services = Services(paths, load_settings(paths.settings_file), {})
    return services, await services.store()


def revision(n: int, text: str, at) -> Revision:
    return Revision(
        n=n,
        at=at,
        author="Ana" if n > 1 else "ai:gpt-4o-mini",
        draft=Draft(title=f"T{n}", body_markdown=text),
    )


async def drafted(store, url: str, revisions: list[Revision]):
    (outcome,) = await store.add_links([NewLink(url, url[-10:], "amazon.com.br", url)])
    sub = await store.get(outcome.id)
    sub = sub.model_copy(
        update={
            "status": Status.DRAFTED,
            "book": Book(title=f"Livro {url[-2:]}", isbn13="9788565042475", description="<b>page text</b>"),
            "draft": revisions[-1].draft,
            "revisions": revisions,
        }
    )
    saved = await store.save(sub, activity=ActivityEntry(sub.id, utcnow(), "step_finished", step="draft"))
    await store.add_activity(ActivityEntry(sub.id, utcnow(), "edited", message="Ana"))
    return saved


def comparable(sub) -> dict:
    doc = sub.to_doc()
    for volatile in ("_id", "version", "updated_at", "created_at"):
        doc.pop(volatile)
    return doc


def cli(home: Path, *argv: str) -> tuple[int, dict]:
    """The installed command in a real subprocess, as an editor runs it."""
    done = subprocess.run(
        [*cli_subprocess_cmd(), "--data-dir", str(home), "--json", *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, json.loads(done.stdout or "{}")


async def fill_home(home: Path) -> tuple[dict, dict]:
    services, store = await open_home(home)
    try:
        t0 = utcnow() - timedelta(days=1)
        await drafted(
            store, URLS[0], [revision(1, "first", t0), revision(2, "second, edited", t0 + timedelta(hours=1))]
        )
        await drafted(store, URLS[1], [revision(1, "only one", t0)])
        await store.add_links([NewLink(URLS[2], URLS[2][-10:], "amazon.com.br", URLS[2])])
        prompt = (await store.list_documents("prompts"))[0]
        await store.put_document(
            "prompts", {**prompt, "version": int(prompt.get("version", 0)) + 5, "edited": True}
        )
        save_settings(
            services.paths.settings_file,
            Settings(
                editor_name="Ana",
                affiliate_tags={"amazon.com.br": "blog-20"},
                language="en",
                scrape_concurrency=4,
            ),
        )
        docs = {u: comparable(await store.find_by_url(u)) for u in URLS}
        history = {
            u: [(e.event, e.step) for e in await store.list_activity((await store.find_by_url(u)).id)]
            for u in URLS
        }
        return docs, history
    finally:
        await services.aclose()


async def read_home(home: Path) -> tuple[dict, dict, list, Settings]:
    services, store = await open_home(home)
    try:
        docs = {u: comparable(await store.find_by_url(u)) for u in URLS}
        history = {
            u: [(e.event, e.step) for e in await store.list_activity((await store.find_by_url(u)).id)]
            for u in URLS
        }
        return (
            docs,
            history,
            await store.list_documents("prompts"),
            load_settings(services.paths.settings_file),
        )
    finally:
        await services.aclose()


def test_round_trip_to_a_fresh_data_folder(tmp_path, pigmeu_home, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-never-in-a-backup-1234567890")
    docs_before, history_before = asyncio.run(fill_home(pigmeu_home))

    backup = tmp_path / "backup.json"
    code, out = cli(pigmeu_home, "export", str(backup))
    assert code == 0 and out["items"] == 3 and out["history"] == 7
    text = backup.read_text(encoding="utf-8")
    assert "sk-test-never" not in text and json.loads(text)["format_version"] == FORMAT_VERSION

    fresh = tmp_path / "fresh"
    code, out = cli(fresh, "import", str(backup))
    assert code == 0 and (out["added"], out["updated"], out["kept"]) == (3, 0, 0) and out["documents"] >= 1
    docs, history, prompts, settings = asyncio.run(read_home(fresh))
    assert docs == docs_before  # same books, drafts, revisions, statuses
    for url in URLS:
        assert all(entry in history[url] for entry in history_before[url])
    assert [p for p in prompts if p.get("edited")]
    assert (
        settings.editor_name,
        settings.affiliate_tags,
        settings.language,
        settings.scrape_concurrency,
    ) == ("Ana", {"amazon.com.br": "blog-20"}, "en", 4)


@pytest.mark.asyncio
async def test_import_keeps_the_newer_revision_chain_and_reports_it(tmp_path):
    t0 = utcnow() - timedelta(days=2)
    services, store = await open_home(tmp_path / "laptop")
    await drafted(store, URLS[0], [revision(1, "a1", t0), revision(2, "a2 newer", t0 + timedelta(hours=5))])
    await drafted(store, URLS[1], [revision(1, "b1 old", t0)])
    await export_backup(store, services.paths, tmp_path / "laptop.json")
    await services.aclose()

    services, store = await open_home(tmp_path / "desktop")
    try:
        await drafted(store, URLS[0], [revision(1, "a1", t0)])  # older here: the backup's chain wins
        await drafted(
            store, URLS[1], [revision(1, "b1", t0), revision(2, "b2 newer here", t0 + timedelta(hours=9))]
        )
        report = await import_backup(store, services.paths, tmp_path / "laptop.json")
        assert (report.added, report.updated, report.kept) == ([], [URLS[0]], [URLS[1]])
        assert "1 updated with a newer revision chain" in report.summary()
        a = await store.find_by_url(URLS[0])
        b = await store.find_by_url(URLS[1])
        assert [r.draft.body_markdown for r in a.revisions] == ["a1", "a2 newer"]
        assert [r.draft.body_markdown for r in b.revisions] == ["b1", "b2 newer here"]
        assert "imported" in [e.event for e in await store.list_activity(a.id)]
        again = await import_backup(store, services.paths, tmp_path / "laptop.json")  # idempotent
        assert (again.added, again.updated, again.history_added) == ([], [], 0)
    finally:
        await services.aclose()


def test_a_file_from_a_newer_version_is_refused_with_a_code(tmp_path, run_cli):
    newer = tmp_path / "newer.json"
    newer.write_text(
        json.dumps(
            {
                "format": "pigmeu-backup",
                "format_version": FORMAT_VERSION + 1,
                "app_version": "9.0",
                "submissions": [],
            }
        ),
        encoding="utf-8",
    )
    code, out, _ = run_cli("--json", "import", str(newer))
    error = json.loads(out)["error"]
    assert code == 1 and error["code"] == "backup_too_new" and "newer version" in error["message"]
    assert error["next_step"]
    code, out, _ = run_cli("--json", "list")
    assert json.loads(out) == []


@pytest.mark.parametrize("content", ["not json", "[]", '{"format": "other", "format_version": 1}'])
def test_a_file_that_is_not_a_backup_is_refused(tmp_path, run_cli, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, out, _ = run_cli("--json", "import", str(bad))
    assert code == 1 and json.loads(out)["error"]["code"] == "backup_invalid"


@pytest.mark.asyncio
async def test_an_older_export_format_is_upgraded_on_import(tmp_path):
    assert read_backup(V1_FILE)["format_version"] == FORMAT_VERSION
    services, store = await open_home(tmp_path / "home")
    try:
        report = await import_backup(store, services.paths, V1_FILE)
        assert report.format_version == FORMAT_VERSION and len(report.added) == 2
        essential = await store.find_by_url("https://www.amazon.com.br/dp/8565042472")
        assert essential.status is Status.DRAFTED and essential.revisions[0].author == "ai:gpt-4o-mini"
        assert [e.event for e in await store.list_activity(essential.id)][-2:] == ["added", "step_finished"]
        # A step running in the old file is not running here: it goes back to its start, without a lease.
        interrupted = await store.find_by_url("https://www.amazon.com.br/dp/B0011UCPM4")
        assert interrupted.status is Status.QUEUED and interrupted.lease is None
        assert (await store.get_document("prompts", "book-review-custom"))["version"] == 3
        settings = load_settings(services.paths.settings_file)  # v1 settings went through the upgrader
        assert (
            settings.language,
            settings.default_marketplace,
            settings.llm_fallback,
            settings.editor_name,
        ) == ("pt_BR", "amazon.com.br", ["groq", "mistral"], "Ana")
        assert "window_geometry" not in services.paths.settings_file.read_text(encoding="utf-8")
    finally:
        await services.aclose()
