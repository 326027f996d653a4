"""Prompt and content-schema documents (store first, shipped resources as fallback) and their rendering.

Templates are Jinja2 rendered in its sandbox: editors may change them from the UI, and a template must
not reach Python internals. Scraped book data goes in as JSON with `<`, `>` and `&` escaped, so a
description can never close the <book_data> block it sits in and pose as instructions.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import Template, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.models import BOOK_FACTS, Book, Draft
from pigmeu_desktop.core.review import LINE_FIELDS, SHORT_TEXT_FIELDS

log = logging.getLogger("pigmeu.llm")

PROMPTS = "prompts"
SCHEMAS = "content_schemas"
DEFAULT_LANGUAGE = "pt-BR"
MAX_DESCRIPTION_CHARS = 6000  # a runaway description must not blow the context window (or the bill)

# Book fields the model sees as facts. Cover URLs, local paths and scraper warnings are not facts.
FACT_FIELDS = tuple(name for name in BOOK_FACTS if name != "cover_url")

_env = ImmutableSandboxedEnvironment(autoescape=False, keep_trailing_newline=False)


@lru_cache(maxsize=128)
def _template(source: str) -> Template:
    """Compiled once per template text: compiling (parse + codegen + compile) costs ~100x a render.
    Keyed by the text itself, so an edited prompt simply compiles anew. Raises TemplateError."""
    return _env.from_string(source)


class PromptError(PigmeuError):
    """A prompt or schema document is missing or its template is broken."""

    default_code = ErrorCode.INVALID_INPUT


DocumentGetter = Callable[[str, str], Awaitable[dict[str, Any] | None]]
DocumentLister = Callable[[str], Awaitable[list[dict[str, Any]]]]


class ResourceDocuments:
    """The documents shipped in resources/ (what the store is seeded with)."""

    FOLDERS: ClassVar[dict[str, str]] = {PROMPTS: "prompts", SCHEMAS: "schemas"}

    def __init__(self, resources: Path) -> None:
        self.resources = Path(resources)
        self._cache: dict[str, list[dict[str, Any]]] = {}  # shipped files do not change while we run

    async def list_documents(self, collection: str) -> list[dict[str, Any]]:
        if collection not in self._cache:
            self._cache[collection] = await asyncio.to_thread(self._read, collection)  # file reads
        return [dict(d) for d in self._cache[collection]]

    def _read(self, collection: str) -> list[dict[str, Any]]:
        folder = self.resources / self.FOLDERS.get(collection, collection)
        docs = []
        for path in sorted(folder.glob("*.json")):
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as exc:
                log.error("shipped document %s is not JSON: %s", path, exc)
                continue
            if isinstance(doc, dict) and doc.get("_id"):
                docs.append(doc)
        return docs

    async def get_document(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        return next((d for d in await self.list_documents(collection) if d["_id"] == doc_id), None)


class LayeredDocuments:
    """The store's (editable, seeded) documents first; the shipped ones when the store lacks one."""

    def __init__(self, primary: Callable[[], Awaitable[Any]], fallback: ResourceDocuments) -> None:
        self._primary = primary
        self.fallback = fallback

    async def list_documents(self, collection: str) -> list[dict[str, Any]]:
        store = await self._primary()
        docs = {d["_id"]: d for d in await self.fallback.list_documents(collection)}
        docs.update({d["_id"]: d for d in await store.list_documents(collection) if d.get("_id")})
        return list(docs.values())

    async def get_document(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        store = await self._primary()
        return await store.get_document(collection, doc_id) or await self.fallback.get_document(
            collection, doc_id
        )


@dataclass(frozen=True)
class Section:
    key: str
    heading: str


@dataclass(frozen=True)
class Prompt:
    """A prompt document with typed accessors; unknown extra fields are kept in `doc`."""

    doc: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.doc["_id"])

    @property
    def version(self) -> int:
        return int(self.doc.get("version") or 1)

    @property
    def language(self) -> str:
        return str(self.doc.get("language") or DEFAULT_LANGUAGE)

    @property
    def schema_id(self) -> str:
        return str(self.doc.get("schema_id") or "book-review")

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        return tuple(Section(str(s["key"]), str(s["heading"])) for s in self.doc.get("sections") or ())

    @property
    def hints(self) -> dict[str, Any]:
        return dict(self.doc.get("model_hints") or {})

    @property
    def amazon_link_text(self) -> str:
        return str(self.doc.get("amazon_link_text") or "Amazon")

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def render(self, field: str, **context: Any) -> str:
        source = self.doc.get(field)
        if not isinstance(source, str):
            raise PromptError(f"Prompt '{self.id}' has no '{field}' template.", prompt_id=self.id)
        try:
            return (
                _template(source)
                .render(sections=[s.__dict__ for s in self.sections], language=self.language, **context)
                .strip()
            )
        except TemplateError as exc:  # includes the sandbox's SecurityError
            raise PromptError(
                f"Prompt '{self.id}' v{self.version}, template '{field}', cannot be rendered: {exc}",
                next_step="Fix the prompt template in Settings → Prompts, or restore the default.",
                prompt_id=self.id,
            ) from exc


