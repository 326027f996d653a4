"""Findings 4, 5 and 7 of the hostile-input review: every entry point answers with a coded error (or
reads the input right), never a traceback; approve only from drafted, its history in the same write."""

from __future__ import annotations

import asyncio
import io
import json

import pytest

from pigmeu_desktop.cli import main
from pigmeu_desktop.core.errors import InvalidTransition
from pigmeu_desktop.core.models import Book, Draft
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.logs import redactor


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- finding 4: tracebacks instead of coded errors ------------------------------------------------------


@pytest.mark.parametrize("home", ["/dev/null", "FILE/home"])
def test_a_home_that_cannot_be_created_is_store_unavailable_with_the_path(capsys, tmp_path, home):
    if home.startswith("FILE"):
        (tmp_path / "FILE").write_text("a file, not a folder")
        home = str(tmp_path / home)
    code, out, _ = run(capsys, "--json", "--data-dir", home, "list")
    error = json.loads(out)["error"]
    assert code == 1 and error["code"] == "store_unavailable" and error["path"].startswith(home)
    assert error["next_step"]
    # doctor still runs and says what is wrong
    code, out, _ = run(capsys, "--json", "--data-dir", home, "doctor", "--only", "home")
    (check,) = json.loads(out)["checks"]
    assert code == 1 and check["status"] == "fail" and home in check["message"]


@pytest.mark.parametrize(
    "content",
    [
        "PIGMEU_BROWSER=/opt/café/chrome\n".encode("cp1252"),  # Windows' legacy code page
        "\ufeffPIGMEU_BROWSER=/opt/café/chrome\n".encode("utf-16-le"),  # Notepad's "Unicode"
        "PIGMEU_BROWSER=/opt/café/chrome\n".encode("utf-8-sig"),
    ],
)
def test_dotenv_in_any_common_encoding_is_read(run_cli, tmp_path, monkeypatch, content):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_bytes(content)
    code, _out, err = run_cli("--json", "list")
    assert code == 0, err
    from pigmeu_desktop.settings.loader import read_env_file

    assert read_env_file(tmp_path / ".env") == {"PIGMEU_BROWSER": "/opt/café/chrome"}


def test_a_binary_dotenv_is_invalid_input(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, out, _ = run_cli("--json", "list")
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("value", ["99999999999999999999", "0", "-1", "x", "1e3"])
def test_list_limit_out_of_range_is_a_usage_error(run_cli, value):
    code, out, _ = run_cli("--json", "list", "--limit", value)
    assert code == 2 and json.loads(out)["error"]["code"] == "invalid_input"


def test_stdin_that_is_not_utf8_is_decoded_not_a_traceback(run_cli, monkeypatch):
    raw = "Olha: 8565042472 — café".encode("cp1252")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="strict"))
    code, out, err = run_cli("--json", "add", "-")
    assert code == 0, err
    assert json.loads(out)[0]["amazon_url"] == "https://www.amazon.com.br/dp/8565042472"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\x00\xff\x00\xfe" * 10), encoding="utf-8"))
    code, out, _ = run_cli("--json", "add", "-")
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_input"


