"""One streamed chat completion: tokens to a callback as they arrive, usage at the end, errors mapped."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, LLMError
from pigmeu_desktop.services.llm.config import PROVIDERS, ProviderConfig
from pigmeu_desktop.services.llm.errors import map_exception

TokenCallback = Callable[[str], None]
"""Receives each piece of generated text as the provider sends it (the GUI shows the draft growing)."""


@dataclass(frozen=True)
class ChatResult:
    text: str
    input_tokens: int
    output_tokens: int
    finish_reason: str | None
    usage_reported: bool  # False when the server sent no usage and the counts are estimates
    elapsed: float


def _estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4)  # ~4 characters per token: only used when the server reports nothing


def request_kwargs(
    cfg: ProviderConfig,
    messages: list[dict[str, str]],
    *,
    response_format: dict[str, Any] | None,
    temperature: float | None,
    max_tokens: int | None,
) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"model": cfg.model, "messages": messages, "stream": True}
    if response_format is not None:
        kwargs["response_format"] = response_format
    if temperature is not None:
        kwargs["temperature"] = temperature
    if max_tokens:
        # OpenAI's own API deprecated max_tokens (reasoning models refuse it); compatible servers want it.
        official_openai = cfg.name == "openai" and cfg.base_url == PROVIDERS["openai"].base_url
        kwargs["max_completion_tokens" if official_openai else "max_tokens"] = max_tokens
    if cfg.name == "openai":
        # Usage arrives in a last chunk only when asked; Groq (x_groq.usage) and Mistral send it anyway,
        # and Mistral rejects unknown fields, so the option goes to OpenAI-compatible servers only.
        kwargs["stream_options"] = {"include_usage": True}
    return kwargs


async def stream_chat(
    client: Any,
    cfg: ProviderConfig,
    messages: list[dict[str, str]],
    *,
    response_format: dict[str, Any] | None = None,
    temperature: float | None = None,
    max_tokens: int | None = None,
    on_token: TokenCallback | None = None,
) -> ChatResult:
    """Stream one completion. Cancelling the awaiting task closes the HTTP response (`async with`)."""
    kwargs = request_kwargs(
        cfg, messages, response_format=response_format, temperature=temperature, max_tokens=max_tokens
    )
    started = time.perf_counter()
    parts: list[str] = []
    usage: Any = None
    finish: str | None = None
    try:
        stream = await client.chat.completions.create(**kwargs)
        async with stream:
            async for chunk in stream:
                chunk_usage = getattr(chunk, "usage", None)
                if chunk_usage is None:
                    x_groq = getattr(chunk, "x_groq", None)
                    chunk_usage = getattr(x_groq, "usage", None) if x_groq is not None else None
                if chunk_usage is not None:
                    usage = chunk_usage
                for choice in chunk.choices or ():
                    delta = choice.delta.content if choice.delta is not None else None
                    if delta:
                        parts.append(delta)
                        if on_token is not None:
                            on_token(delta)
                    if choice.finish_reason:
                        finish = choice.finish_reason
    except LLMError:
        raise
    except Exception as exc:
        raise map_exception(exc, cfg) from exc
    text = "".join(parts)
    if finish is None:
        # The body ended cleanly but the model never said it was done: treat it as a cut connection.
        raise LLMError(
            f"The answer from {cfg.name} ({cfg.model}) stopped before the end.",
            code=ErrorCode.LLM_UNAVAILABLE,
            provider=cfg.name,
            model=cfg.model,
        )
    input_tokens = getattr(usage, "prompt_tokens", None) if usage is not None else None
    output_tokens = getattr(usage, "completion_tokens", None) if usage is not None else None
    reported = input_tokens is not None and output_tokens is not None
    if not reported:
        input_tokens = sum(_estimate_tokens(m.get("content") or "") for m in messages)
        output_tokens = _estimate_tokens(text)
    return ChatResult(
        text, int(input_tokens), int(output_tokens), finish, reported, time.perf_counter() - started
    )
