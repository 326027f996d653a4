"""Property-based fuzzing of the `pigmeu` command line: commands, options and hostile strings built from a
grammar, run in-process against a temporary home. Every run ends with exit 0 or a coded error; with --json
stdout is exactly one JSON document; never a traceback, never internal_error (that would be a bug)."""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pigmeu_desktop.core.errors import ErrorCode

CASES = int(os.environ.get("PIGMEU_FUZZ_CASES", "400"))
CODES = {str(code) for code in ErrorCode}

# Strings an attacker or a careless user would type or paste.
HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "-",
        "--",
        "--json",
        "-h",
        "--help",
        "--version",
        "0",
        "-1",
        "1e309",
        "nan",
        "inf",
        "99999999999999999999",
        "0x10",
        "\x1b]0;owned\x07",
        "\x1b[31mred",
        "\u202eevil",
        "\u200b",
        "\x00",
        "\ud800",
        "<script>alert(1)</script>",
        "&lt;b&gt;",
        "[x](https://evil.example)",
        "../../etc/passwd",
        "/dev/null",
        "/",
        "~",
        "%s%n",
        "{}",
        "[]",
        "https://www.amazon.com.br/dp/8565042472",
        "https://amzn.to/x",
        "9788535914849",
        "B0011UCPM4",
        "evil.com",
        "amazon.com",
        "br",
        "drafted",
        "DRAFTED",
        "published",
        "ééé",
        "🙂" * 50,
        "a" * 5000,
        "https://127.0.0.1:1/dp/B0011UCPM4",
        "javascript:alert(1)",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(max_size=40), st.text(alphabet=st.characters(codec="utf-8"), max_size=10))
BYTES = st.one_of(
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"",
            b"\xff\xfe" + "B0011UCPM4\n".encode("utf-16-le"),
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "8565042472 café".encode("cp1252"),
            b"WORDPRESS_URL=\x1b[31m\nLOG_LEVEL=nope\n",
            b"PIGMEU_HOME=/dev/null\n",
            b"\x00" * 64,
        ]
    ),
)

ID = st.one_of(TEXT, st.sampled_from(["ITEM", "ITEM8"]))  # ITEM: an id that exists, filled in at run time
SUBCOMMANDS = st.one_of(
    st.tuples(
        st.just("list"),
        st.lists(
            st.one_of(st.tuples(st.just("--limit"), TEXT), st.tuples(st.just("--status"), TEXT)), max_size=2
        ),
    ),
    st.tuples(st.just("show"), st.lists(st.tuples(ID), min_size=1, max_size=1)),
    st.tuples(st.just("approve"), st.lists(st.tuples(ID), min_size=1, max_size=1)),
    st.tuples(
        st.just("delete"),
        st.lists(st.one_of(st.tuples(ID), st.tuples(st.just("--force"))), min_size=1, max_size=2),
    ),
    st.tuples(
        st.just("add"),
        st.lists(
            st.one_of(
                st.tuples(TEXT),
                st.tuples(st.just("-")),
                st.tuples(st.just("--file"), st.just("FILE")),
                st.tuples(st.just("--marketplace"), TEXT),
            ),
            max_size=3,
        ),
    ),
    st.tuples(
        st.just("doctor"),
        st.lists(
            st.tuples(st.just("--only"), st.sampled_from(["home", "store", "x", ""])), min_size=1, max_size=2
        ),
    ),
    st.tuples(
        st.just("draft"),
        st.lists(
            st.one_of(
                st.tuples(ID), st.tuples(st.just("--provider"), TEXT), st.tuples(st.just("--section"), TEXT)
            ),
            min_size=1,
            max_size=2,
        ),
    ),
    st.tuples(
        st.just("publish"),
        st.lists(
            st.one_of(
                st.tuples(ID), st.tuples(st.just("--date"), TEXT), st.tuples(st.just("--status"), TEXT)
            ),
            min_size=1,
            max_size=2,
        ),
    ),
    # Always a saved page (--html): a live scrape would open the browser and wait on the network.
    st.tuples(
        st.just("scrape"),
        st.tuples(
            st.tuples(st.just("--html"), st.just("FILE")),
            st.one_of(st.tuples(st.just("--url"), TEXT), st.tuples(ID)),
        ),
    ),
    st.tuples(st.just("wp"), st.lists(st.sampled_from([("check",), ("nope",)]), max_size=1)),
    st.tuples(st.just("secrets"), st.lists(st.sampled_from([("list",), ("nope",)]), max_size=1)),
    st.tuples(TEXT, st.lists(st.tuples(TEXT), max_size=2)),  # an unknown command
)
COMMAND = st.fixed_dictionaries(
    {
        "json": st.booleans(),
        "json_after": st.booleans(),
        "env_file": st.booleans(),
        "sub": SUBCOMMANDS,
        "file_bytes": BYTES,
        "stdin": BYTES,
    }
)

