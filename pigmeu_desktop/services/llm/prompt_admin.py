"""Editing prompts and content schemas: validated saves as new versions, history, diff, restore, reset.

The one place these use cases live: the Settings → Prompts page and `pigmeu prompts` both call it.
Nothing is ever overwritten: every save is inserted as `<id>@v<n>` in a versions collection (an insert
that fails if a teammate saved that number first), then the current document in `prompts` /
`content_schemas` (what drafting and the Pigmeu server read) is replaced by the new version.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from jinja2 import TemplateError, TemplateSyntaxError, meta
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from jsonschema.validators import validator_for

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError, StoreConflict
from pigmeu_desktop.core.models import Author, Book, Draft, Price, utcnow
from pigmeu_desktop.core.ports import SubmissionStore
from pigmeu_desktop.core.review import Hunk, diff_text, hunk_lines
from pigmeu_desktop.services.llm.prompts import (
    PROMPTS,
    SCHEMAS,
    Prompt,
    ResourceDocuments,
    _env,
    repair_message,
    review_messages,
    section_messages,
)
from pigmeu_desktop.services.llm.schema import json_schema_of

log = logging.getLogger("pigmeu.llm")

Kind = Literal["prompt", "schema"]
COLLECTIONS: dict[str, str] = {"prompt": PROMPTS, "schema": SCHEMAS}
VERSIONS: dict[str, str] = {"prompt": "prompt_versions", "schema": "content_schema_versions"}
SHIPPED_AUTHOR = "pigmeu (shipped default)"
# Bookkeeping fields this module writes on a current document; never part of what an editor changes.
META_FIELDS = ("version", "updated_at", "updated_by", "origin", "shipped_version", "note")

# The templates of a prompt document, and the variables each is rendered with (prompts.py builds them).
TEMPLATE_FIELDS = ("system", "user_template", "section_template", "repair_template")
_COMMON = ("sections", "language")
_BOOK = ("book", "book_json")
_SECTION = ("draft_json", "section", "instructions")
TEMPLATE_VARIABLES: dict[str, tuple[str, ...]] = {
    # The system text is sent with both kinds of request: the section variables are empty in a whole draft.
    "system": _BOOK + _COMMON + _SECTION,
    "user_template": _BOOK + _COMMON,
    "section_template": _BOOK + _SECTION + _COMMON,
    "repair_template": ("errors", *_COMMON),
}
REQUIRED_TEMPLATES = ("system", "user_template")

# Rendered with every template on save: the sandbox refuses what a template may not do only when it runs.
SAMPLE_BOOK = Book(
    title="Sample <Book> & Co.",
    subtitle="A subtitle",
    authors=[Author(name="Ana Autora", role="Author")],
    isbn10="8535914846",
    isbn13="9788535914849",
    publisher="Publisher",
    publication_date=date(2020, 1, 31),
    language="Português",
    pages=200,
    price=Price(amount=Decimal("49.90"), currency="BRL"),
    rating=4.5,
    rating_count=100,
    description="A description.",
    categories=["Fiction"],
)


class PromptInvalid(PigmeuError):
    """A prompt document or one of its templates cannot be used; nothing was saved."""

    default_code = ErrorCode.PROMPT_INVALID


class SchemaInvalid(PigmeuError):
    """A content schema is not a valid JSON Schema; nothing was saved."""

    default_code = ErrorCode.SCHEMA_INVALID


@dataclass(frozen=True)
class DocumentInfo:
    """One prompt or schema as the list shows it."""

    kind: Kind
    id: str
    name: str
    version: int
    language: str
    updated_by: str
    updated_at: str
    is_default: bool  # its content equals the shipped default
    doc: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class VersionEntry:
    """One saved version: who, when, why, and the whole document as it was."""

    kind: Kind
    doc_id: str
    version: int
    author: str
    at: str
    note: str
    doc: dict[str, Any] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.doc_id,
            "version": self.version,
            "author": self.author,
            "at": self.at,
            "note": self.note,
        }


@dataclass(frozen=True)
class FieldDiff:
    """A part of the document that differs between two versions, as line hunks."""

    field: str
    hunks: tuple[Hunk, ...]


def content_of(doc: dict[str, Any]) -> dict[str, Any]:
    """What an editor changes: the document without this module's bookkeeping."""
    return {k: v for k, v in doc.items() if k not in META_FIELDS}


