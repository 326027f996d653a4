"""Where the app keeps its files: one home (platformdirs, or --data-dir / PIGMEU_HOME), frozen or not."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from pigmeu_desktop import APP_ORG, APP_SLUG

HOME_ENV = "PIGMEU_HOME"


@dataclass(frozen=True)
class AppPaths:
    """Every directory the app writes to; tests and portable builds point them all under one root."""

    data_dir: Path
    config_dir: Path
    log_dir: Path
    cache_dir: Path

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        root = Path(root).expanduser().resolve()
        return cls(root / "data", root / "config", root / "logs", root / "cache")

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None) -> AppPaths:
        """--data-dir wins, then PIGMEU_HOME, then the OS's per-user directories."""
        env = os.environ if env is None else env
        root = data_dir or env.get(HOME_ENV)
        if root:
            return cls.under(Path(root))
        return cls(
            Path(platformdirs.user_data_dir(APP_SLUG, APP_ORG)),
            Path(platformdirs.user_config_dir(APP_SLUG, APP_ORG)),
            Path(platformdirs.user_log_dir(APP_SLUG, APP_ORG)),
            Path(platformdirs.user_cache_dir(APP_SLUG, APP_ORG)),
        )

    def ensure(self) -> AppPaths:
        """Create every folder; one that cannot be created is a store_unavailable error naming it."""
        from pigmeu_desktop.core.errors import ErrorCode, StoreError

        for d in (self.data_dir, self.config_dir, self.log_dir, self.cache_dir):
            try:
                d.mkdir(parents=True, exist_ok=True)
                if not d.is_dir():  # pragma: no cover - mkdir(exist_ok) raises for a file; kept as a guard
                    raise NotADirectoryError(str(d))
            except OSError as exc:
                raise StoreError(
                    f"The folder {d} cannot be created ({exc.strerror or type(exc).__name__}).",
                    code=ErrorCode.STORE_UNAVAILABLE,
                    next_step="Choose a folder you can write to with --data-dir (or PIGMEU_HOME), "
                    "or fix the permissions of its parent.",
                    path=str(d),
                ) from None
        return self

    @property
    def database(self) -> Path:
        return self.data_dir / "pigmeu.sqlite3"

    @property
    def covers_dir(self) -> Path:
        return self.data_dir / "covers"

    @property
    def kept_pages_dir(self) -> Path:
        """Product pages kept for a report (a scrape that missed core fields)."""
        return self.data_dir / "pages"

    @property
    def browser_profile_dir(self) -> Path:
        return self.data_dir / "browser-profile"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def window_state_file(self) -> Path:
        return self.config_dir / "window-state.json"


def resources_dir() -> Path:
    """The shipped resources/ folder, inside a PyInstaller bundle or next to the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