ran = {"cases": 0, "exit": {}}


def build_argv(case: dict, home: Path, item_id: str | None, file: Path, env_file: Path) -> list[str]:
    name, parts = case["sub"]
    argv = ["--data-dir", str(home)]
    if case["json"] and not case["json_after"]:
        argv.append("--json")
    if case["env_file"]:
        argv += ["--env-file", str(env_file)]
    argv.append(name)
    for part in parts:
        for token in part:
            if token == "FILE":
                token = str(file)
            elif token in ("ITEM", "ITEM8") and item_id:
                token = item_id if token == "ITEM" else item_id[:8]
            argv.append(token)
    if case["json"] and case["json_after"]:
        argv.append("--json")
    return argv


@settings(
    max_examples=CASES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=COMMAND)
def test_every_command_line_ends_in_a_result_or_a_coded_error(case, capsys, monkeypatch):
    from pigmeu_desktop.cli import main

    root = Path(_HOME.name)
    home = root / "home"
    file = root / "input.txt"
    env_file = root / "fuzz.env"
    file.write_bytes(case["file_bytes"])
    env_file.write_bytes(case["file_bytes"])
    monkeypatch.chdir(root)  # a .env in the working folder is read too
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO(case["stdin"]), encoding="utf-8", errors="strict")
    )
    argv = build_argv(case, home, _item_id(home), file, env_file)
    capsys.readouterr()
    code = main(argv)  # returns, even for --help and --version (no SystemExit)
    out, err = capsys.readouterr()
    ran["cases"] += 1
    ran["exit"][code] = ran["exit"].get(code, 0) + 1
    assert "Traceback" not in out + err, argv
    assert code in (0, 1, 2), (argv, code, err[-500:])
    wants_json = "--json" in (argv[: argv.index("--")] if "--" in argv else argv)  # "--" ends the options
    if wants_json:
        doc = json.loads(out)  # exactly one JSON document (json.loads refuses trailing data)
        if code != 0 and isinstance(doc, dict) and "error" in doc:
            assert doc["error"]["code"] in CODES and doc["error"]["code"] != "internal_error", (argv, doc)
        elif code != 0:
            assert isinstance(doc, (dict, list)), (argv, doc)  # e.g. doctor's checks, add's per-link results
    elif code != 0 and "error [" in err:
        coded = err.split("error [", 1)[1].split("]", 1)[0]
        assert coded in CODES and coded != "internal_error", (argv, err[-500:])
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in out + err, (argv, raw)


_HOME = tempfile.TemporaryDirectory(prefix="pigmeu-fuzz-")


def _item_id(home: Path) -> str | None:
    """One real item, drafted, so show/approve/delete/publish meet an existing id now and then."""
    marker = home.parent / "item-id"
    if marker.exists():
        return marker.read_text() or None
    import asyncio

    from pigmeu_desktop.app import Services
    from pigmeu_desktop.core.models import Book, Draft
    from pigmeu_desktop.core.ports import NewLink
    from pigmeu_desktop.core.states import Status
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.settings.schema import Settings

    async def seed() -> str:
        services = Services(AppPaths.under(home).ensure(), Settings())
        try:
            store = await services.store()
            (outcome,) = await store.add_links(
                [NewLink("https://www.amazon.com/dp/3518366823", "3518366823", "amazon.com", "seed")]
            )
            sub = await store.get(outcome.id)
            await store.save(
                sub.model_copy(
                    update={
                        "status": Status.DRAFTED,
                        "book": Book(title="Siddhartha \x1b]0;x\x07"),
                        "draft": Draft(title="Resenha <script>", body_markdown="[x](https://evil.example)"),
                    }
                )
            )
            return outcome.id
        finally:
            await services.aclose()

    item = asyncio.run(seed())
    marker.write_text(item)
    return item


def test_zz_report_fuzz_cases(capsys):
    """Prints how many command lines the fuzz test ran (pytest -s shows it)."""
    with capsys.disabled():
        print(f"\nCLI fuzz: {ran['cases']} command lines run, exit codes {dict(sorted(ran['exit'].items()))}")
