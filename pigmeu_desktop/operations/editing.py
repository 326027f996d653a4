"""The review editor's use cases (save a draft, correct a book field, restore, keep a stopped generation,
regenerate, the checks): the editor window and the `pigmeu` command call these same functions."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pigmeu_desktop.core.checks import limits_from_schema, run_checks
from pigmeu_desktop.core.editing import (
    effective_book,
    reset_book_edit,
    same_text,
    set_book_edit,
    with_editor_draft,
    with_kept_partial,
    with_restored_revision,
    with_text_aside,
)
from pigmeu_desktop.core.errors import StoreConflict
from pigmeu_desktop.core.models import Draft, Submission, utcnow
from pigmeu_desktop.core.ports import ActivityEntry, Context, ProgressFn, SubmissionStore, no_progress
from pigmeu_desktop.core.states import Status, transition
from pigmeu_desktop.paths import resources_dir
from pigmeu_desktop.services.llm.grounding import ungrounded_facts

log = logging.getLogger("pigmeu.editing")

SAVE_ATTEMPTS = 5  # re-reads when only unrelated fields (status, lease) moved between our read and write


class DraftMoved(StoreConflict):
    """The stored draft changed since the editor loaded it; `theirs` is the stored item now."""

    def __init__(self, theirs: Submission) -> None:
        super().__init__(
            "This draft was changed elsewhere since you opened it.",
            next_step="Choose: keep your text, take theirs, or merge the two by hand.",
            id=theirs.id,
            stored_version=theirs.version,
        )
        self.theirs = theirs


async def _save_with_retry(
    store: SubmissionStore, submission_id: str, change: Callable[[Submission], Submission], activity=None
) -> Submission:
    """Apply `change` to the freshest stored item and save; re-read when the version moved."""
    for attempt in range(SAVE_ATTEMPTS):
        fresh = await store.get(submission_id)
        try:
            return await store.save(change(fresh), activity=activity(fresh) if activity else None)
        except StoreConflict:
            if attempt == SAVE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


async def save_draft(
    store: SubmissionStore,
    submission_id: str,
    draft: Draft,
    *,
    base: Draft | None,
    author: str,
    session: str,
    current: Submission | None = None,
) -> Submission:
    """Save the editor's draft as this session's revision.

    `base` is the draft the editor started from (the last one it loaded or saved). If the stored draft
    is neither that nor the editor's text, someone else changed it: DraftMoved, nothing is written.
    Changes to anything else (status, lease, book) are not a conflict; the save applies on top of them.
    `current` is the item as the editor last loaded or saved it, tried first.
    """

    def change(fresh: Submission) -> Submission:
        if not same_text(fresh.draft, base) and not same_text(fresh.draft, draft):
            raise DraftMoved(fresh)
        return with_editor_draft(fresh, draft, author=author, session=session)

    def activity(fresh: Submission) -> ActivityEntry | None:
        last = fresh.revisions[-1] if fresh.revisions else None
        if last is not None and last.session == session:
            return None  # an autosave of a session already in the history
        return ActivityEntry(fresh.id, utcnow(), "edited", message=author or None)

    if current is not None and current.id == submission_id:
        # The common case, every second while typing: our own last save is still the stored version,
        # so write straight on top of it (no re-read, no document validation on the way).
        try:
            return await store.save(change(current), activity=activity(current))
        except StoreConflict:
            pass  # someone else wrote: re-read below and decide whether the draft itself moved
    return await _save_with_retry(store, submission_id, change, activity)


async def take_over_draft(
    store: SubmissionStore, submission_id: str, draft: Draft, *, author: str, session: str
) -> Submission:
    """Keep mine (or a hand merge): save `draft` over whatever is stored, as a new revision.

    Theirs stays in the revision list, so this overwrites nothing for good.
    """
    fresh = await store.get(submission_id)
    return await save_draft(store, submission_id, draft, base=fresh.draft, author=author, session=session)


async def save_book_field(store: SubmissionStore, submission_id: str, name: str, text: str) -> Submission:
    return await _save_with_retry(store, submission_id, lambda fresh: set_book_edit(fresh, name, text))


async def reset_book_field(store: SubmissionStore, submission_id: str, name: str) -> Submission:
    return await _save_with_retry(store, submission_id, lambda fresh: reset_book_edit(fresh, name))


async def restore_revision(store: SubmissionStore, submission_id: str, n: int, *, author: str) -> Submission:
    return await _save_with_retry(
        store,
        submission_id,
        lambda fresh: with_restored_revision(fresh, n, author=author),
        lambda fresh: ActivityEntry(
            fresh.id, utcnow(), "restored", message=author or None, data={"revision": n}
        ),
    )


async def keep_text_aside(
    store: SubmissionStore, submission_id: str, draft: Draft, *, author: str
) -> Submission:
    """Closing with a conflict still open: the editor's text becomes a revision, the draft stays theirs."""
    return await _save_with_retry(
        store, submission_id, lambda fresh: with_text_aside(fresh, draft, author=author)
    )


async def keep_partial_generation(
    store: SubmissionStore, submission_id: str, draft: Draft, *, author: str
) -> Submission:
    """A generation the editor stopped, kept as a revision of its own."""
    return await _save_with_retry(
        store, submission_id, lambda fresh: with_kept_partial(fresh, draft, author=author)
    )


