"""A real Secret Service for keyring tests: the session's own (infra/test.sh), or a private one started here.

Under infra/test.sh the whole pytest session runs inside `dbus-run-session` with an unlocked
gnome-keyring, so DBUS_SESSION_BUS_ADDRESS points at a bus that already offers org.freedesktop.secrets.
Run alone, this starts a private dbus-daemon and `gnome-keyring-daemon --unlock --components=secrets`
with a throwaway XDG_DATA_HOME (a leftover keyring would be locked), and stops both by PID afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"


@dataclass
class SecretService:
    """How to reach the Secret Service: put these variables into the environment of a test."""

    env: dict[str, str]
    _procs: list[subprocess.Popen] = field(default_factory=list)
    _tmp: Path | None = None

    def stop(self) -> None:
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)


def _service_available(bus_address: str) -> bool:
    """True when `bus_address` offers an unlocked-or-unlockable org.freedesktop.secrets."""
    code = (
        "import secretstorage, sys\n"
        "c = secretstorage.dbus_init()\n"
        "sys.exit(0 if secretstorage.check_service_availability(c) else 1)\n"
    )
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus_address}
    try:
        import sys

        return (
            subprocess.run(
                [sys.executable, "-c", code], env=env, timeout=10, capture_output=True, check=False
            ).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


def start_secret_service() -> SecretService:
    """The session's Secret Service if there is one, else a private dbus-daemon + gnome-keyring."""
    current = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if current and not current.startswith("disabled") and _service_available(current):
        return SecretService({"DBUS_SESSION_BUS_ADDRESS": current})
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt-get install gnome-keyring dbus)")
    tmp = Path(tempfile.mkdtemp(prefix="pigmeu-secret-service-"))
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp / "data"),
        "XDG_RUNTIME_DIR": str(tmp / "run"),
        "HOME": str(tmp / "home"),
    }
    for key in ("data", "run", "home"):
        (tmp / key).mkdir(mode=0o700)
    service = SecretService({}, _tmp=tmp)
    try:
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        service._procs.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        bus.stdout.close()  # it prints the address once; an open pipe would leak a file object
        if not address:
            raise RuntimeError("dbus-daemon printed no address")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        service._procs.append(keyring)
        assert keyring.stdin is not None
        keyring.stdin.write(b"test-keyring-password")  # unlocks (creates) the throwaway login keyring
        keyring.stdin.close()
        deadline = time.monotonic() + 10
        while not _service_available(address):
            if time.monotonic() > deadline or keyring.poll() is not None:
                raise RuntimeError("gnome-keyring did not offer a Secret Service within 10 s")
            time.sleep(0.1)
    except BaseException:
        service.stop()
        raise
    service.env = {"DBUS_SESSION_BUS_ADDRESS": address}
    return service


@pytest.fixture(scope="session")
def secret_service_session() -> Iterator[SecretService]:
    service = start_secret_service()
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture
def secret_service(secret_service_session, monkeypatch) -> SecretService:
    """A test with this fixture sees a working Secret Service (and nothing else of the real desktop)."""
    for key, value in secret_service_session.env.items():
        monkeypatch.setenv(key, value)
    return secret_service_session
