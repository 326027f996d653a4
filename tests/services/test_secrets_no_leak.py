"""After a full CLI run, no secret value is in any file the app wrote, nor in any output or log line."""

from __future__ import annotations

import base64
import os
import subprocess
from pathlib import Path

import pytest

from pigmeu_desktop.services.secrets import KeyringSecretStore
from tests.conftest import cli_subprocess_cmd
from tests.support.fake_openai import FakeOpenAI

pytestmark = [pytest.mark.keyring, pytest.mark.slow]

OPENAI = "sk-leakcheck-Abc123Def456Ghi789"
GROQ = "groqplainvalue-Q7w8e9"  # no known key shape: only the known-value redaction can hide it
WP_PASSWORD = "Lk12 Mn34 Op56 Qr78 St90 Uv12"
MISTRAL_FROM_ENV = "mistral-env-Zx98Cv76"
REDIS_PW = "r3dis-pass-Hj45"


def run(env: dict[str, str], *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cli_subprocess_cmd(), *argv],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_full_run_leaves_no_secret_anywhere(pigmeu_home, tmp_path, secret_service):
    work = tmp_path / "work"
    work.mkdir()
    env = {
        **os.environ,
        "PIGMEU_HOME": str(pigmeu_home),
        "LOG_LEVEL": "DEBUG",
        "MISTRAL_API_KEY": MISTRAL_FROM_ENV,
        "WORDPRESS_URL": "http://127.0.0.1:9",  # nothing listens: the check fails with a network error
        "WORDPRESS_USERNAME": "ana",
        **secret_service.env,
    }
    outputs: list[str] = []
    with FakeOpenAI() as server:
        # Every provider with a key is checked by doctor: all of them must talk to the local server only.
        env.update(
            OPENAI_BASE_URL=server.base_url,
            GROQ_BASE_URL=server.groq_base_url,
            MISTRAL_BASE_URL=server.base_url,
        )
        steps = [
            (("secrets", "set", "OPENAI_API_KEY"), OPENAI + "\n"),
            (("secrets", "set", "GROQ_API_KEY"), GROQ + "\n"),
            (("secrets", "set", "REDIS_PASSWORD"), REDIS_PW + "\n"),
            (("secrets", "set", "WORDPRESS_PASSWORD"), WP_PASSWORD + "\n"),
            (("--json", "secrets", "list"), ""),
            (("doctor",), ""),
        ]
        for argv, stdin in steps:
            done = subprocess.run(
                [*cli_subprocess_cmd(), *argv],
                input=stdin,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                cwd=work,
                check=False,
            )
            outputs.append(done.stdout + done.stderr)
            assert done.returncode in (0, 1), (argv, done.stderr)
        # The run did use the secrets: the fake server was called with the stored key.
        assert any(r.key_ok is False for r in server.requests)  # OPENAI is not the fake's key → 401
    outputs.append(run(env, "secrets", "delete", "WORDPRESS_PASSWORD").stdout)
    cleanup = KeyringSecretStore({})
    for name in ("OPENAI_API_KEY", "GROQ_API_KEY", "REDIS_PASSWORD"):
        cleanup.delete(name)

    secrets = [
        OPENAI,
        GROQ,
        WP_PASSWORD,
        MISTRAL_FROM_ENV,
        REDIS_PW,
        base64.b64encode(f"ana:{WP_PASSWORD}".encode()).decode(),
    ]
    log_file = pigmeu_home / "logs" / "pigmeu.log"
    assert log_file.is_file() and "keyring backend" in log_file.read_text()
    scanned = 0
    roots = [pigmeu_home, tmp_path / "xdg", work]
    for root in roots:
        for path in Path(root).rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                scanned += 1
                for secret in secrets:
                    assert secret.encode() not in data, f"{secret[:6]}… found in {path}"
    assert scanned >= 3  # settings, database, log at least
    for text in outputs:
        for secret in secrets:
            assert secret not in text
