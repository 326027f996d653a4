"""SDK clients per provider, created once and reused (connection pooling), closed with the drafter.

OpenAI and any OpenAI-compatible server (Ollama, LM Studio, vLLM) use the `openai` SDK; Groq uses the
`groq` SDK; Mistral uses the `openai` SDK against Mistral's OpenAI-compatible /v1 endpoint — one fewer
dependency (the `mistralai` package), and the same streaming, usage and error code paths as OpenAI.
The SDKs' own retries are switched off (max_retries=0): RetryPolicy owns retries, jitter and fallback.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import groq
import openai

from pigmeu_desktop.services.llm.config import ProviderConfig


@dataclass(frozen=True)
class Timeouts:
    """Seconds per phase of an SDK request. Each SDK gets them as its own `Timeout` object: the SDKs sit on
    different HTTP libraries (openai 3 on httpx2, groq on httpx) and each refuses the other's."""

    connect: float = 10.0
    read: float = 60.0
    write: float = 30.0
    pool: float = 10.0

    def for_sdk(self, sdk: Any) -> Any:
        return sdk.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)


DEFAULT_TIMEOUT = Timeouts()


def make_client(cfg: ProviderConfig, timeout: Timeouts = DEFAULT_TIMEOUT) -> Any:
    """A new SDK client: tens of milliseconds of CPU, much of it loading the CA bundle in C with the
    GIL held, so call it off the event loop (the drafter builds clients on its stream thread)."""
    # base_url is always explicit: otherwise the SDKs read OPENAI_BASE_URL/GROQ_BASE_URL from os.environ
    # behind our back, and the app's own env overrides (services.env) would not be the ones used.
    if cfg.name == "groq":
        return groq.AsyncGroq(
            api_key=cfg.api_key, base_url=cfg.base_url, max_retries=0, timeout=timeout.for_sdk(groq)
        )
    return openai.AsyncOpenAI(
        api_key=cfg.api_key, base_url=cfg.base_url, max_retries=0, timeout=timeout.for_sdk(openai)
    )


class ClientPool:
    """One SDK client per (provider, base URL, key); keys are held only inside the SDK objects."""

    def __init__(self, timeout: Timeouts = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._clients: dict[tuple[str, str, int], Any] = {}

    def get(self, cfg: ProviderConfig) -> Any:
        # hash() of the key, not the key, so a dump of this dict shows nothing secret.
        slot = (cfg.name, cfg.base_url, hash(cfg.api_key))
        client = self._clients.get(slot)
        if client is None:
            client = self._clients[slot] = make_client(cfg, self.timeout)
        return client

    async def aclose(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