def _now() -> str:
    return utcnow().isoformat(timespec="seconds")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=2, default=str)


# -- validation ------------------------------------------------------------------------------------


def check_template(field_name: str, source: Any) -> None:
    """Refuse a template that does not parse, uses an unknown variable, or fails in the sandbox."""
    if not isinstance(source, str):
        raise PromptInvalid(f"The template '{field_name}' must be text.", field=field_name)
    allowed = TEMPLATE_VARIABLES.get(field_name, _BOOK + _COMMON + _SECTION + ("errors",))
    try:
        unknown = sorted(meta.find_undeclared_variables(_env.parse(source)) - set(allowed))
    except TemplateSyntaxError as exc:
        raise PromptInvalid(
            f"The template '{field_name}' has a syntax error on line {exc.lineno}: {exc.message}",
            next_step="Fix the Jinja2 syntax on that line ({{ variable }}, {% if %}…{% endif %}).",
            field=field_name,
            line=exc.lineno,
        ) from None
    if unknown:
        raise PromptInvalid(
            f"The template '{field_name}' uses unknown variables: {', '.join(unknown)}.",
            next_step=f"Use only the variables listed for this template: {', '.join(allowed)}.",
            field=field_name,
        )


def _render_all(doc: dict[str, Any]) -> None:
    """Render every template as drafting will, with a sample book (raises PromptError → PromptInvalid)."""
    from pigmeu_desktop.services.llm.prompts import PromptError, Section

    prompt = Prompt(doc)
    try:
        review_messages(prompt, SAMPLE_BOOK)
        section = prompt.sections[0] if prompt.sections else Section("introduction", "Introduction")
        if isinstance(doc.get("section_template"), str):
            section_messages(prompt, SAMPLE_BOOK, Draft(title="t", body_markdown="b"), section, "shorter")
        repair_message(prompt, ["title is too long"])
    except (PromptError, TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        # Template errors arrive as PromptError; a loop over a number, a bad filter argument and the
        # like escape the sandbox's error type but are the template's fault all the same.
        message = getattr(exc, "message", None) or f"A template cannot be rendered: {exc}"
        field_name = next((f for f in TEMPLATE_FIELDS if f"'{f}'" in message), None)
        raise PromptInvalid(
            message,
            next_step="The template may only read the listed variables and call no Python code; "
            "fix it, or restore an earlier version.",
            field=field_name,
        ) from None


def validate_prompt(doc: Any, schema_ids: Iterable[str] | None = None) -> None:
    """Raise PromptInvalid (with the field and a next step) unless drafting can use `doc`."""
    if not isinstance(doc, dict) or not doc.get("_id"):
        raise PromptInvalid('A prompt must be a JSON object with an "_id".')
    for name in REQUIRED_TEMPLATES:
        if not isinstance(doc.get(name), str) or not doc[name].strip():
            raise PromptInvalid(f"The template '{name}' is missing or empty.", field=name)
    for name in TEMPLATE_FIELDS:
        if name in doc:
            check_template(name, doc[name])
    sections = doc.get("sections")
    if not isinstance(sections, list) or not sections:
        raise PromptInvalid(
            "The prompt needs a list of sections, each with a key and a heading.", field="sections"
        )
    keys = [s.get("key") if isinstance(s, dict) else None for s in sections]
    headings = [s.get("heading") if isinstance(s, dict) else None for s in sections]
    if not all(isinstance(v, str) and v.strip() for v in keys + headings) or len(set(keys)) != len(keys):
        raise PromptInvalid("Each section needs a unique key and a heading (text).", field="sections")
    if "model_hints" in doc and not isinstance(doc["model_hints"], dict):
        raise PromptInvalid("model_hints must be a JSON object.", field="model_hints")
    if schema_ids is not None:
        schema_id = str(doc.get("schema_id") or "book-review")
        if schema_id not in set(schema_ids):
            raise PromptInvalid(
                f"The prompt names the content schema '{schema_id}', which does not exist.",
                next_step='Name an existing content schema in "schema_id" (see `pigmeu prompts list`).',
                field="schema_id",
            )
    _render_all(doc)


def validate_schema(doc: Any) -> None:
    """Raise SchemaInvalid unless `doc` is a JSON Schema for an object (what a draft is)."""
    if not isinstance(doc, dict) or not doc.get("_id"):
        raise SchemaInvalid('A content schema must be a JSON object with an "_id".')
    schema = json_schema_of(doc)
    try:
        validator_for(schema, default=Draft202012Validator).check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "the top level"
        raise SchemaInvalid(
            f"The content schema is not a valid JSON Schema at {where}: {exc.message[:200]}",
            field=where,
        ) from None
    if schema.get("type") != "object":
        raise SchemaInvalid('A content schema must describe an object ("type": "object").', field="type")


# -- preview and diff ------------------------------------------------------------------------------


def render_preview(
    doc: dict[str, Any], field_name: str, book: Book | None = None, draft: Draft | None = None
) -> str:
    """The text `field_name` renders to for `book` (a sample when None), as drafting would send it.
    CPU work: call it through asyncio.to_thread from a window. Raises PromptInvalid."""
    check_template(field_name, doc.get(field_name))
    prompt = Prompt(doc)
    book = book or SAMPLE_BOOK
    _render_all({**doc, "sections": doc.get("sections") or []})
    if field_name == "user_template":
        return review_messages(prompt, book)[1]["content"]
    if field_name == "section_template":
        from pigmeu_desktop.services.llm.prompts import Section

        section = prompt.sections[0] if prompt.sections else Section("introduction", "Introduction")
        return section_messages(prompt, book, draft or Draft(), section, "")[1]["content"]
    if field_name == "repair_template":
        return repair_message(prompt, ["meta_description has 180 characters; the maximum is 160"])["content"]
    return review_messages(prompt, book)[0]["content"]


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldDiff, ...]:
    """Every part that differs between two versions, line by line (templates as text, the rest as JSON)."""
    a, b = content_of(old), content_of(new)
    out = []
    for name in [*TEMPLATE_FIELDS, *sorted((set(a) | set(b)) - set(TEMPLATE_FIELDS))]:
        if name not in a and name not in b:
            continue
        before = _text(a[name]) if name in a else ""
        after = _text(b[name]) if name in b else ""
        if before != after:
            out.append(FieldDiff(name, diff_text(before + "\n", after + "\n", by="line")))
    return tuple(out)


