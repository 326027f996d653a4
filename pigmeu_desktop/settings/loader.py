"""Effective settings: the stored file, then a .env file, then the environment (which wins)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.problems import SettingProblem, SettingsInvalid
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import load_settings_checked, stored_values

log = logging.getLogger("pigmeu.settings")

# Environment names shared with the Pigmeu server's .env → the setting each one overrides.
ENV_TO_SETTING = {
    "OPENAI_BASE_URL": "openai_base_url",
    "WORDPRESS_URL": "wordpress_url",
    "WORDPRESS_USERNAME": "wordpress_username",
    "MONGODB_URI": "mongodb_uri",
    "MONGO_DB_NAME": "mongo_db_name",
    "REDIS_URL": "redis_url",
    "PIGMEU_BROWSER": "browser_path",
    "PIGMEU_BROWSER_ARGS": "browser_args",
}
SETTING_TO_ENV = {setting: name for name, setting in ENV_TO_SETTING.items()}


class Source(StrEnum):
    """Where an effective value comes from; the Settings dialog shows it next to the field."""

    DEFAULT = "default"
    FILE = "settings file"
    DOTENV = ".env file"
    ENVIRONMENT = "environment"


@dataclass
class EffectiveSettings:
    settings: Settings
    env: dict[str, str]
    sources: dict[str, Source] = field(default_factory=dict)
    env_file: Path | None = None
    problems: list[SettingProblem] = field(default_factory=list)
    settings_file: Path | None = None

    def check(self) -> None:
        """Raise SettingsInvalid when a value was refused: a command must not quietly act on another one."""
        if self.problems:
            raise SettingsInvalid(self.problems, str(self.settings_file or "settings.json"))

    def source_of(self, setting: str) -> Source:
        return self.sources.get(setting, Source.DEFAULT)

    def env_name_of(self, setting: str) -> str | None:
        """The environment name overriding `setting`, when one does."""
        if self.source_of(setting) in (Source.ENVIRONMENT, Source.DOTENV):
            return SETTING_TO_ENV.get(setting)
        return None


def read_env_file(path: Path) -> dict[str, str]:
    """Parse a .env file the way the server does (python-dotenv), without touching os.environ."""
    import io

    from dotenv import dotenv_values

    from pigmeu_desktop.services.text_input import decode_text, read_user_file

    data = read_user_file(path, what=f"the .env file {path}", next_step="Check the path given to --env-file.")
    text = decode_text(data, what=f"The .env file {path}")  # UTF-8, UTF-16 with a BOM, or ANSI

    return {k: v for k, v in dotenv_values(stream=io.StringIO(text)).items() if v is not None}


def _find_env_file(env_file: str | Path | None, cwd: Path | None) -> Path | None:
    """--env-file when given (it must exist), else `.env` in the working folder when there is one."""
    if env_file:
        return Path(env_file).expanduser()
    candidate = (cwd or Path.cwd()) / ".env"
    return candidate if candidate.is_file() else None


def load_effective(
    paths: AppPaths,
    env: Mapping[str, str],
    env_file: str | Path | None = None,
    *,
    cwd: Path | None = None,
    read_dotenv: bool = True,
) -> EffectiveSettings:
    """Stored settings < .env file < environment; remembers the source of every overridden value.

    `read_dotenv=False` takes `env` as already merged (the GUI re-reading sources of a running app).
    """
    dotenv_path = _find_env_file(env_file, cwd) if read_dotenv else None
    from_file = read_env_file(dotenv_path) if dotenv_path else {}
    if dotenv_path:
        log.info("read %d names from %s", len(from_file), dotenv_path)
    merged = {**from_file, **env}
    settings, problems = load_settings_checked(paths.settings_file, paths.window_state_file)
    # The file holds every field; only the ones differing from the default count as "set in the file".
    defaults = Settings()
    sources = {
        name: Source.FILE
        for name in stored_values(paths.settings_file)
        if name in Settings.model_fields and getattr(settings, name) != getattr(defaults, name)
    }
    overrides: dict[str, str] = {}
    for name, setting in ENV_TO_SETTING.items():
        if env.get(name):
            overrides[setting], sources[setting] = env[name], Source.ENVIRONMENT
        elif from_file.get(name):
            overrides[setting], sources[setting] = from_file[name], Source.DOTENV
    if overrides:
        settings = _apply_valid_overrides(settings, overrides, sources, problems)
    return EffectiveSettings(settings, merged, sources, dotenv_path, problems, paths.settings_file)


def _apply_valid_overrides(
    settings: Settings,
    overrides: dict[str, str],
    sources: dict[str, Source],
    problems: list[SettingProblem],
) -> Settings:
    """Environment values pass the same validation as the settings file; a bad one is not used and
    becomes a problem naming the variable (never its value: a secret pasted into the wrong variable
    stays out of messages and logs)."""
    from pydantic import ValidationError

    base = settings.model_dump()
    good: dict[str, str] = {}
    for setting, value in overrides.items():
        try:
            Settings.model_validate({**base, setting: value})
        except ValidationError as exc:
            name = SETTING_TO_ENV[setting]
            origin = f"{name} ({sources[setting]})"
            reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
            if value.strip():
                reason = reason.replace(value.strip(), "…")
            log.warning("%s is not a valid value for %s; it is not used", name, setting)
            problems.append(SettingProblem(setting, origin, f"{reason}; it is not used"))
            sources.pop(setting, None)
            continue
        good[setting] = value
    return Settings.model_validate({**base, **good}) if good else settings


def load_effective_settings(
    paths: AppPaths, env: Mapping[str, str], env_file: str | Path | None = None
) -> tuple[Settings, dict[str, str]]:
    """The settings with env overrides applied, and the environment merged with the .env file; a value
    that was refused raises SettingsInvalid (commands and workers; the window shows them instead)."""
    effective = load_effective(paths, env, env_file)
    effective.check()
    return effective.settings, effective.env