def test_an_unexpected_exception_is_internal_error_with_the_log_path(run_cli, monkeypatch, pigmeu_home):
    from pigmeu_desktop.cli.commands import listing

    async def broken(ctx, args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(listing, "handler", broken)
    code, out, err = run_cli("--json", "list")
    error = json.loads(out)["error"]
    assert code == 1 and error["code"] == "internal_error" and error["log"].endswith("pigmeu.log")
    assert "Traceback" not in out + err
    code, out, err = run_cli("list")
    assert code == 1 and "internal_error" in err and "pigmeu.log" in err and "Traceback" not in err


# -- finding 5: bad states and settings accepted ----------------------------------------------------------


def _seed(home, *updates: dict) -> list[str]:
    from pigmeu_desktop.app import Services
    from pigmeu_desktop.core.ports import NewLink
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.schema import Settings

    async def go() -> list[str]:
        services = Services(AppPaths.under(home).ensure(), Settings())
        try:
            store = await services.store()
            ids = []
            for i, update in enumerate(updates):
                asin = f"B0{i:08d}"
                (outcome,) = await store.add_links(
                    [NewLink(f"https://www.amazon.com/dp/{asin}", asin, "amazon.com", asin)]
                )
                sub = await store.get(outcome.id)
                await store.save(sub.model_copy(update=update))
                ids.append(outcome.id)
            return ids
        finally:
            await services.aclose()

    return asyncio.run(go())


def _draft() -> Draft:
    return Draft(title="Resenha", body_markdown="Texto.")


def test_approve_only_from_drafted_and_history_in_the_same_write(run_cli, pigmeu_home):
    from pigmeu_desktop.core.models import ErrorInfo

    failed_scrape = {
        "status": Status.FAILED,
        "error": ErrorInfo(code="network", message="down", step="scrape"),
    }
    drafted = {"status": Status.DRAFTED, "draft": _draft(), "book": Book(title="T")}
    failed_id, drafted_id = _seed(pigmeu_home, failed_scrape, drafted)

    code, out, _ = run_cli("--json", "approve", failed_id)
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_transition"
    shown = json.loads(run_cli("--json", "show", failed_id)[1])
    assert shown["status"] == "failed" and shown["error"]["code"] == "network"  # the scrape error is kept

    code, out, _ = run_cli("--json", "approve", drafted_id)
    assert code == 0 and json.loads(out)["status"] == "approved"
    shown = json.loads(run_cli("--json", "show", drafted_id)[1])
    assert [a["event"] for a in shown["activity"]].count("approved") == 1
    code, out, _ = run_cli("--json", "approve", drafted_id)  # twice: already approved
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_transition"


def test_the_core_rule_lets_a_published_post_under_revision_be_approved_again():
    from pigmeu_desktop.core.models import Submission
    from pigmeu_desktop.core.states import approve

    base = Submission(
        amazon_url="https://www.amazon.com/dp/B000000001", asin="B000000001", marketplace="amazon.com"
    )
    assert (
        approve(base.model_copy(update={"status": Status.PUBLISHED, "draft": _draft()})).status
        is Status.APPROVED
    )
    for status in (Status.QUEUED, Status.SCRAPED, Status.FAILED, Status.APPROVED, Status.PUBLISHING):
        with pytest.raises(InvalidTransition):
            approve(base.model_copy(update={"status": status, "draft": _draft()}))
    with pytest.raises(InvalidTransition):
        approve(base.model_copy(update={"status": Status.DRAFTED}))  # no draft


def test_a_marketplace_outside_the_table_is_refused_in_settings(run_cli, pigmeu_home):
    """The bad value is neither used nor dropped quietly: the command stops with a coded error naming the
    file and the setting, nothing is added, and doctor lists it as a failed check."""
    settings_file = pigmeu_home / "config" / "settings.json"
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(json.dumps({"version": 99, "values": {"default_marketplace": "evil.com"}}))
    code, out, _ = run_cli("--json", "add", "9788535914849")
    error = json.loads(out)["error"]
    assert code == 1 and error["code"] == "invalid_input"
    assert error["problems"] == [
        {
            "setting": "default_marketplace",
            "origin": str(settings_file),
            "reason": "'evil.com' is not an Amazon marketplace (e.g. amazon.com.br, amazon.com); "
            "the default is used",
        }
    ]
    assert "Settings" in error["next_step"]
    code, out, _ = run_cli("--json", "list")
    assert code == 1  # nothing ran on a value the editor did not give
    code, out, _ = run_cli("--json", "doctor", "--only", "settings")
    (check,) = json.loads(out)["checks"]
    assert code == 1 and check["status"] == "fail" and "default_marketplace" in check["message"]
    settings_file.write_text(json.dumps({"version": 99, "values": {"default_marketplace": "amazon.de"}}))
    code, out, _ = run_cli("--json", "add", "9788535914849")
    assert code == 0 and json.loads(out)[0]["amazon_url"].startswith("https://www.amazon.de/")


def test_environment_values_are_validated_like_the_settings_file(tmp_path):
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.loader import load_effective

    secret = "hunter2-Pa55word"
    effective = load_effective(
        AppPaths.under(tmp_path), {"WORDPRESS_URL": secret, "OPENAI_BASE_URL": "http://h:1/v1"}
    )
    assert effective.settings.wordpress_url == "" and effective.settings.openai_base_url == "http://h:1/v1"
    (problem,) = effective.problems
    assert (problem.setting, problem.origin) == ("wordpress_url", "WORDPRESS_URL (environment)")
    assert secret not in problem.reason


def test_a_bad_environment_value_stops_the_command_without_showing_the_value(run_cli, monkeypatch):
    """Ignoring WORDPRESS_URL=<typo> would publish to the stored site instead: the command stops."""
    secret = "Sup3r-Secret-pasted-in-the-wrong-place"
    monkeypatch.setenv("WORDPRESS_URL", secret)
    code, out, err = run_cli("list")
    assert code == 1 and out == ""
    assert "invalid_input" in err and "WORDPRESS_URL (environment): wordpress_url" in err
    assert secret not in err and secret.lower() not in err.lower()


# -- finding 7: wrong or unparseable answers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", bytes(range(256)) * 4, b"just text"]
)
def test_a_saved_page_that_is_not_html_is_invalid_input(run_cli, tmp_path, content):
    page = tmp_path / "page.html"
    page.write_bytes(content)
    code, out, _ = run_cli(
        "--json", "scrape", "--url", "https://www.amazon.com/dp/3518366823", "--html", str(page)
    )
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_input"


