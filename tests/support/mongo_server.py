"""A MongoDB-wire-protocol server for the tests: nx-27017 (SQLite behind the real protocol) on a free
loopback port, started and stopped by its PID; or the real MongoDB named by PIGMEU_TEST_MONGODB_URI."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.real import missing_service

REAL_MONGODB_ENV = "PIGMEU_TEST_MONGODB_URI"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nx_executable() -> str | None:
    beside = Path(sys.executable).with_name("nx-27017")
    return str(beside) if beside.exists() else shutil.which("nx-27017")


class WireServer:
    """One nx-27017 process. `data` None keeps every database in memory (lost on stop); a folder keeps
    one SQLite file per database there, so a stopped server comes back with its data (outage tests)."""

    def __init__(self, workdir: Path, *, data: Path | None = None, port: int | None = None) -> None:
        self.workdir = workdir
        self.data = data
        self.port = port or _free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/"

    @property
    def log_file(self) -> Path:
        return self.workdir / f"nx-27017-{self.port}.log"

    def start(self, timeout: float = 15.0) -> WireServer:
        exe = nx_executable()
        if exe is None:
            missing_service("nx-27017 is not installed (it comes with the test extras: infra/test.sh)")
        self.workdir.mkdir(parents=True, exist_ok=True)
        data = ["--data-dir", str(self.data)] if self.data is not None else ["--data-dir", "memory"]
        # Foreground, in its own work folder (it writes nothing else there); ended by its PID.
        self.proc = subprocess.Popen(
            [
                exe,
                *data,
                "--host",
                "127.0.0.1",
                "-p",
                str(self.port),
                "--log-file",
                str(self.log_file),
                "--pid-file",
                str(self.workdir / f"nx-27017-{self.port}.pid"),
            ],
            cwd=self.workdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"nx-27017 exited with {self.proc.returncode}; see {self.log_file}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"nx-27017 did not listen within {timeout:.0f} s; see {self.log_file}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class MongoBackend:
    """The session's MongoDB address; `database()` names a fresh database per test."""

    def __init__(self, uri: str, *, real: bool) -> None:
        self.uri = uri
        self.real = real

    @staticmethod
    def database() -> str:
        return f"pigmeu_test_{uuid.uuid4().hex[:10]}"

    def client(self, **options):
        """A client built as the app builds its own (services/storage/mongo_client.py)."""
        from pigmeu_desktop.services.storage.mongo_client import new_client

        options.setdefault("serverSelectionTimeoutMS", 5000)
        return new_client(self.uri, **options)


@pytest.fixture(scope="session")
def mongo_backend(tmp_path_factory) -> Iterator[MongoBackend]:
    """A real MongoDB when PIGMEU_TEST_MONGODB_URI is set, else one nx-27017 for the whole session."""
    if os.environ.get(REAL_MONGODB_ENV):
        yield MongoBackend(os.environ[REAL_MONGODB_ENV], real=True)
        return
    server = WireServer(tmp_path_factory.mktemp("nx-27017")).start()
    try:
        yield MongoBackend(server.uri, real=False)
    finally:
        server.stop()


@pytest.fixture
def wire_server_factory(tmp_path) -> Iterator:
    """Private wire servers with data on disk, for tests that stop and restart the database."""
    started: list[WireServer] = []

    def make() -> WireServer:
        server = WireServer(tmp_path / f"wire-{len(started)}", data=tmp_path / f"wire-data-{len(started)}")
        server.data.mkdir(parents=True, exist_ok=True)
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()