async def regenerate(
    services: Any,
    submission_id: str,
    draft: Draft | None,
    *,
    section: str | None = None,
    instructions: str | None = None,
    provider: str | None = None,
    model: str | None = None,
    on_token: Callable[[str], None] | None = None,
    on_attempt: Callable[..., None] | None = None,
    progress: ProgressFn = no_progress,
) -> Submission:
    """A new whole draft, or one section rewritten from the editor's current `draft` (its edits to the
    other sections stay byte for byte); saved as an AI revision. The item keeps its status, except a
    scraped item, which becomes drafted."""
    from pigmeu_desktop.services.llm.usecase import generation_work

    store: SubmissionStore = await services.store()
    start = await store.get(submission_id)
    working = start.model_copy(update={"draft": draft}) if draft is not None else start
    work = generation_work(
        section,
        instructions=instructions,
        provider=provider,
        model=model,
        on_token=on_token,
        on_attempt=on_attempt,
    )
    result = await work(services, working, progress=progress)
    generated = result.revisions[-1]

    def change(fresh: Submission) -> Submission:
        revision = generated.model_copy(update={"n": max((r.n for r in fresh.revisions), default=0) + 1})
        sub = fresh.model_copy(update={"draft": generated.draft, "revisions": [*fresh.revisions, revision]})
        if sub.status is Status.SCRAPED:
            sub = transition(transition(sub, Status.DRAFTING), Status.DRAFTED)
        return sub

    return await _save_with_retry(
        store,
        submission_id,
        change,
        lambda fresh: ActivityEntry(
            fresh.id, utcnow(), "regenerated", step=section or None, message=instructions or None
        ),
    )


@dataclass(frozen=True)
class EditorContext:
    """What the editor needs from the prompt and content schema in use: limits, placeholders, sections."""

    limits: dict[str, tuple[int | None, int | None]]
    placeholders: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]  # (key, heading) of the body's sections, in order


def _shipped(kind: str, name: str) -> dict[str, Any] | None:
    path = resources_dir() / kind / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


async def editor_context(store: SubmissionStore, language: str) -> EditorContext:
    """From the prompts and content schemas in the store (seeded from resources/), shipped files otherwise."""
    from pigmeu_desktop.core.errors import PigmeuError
    from pigmeu_desktop.services.llm.prompts import choose_prompt

    prompts = [
        p for p in await store.list_documents("prompts") if p.get("kind", "book_review") == "book_review"
    ]
    try:
        prompt = choose_prompt(prompts, language).doc  # the one drafting uses: the newest in the language
    except PigmeuError:
        shipped: dict[str, Any] | None = await asyncio.to_thread(
            _shipped, "prompts", f"book-review.{language}.json"
        )
        prompt = shipped or {}
    schema_id = str(prompt.get("schema_id") or "book-review")
    schema = await store.get_document("content_schemas", schema_id) or await asyncio.to_thread(
        _shipped, "schemas", f"{schema_id}.json"
    )
    # The skeleton's note ("ESCREVER: texto…"): its first words mark every place still to write.
    notes = {str(p.get("skeleton_note") or "").split(":")[0].strip() for p in prompts} | {
        str(prompt.get("skeleton_note") or "").split(":")[0].strip()
    }
    sections = tuple((str(s["key"]), str(s["heading"])) for s in prompt.get("sections") or ())
    return EditorContext(limits_from_schema(schema), tuple(sorted(n for n in notes if n)), sections)


class FactScreen:
    """Facts the draft states that the book data lacks (the drafter's grounding screen), as one types.

    The screen reads every word (about 80 ms per 1,000 words), so it runs paragraph by paragraph with
    each paragraph's answer kept: a keystroke changes one paragraph, and only that one is read again.
    """

    LIMIT = 4000  # paragraphs remembered (a few long drafts)

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def unbacked(self, draft: Draft, book) -> list[str]:
        if book is None:
            return list(draft.ungrounded)
        key_book = book.model_dump_json()
        pieces = [("head", "\n".join([draft.title, draft.excerpt, draft.meta_description]))]
        pieces += [("body", p) for p in re.split(r"\n\s*\n", draft.body_markdown) if p.strip()]
        found: list[str] = []
        for kind, text in pieces:
            key = (key_book, kind + "\0" + text)
            with self._lock:
                facts = self._cache.get(key)
            if facts is None:
                part = Draft(title=text) if kind == "head" else Draft(body_markdown=text)
                facts = tuple(ungrounded_facts(part, book))
                with self._lock:
                    if len(self._cache) > self.LIMIT:
                        self._cache.clear()
                    self._cache[key] = facts
            found += [f for f in facts if f not in found]
        return found


def checks_for(
    sub: Submission, draft: Draft, context: EditorContext | None, settings: Any, screen: FactScreen
) -> list:
    """The checks panel's results for `draft` of `sub` (pure computation: call it off the UI thread)."""
    return run_checks(
        draft,
        limits=context.limits if context else {},
        affiliate_tag=dict(settings.affiliate_tags).get(sub.marketplace),
        disclosure_text=settings.disclosure_text or "",
        placeholders=context.placeholders if context else (),
        unbacked=screen.unbacked(draft, effective_book(sub)),
    )


async def draft_checks(
    services: Context, store: SubmissionStore, sub: Submission, *, unbacked: bool = True
) -> list:
    """The checks of an item's stored draft, as the editor's panel shows them (the CLI's approve uses them).

    `unbacked=False` skips the facts screen (it never blocks, and reads every word).
    """
    if sub.draft is None:
        return []
    context = await editor_context(store, services.settings.prompt_language)
    screen = FactScreen() if unbacked else _NoFacts()
    return await asyncio.to_thread(checks_for, sub, sub.draft, context, services.settings, screen)


class _NoFacts(FactScreen):
    """No facts screen (the CLI's approve: facts never block, and the screen reads every word)."""

    def unbacked(self, draft: Draft, book) -> list[str]:
        return []
