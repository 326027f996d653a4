"""The drafter: prompt → provider (retries, one repair, fallback) → validated, link-safe, grounded Draft.

This is the lower-level API: it takes a Book and returns a Generation, streaming text to `AIChoice.on_token`.
The use cases in usecase.py turn that into a submission's draft and revision.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pigmeu_desktop.core.errors import ErrorCode, LLMError, PigmeuError
from pigmeu_desktop.core.models import Book, Draft, Usage, utcnow
from pigmeu_desktop.core.providers import PROVIDERS
from pigmeu_desktop.core.review import DRAFT_FIELDS
from pigmeu_desktop.core.review import SHORT_TEXT_FIELDS as TEXT_FIELDS
from pigmeu_desktop.services.llm import links
from pigmeu_desktop.services.llm.chat import ChatResult, TokenCallback, stream_chat
from pigmeu_desktop.services.llm.clients import ClientPool
from pigmeu_desktop.services.llm.config import ProviderConfig
from pigmeu_desktop.services.llm.errors import map_exception
from pigmeu_desktop.services.llm.grounding import ungrounded_facts
from pigmeu_desktop.services.llm.pricing import PriceTable
from pigmeu_desktop.services.llm.prompts import (
    Prompt,
    PromptLibrary,
    Section,
    repair_message,
    review_messages,
    section_messages,
)
from pigmeu_desktop.services.llm.retry import RetryPolicy
from pigmeu_desktop.services.llm.schema import SECTION_SCHEMA, draft_errors, response_format
from pigmeu_desktop.services.llm.sections import clean_section_text, find_section, replace_section
from pigmeu_desktop.services.llm.skeleton import skeleton_draft
from pigmeu_desktop.services.llm.slugs import slugify
from pigmeu_desktop.services.llm.stream_thread import StreamThread

log = logging.getLogger("pigmeu.llm")

MAX_RAW_KEPT = 50_000

ChainFn = Callable[[str | None, str | None], list[ProviderConfig]]


@dataclass(frozen=True)
class Attempt:
    """A new request is starting: the GUI clears the text it was growing (a retry, repair or fallback)."""

    provider: str
    model: str
    reason: str  # "start", "retry", "repair", "fallback"


AttemptCallback = Callable[[Attempt], None]


@dataclass(frozen=True)
class AIChoice:
    """Which AI writes (None: the chain Settings configure) and who hears its tokens and its retries."""

    provider: str | None = None
    model: str | None = None
    on_token: TokenCallback | None = None
    on_attempt: AttemptCallback | None = None


NO_CHOICE = AIChoice()  # the chain Settings configure, and nobody listening but the progress messages


@dataclass(frozen=True)
class GenerationOptions:
    """What a generation needs besides the book: the Amazon page its links must point to, the prompt's
    language, and the AI."""

    amazon_url: str
    asin: str
    language: str = "pt-BR"
    ai: AIChoice = NO_CHOICE


@dataclass
class Generation:
    draft: Draft  # usage = what this generation cost (all its calls), not the submission's running total
    raw_text: str
    repaired: bool = False
    removed_links: list[str] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)  # providers that failed before this one


@dataclass
class _Checked:
    value: dict[str, Any] | None
    errors: list[str]
    removed: list[str] = field(default_factory=list)


def _loads_object(text: str) -> tuple[dict[str, Any], list[str]]:
    """The answer's JSON object, or an empty one and why it is not usable."""
    stripped = text.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", stripped, re.DOTALL)  # some models fence JSON anyway
    if fenced:
        stripped = fenced.group(1)
    try:
        data = json.loads(stripped)
    except ValueError as exc:
        return {}, [
            f"the answer is not valid JSON ({getattr(exc, 'msg', exc)} at character {getattr(exc, 'pos', '?')})"
        ]
    if not isinstance(data, dict):
        return {}, ["the answer must be one JSON object"]
    return data, []


def _string_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [links.strip_urls_plain(str(v)) for v in value if str(v).strip()]
    return value


def _demote_headings(text: str) -> str:
    """A rewritten section must not add `## ` sections of its own (that would break the structure)."""
    return re.sub(r"^##(?=[ \t])", "###", text, flags=re.MULTILINE)


