"""Secrets (API keys, WordPress application passwords, database passwords) in the OS keyring."""

from __future__ import annotations

from pigmeu_desktop.core.ports import Context
from pigmeu_desktop.services.secrets.store import (
    SECRET_NAMES,
    SERVICE_NAME,
    WORDPRESS_PASSWORD,
    KeyringSecretStore,
    SecretSource,
)

__all__ = [
    "SECRET_NAMES",
    "SERVICE_NAME",
    "WORDPRESS_PASSWORD",
    "KeyringSecretStore",
    "SecretSource",
    "create_secret_store",
]


def create_secret_store(services: Context) -> KeyringSecretStore:
    """The app's secret store: env overrides from `services.env`, every value taught to the log redactor."""
    from pigmeu_desktop.logs import redactor

    return KeyringSecretStore(
        services.env,
        backend_name=services.settings.keyring_backend or services.env.get("PYTHON_KEYRING_BACKEND", ""),
        remember=redactor().add,
    )
