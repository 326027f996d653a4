"""infra/docker-compose.yml parses and validates with Docker Compose (`config`: no daemon, no image pulls),
and has what the README promises: MongoDB 7 as a replica set, Redis 7 with AOF, the workers and Flower."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.real import missing_service

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "infra" / "docker-compose.yml"
PASSWORDS = {"MONGO_PASSWORD": "m-secret", "REDIS_PASSWORD": "r-secret", "FLOWER_PASSWORD": "f-secret"}


def compose_command() -> list[str]:
    """Compose v2 (`docker compose`) when the plugin is there, else v1 (`docker-compose`, Debian's
    package, which infra/test.sh installs); both validate the file without talking to a daemon."""
    docker = shutil.which("docker")
    if docker is not None:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, timeout=30, check=False)
        if probe.returncode == 0:
            return [docker, "compose"]
    v1 = shutil.which("docker-compose")
    if v1 is not None:
        return [v1]
    missing_service("Docker Compose is not installed (infra/test.sh installs docker-compose)")


def config(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in PASSWORDS}
    return subprocess.run(
        [*compose_command(), "-f", str(COMPOSE_FILE), "config", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **env},
        cwd=ROOT,
        check=False,
    )


def test_the_compose_file_validates_and_has_the_team_backend():
    result = config(env=PASSWORDS)
    assert result.returncode == 0, result.stderr
    services = config("--services", env=PASSWORDS)
    assert services.returncode == 0, services.stderr
    assert set(services.stdout.split()) == {"mongodb", "redis", "worker", "flower"}
    text = result.stdout
    assert "image: mongo:7" in text and "--replSet rs0" in text
    assert "image: redis:7" in text and "--appendonly" in text
    assert "mher/flower" in text and "condition: service_healthy" in text
    assert "pigmeu" in text and "worker" in text
    assert (ROOT / "infra" / "worker.Dockerfile").is_file()  # what the worker service builds


def test_the_compose_file_refuses_to_start_without_its_passwords():
    result = config(env={})
    assert result.returncode != 0
    assert "MONGO_PASSWORD" in result.stderr or "REDIS_PASSWORD" in result.stderr


@pytest.fixture(autouse=True)
def _compose_file_exists():
    assert COMPOSE_FILE.is_file()