def book_facts(book: Book) -> dict[str, Any]:
    """The scraped facts, without empty fields, as plain JSON values."""
    doc = book.to_doc()
    facts = {k: doc[k] for k in FACT_FIELDS if doc.get(k) not in (None, "", [], {})}
    if isinstance(facts.get("description"), str) and len(facts["description"]) > MAX_DESCRIPTION_CHARS:
        facts["description"] = facts["description"][:MAX_DESCRIPTION_CHARS] + "…"
    return facts


def data_json(value: Any) -> str:
    """JSON for a data block: `<`, `>`, `&` escaped so the text cannot close or open a tag."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def draft_for_context(draft: Draft) -> dict[str, Any]:
    return {k: getattr(draft, k) for k in (*SHORT_TEXT_FIELDS, *LINE_FIELDS)}


def review_messages(prompt: Prompt, book: Book) -> list[dict[str, str]]:
    facts = book_facts(book)
    ctx = {"book": facts, "book_json": data_json(facts)}
    return [
        {"role": "system", "content": prompt.render("system", **ctx)},
        {"role": "user", "content": prompt.render("user_template", **ctx)},
    ]


def section_messages(
    prompt: Prompt, book: Book, draft: Draft, section: Section, instructions: str | None
) -> list[dict[str, str]]:
    facts = book_facts(book)
    ctx = {
        "book": facts,
        "book_json": data_json(facts),
        "draft_json": data_json(draft_for_context(draft)),
        "section": section.__dict__,
        "instructions": (instructions or "").strip()[:1000],
    }
    return [
        {"role": "system", "content": prompt.render("system", **ctx)},
        {"role": "user", "content": prompt.render("section_template", **ctx)},
    ]


def repair_message(prompt: Prompt, errors: list[str]) -> dict[str, str]:
    text = "; ".join(errors[:8])
    if isinstance(prompt.doc.get("repair_template"), str):
        content = prompt.render("repair_template", errors=text)
    else:
        content = (
            f"Your previous answer is not valid: {text}. Answer again with the corrected JSON object only."
        )
    return {"role": "user", "content": content}


def _lang_key(language: str) -> str:
    return language.replace("_", "-").lower()


def choose_prompt(docs: list[dict[str, Any]], language: str, kind: str = "book_review") -> Prompt:
    """The newest prompt of `kind` in `language` (exact, then same base language, then the default)."""
    candidates = [d for d in docs if d.get("kind", kind) == kind and d.get("user_template")]
    if not candidates:
        raise PromptError(
            "No review prompt is installed.", next_step="Restore the default prompts in Settings."
        )
    want = _lang_key(language or DEFAULT_LANGUAGE)
    for match in (
        lambda d: _lang_key(str(d.get("language", ""))) == want,
        lambda d: _lang_key(str(d.get("language", ""))).split("-")[0] == want.split("-")[0],
        lambda d: _lang_key(str(d.get("language", ""))) == _lang_key(DEFAULT_LANGUAGE),
        lambda d: True,
    ):
        found = [d for d in candidates if match(d)]
        if found:
            return Prompt(max(found, key=lambda d: int(d.get("version") or 0)))
    raise AssertionError("unreachable")


class PromptLibrary:
    """Finds prompts and schemas in a document source (the store, or resources/ in tests).

    Collections are cached for `ttl` seconds: with three drafts streaming, every store round trip
    (a reader thread + the event loop) delays the others' tokens, and prompts change rarely.
    An edit from the Prompts dialog calls `invalidate()`; another instance's edit shows within `ttl`.
    """

    def __init__(
        self, documents: Any, *, ttl: float = 10.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.documents = documents
        self.ttl = ttl
        self.clock = clock
        self._cache: dict[str, tuple[float, list[dict[str, Any]]]] = {}

    def invalidate(self) -> None:
        self._cache.clear()

    async def _collection(self, collection: str) -> list[dict[str, Any]]:
        now = self.clock()
        hit = self._cache.get(collection)
        if hit is None or now - hit[0] > self.ttl:
            hit = self._cache[collection] = (now, await self.documents.list_documents(collection))
        return hit[1]

    async def prompt(self, *, prompt_id: str | None = None, language: str = DEFAULT_LANGUAGE) -> Prompt:
        if prompt_id:
            doc = next((d for d in await self._collection(PROMPTS) if d.get("_id") == prompt_id), None)
            if doc is None:
                raise PromptError(f"There is no prompt '{prompt_id}'.", prompt_id=prompt_id)
            return Prompt(doc)
        return choose_prompt(await self._collection(PROMPTS), language)

    async def schema(self, schema_id: str) -> dict[str, Any]:
        doc = next((d for d in await self._collection(SCHEMAS) if d.get("_id") == schema_id), None)
        if doc is None:
            raise PromptError(
                f"There is no content schema '{schema_id}'.",
                schema_id=schema_id,
                next_step="Restore the default content schemas in Settings.",
            )
        return doc
