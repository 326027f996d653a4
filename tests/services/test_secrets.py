"""The secret store against a real Secret Service (gnome-keyring), the env overrides, and no keyring at all."""

from __future__ import annotations

import pytest

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError, SecretsError
from pigmeu_desktop.services.secrets import KeyringSecretStore
from pigmeu_desktop.services.secrets.backend import choose_backend

pytestmark = pytest.mark.keyring


def test_set_get_delete_in_the_real_keyring(secret_service):
    store = KeyringSecretStore({})
    assert store.backend().name == "keyring.backends.SecretService.Keyring"
    store.set("GROQ_API_KEY", "  gsk_test_value_0123456789  \n")
    assert store.get("GROQ_API_KEY") == "gsk_test_value_0123456789"
    # A second store (another process, the next day) reads it back: it really is in the keyring.
    assert KeyringSecretStore({}).get("GROQ_API_KEY") == "gsk_test_value_0123456789"
    assert store.delete("GROQ_API_KEY") is True
    assert store.get("GROQ_API_KEY") is None
    assert store.delete("GROQ_API_KEY") is False


def test_wordpress_password_is_per_site_and_user(secret_service):
    store = KeyringSecretStore({})
    store.set_wordpress_password("https://Blog.Example/", "ana", "AbCd 1234 EfGh 5678 IjKl 9012")
    store.set_wordpress_password("https://blog.example", "bia", "other pass")
    assert store.wordpress_password("https://blog.example", "ana") == "AbCd 1234 EfGh 5678 IjKl 9012"
    assert store.wordpress_password("https://blog.example/", "bia") == "other pass"
    assert store.wordpress_password("https://other.example", "ana") is None
    listed = [(i["name"], i.get("username"), i["source"]) for i in store.list_names()]
    assert ("WORDPRESS_PASSWORD", "ana", "keyring") in listed and (
        "WORDPRESS_PASSWORD",
        "bia",
        "keyring",
    ) in listed
    assert store.delete_wordpress_password("https://blog.example", "ana") is True
    assert store.wordpress_password("https://blog.example", "ana") is None
    assert [i.get("username") for i in store.list_names() if i["name"] == "WORDPRESS_PASSWORD"] == ["bia"]
    store.delete_wordpress_password("https://blog.example", "bia")


def test_environment_overrides_the_keyring_and_list_says_so(secret_service):
    store = KeyringSecretStore({"OPENAI_API_KEY": "sk-env-value-000000000000"})
    store.set("OPENAI_API_KEY", "sk-keyring-value-1111111111")
    store.set("MISTRAL_API_KEY", "mistral-value-22222")
    try:
        assert store.get("OPENAI_API_KEY") == "sk-env-value-000000000000"
        sources = {i["name"]: i["source"] for i in store.list_names()}
        assert sources["OPENAI_API_KEY"] == "environment"
        assert sources["MISTRAL_API_KEY"] == "keyring"
        assert "GROQ_API_KEY" not in sources
        # list_names never carries a value.
        assert all("value" not in i and "sk-" not in str(i) for i in store.list_names())
    finally:
        store.delete("OPENAI_API_KEY")
        store.delete("MISTRAL_API_KEY")


def test_env_wordpress_password_applies_only_to_its_site():
    env = {
        "WORDPRESS_PASSWORD": "envpw-123456",
        "WORDPRESS_URL": "https://blog.example",
        "WORDPRESS_USERNAME": "ana",
    }
    store = KeyringSecretStore(env, platform="no-such-os")  # no keyring needed: env answers
    assert store.wordpress_password("https://blog.example/", "ana") == "envpw-123456"
    with pytest.raises(SecretsError):  # another site falls through to the keyring, which is missing here
        store.wordpress_password("https://other.example", "ana")


def test_unknown_name_and_empty_value_are_rejected(secret_service):
    store = KeyringSecretStore({})
    with pytest.raises(PigmeuError) as info:
        store.set("OPENAI_KEY", "x")
    assert info.value.code is ErrorCode.INVALID_INPUT and "OPENAI_API_KEY" in info.value.next_step
    with pytest.raises(PigmeuError) as info:
        store.set("OPENAI_API_KEY", "   ")
    assert info.value.code is ErrorCode.INVALID_INPUT


def test_no_keyring_gives_keyring_unavailable_with_linux_advice(monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    store = KeyringSecretStore({}, platform="linux")
    with pytest.raises(SecretsError) as info:
        store.set("OPENAI_API_KEY", "sk-whatever-0000000000")
    assert info.value.code is ErrorCode.KEYRING_UNAVAILABLE
    assert "gnome-keyring" in info.value.next_step and "KWallet" in info.value.next_step
    assert "sk-whatever" not in str(info.value.to_dict())


def test_os_advice_differs_per_platform():
    with pytest.raises(SecretsError) as mac:
        choose_backend(platform="no-such-os")
    assert mac.value.code is ErrorCode.KEYRING_UNAVAILABLE
    from pigmeu_desktop.services.secrets.backend import advice_for

    assert "Keychain" in advice_for("darwin") and "Credential Manager" in advice_for("win32")


def test_file_backend_is_never_chosen_silently(monkeypatch):
    """keyrings.alt (when installed) makes keyring's own default a plaintext file; we must not follow it."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    with pytest.raises(SecretsError):
        choose_backend(platform="linux")


def test_file_backend_only_as_explicit_opt_in_with_a_warning(tmp_path, monkeypatch, caplog):
    pytest.importorskip("keyrings.alt.file")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    store = KeyringSecretStore({}, backend_name="keyrings.alt.file.PlaintextKeyring")
    choice = store.backend()
    assert choice.file_based and choice.opted_in
    assert "FILE" in caplog.text
    store.set("REDIS_PASSWORD", "redis-secret-value")
    assert store.get("REDIS_PASSWORD") == "redis-secret-value"


def test_opt_in_backend_that_cannot_load_is_a_clear_error():
    with pytest.raises(SecretsError) as info:
        KeyringSecretStore({}, backend_name="no.such.Backend").get("OPENAI_API_KEY")
    assert "no.such.Backend" in info.value.message