def test_a_links_file_saved_as_utf16_finds_its_links(run_cli, tmp_path):
    links = tmp_path / "links.txt"
    links.write_bytes("\ufeffhttps://www.amazon.com.br/dp/8565042472\r\nB0011UCPM4\r\n".encode("utf-16-le"))
    code, out, _ = run_cli("--json", "add", "--file", str(links))
    assert code == 0 and [r["result"] for r in json.loads(out)] == ["added", "added"]


def test_a_zero_byte_database_is_not_taken_for_a_new_queue(run_cli, pigmeu_home):
    database = pigmeu_home / "data" / "pigmeu.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    database.write_bytes(b"")
    code, out, _ = run_cli("--json", "list")
    error = json.loads(out)["error"]
    assert code == 1 and error["code"] == "store_unavailable" and error["path"] == str(database)
    code, out, _ = run_cli("--json", "doctor", "--only", "store")
    assert code == 1 and json.loads(out)["checks"][0]["status"] == "fail"
    assert database.stat().st_size == 0  # left as it was, for the editor to restore


def test_secret_masking_ignores_case():
    redactor().add("HunterTwo22Secret")
    assert "huntertwo22secret" not in redactor().redact("https://huntertwo22secret.example/wp-json")
    assert "HUNTERTWO22SECRET" not in redactor().redact("HUNTERTWO22SECRET")


def test_cli_output_masks_a_secret_echoed_back_in_any_case(capsys, pigmeu_home, monkeypatch):
    from pigmeu_desktop.cli.context import report_error
    from pigmeu_desktop.core.errors import PigmeuError

    redactor().add("PastedPassw0rdXyz")
    report_error(PigmeuError("cannot reach https://pastedpassw0rdxyz/"), json_output=True)
    assert "pastedpassw0rdxyz" not in capsys.readouterr().out.lower()


@pytest.mark.parametrize(
    ("argv", "key"),
    [
        (["--json", "--help"], "help"),
        (["add", "--help", "--json"], "help"),
        (["--json", "doctor", "-h"], "help"),
        (["--version", "--json"], "version"),
    ],
)
def test_help_and_version_under_json_are_one_json_document(run_cli, argv, key):
    from pigmeu_desktop import __version__

    code, out, err = run_cli(*argv)
    assert code == 0 and err == ""
    document = json.loads(out)
    assert list(document) == [key]
    assert document[key] == __version__ if key == "version" else document[key].startswith("usage: pigmeu")
