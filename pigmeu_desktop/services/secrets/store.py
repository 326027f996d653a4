"""Secrets by name in the OS keyring, with the server's environment names as overrides; never on disk."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError, SecretsError
from pigmeu_desktop.core.providers import PROVIDER_TABLE
from pigmeu_desktop.services.secrets.backend import BackendChoice, advice_for, choose_backend

log = logging.getLogger("pigmeu.secrets")

SERVICE_NAME = "pigmeu-desktop"
WORDPRESS_PASSWORD = "WORDPRESS_PASSWORD"
# Every secret the app knows, by the server's .env name → what it is (shown by `secrets list`).
SECRET_NAMES: dict[str, str] = {
    **{p.key_name: f"{p.label} API key" for p in PROVIDER_TABLE},
    WORDPRESS_PASSWORD: "WordPress application password (per site and user)",
    "MONGODB_PASSWORD": "Team MongoDB password",
    "REDIS_PASSWORD": "Team Redis password",
}
_WP_INDEX = f"{WORDPRESS_PASSWORD}:index"  # the site/user pairs stored (not secret, but kept beside them)


class SecretSource(StrEnum):
    KEYRING = "keyring"
    ENVIRONMENT = "environment"


def normalize_site(site_url: str) -> str:
    """One key per site whatever way the URL is typed (trailing slash, case of the host)."""
    parts = urlsplit(site_url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", ""))


def wordpress_account(site_url: str, username: str) -> str:
    return f"{WORDPRESS_PASSWORD}:{username.strip()}@{normalize_site(site_url)}"


def check_name(name: str) -> str:
    if name not in SECRET_NAMES:
        raise PigmeuError(
            f"Unknown secret name {name!r}.",
            code=ErrorCode.INVALID_INPUT,
            next_step="Use one of: " + ", ".join(SECRET_NAMES),
        )
    return name


class KeyringSecretStore:
    """The SecretStore port over `keyring`. The environment wins over the keyring, as for settings.

    Every value read or written is handed to `remember` (the log redactor) so it can never appear in a
    log line. Values are never put in exception messages.
    """

    def __init__(
        self,
        env: Mapping[str, str],
        *,
        backend_name: str = "",
        remember: Callable[[str | None], None] = lambda value: None,
        platform: str = sys.platform,
    ) -> None:
        self._env = env
        self._backend_name = backend_name
        self._remember = remember
        self._platform = platform
        self._choice: BackendChoice | None = None
        for name in SECRET_NAMES:
            remember(env.get(name))

    # -- backend ---------------------------------------------------------------------------------
    def backend(self) -> BackendChoice:
        if self._choice is None:
            self._choice = choose_backend(self._backend_name, self._platform)
            log.info("keyring backend: %s", self._choice.name)
        return self._choice

    def _call(self, what: str, fn: Callable[..., Any], *args: Any) -> Any:
        """Run one keyring call; its failures become SecretsError (keyring_unavailable), never a trace."""
        from keyring import errors as kerr

        backend = self.backend().backend
        try:
            return fn(backend, *args)
        except kerr.PasswordDeleteError:
            raise
        except kerr.KeyringLocked:
            raise SecretsError(
                "The system keyring is locked.",
                next_step="Unlock it (log in to the desktop session) and retry.",
            ) from None
        except kerr.NoKeyringError:
            raise SecretsError(
                "No usable system keyring was found.", next_step=advice_for(self._platform)
            ) from None
        except Exception as exc:  # noqa: BLE001 - dbus gone, daemon crashed...: the message names the type only
            log.warning("keyring %s failed: %s", what, type(exc).__name__)
            raise SecretsError(
                f"The system keyring failed to {what} a secret ({type(exc).__name__}).",
                next_step=advice_for(self._platform),
            ) from None

    def _kget(self, account: str) -> str | None:
        value = self._call("read", lambda b, a: b.get_password(SERVICE_NAME, a), account)
        self._remember(value)
        return value

    def _kset(self, account: str, value: str) -> None:
        self._remember(value)
        self._call("store", lambda b, a, v: b.set_password(SERVICE_NAME, a, v), account, value)

    def _kdelete(self, account: str) -> bool:
        from keyring.errors import PasswordDeleteError

        try:
            self._call("delete", lambda b, a: b.delete_password(SERVICE_NAME, a), account)
        except PasswordDeleteError:
            return False
        return True

    def probe(self) -> None:
        """One harmless keyring read, so doctor finds a locked or broken keyring before a save does."""
        self._wp_index()

    # -- the SecretStore port --------------------------------------------------------------------
    def get(self, name: str) -> str | None:
        if self._env.get(name):
            return self._env[name]
        if name == WORDPRESS_PASSWORD:
            return None  # per site and user: use wordpress_password()
        return self._kget(check_name(name))

    def set(self, name: str, value: str) -> None:
        check_name(name)
        if name == WORDPRESS_PASSWORD:
            raise PigmeuError(
                "The WordPress password is kept per site and user.",
                code=ErrorCode.INVALID_INPUT,
                next_step="Give the site and the user (pigmeu secrets set WORDPRESS_PASSWORD --site URL --user NAME).",
            )
        self._kset(name, _clean(value))

    def delete(self, name: str) -> bool:
        """Remove a stored secret; False when there was none (deleting twice is not an error)."""
        return self._kdelete(check_name(name))

    def wordpress_password(self, site_url: str, username: str) -> str | None:
        """The application password for one site and user (env WORDPRESS_PASSWORD overrides)."""
        env_pw = self._env.get(WORDPRESS_PASSWORD)
        if env_pw and self._env_matches_site(site_url, username):
            return env_pw
        if not site_url or not username:
            return None
        return self._kget(wordpress_account(site_url, username))

    def set_wordpress_password(self, site_url: str, username: str, value: str) -> None:
        if not site_url.strip() or not username.strip():
            raise PigmeuError(
                "A WordPress password needs the site address and the user name.",
                code=ErrorCode.INVALID_INPUT,
                next_step="Set the site and user first (Settings → WordPress, or --site/--user).",
            )
        self._kset(wordpress_account(site_url, username), _clean(value))
        pairs = self._wp_index()
        pair = [normalize_site(site_url), username.strip()]
        if pair not in pairs:
            self._kset_index(pairs + [pair])

    def delete_wordpress_password(self, site_url: str, username: str) -> bool:
        removed = self._kdelete(wordpress_account(site_url, username))
        pair = [normalize_site(site_url), username.strip()]
        pairs = self._wp_index()
        if pair in pairs:
            self._kset_index([p for p in pairs if p != pair])
        return removed

    def list_names(self) -> list[dict[str, str]]:
        """Each secret that has a value: its name and where it comes from. Never the value."""
        found: list[dict[str, str]] = []
        for name, label in SECRET_NAMES.items():
            if self._env.get(name):
                found.append({"name": name, "source": SecretSource.ENVIRONMENT.value, "description": label})
            elif name != WORDPRESS_PASSWORD and self._kget(name) is not None:
                found.append({"name": name, "source": SecretSource.KEYRING.value, "description": label})
        for site, user in self._wp_index():
            if self._kget(wordpress_account(site, user)) is not None:
                found.append(
                    {
                        "name": WORDPRESS_PASSWORD,
                        "source": SecretSource.KEYRING.value,
                        "description": SECRET_NAMES[WORDPRESS_PASSWORD],
                        "site_url": site,
                        "username": user,
                    }
                )
        return found

    # -- helpers ---------------------------------------------------------------------------------
    def _env_matches_site(self, site_url: str, username: str) -> bool:
        env_site, env_user = self._env.get("WORDPRESS_URL", ""), self._env.get("WORDPRESS_USERNAME", "")
        site_ok = not env_site or not site_url or normalize_site(env_site) == normalize_site(site_url)
        user_ok = not env_user or not username or env_user.strip() == username.strip()
        return site_ok and user_ok

    def _wp_index(self) -> list[list[str]]:
        raw = self._call("read", lambda b, a: b.get_password(SERVICE_NAME, a), _WP_INDEX)
        try:
            pairs = json.loads(raw) if raw else []
        except ValueError:
            return []
        return [list(p) for p in pairs if isinstance(p, list) and len(p) == 2]

    def _kset_index(self, pairs: list[list[str]]) -> None:
        self._call("store", lambda b, a, v: b.set_password(SERVICE_NAME, a, v), _WP_INDEX, json.dumps(pairs))


def _clean(value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise PigmeuError(
            "The secret is empty.", code=ErrorCode.INVALID_INPUT, next_step="Enter the value again."
        )
    return value
