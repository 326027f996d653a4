"""The AI providers, in one table: name, key, endpoint, the settings field of its model, JSON mode."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Provider:
    name: str  # what settings, --provider and the fallback list say: "openai"
    label: str  # what the editor reads
    key_name: str  # the secret's name (keyring entry and environment variable)
    base_url: str  # the official endpoint
    base_url_env: str  # environment variable pointing it elsewhere (a local OpenAI-compatible server)
    model_field: str  # the Settings field holding its model
    json_mode: str  # how to ask for JSON unless a prompt says otherwise


# Mistral goes through the openai SDK against its OpenAI-compatible /v1 endpoint. Groq offers strict
# json_schema on a few models only; json_object works on all of them. The first is the default choice.
PROVIDER_TABLE: tuple[Provider, ...] = (
    Provider(
        "openai",
        "OpenAI",
        "OPENAI_API_KEY",
        "https://api.openai.com/v1",
        "OPENAI_BASE_URL",
        "openai_model",
        "json_schema",
    ),
    Provider(
        "groq", "Groq", "GROQ_API_KEY", "https://api.groq.com", "GROQ_BASE_URL", "groq_model", "json_object"
    ),
    Provider(
        "mistral",
        "Mistral",
        "MISTRAL_API_KEY",
        "https://api.mistral.ai/v1",
        "MISTRAL_BASE_URL",
        "mistral_model",
        "json_schema",
    ),
)
PROVIDERS: dict[str, Provider] = {p.name: p for p in PROVIDER_TABLE}

SKELETON = "skeleton"
# Words people use for "no AI, just the skeleton".
NO_PROVIDER = frozenset({"", "none", "off", SKELETON})

# The secrets of the providers, by name (environment variable and keyring entry).
PROVIDER_KEY_NAMES: tuple[str, ...] = tuple(p.key_name for p in PROVIDER_TABLE)
