"""AI drafting: OpenAI, Groq, Mistral and OpenAI-compatible servers behind one drafter."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, LLMError
from pigmeu_desktop.core.ports import Context
from pigmeu_desktop.paths import resources_dir
from pigmeu_desktop.services.llm.clients import ClientPool, Timeouts, make_client
from pigmeu_desktop.services.llm.config import key_lookup_for, provider_chain, provider_config
from pigmeu_desktop.services.llm.drafter import (
    NO_CHOICE,
    AIChoice,
    Attempt,
    Drafter,
    Generation,
    GenerationOptions,
)
from pigmeu_desktop.services.llm.errors import map_exception
from pigmeu_desktop.services.llm.pricing import PriceTable
from pigmeu_desktop.services.llm.prompts import LayeredDocuments, PromptLibrary, ResourceDocuments
from pigmeu_desktop.services.llm.retry import RetryPolicy
from pigmeu_desktop.services.llm.usecase import (
    draft_submission,
    generation_costs,
    generation_work,
    regenerate_section,
)

__all__ = [
    "NO_CHOICE",
    "AIChoice",
    "Attempt",
    "Drafter",
    "Generation",
    "GenerationOptions",
    "RetryPolicy",
    "check_provider",
    "create_drafter",
    "draft_submission",
    "generation_costs",
    "generation_work",
    "regenerate_section",
]

CHECK_TIMEOUT = Timeouts(connect=5.0, read=15.0, write=15.0, pool=15.0)


def price_table(services: Context) -> PriceTable:
    """Shipped prices, overridden by the editor's own llm_prices.json in the config folder."""
    return PriceTable.load(resources_dir() / "llm_prices.json", services.paths.config_dir / "llm_prices.json")


def prompt_library(services: Context) -> PromptLibrary:
    return PromptLibrary(LayeredDocuments(services.store, ResourceDocuments(resources_dir())))


def create_drafter(
    services: Context, *, retry: RetryPolicy | None = None, timeout: Timeouts | None = None
) -> Drafter:
    """The drafter app.py caches as `services.drafter`; settings and keys are read at each call,
    so changing the provider in Settings takes effect on the next draft."""
    keys = key_lookup_for(services)

    def chain(provider: str | None, model: str | None):
        return provider_chain(services.settings, services.env, keys, provider=provider, model=model)

    return Drafter(
        library=prompt_library(services),
        chain=chain,
        prices=price_table(services),
        retry=retry,
        clients=ClientPool(timeout) if timeout is not None else None,
    )


async def check_provider(services: Context, provider: str) -> dict[str, Any]:
    """One cheap authenticated call (list models) to prove the key and the server work.

    Raises LLMError: llm_auth (names the key, never its value), llm_rate_limited, llm_unavailable,
    timeout. Returns what `pigmeu doctor` prints.
    """
    # Off the event loop: the key may come from the OS keyring (D-Bus), and building a client is CPU.
    cfg = await asyncio.to_thread(
        provider_config, provider, services.settings, services.env, key_lookup_for(services)
    )
    client = await asyncio.to_thread(make_client, cfg, CHECK_TIMEOUT)
    started = time.perf_counter()
    try:
        page = await client.models.list()
        ids = [m.id for m in getattr(page, "data", None) or []]
    except LLMError:
        raise
    except Exception as exc:
        raise map_exception(exc, cfg) from exc
    finally:
        await client.close()
    if not isinstance(ids, list):  # pragma: no cover - defensive: a server answering nonsense
        raise LLMError(
            f"{cfg.name} answered the model list with something else.", code=ErrorCode.LLM_UNAVAILABLE
        )
    return {
        "provider": cfg.name,
        "base_url": cfg.base_url,
        "model": cfg.model,
        "key_name": cfg.key_name,
        "ok": True,
        "models": len(ids),
        # Some compatible servers list nothing; then we cannot tell, and say so with None.
        "model_listed": (cfg.model in ids) if ids else None,
        "latency_ms": round((time.perf_counter() - started) * 1000, 1),
    }