class Drafter:
    """Shared by every draft job; holds the SDK clients (closed by aclose()).

    Nothing CPU-heavy runs on the caller's event loop (the GUI's): the SDK streams run on a worker
    thread's loop (see stream_thread.py), and prompt rendering, validation, link cleaning and the
    grounding check run in `asyncio.to_thread`. The loop only awaits and receives tokens.
    """

    def __init__(
        self,
        *,
        library: PromptLibrary,
        chain: ChainFn,
        prices: PriceTable,
        retry: RetryPolicy | None = None,
        clients: ClientPool | None = None,
    ) -> None:
        self.library = library
        self.chain = chain
        self.prices = prices
        self.retry = retry or RetryPolicy()
        self.clients = clients or ClientPool()  # used only on the stream thread's loop
        self.streams = StreamThread()

    async def aclose(self) -> None:
        await self.streams.aclose(self.clients.aclose)

    # public API ------------------------------------------------------------------------------------
    async def generate(
        self,
        book: Book,
        options: GenerationOptions,
        *,
        prompt_id: str | None = None,
    ) -> Generation:
        """A whole review draft; with no provider configured, the skeleton draft."""
        prompt = await self.library.prompt(prompt_id=prompt_id, language=options.language)
        chain = await self._resolve_chain(options.ai)
        if not chain:
            draft = await asyncio.to_thread(skeleton_draft, book, options.amazon_url, prompt)
            return Generation(draft=draft, raw_text="")
        schema_doc = await self.library.schema(prompt.schema_id)
        messages = await asyncio.to_thread(review_messages, prompt, book)

        def check(text: str) -> _Checked:
            return self._check_review(text, prompt, schema_doc, options.amazon_url, options.asin)

        async def run(cfg: ProviderConfig, reason: str) -> Generation:
            fmt = response_format(self._json_mode(prompt, cfg), schema_doc)
            value, raw, usage, repaired, removed = await self._complete(
                cfg, prompt, messages, fmt, check, options.ai, reason
            )
            draft = await asyncio.to_thread(
                self._grounded,
                lambda: Draft(**value, **self._provenance(cfg, prompt, usage, schema_doc)),
                book,
                prompt,
            )
            return Generation(draft=draft, raw_text=raw, repaired=repaired, removed_links=removed)

        return await self._with_fallback(chain, run)

    async def rewrite_section(
        self,
        book: Book,
        draft: Draft,
        section_key: str,
        options: GenerationOptions,
        *,
        instructions: str | None = None,
    ) -> Generation:
        """Regenerate one body section (by key, e.g. "verdict") or one text field; keep everything else."""
        prompt = (
            await self.library.prompt(prompt_id=draft.prompt_id, language=options.language)
            if draft.prompt_id
            else await self.library.prompt(language=options.language)
        )
        section = prompt.section(section_key)
        if section is None and section_key in TEXT_FIELDS:
            section = Section(section_key, section_key)
        if section is None:
            keys = [s.key for s in prompt.sections] + list(TEXT_FIELDS)
            raise PigmeuError(
                f"There is no section '{section_key}'. Known: {', '.join(keys)}.",
                code=ErrorCode.INVALID_INPUT,
            )
        if section_key not in TEXT_FIELDS and find_section(draft.body_markdown, section.heading) is None:
            raise PigmeuError(
                f"The draft has no '## {section.heading}' section to regenerate.",
                code=ErrorCode.INVALID_INPUT,
                next_step="Restore the section heading in the editor, or regenerate the whole draft.",
            )
        chain = await self._resolve_chain(options.ai)
        if not chain:
            raise LLMError(
                "No AI provider is configured, so a section cannot be regenerated.",
                code=ErrorCode.LLM_AUTH,
                next_step="Set an API key in Settings → AI provider.",
            )
        schema_doc = await self.library.schema(prompt.schema_id)
        messages = await asyncio.to_thread(section_messages, prompt, book, draft, section, instructions)
        before = set(await asyncio.to_thread(draft_errors, self._as_doc(draft), schema_doc, prompt.sections))

        def check(text: str) -> _Checked:
            data, errors = _loads_object(text)
            if errors:
                return _Checked(None, errors)
            new = data.get("markdown")
            if not isinstance(new, str) or not new.strip():
                return _Checked(None, ['the answer needs a non-empty "markdown" string'])
            doc = self._as_doc(draft)
            removed: list[str] = []
            if section_key in TEXT_FIELDS:
                doc[section_key] = links.strip_urls_plain(new)
            else:
                new, removed = links.strip_foreign_links(
                    clean_section_text(new, section.heading), amazon_url=options.amazon_url, asin=options.asin
                )
                span = find_section(doc["body_markdown"], section.heading)
                assert span is not None  # checked before the call: the section is in the body
                body = replace_section(doc["body_markdown"], span, _demote_headings(new))
                doc["body_markdown"] = links.ensure_amazon_link(
                    body, options.amazon_url, prompt.amazon_link_text
                )
            after = draft_errors(doc, schema_doc, prompt.sections)
            return _Checked(doc, [e for e in after if e not in before], removed)

        async def run(cfg: ProviderConfig, reason: str) -> Generation:
            fmt = response_format(self._json_mode(prompt, cfg), SECTION_SCHEMA, name="section")
            value, raw, usage, repaired, removed = await self._complete(
                cfg, prompt, messages, fmt, check, options.ai, reason
            )
            # A skeleton stays "needs writing" until the editor (or a whole new draft) fills every section.
            provenance = {
                **self._provenance(cfg, prompt, usage, schema_doc),
                "needs_writing": draft.needs_writing,
            }
            updated = await asyncio.to_thread(
                self._grounded, lambda: draft.model_copy(update={**value, **provenance}), book, prompt
            )
            return Generation(draft=updated, raw_text=raw, repaired=repaired, removed_links=removed)

        return await self._with_fallback(chain, run)

    # internals -------------------------------------------------------------------------------------
    async def _resolve_chain(self, ai: AIChoice) -> list[ProviderConfig]:
        # Key lookups may reach the OS keyring (a D-Bus round trip per key): keep them off the event loop.
        return await asyncio.to_thread(self.chain, ai.provider, ai.model)

    async def _with_fallback(self, chain: list[ProviderConfig], run: Callable[..., Any]) -> Generation:
        failures: list[dict[str, str]] = []
        primary: LLMError | None = None
        for i, cfg in enumerate(chain):
            try:
                generation = await run(cfg, "start" if i == 0 else "fallback")
            except LLMError as exc:
                failures.append({"provider": cfg.name, "model": cfg.model, "code": str(exc.code)})
                primary = primary or exc
                if i + 1 < len(chain):
                    log.warning("%s failed (%s); falling back to %s", cfg.name, exc.code, chain[i + 1].name)
                continue
            generation.failures = failures
            return generation
        assert primary is not None
        if len(failures) > 1:
            primary.details["tried"] = failures
            others = ", ".join(f"{f['provider']}: {f['code']}" for f in failures[1:])
            primary.message = f"{primary.message} (fallback also failed: {others})"
            primary.args = (primary.message,)
        raise primary

    async def _complete(
        self,
        cfg: ProviderConfig,
        prompt: Prompt,
        messages: list[dict[str, str]],
        fmt: dict[str, Any] | None,
        check: Callable[[str], _Checked],
        ai: AIChoice,
        reason: str,
    ) -> tuple[dict[str, Any], str, Usage, bool, list[str]]:
        """One answer that passes `check`: a call (with retries), and one repair call if it does not."""
        hints = prompt.hints
        tokens = [0, 0]

        async def call(msgs: list[dict[str, str]], why: str) -> ChatResult:
            tries = 0

            async def once() -> ChatResult:
                nonlocal tries
                tries += 1
                if ai.on_attempt is not None:
                    ai.on_attempt(Attempt(cfg.name, cfg.model, why if tries == 1 else "retry"))

                async def stream(emit: TokenCallback) -> ChatResult:  # runs on the stream thread
                    return await stream_chat(
                        self.clients.get(cfg),
                        cfg,
                        msgs,
                        response_format=fmt,
                        temperature=hints.get("temperature"),
                        max_tokens=hints.get("max_tokens"),
                        on_token=emit,
                    )

                return await self.streams.run(
                    stream, ai.on_token, on_callback_error=lambda exc: map_exception(exc, cfg)
                )

            result = await self.retry.run(once)
            tokens[0] += result.input_tokens
            tokens[1] += result.output_tokens
            return result

        first = await call(messages, reason)
        checked = await asyncio.to_thread(check, first.text)
        if not checked.errors and checked.value is not None:
            return checked.value, first.text, self._usage(cfg, tokens), False, checked.removed
        log.info("%s answer invalid (%s); one repair attempt", cfg.name, "; ".join(checked.errors[:3]))
        repair = [
            *messages,
            {"role": "assistant", "content": first.text[:MAX_RAW_KEPT]},
            repair_message(prompt, checked.errors),
        ]
        second = await call(repair, "repair")
        checked = await asyncio.to_thread(check, second.text)
        if not checked.errors and checked.value is not None:
            return checked.value, second.text, self._usage(cfg, tokens), True, checked.removed
        usage = self._usage(cfg, tokens)
        raise LLMError(
            f"{cfg.name} ({cfg.model}) did not return a valid draft, even after a repair attempt: {checked.errors[0]}.",
            code=ErrorCode.LLM_BAD_OUTPUT,
            provider=cfg.name,
            model=cfg.model,
            errors=checked.errors[:10],
            raw_output=second.text[:MAX_RAW_KEPT],
            usage=usage.to_doc(),
        )

    def _check_review(
        self, text: str, prompt: Prompt, schema_doc: dict[str, Any], amazon_url: str, asin: str
    ) -> _Checked:
        data, errors = _loads_object(text)
        if errors:
            return _Checked(None, errors)
        # The shape is ours: unknown keys (an injected "link" field, say) are dropped, not obeyed.
        value = {k: data[k] for k in DRAFT_FIELDS if k in data}
        for key in TEXT_FIELDS:
            if isinstance(value.get(key), str):
                value[key] = links.strip_urls_plain(value[key])
        for key in ("tags", "categories"):
            if key in value:
                value[key] = _string_list(value[key])
        if isinstance(value.get("slug"), str) or isinstance(value.get("title"), str):
            value["slug"] = slugify(str(value.get("slug") or value.get("title")))[:90].strip("-")
        removed: list[str] = []
        if isinstance(value.get("body_markdown"), str):
            body, removed = links.strip_foreign_links(
                value["body_markdown"], amazon_url=amazon_url, asin=asin
            )
            value["body_markdown"] = links.ensure_amazon_link(body, amazon_url, prompt.amazon_link_text)
        return _Checked(value, draft_errors(value, schema_doc, prompt.sections), removed)

    def _json_mode(self, prompt: Prompt, cfg: ProviderConfig) -> str:
        modes = prompt.hints.get("response_format") or {}
        return str(
            modes.get(cfg.name) or (PROVIDERS[cfg.name].json_mode if cfg.name in PROVIDERS else "json_object")
        )

    def _usage(self, cfg: ProviderConfig, tokens: list[int]) -> Usage:
        return Usage(
            input_tokens=tokens[0],
            output_tokens=tokens[1],
            cost_usd=self.prices.cost(cfg.name, cfg.model, tokens[0], tokens[1]),
        )

    @staticmethod
    def _provenance(
        cfg: ProviderConfig, prompt: Prompt, usage: Usage, schema_doc: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "provider": cfg.name,
            "model": cfg.model,
            "prompt_id": prompt.id,
            "prompt_version": prompt.version,
            "schema_id": str(schema_doc.get("_id") or prompt.schema_id),
            "schema_version": int(schema_doc.get("version") or 1),
            "usage": usage,
            "generated_at": utcnow(),
            "needs_writing": False,
        }

    def _grounded(self, make: Callable[[], Draft], book: Book, prompt: Prompt) -> Draft:
        """The draft built by `make` (pydantic validation), with its grounding check: worker-thread work."""
        draft = make()
        draft.ungrounded = ungrounded_facts(draft, book, ignore=self._vocabulary(prompt))
        return draft

    @staticmethod
    def _as_doc(draft: Draft) -> dict[str, Any]:
        return {k: getattr(draft, k) for k in DRAFT_FIELDS}

    @staticmethod
    def _vocabulary(prompt: Prompt) -> list[str]:
        return [prompt.amazon_link_text, *(s.heading for s in prompt.sections)]
