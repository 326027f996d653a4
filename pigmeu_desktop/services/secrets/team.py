"""The team servers' passwords: asked of the keyring only when the server's address needs one."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from pigmeu_desktop.core.errors import PigmeuError

log = logging.getLogger("pigmeu.secrets")

MONGODB_PASSWORD = "MONGODB_PASSWORD"
REDIS_PASSWORD = "REDIS_PASSWORD"


def _credentials(address: str) -> tuple[str, str]:
    """The user and password written in a mongodb:// or redis:// address (either may be empty)."""
    try:
        parts = urlsplit(address)
        return parts.username or "", parts.password or ""
    except ValueError:
        return "", ""


def team_password(services: Any, name: str, address: str) -> str | None:
    """The password for the team's MongoDB or Redis, or None for "no password".

    - Set in the environment (or the .env file), even empty: that value; empty means no password, so a
      backend without one works on a machine without a keyring.
    - MongoDB: an address without a user name authenticates no one, and one that carries its own
      password needs no other; the keyring is not asked.
    - Otherwise the keyring. For Redis (whose address rarely names a user) a keyring that cannot be read
      means "try without": a server that wants a password then says so, naming REDIS_PASSWORD.
    """
    if name in services.env:
        return services.env[name] or None
    user, written = _credentials(address)
    if written:
        return None
    if name == MONGODB_PASSWORD:
        return services.secrets.get(name) if user else None
    try:
        return services.secrets.get(name)
    except PigmeuError as exc:
        log.warning("%s not read from the keyring (%s); connecting without a password", name, exc.code)
        return None
