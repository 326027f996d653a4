"""PIGMEU_REQUIRE_REAL=1 turns a skip for a missing real part into a failure; platform skips stay skips."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SAMPLE = """
import sys
import pytest

def test_needs_a_missing_service():
    pytest.skip("redis-server is not installed")

@pytest.mark.skipif(sys.platform != "no-such-platform", reason="another platform's feature")
def test_for_another_platform():
    pass
"""


def _run(tmp_path, env_value: str | None) -> str:
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    if env_value is not None:
        env["PIGMEU_REQUIRE_REAL"] = env_value
    # The repository's conftest, loaded as a plugin, on a sample test file.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "tests.conftest",
            "--rootdir",
            str(tmp_path),
            "-c",
            "/dev/null",
            "-W",
            "ignore",
            str(tmp_path / "test_sample.py"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    return result.stdout.strip().splitlines()[-1]


def test_skips_fail_only_when_real_parts_are_required(tmp_path):
    assert _run(tmp_path, None).startswith("2 skipped")
    summary = _run(tmp_path, "1")
    assert "1 failed" in summary and "1 skipped" in summary, summary
