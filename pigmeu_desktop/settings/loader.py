"""Effective settings: the stored file, then a .env file, then the environment (which wins)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import load_settings

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


def load_effective_settings(
    paths: AppPaths, env: Mapping[str, str], env_file: str | Path | None = None
) -> tuple[Settings, dict[str, str]]:
    """Return the settings with env overrides applied, and the environment merged with the .env file."""
    merged = dict(env)
    settings = load_settings(paths.settings_file)
    overrides = {field: merged[name] for name, field in ENV_TO_SETTING.items() if merged.get(name)}
    if overrides:
        settings = settings.model_copy(update=overrides)
    return settings, merged
