"""`pigmeu secrets set|list|delete` end to end, against a real Secret Service; values never on argv."""

from __future__ import annotations

import io
import json

import pytest

pytestmark = pytest.mark.keyring


@pytest.fixture
def stdin_value(monkeypatch):
    def _set(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    return _set


def test_set_list_delete_round_trip(run_cli, secret_service, stdin_value):
    stdin_value("sk-cli-secret-value-123456789\n")
    code, out, _ = run_cli("secrets", "set", "OPENAI_API_KEY")
    assert code == 0 and "stored in the keyring" in out
    assert "sk-cli-secret" not in out

    code, out, _ = run_cli("--json", "secrets", "list")
    assert code == 0
    listed = json.loads(out)["secrets"]
    assert {"name": "OPENAI_API_KEY", "source": "keyring"}.items() <= listed[0].items()
    assert "sk-cli-secret" not in out

    code, out, _ = run_cli("secrets", "delete", "OPENAI_API_KEY")
    assert code == 0 and "deleted" in out
    code, out, _ = run_cli("secrets", "delete", "OPENAI_API_KEY")
    assert code == 0 and "nothing to do" in out


def test_list_shows_environment_source(run_cli, secret_service, monkeypatch):
    monkeypatch.setenv("GROQ_API_KEY", "gsk_fromenv00000000000000")
    code, out, _ = run_cli("secrets", "list")
    assert code == 0
    assert "GROQ_API_KEY" in out and "environment" in out
    assert "gsk_fromenv" not in out


def test_wordpress_password_uses_configured_site_or_flags(run_cli, secret_service, stdin_value):
    stdin_value("Ab12 Cd34 Ef56 Gh78 Ij90 Kl12\n")
    code, _, err = run_cli("secrets", "set", "WORDPRESS_PASSWORD")
    assert code == 1 and "--site" in err
    stdin_value("Ab12 Cd34 Ef56 Gh78 Ij90 Kl12\n")
    code, out, _ = run_cli(
        "secrets", "set", "WORDPRESS_PASSWORD", "--site", "http://127.0.0.1:8080", "--user", "ana"
    )
    assert code == 0 and "ana at http://127.0.0.1:8080" in out
    code, out, _ = run_cli("--json", "secrets", "list")
    [item] = [i for i in json.loads(out)["secrets"] if i["name"] == "WORDPRESS_PASSWORD"]
    assert item["username"] == "ana" and item["site_url"] == "http://127.0.0.1:8080"
    code, out, _ = run_cli(
        "secrets", "delete", "WORDPRESS_PASSWORD", "--site", "http://127.0.0.1:8080/", "--user", "ana"
    )
    assert code == 0 and "deleted" in out


def test_value_is_never_accepted_on_argv(run_cli, secret_service):
    code, out, err = run_cli("secrets", "set", "OPENAI_API_KEY", "sk-on-the-command-line-000")
    assert code == 2 and "invalid_input" in err  # unrecognized arguments: a usage error
    assert "on-the-command-line" not in out + err  # and the value is not echoed back


def test_empty_stdin_is_a_clear_error(run_cli, secret_service, stdin_value):
    stdin_value("")
    code, out, _ = run_cli("--json", "secrets", "set", "MISTRAL_API_KEY")
    assert code == 1 and json.loads(out)["error"]["code"] == "invalid_input"


def test_unknown_name(run_cli, secret_service, stdin_value):
    stdin_value("whatever\n")
    code, out, _ = run_cli("--json", "secrets", "set", "OPENAI_KEY")
    error = json.loads(out)["error"]
    assert code == 1 and error["code"] == "invalid_input" and "OPENAI_API_KEY" in error["next_step"]


def test_no_keyring_is_keyring_unavailable(run_cli, monkeypatch, stdin_value):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    stdin_value("sk-nowhere-to-go-0000000000\n")
    code, out, _ = run_cli("--json", "secrets", "set", "OPENAI_API_KEY")
    error = json.loads(out)["error"]
    assert code == 1 and error["code"] == "keyring_unavailable"
    assert "gnome-keyring" in error["next_step"]
    assert "sk-nowhere" not in out
