"""SDK and transport exceptions → LLMError with a stable code; keys and key fragments never leak."""

from __future__ import annotations

import email.utils
import re
import time
from typing import Any

import groq
import httpx
import openai

from pigmeu_desktop.core.errors import ErrorCode, LLMError
from pigmeu_desktop.services.llm.config import ProviderConfig

_TIMEOUTS = (openai.APITimeoutError, groq.APITimeoutError, httpx.TimeoutException)
_CONNECTION = (openai.APIConnectionError, groq.APIConnectionError, httpx.TransportError)
_STATUS = (openai.APIStatusError, groq.APIStatusError)
# Provider messages sometimes quote part of the key ("Incorrect API key provided: sk-ab***yz").
_KEYLIKE = re.compile(r"\b(?:sk|gsk|pk|key)[-_][A-Za-z0-9*_\-.]{4,}", re.IGNORECASE)


def redact(text: str, cfg: ProviderConfig | None = None) -> str:
    if cfg is not None and cfg.api_key and len(cfg.api_key) >= 4:
        text = text.replace(cfg.api_key, "***")
    return _KEYLIKE.sub("***", text)


def retry_after_seconds(headers: Any) -> float | None:
    """Seconds the server asked us to wait: `retry-after-ms`, `retry-after` as seconds or an HTTP date."""
    if headers is None:
        return None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000.0)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(raw) if raw else None
        if parsed is None:
            return None
        return max(0.0, parsed.timestamp() - time.time())


def _server_message(exc: Exception, cfg: ProviderConfig) -> str:
    """The provider's own words (the SDK keeps the inner `error` object as `body`), redacted and short."""
    body = getattr(exc, "body", None)
    err = body.get("error", body) if isinstance(body, dict) else None
    message = err.get("message") if isinstance(err, dict) else ""
    return redact(str(message or ""), cfg)[:300]


def map_exception(exc: BaseException, cfg: ProviderConfig) -> LLMError:
    """Translate anything an SDK call raised into an LLMError (an LLMError passes through)."""
    if isinstance(exc, LLMError):
        return exc
    who = f"{cfg.name} ({cfg.model})"
    common = {"provider": cfg.name, "model": cfg.model}
    if isinstance(exc, _TIMEOUTS):
        return LLMError(f"{who} did not answer in time.", code=ErrorCode.TIMEOUT, **common)
    if isinstance(exc, _STATUS):
        status = exc.status_code
        if status in (401, 403):  # the key: wrong (401), or not allowed this model (403)
            message, step = (
                (
                    f"{cfg.name} refused the key {cfg.key_name} (401): it is wrong, revoked or for another account.",
                    f"Check {cfg.key_name} in Settings → AI provider.",
                )
                if status == 401
                else (
                    f"{cfg.name} says {cfg.key_name} may not use model {cfg.model} (403).",
                    f"Check {cfg.key_name}'s permissions or choose another model.",
                )
            )
            return LLMError(
                message,
                code=ErrorCode.LLM_AUTH,
                next_step=step,
                key_name=cfg.key_name,
                status=status,
                **common,
            )
        if status == 429:
            wait = retry_after_seconds(getattr(exc, "response", None) and exc.response.headers)
            return LLMError(
                f"{who} is rate limiting requests (429).",
                code=ErrorCode.LLM_RATE_LIMITED,
                retry_after=wait,
                status=status,
                **common,
            )
        if status >= 500 or status == 408:
            return LLMError(
                f"{who} failed with a server error ({status}).",
                code=ErrorCode.LLM_UNAVAILABLE,
                status=status,
                **common,
            )
        if status == 404:
            return LLMError(
                f"{cfg.name} does not know model '{cfg.model}' (404). {_server_message(exc, cfg)}".strip(),
                code=ErrorCode.INVALID_INPUT,
                next_step="Check the model name in Settings → AI provider.",
                status=status,
                **common,
            )
        return LLMError(
            f"{who} refused the request ({status}). {_server_message(exc, cfg)}".strip(),
            code=ErrorCode.INVALID_INPUT,
            next_step="Check the model and prompt settings; the provider's message says what it refused.",
            status=status,
            **common,
        )
    if isinstance(exc, _CONNECTION):
        return LLMError(
            f"The connection to {who} failed or was cut off.",
            code=ErrorCode.LLM_UNAVAILABLE,
            reason=type(exc).__name__,
            **common,
        )
    if isinstance(exc, (openai.APIError, groq.APIError)):  # e.g. an error event inside the SSE stream
        return LLMError(
            f"{who} reported an error: {redact(str(exc), cfg)[:300]}",
            code=ErrorCode.LLM_UNAVAILABLE,
            **common,
        )
    return LLMError(
        f"Unexpected failure talking to {who}: {type(exc).__name__}.",
        code=ErrorCode.LLM_UNAVAILABLE,
        **common,
    )
