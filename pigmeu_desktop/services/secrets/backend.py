"""Choosing the keyring backend: the OS's own store, or a file backend only when explicitly opted in."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from pigmeu_desktop.core.errors import SecretsError

log = logging.getLogger("pigmeu.secrets")

# The OS stores we use, in order. keyring's own default is not used on purpose: with keyrings.alt
# installed it silently picks a plaintext file when no Secret Service runs, and secrets must not
# land in a file unless the editor asked for it. These are probed fresh every time (keyring caches
# its own list for the life of the process, which hides a keyring started or unlocked later).
OS_BACKENDS: dict[str, tuple[str, ...]] = {
    "linux": ("keyring.backends.SecretService.Keyring", "keyring.backends.kwallet.DBusKeyring"),
    "darwin": ("keyring.backends.macOS.Keyring",),
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
}

OS_ADVICE: dict[str, str] = {
    "linux": (
        "Install and unlock a Secret Service such as gnome-keyring or KWallet (e.g. `sudo apt install "
        "gnome-keyring` and log in to a desktop session), or set the keys as environment variables "
        "(OPENAI_API_KEY, WORDPRESS_PASSWORD, ...)."
    ),
    "darwin": "Unlock the login keychain (Keychain Access), or set the keys as environment variables.",
    "win32": "Windows Credential Manager is not reachable; sign in to a normal user session, "
    "or set the keys as environment variables.",
}


def os_family(platform: str = sys.platform) -> str:
    return "linux" if platform.startswith(("linux", "freebsd", "openbsd")) else platform


def advice_for(platform: str = sys.platform) -> str:
    return OS_ADVICE.get(os_family(platform), OS_ADVICE["linux"])


@dataclass(frozen=True)
class BackendChoice:
    backend: object  # a keyring.backend.KeyringBackend
    name: str  # dotted class name, shown by doctor
    file_based: bool
    opted_in: bool


def _dotted(obj: object) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def is_file_based(backend: object) -> bool:
    # keyrings.alt's file backends (and look-alikes) expose the path they write to.
    return hasattr(backend, "file_path")


def _load(name: str):
    """Instantiate a backend by dotted name; None when it cannot run here (not installed, no daemon)."""
    from keyring.core import load_keyring

    try:
        return load_keyring(name)
    except Exception as exc:  # noqa: BLE001 - ImportError, RuntimeError from `priority`, dbus errors
        log.debug("keyring backend %s not usable: %s", name, exc)
        return None


def choose_backend(opt_in: str = "", platform: str = sys.platform) -> BackendChoice:
    """The explicitly chosen backend when `opt_in` names one, else the first usable OS store.

    Raises SecretsError(keyring_unavailable) with advice for this OS when none can be used.
    """
    if opt_in:
        backend = _load(opt_in)
        if backend is None:
            raise SecretsError(
                f"The keyring backend chosen in settings ({opt_in}) cannot be used here.",
                next_step="Install the package that provides it, or clear the setting to use the OS keyring.",
                backend=opt_in,
            )
        file_based = is_file_based(backend)
        if file_based:
            log.warning(
                "secrets are kept in a FILE by the opted-in backend %s (%s); the OS keyring is safer",
                opt_in,
                getattr(backend, "file_path", "?"),
            )
        return BackendChoice(backend, _dotted(backend), file_based, True)
    for name in OS_BACKENDS.get(os_family(platform), ()):
        backend = _load(name)
        if backend is not None:
            return BackendChoice(backend, _dotted(backend), False, False)
    raise SecretsError("No usable system keyring was found to keep secrets.", next_step=advice_for(platform))
