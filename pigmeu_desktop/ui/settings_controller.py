"""What the wizard and the Settings dialog do, without widgets: load, test candidate values, save."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from pigmeu_desktop.app import Services
from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.services.doctor import CheckResult, run_part
from pigmeu_desktop.services.secrets.store import SECRET_NAMES
from pigmeu_desktop.settings.loader import SETTING_TO_ENV, EffectiveSettings, Source, load_effective
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import load_settings, save_settings

log = logging.getLogger("pigmeu.ui.settings")


@dataclass
class Candidate:
    """Values typed in a form and not saved yet: setting updates, and secrets typed (empty = keep)."""

    updates: dict[str, Any] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A misspelt setting must not vanish on save: a form naming a field the schema lacks is a bug.
        unknown = sorted(set(self.updates) - set(Settings.model_fields))
        if unknown:
            raise KeyError(f"not settings: {', '.join(unknown)}")
        # Values of the schema's type (a bound like "at most 8" is the editor's to fix, checked at save).
        for name, value in self.updates.items():
            try:
                _field_type(name).validate_python(value)
            except ValidationError as exc:
                raise TypeError(
                    f"{name}: {value!r} is not a {Settings.model_fields[name].annotation}"
                ) from exc
        unknown = sorted(set(self.secrets) - set(SECRET_NAMES))
        if unknown:
            raise KeyError(f"not secrets: {', '.join(unknown)}")


@functools.cache
def _field_type(name: str) -> TypeAdapter[Any]:
    """The bare type of a setting (its bounds left out), to check what a form hands over."""
    annotation = Settings.model_fields[name].annotation
    return TypeAdapter(annotation if annotation is not None else Any)


def merge_candidates(parts: Iterable[Candidate]) -> Candidate:
    """One candidate from several forms' (each names its own settings and secrets)."""
    merged = Candidate()
    for part in parts:
        merged.updates.update(part.updates)
        merged.secrets.update(part.secrets)
    return merged


class SettingsController:
    """Bridges the forms and the app: where each value comes from, Test buttons, and Save.

    Saving writes preferences to the settings file and secrets to the keyring, never a secret to disk.
    Values the environment overrides are shown but not saved (the environment would win anyway).
    """

    def __init__(self, services: Services) -> None:
        self.services = services
        self.stored: Settings = load_settings(services.paths.settings_file, services.paths.window_state_file)
        self.effective: EffectiveSettings = load_effective(services.paths, services.env, read_dotenv=False)
        self._stored_secret_cache: dict[tuple[str, str, str], bool | None] = {}

    # -- where values come from ------------------------------------------------------------------
    def value(self, setting: str) -> Any:
        return getattr(self.effective.settings, setting)

    def env_override(self, setting: str) -> str | None:
        """The environment name that sets `setting` right now, if one does."""
        if self.effective.source_of(setting) in (Source.ENVIRONMENT, Source.DOTENV):
            return SETTING_TO_ENV.get(setting)
        return None

    def secret_in_env(self, name: str) -> bool:
        return bool(self.services.env.get(name))

    def has_stored_secret(self, name: str, site: str = "", user: str = "") -> bool | None:
        """True/False, or None when the keyring cannot be asked (the form says so). Cached until save:
        forms ask on every keystroke, and each question is a D-Bus round trip."""
        key = (name, site, user)
        if key not in self._stored_secret_cache:
            try:
                if name == "WORDPRESS_PASSWORD":
                    found = bool(site and user and self.services.secrets.wordpress_password(site, user))
                else:
                    found = bool(self.services.secrets.get(name))
            except PigmeuError:
                found = None
            self._stored_secret_cache[key] = found
        return self._stored_secret_cache[key]

    # -- Test ------------------------------------------------------------------------------------
    def trial_services(self, candidate: Candidate) -> Services:
        """Services seeing the typed values: settings updated, typed secrets as env overrides (not saved)."""
        settings = self.effective.settings.model_copy(update=candidate.updates)
        env = dict(self.services.env)
        for setting, env_name in SETTING_TO_ENV.items():
            if setting in candidate.updates:
                env.pop(env_name, None)  # the form shows the env value; typed values must be what is tested
        env.update({name: value for name, value in candidate.secrets.items() if value})
        if not candidate.secrets.get("WORDPRESS_PASSWORD") and self._env_wp_is_other_site(settings):
            env.pop("WORDPRESS_PASSWORD", None)  # the env password belongs to the env's site, not this one
        return Services(self.services.paths, settings, env)

    def _env_wp_is_other_site(self, settings: Settings) -> bool:
        env_site = self.services.env.get("WORDPRESS_URL", "")
        return bool(env_site) and env_site.rstrip("/") != settings.wordpress_url.rstrip("/")

    async def test(self, part: str, candidate: Candidate) -> list[CheckResult]:
        """Run one doctor part against the candidate values; results, never an exception."""
        trial = self.trial_services(candidate)
        try:
            return await run_part(trial, part)
        finally:
            await trial.aclose()

    # -- Save ------------------------------------------------------------------------------------
    def save(self, candidate: Candidate) -> Settings:
        """Store preferences (skipping env-overridden ones) and secrets; returns the new effective settings.

        Raises invalid_input for a value the schema refuses (nothing is saved), SecretsError when the
        keyring refuses a secret (the preferences are saved first, so a missing keyring does not lose
        the rest of the form).
        """
        updates = {k: v for k, v in candidate.updates.items() if not self.env_override(k)}
        # Validate first, so a refused value never lingers in memory (model_copy does not validate).
        try:
            self.stored = Settings.model_validate({**self.stored.model_dump(), **updates})
        except ValidationError as exc:
            first = exc.errors()[0]
            field_name = ".".join(str(part) for part in first["loc"]) or "?"
            raise PigmeuError(
                f"{field_name}: {first['msg']}.", code=ErrorCode.INVALID_INPUT, setting=field_name
            ) from None
        save_settings(self.services.paths.settings_file, self.stored)
        self.effective = load_effective(self.services.paths, self.services.env, read_dotenv=False)
        self.services.apply_settings(self.effective.settings)
        secrets = self.services.secrets
        self._stored_secret_cache.clear()
        for name, value in candidate.secrets.items():
            if not value or self.secret_in_env(name):
                continue
            if name == "WORDPRESS_PASSWORD":
                s = self.effective.settings
                secrets.set_wordpress_password(s.wordpress_url, s.wordpress_username, value)
            else:
                secrets.set(name, value)
        log.info("settings saved (%s)", ", ".join(sorted(updates)) or "no changes")
        return self.effective.settings
