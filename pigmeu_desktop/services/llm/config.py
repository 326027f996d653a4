"""Which providers to use and how to reach them: model, base URL and key per provider, fallback order."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, LLMError, PigmeuError
from pigmeu_desktop.core.ports import Context
from pigmeu_desktop.core.providers import NO_PROVIDER, PROVIDERS, SKELETON

log = logging.getLogger("pigmeu.llm")

# The table of providers lives in core/providers.py; re-exported here for the LLM package.
__all__ = ["NO_PROVIDER", "PROVIDERS", "SKELETON", "ProviderConfig", "provider_chain", "provider_config"]

# A local OpenAI-compatible server (Ollama, LM Studio, vLLM) usually needs no key, but the SDK wants one.
LOCAL_PLACEHOLDER_KEY = "not-needed"


@dataclass(frozen=True)
class ProviderConfig:
    """Everything needed to call one provider. `repr` never shows the key."""

    name: str
    model: str
    base_url: str
    key_name: str
    api_key: str = ""

    def __repr__(self) -> str:
        return f"ProviderConfig(name={self.name!r}, model={self.model!r}, base_url={self.base_url!r})"

    __str__ = __repr__


KeyLookup = Callable[[str], str | None]


def key_lookup_for(services: Context) -> KeyLookup:
    """Keys: the environment first (it overrides), then the OS keyring through services.secrets."""

    def lookup(name: str) -> str | None:
        value = (services.env or {}).get(name)
        if value:
            return value
        try:
            return services.secrets.get(name) or None
        except PigmeuError as exc:  # no keyring: the key is simply unknown, and we say why in the log
            log.warning("cannot read %s from the keyring: %s", name, exc.code)
            return None

    return lookup


def provider_config(
    name: str,
    settings: Any,
    env: Mapping[str, str],
    keys: KeyLookup,
    *,
    model: str | None = None,
) -> ProviderConfig:
    """The config of one provider; raises llm_auth naming the key when it is missing."""
    name = name.strip().lower()
    if name not in PROVIDERS:
        raise LLMError(
            f"Unknown AI provider '{name}'. Use one of: {', '.join(PROVIDERS)}.",
            code=ErrorCode.INVALID_INPUT,
            next_step=f"Choose {', '.join(PROVIDERS)} in Settings → AI provider.",
        )
    entry = PROVIDERS[name]
    key_name, default_url, url_env, model_field = (
        entry.key_name,
        entry.base_url,
        entry.base_url_env,
        entry.model_field,
    )
    base_url = env.get(url_env) or ""
    if name == "openai":
        base_url = getattr(settings, "openai_base_url", "") or base_url
    base_url = (base_url or default_url).rstrip("/")
    key = keys(key_name) or ""
    if not key:
        if base_url != default_url:
            key = LOCAL_PLACEHOLDER_KEY
        else:
            raise LLMError(
                f"{key_name} is not set, so {name} cannot be used.",
                code=ErrorCode.LLM_AUTH,
                next_step=f"Set {key_name} in Settings → AI provider (or in the environment).",
                provider=name,
                key_name=key_name,
            )
    chosen_model = model or getattr(settings, model_field, "") or ""
    return ProviderConfig(name=name, model=chosen_model, base_url=base_url, key_name=key_name, api_key=key)


def configured(name: str, settings: Any, env: Mapping[str, str], keys: KeyLookup) -> bool:
    try:
        provider_config(name, settings, env, keys)
    except PigmeuError:
        return False
    return True


def provider_chain(
    settings: Any,
    env: Mapping[str, str],
    keys: KeyLookup,
    *,
    provider: str | None = None,
    model: str | None = None,
) -> list[ProviderConfig]:
    """Providers to try, in order; empty means "no provider configured" (skeleton draft).

    An explicit `provider` (CLI --provider) must work or fail loudly; the settings' `llm_provider`
    likewise. With neither, the first provider that has a key is used. The fallback list only adds
    providers that are configured, so an unset fallback never turns a real error into llm_auth.
    """
    wanted = (provider if provider is not None else getattr(settings, "llm_provider", "")) or ""
    wanted = wanted.strip().lower()
    if wanted in NO_PROVIDER and wanted:
        return []  # explicitly asked for the skeleton ("skeleton", "none", "off")
    if not wanted:
        wanted = next((name for name in PROVIDERS if configured(name, settings, env, keys)), "")
        if not wanted:
            return []
    chain = [provider_config(wanted, settings, env, keys, model=model)]
    for name in getattr(settings, "llm_fallback", []) or []:
        name = name.strip().lower()
        if (
            name in PROVIDERS
            and name not in {c.name for c in chain}
            and configured(name, settings, env, keys)
        ):
            chain.append(provider_config(name, settings, env, keys))
    return chain
