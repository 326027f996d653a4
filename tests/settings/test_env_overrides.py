"""Environment overrides with the server's names, .env files, and where each value comes from."""

from __future__ import annotations

import pytest

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.loader import Source, load_effective, load_effective_settings
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import save_settings


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    paths = AppPaths.under(tmp_path / "home").ensure()
    save_settings(paths.settings_file, Settings(wordpress_url="https://stored.example", editor_name="Ana"))
    return paths


def test_environment_wins_over_stored_settings(paths, tmp_path):
    eff = load_effective(
        paths, {"WORDPRESS_URL": "https://env.example", "REDIS_URL": "redis://r"}, cwd=tmp_path
    )
    assert eff.settings.wordpress_url == "https://env.example"
    assert eff.settings.redis_url == "redis://r"
    assert eff.settings.editor_name == "Ana"
    assert eff.source_of("wordpress_url") is Source.ENVIRONMENT
    assert eff.env_name_of("wordpress_url") == "WORDPRESS_URL"
    assert eff.source_of("editor_name") is Source.FILE
    assert eff.source_of("proxy") is Source.DEFAULT


def test_env_file_read_and_environment_beats_it(paths, tmp_path):
    env_file = tmp_path / "server.env"
    env_file.write_text(
        "# the server's .env\nWORDPRESS_URL=https://dotenv.example\nMONGODB_URI='mongodb://db:27017'\n"
        "OPENAI_API_KEY=sk-"
        "fromdotenv1234567890\nREDIS_URL=redis://dotenv\n"
    )
    eff = load_effective(paths, {"REDIS_URL": "redis://env"}, env_file, cwd=tmp_path)
    assert eff.settings.wordpress_url == "https://dotenv.example"
    assert eff.source_of("wordpress_url") is Source.DOTENV
    assert eff.settings.mongodb_uri == "mongodb://db:27017"
    assert eff.settings.redis_url == "redis://env"
    assert eff.source_of("redis_url") is Source.ENVIRONMENT
    # Secrets in the .env reach the env dict (the secret store reads them), never the settings.
    assert eff.env["OPENAI_API_KEY"] == "sk-fromdotenv1234567890"
    assert "sk-fromdotenv" not in Settings.model_dump_json(eff.settings)


def test_dot_env_in_working_folder_is_read(paths, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / ".env").write_text("WORDPRESS_USERNAME=editor\n")
    eff = load_effective(paths, {}, cwd=work)
    assert eff.settings.wordpress_username == "editor"
    assert eff.env_file == work / ".env"


def test_missing_env_file_is_a_clear_error(paths, tmp_path):
    with pytest.raises(PigmeuError) as info:
        load_effective(paths, {}, tmp_path / "missing.env", cwd=tmp_path)
    assert info.value.code is ErrorCode.INVALID_INPUT
    assert "--env-file" in info.value.next_step


def test_compat_function_returns_settings_and_merged_env(paths, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings, env = load_effective_settings(paths, {"PIGMEU_BROWSER": "/usr/bin/chromium"})
    assert settings.browser_path == "/usr/bin/chromium"
    assert env == {"PIGMEU_BROWSER": "/usr/bin/chromium"}


def test_cli_missing_env_file_exits_with_the_error(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _out, err = run_cli("--env-file", str(tmp_path / "absent.env"), "secrets", "list")
    assert code == 1
    assert "invalid_input" in err
