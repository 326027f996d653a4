"""`--json add` that fails mid-way (the disk fills up after the first batch) prints one JSON document:
the error, carrying the results that were committed before it (finding 7 of the hostile-input review)."""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys

import pytest

from tests.conftest import cli_subprocess_cmd

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the full disk is emulated with RLIMIT_FSIZE")


def _full_disk_at(limit: int):
    def apply() -> None:  # in the child: writes past `limit` bytes fail with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_partial_add_is_one_json_document_with_its_error_inside(tmp_path):
    home = tmp_path / "home"
    links = tmp_path / "links.txt"
    links.write_text("\n".join(f"B0{i:08d}" for i in range(300)))  # three batches of 100
    cmd = [*cli_subprocess_cmd(), "--data-dir", str(home)]
    assert subprocess.run([*cmd, "list"], capture_output=True, timeout=120).returncode == 0
    partial = None
    for limit in range(150_000, 1_500_000, 50_000):  # the first size limit that lets a batch through
        run = subprocess.run(
            [*cmd, "add", "--json", "--file", str(links)],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_full_disk_at(limit),
        )
        doc = json.loads(run.stdout)  # always exactly one document
        assert "Traceback" not in run.stdout + run.stderr
        if isinstance(doc, dict) and doc["error"].get("results"):
            partial = (run, doc)
            break
        assert run.returncode == 1 and doc["error"]["code"] == "store_unavailable"
    assert partial is not None, "no size limit let a first batch through"
    run, doc = partial
    assert run.returncode == 1 and doc["error"]["code"] == "store_unavailable" and doc["error"]["next_step"]
    results = doc["error"]["results"]
    assert 0 < len(results) < 300 and all(r["result"] == "added" for r in results)
    # What the document says was queued really is, and nothing else.
    listed = json.loads(
        subprocess.run([*cmd, "list", "--json"], capture_output=True, text=True, timeout=120).stdout
    )
    assert {r["id"] for r in listed} == {r["id"] for r in results}
