"""`pigmeu doctor` in each failure mode: no browser, bad LLM key, wrong WordPress password, no keyring."""

from __future__ import annotations

import io
import json

import pytest

from pigmeu_desktop.app import Services
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.services.doctor import CheckStatus, DoctorOptions, run_checks, run_part
from pigmeu_desktop.settings.schema import Settings
from tests.support.polling import eventually_sync


def checks_by_name(out: str) -> dict[str, dict]:
    payload = json.loads(out)
    assert set(payload) == {"checks"}
    for check in payload["checks"]:
        assert {"name", "status", "message", "next_step"} <= check.keys()
        assert check["status"] in ("ok", "warn", "fail")
    return {c["name"]: c for c in payload["checks"]}


def test_json_shape_and_healthy_parts(run_cli, secret_service):
    code, out, _ = run_cli(
        "doctor",
        "--json",
        "--only",
        "home",
        "--only",
        "store",
        "--only",
        "keyring",
        "--only",
        "disk",
        "--only",
        "versions",
    )
    checks = checks_by_name(out)
    assert code == 0
    assert [c["status"] for c in checks.values()] == ["ok"] * 5
    assert "integrity" in checks["store"]["message"]
    assert "SecretService" in checks["keyring"]["message"]
    assert "pigmeu 0.1.0" in checks["versions"]["message"]


def test_text_output_one_line_per_check_with_next_step(run_cli, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    code, out, _ = run_cli("doctor", "--only", "keyring", "--only", "llm", "--only", "wordpress")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("FAIL  keyring")
    assert "gnome-keyring" in lines[1] and lines[1].strip().startswith("→")
    assert any(line.startswith("warn  llm") for line in lines)
    assert any(line.startswith("warn  wordpress") for line in lines)


def test_keyring_missing(run_cli, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    code, out, _ = run_cli("doctor", "--json", "--only", "keyring")
    check = checks_by_name(out)["keyring"]
    assert code == 1
    assert check["status"] == "fail" and check["code"] == "keyring_unavailable"
    assert "gnome-keyring" in check["next_step"]


@pytest.mark.asyncio
async def test_no_browser_found(tmp_path):
    services = Services(AppPaths.under(tmp_path), Settings(), {"PIGMEU_BROWSER": str(tmp_path / "no-chrome")})
    try:
        [check] = await run_part(services, "browser", DoctorOptions(browser_search=[]))
    finally:
        await services.aclose()
    assert check.status is CheckStatus.FAIL and check.code == "browser_unavailable"
    assert "No Chromium" in check.message and "PIGMEU_BROWSER" in check.next_step


@pytest.mark.browser
def test_browser_that_does_not_start(run_cli, monkeypatch):
    monkeypatch.setenv("PIGMEU_BROWSER", "/bin/false")
    code, out, _ = run_cli("doctor", "--json", "--only", "browser")
    check = checks_by_name(out)["browser"]
    assert code == 1 and check["status"] == "fail" and check["code"] == "browser_unavailable"
    assert "/bin/false" in check["message"]


def test_bad_llm_key_against_the_local_openai_server(run_cli, monkeypatch):
    from tests.support.fake_openai import DEFAULT_KEY, FakeOpenAI

    with FakeOpenAI() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong-key-000000000000")
        code, out, _ = run_cli("doctor", "--json", "--only", "llm")
        check = checks_by_name(out)["llm:openai"]
        assert code == 1 and check["status"] == "fail" and check["code"] == "llm_auth"
        assert "sk-wrong-key" not in out

        monkeypatch.setenv("OPENAI_API_KEY", DEFAULT_KEY)
        code, out, _ = run_cli("doctor", "--json", "--only", "llm")
        assert code == 0 and checks_by_name(out)["llm:openai"]["status"] == "ok"


@pytest.mark.wordpress
@pytest.mark.slow
def test_wrong_wordpress_password_in_the_keyring(run_cli, secret_service, wordpress_site, monkeypatch):
    site, admin = wordpress_site.url, wordpress_site.admin
    monkeypatch.setenv("WORDPRESS_URL", site)
    monkeypatch.setenv("WORDPRESS_USERNAME", admin.login)
    monkeypatch.setattr("sys.stdin", io.StringIO("Xx11 Yy22 Zz33 Ww44 Vv55 Uu66\n"))
    assert run_cli("secrets", "set", "WORDPRESS_PASSWORD")[0] == 0
    try:
        code, out, _ = run_cli("doctor", "--json", "--only", "wordpress")
        check = checks_by_name(out)["wordpress"]
        assert code == 1 and check["status"] == "fail" and check["code"] == "wp_auth"
        assert "Xx11" not in out

        monkeypatch.setattr("sys.stdin", io.StringIO(admin.app_password + "\n"))
        assert run_cli("secrets", "set", "WORDPRESS_PASSWORD")[0] == 0
        code, out, _ = run_cli("doctor", "--json", "--only", "wordpress")
        check = checks_by_name(out)["wordpress"]
        assert check["status"] in ("ok", "warn") and admin.login in check["message"]
    finally:
        run_cli("secrets", "delete", "WORDPRESS_PASSWORD")


@pytest.mark.asyncio
async def test_team_mode_servers_down(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on: a real "server down"
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(team_mode=True, redis_url=f"redis://127.0.0.1:{port}/0", mongodb_uri="")
    services = Services(AppPaths.under(tmp_path), settings, {})
    try:
        checks = {c.name: c for c in await run_checks(services, ["team"])}
    finally:
        await services.aclose()
    assert checks["redis"].status is CheckStatus.FAIL and checks["redis"].code == "store_unavailable"
    assert checks["mongodb"].status is CheckStatus.FAIL and "MONGODB_URI" in checks["mongodb"].next_step


@pytest.mark.asyncio
async def test_team_checks_skipped_when_team_mode_off(tmp_path):
    services = Services(AppPaths.under(tmp_path), Settings(), {})
    assert await run_checks(services, ["team"]) == []


@pytest.fixture
def redis_port(tmp_path):
    """A real redis-server with a password, on a free port; stopped by its PID."""
    import shutil
    import socket
    import subprocess

    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(
        ["redis-server", *args, "--dir", str(tmp_path), "--requirepass", "team-redis-pass"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        eventually_sync(lambda: _accepts(port), timeout=5)  # ready in ~0.05 s; a busy machine may take longer
        yield port
    finally:
        server.terminate()
        server.wait(timeout=5)


@pytest.mark.redis
@pytest.mark.asyncio
async def test_team_redis_with_password(tmp_path, redis_port):
    settings = Settings(team_mode=True, redis_url=f"redis://127.0.0.1:{redis_port}/0")
    results = {}
    for password in ("team-redis-pass", "wrong-pass-123"):
        services = Services(AppPaths.under(tmp_path / password), settings, {"REDIS_PASSWORD": password})
        try:
            checks = {c.name: c for c in await run_part(services, "team")}  # mongodb fails: no URI
        finally:
            await services.aclose()
        results[password] = checks["redis"]
    assert results["team-redis-pass"].status is CheckStatus.OK
    assert results["wrong-pass-123"].status is CheckStatus.FAIL
    assert "REDIS_PASSWORD" in results["wrong-pass-123"].next_step


def _accepts(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0