def unified_text(diffs: Iterable[FieldDiff]) -> str:
    """A diff for a terminal: `@@ field`, then `-`, `+` and ` ` lines."""
    marks = {"equal": " ", "delete": "-", "insert": "+"}
    lines: list[str] = []
    for d in diffs:
        lines.append(f"@@ {d.field}")
        lines += [f"{marks[kind]} {text}" for kind, text in hunk_lines(d.hunks)]
    return "\n".join(lines)


# -- the store -------------------------------------------------------------------------------------


class PromptAdmin:
    """The prompt and schema use cases over a store, with the shipped documents as defaults.

    `on_change` runs after every saved version (the GUI clears the drafter's prompt cache with it, so
    the next draft uses the new version at once; other processes see it within the cache's TTL).
    """

    def __init__(
        self,
        store: SubmissionStore,
        shipped: ResourceDocuments,
        *,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.shipped = shipped
        self.on_change = on_change

    # -- reading ---------------------------------------------------------------------------------
    async def documents(self) -> list[DocumentInfo]:
        out: list[DocumentInfo] = []
        for kind in ("prompt", "schema"):
            defaults = {d["_id"]: d for d in await self.shipped.list_documents(COLLECTIONS[kind])}
            docs = {d["_id"]: d for d in defaults.values()}
            docs.update(
                {d["_id"]: d for d in await self.store.list_documents(COLLECTIONS[kind]) if d.get("_id")}
            )
            for doc_id, doc in sorted(docs.items()):
                default = defaults.get(doc_id)
                out.append(
                    DocumentInfo(
                        kind=kind,
                        id=str(doc_id),
                        name=str(doc.get("name") or doc_id),
                        version=int(doc.get("version") or 1),
                        language=str(doc.get("language") or ""),
                        updated_by=str(doc.get("updated_by") or SHIPPED_AUTHOR),
                        updated_at=str(doc.get("updated_at") or ""),
                        is_default=default is not None and content_of(default) == content_of(doc),
                        doc=doc,
                    )
                )
        return out

    async def resolve(self, doc_id: str, kind: Kind | None = None) -> tuple[Kind, dict[str, Any]]:
        """The current document named `doc_id` (a prompt or a schema; `kind` settles a shared name)."""
        found = [i for i in await self.documents() if i.id == doc_id and (kind is None or i.kind == kind)]
        if not found:
            raise PigmeuError(
                f"There is no prompt or content schema '{doc_id}'.",
                code=ErrorCode.NO_SUCH_ITEM,
                next_step="Run `pigmeu prompts list` to see their names.",
            )
        if len(found) > 1:
            raise PigmeuError(
                f"'{doc_id}' names both a prompt and a content schema.",
                code=ErrorCode.INVALID_INPUT,
                next_step="Say which with --kind prompt or --kind schema.",
            )
        return found[0].kind, found[0].doc

    async def history(self, doc_id: str, kind: Kind | None = None) -> list[VersionEntry]:
        """Every saved version, newest first; a document from before versioning shows as its one version."""
        kind, current = await self.resolve(doc_id, kind)
        saved = [d for d in await self.store.list_documents(VERSIONS[kind]) if d.get("doc_id") == doc_id]
        entries = {int(d["version"]): self._entry(kind, d) for d in saved}
        number = int(current.get("version") or 1)
        if number not in entries:
            entries[number] = self._implicit_entry(kind, current)
        return [entries[n] for n in sorted(entries, reverse=True)]

    async def version(self, doc_id: str, number: int, kind: Kind | None = None) -> VersionEntry:
        for entry in await self.history(doc_id, kind):
            if entry.version == number:
                return entry
        raise PigmeuError(
            f"'{doc_id}' has no version {number}.",
            code=ErrorCode.NO_SUCH_ITEM,
            next_step=f"Run `pigmeu prompts history {doc_id}` to see its versions.",
        )

    async def shipped_default(self, doc_id: str, kind: Kind | None = None) -> dict[str, Any]:
        kind, _current = await self.resolve(doc_id, kind)
        doc = await self.shipped.get_document(COLLECTIONS[kind], doc_id)
        if doc is None:
            raise PigmeuError(
                f"'{doc_id}' was not shipped with the app, so it has no default to reset to.",
                code=ErrorCode.INVALID_INPUT,
                next_step="Restore one of its earlier versions instead.",
            )
        return doc

    async def validate(self, kind: Kind, doc: dict[str, Any]) -> None:
        if kind == "schema":
            await asyncio.to_thread(validate_schema, doc)
            return
        schema_ids = [i.id for i in await self.documents() if i.kind == "schema"]
        await asyncio.to_thread(validate_prompt, doc, schema_ids)

    # -- writing ---------------------------------------------------------------------------------
    async def save(
        self,
        doc_id: str,
        content: dict[str, Any],
        *,
        author: str,
        kind: Kind | None = None,
        base_version: int | None = None,
        note: str = "",
        origin: str = "edited",
        shipped_version: int | None = None,
    ) -> VersionEntry:
        """Validate `content` and store it as the next version. Refused (nothing saved) when invalid,
        unchanged, or when `base_version` is given and someone saved a newer version meanwhile."""
        kind, current = await self.resolve(doc_id, kind)
        content = content_of(content)
        if str(content.get("_id") or doc_id) != doc_id:
            raise PigmeuError(
                f"The document's _id '{content.get('_id')}' is not '{doc_id}'.",
                code=ErrorCode.INVALID_INPUT,
                next_step=f'Keep "_id": "{doc_id}" in the file.',
            )
        content["_id"] = doc_id
        await self.validate(kind, content)
        number = int(current.get("version") or 1)
        if base_version is not None and base_version != number:
            raise StoreConflict(
                f"'{doc_id}' was saved as version {number} by {current.get('updated_by') or 'someone'} "
                f"while you edited version {base_version}.",
                next_step="Copy your text, reload the newest version, and apply your change again.",
            )
        if content == content_of(current):
            raise PigmeuError(
                f"Nothing changed: version {number} of '{doc_id}' is already this.",
                code=ErrorCode.INVALID_INPUT,
                next_step="Edit the text first.",
            )
        history = await self.history(doc_id, kind)
        await self._keep(kind, next(e for e in history if e.version == number))
        new_number = max(e.version for e in history) + 1
        doc = {**content, "version": new_number, "updated_at": _now(), "updated_by": author, "origin": origin}
        if note:
            doc["note"] = note
        if shipped_version is not None:
            doc["shipped_version"] = shipped_version
        entry = VersionEntry(kind, doc_id, new_number, author, doc["updated_at"], note, doc)
        await self.store.insert_document(VERSIONS[kind], self._version_doc(entry))  # the lock: first wins
        await self.store.put_document(COLLECTIONS[kind], doc)
        log.info("%s %s saved as version %d by %s", kind, doc_id, new_number, author)
        if self.on_change is not None:
            self.on_change()
        return entry

    async def save_template(
        self, doc_id: str, field_name: str, text: str, *, author: str, base_version: int | None = None
    ) -> VersionEntry:
        """A prompt with one template replaced by `text`, saved as the next version."""
        if field_name not in TEMPLATE_FIELDS:
            raise PigmeuError(
                f"'{field_name}' is not a template field.",
                code=ErrorCode.INVALID_INPUT,
                next_step=f"Use one of: {', '.join(TEMPLATE_FIELDS)}.",
            )
        _kind, current = await self.resolve(doc_id, "prompt")
        return await self.save(
            doc_id, {**current, field_name: text}, author=author, kind="prompt", base_version=base_version
        )

    async def restore(
        self, doc_id: str, number: int, *, author: str, kind: Kind | None = None
    ) -> VersionEntry:
        """Version `number` again, as a new version (the versions in between stay)."""
        old = await self.version(doc_id, number, kind)
        return await self.save(
            doc_id,
            old.doc,
            author=author,
            kind=old.kind,
            note=f"restored version {number}",
            origin=str(old.doc.get("origin") or "edited"),
            shipped_version=old.doc.get("shipped_version"),
        )

    async def reset(self, doc_id: str, *, author: str, kind: Kind | None = None) -> VersionEntry:
        """The shipped default again, as a new version."""
        default = await self.shipped_default(doc_id, kind)
        kind, _current = await self.resolve(doc_id, kind)
        return await self.save(
            doc_id,
            default,
            author=author,
            kind=kind,
            note="reset to the shipped default",
            origin="shipped",
            shipped_version=int(default.get("version") or 1),
        )

    async def seed(self) -> int:
        """First run: copy the shipped prompts and schemas in, as their first version. Later runs: a newer shipped
        default becomes a new version only while nobody has edited that document. Returns how many."""
        written = 0
        for kind in ("prompt", "schema"):
            for default in await self.shipped.list_documents(COLLECTIONS[kind]):
                shipped_version = int(default.get("version") or 1)
                current = await self.store.get_document(COLLECTIONS[kind], default["_id"])
                if current is None:
                    doc = {
                        **content_of(default),
                        "version": shipped_version,
                        "updated_at": _now(),
                        "updated_by": SHIPPED_AUTHOR,
                        "origin": "shipped",
                        "shipped_version": shipped_version,
                    }
                    entry = VersionEntry(
                        kind, default["_id"], shipped_version, SHIPPED_AUTHOR, doc["updated_at"], "", doc
                    )
                    try:
                        await self.store.insert_document(VERSIONS[kind], self._version_doc(entry))
                    except StoreConflict:  # another app seeded it first
                        continue
                    await self.store.put_document(COLLECTIONS[kind], doc)
                    written += 1
                    continue
                edited = current.get("origin", "shipped") != "shipped"
                based_on = int(current.get("shipped_version") or current.get("version") or 1)
                if not edited and based_on < shipped_version:
                    await self.save(
                        default["_id"],
                        default,
                        author=SHIPPED_AUTHOR,
                        kind=kind,
                        note=f"shipped default version {shipped_version}",
                        origin="shipped",
                        shipped_version=shipped_version,
                    )
                    written += 1
        return written

    # -- internals -------------------------------------------------------------------------------
    async def _keep(self, kind: Kind, entry: VersionEntry) -> None:
        """Make sure the version being replaced is in the versions collection (older stores lack it)."""
        if await self.store.get_document(VERSIONS[kind], f"{entry.doc_id}@v{entry.version}") is None:
            with contextlib.suppress(StoreConflict):  # someone kept it first: the same document
                await self.store.insert_document(VERSIONS[kind], self._version_doc(entry))

    @staticmethod
    def _version_doc(entry: VersionEntry) -> dict[str, Any]:
        return {
            "_id": f"{entry.doc_id}@v{entry.version}",
            "doc_id": entry.doc_id,
            "version": entry.version,
            "author": entry.author,
            "at": entry.at,
            "note": entry.note,
            "doc": entry.doc,
        }

    @staticmethod
    def _entry(kind: Kind, d: dict[str, Any]) -> VersionEntry:
        at = d.get("at")
        return VersionEntry(
            kind,
            str(d["doc_id"]),
            int(d["version"]),
            str(d.get("author") or ""),
            at.isoformat() if isinstance(at, datetime) else str(at or ""),
            str(d.get("note") or ""),
            dict(d.get("doc") or {}),
        )

    @staticmethod
    def _implicit_entry(kind: Kind, current: dict[str, Any]) -> VersionEntry:
        return VersionEntry(
            kind,
            str(current["_id"]),
            int(current.get("version") or 1),
            str(current.get("updated_by") or SHIPPED_AUTHOR),
            str(current.get("updated_at") or ""),
            str(current.get("note") or ""),
            dict(current),
        )


def author_of(services: Any) -> str:
    """Who a save is recorded as: the editor's name from Settings, else the computer's user name."""
    import getpass

    name = (services.settings.editor_name or "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in this environment (some containers)
        return "editor"


async def create_prompt_admin(services: Any) -> PromptAdmin:
    """The admin over the app's store; a save clears the drafter's prompt cache if it was built."""
    from pigmeu_desktop.paths import resources_dir

    def changed() -> None:
        if "drafter" in services.__dict__:  # built (cached_property): the next draft must see the save
            services.drafter.library.invalidate()

    return PromptAdmin(await services.store(), ResourceDocuments(resources_dir()), on_change=changed)
