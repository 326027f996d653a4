"""Publish one submission: find or create its post exactly once, with cover, terms, links and SEO."""

from __future__ import annotations

import asyncio
import html
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from pigmeu_desktop.core.errors import ErrorCode, PigmeuError, WordPressError
from pigmeu_desktop.core.models import Submission, WordPressRef, utcnow
from pigmeu_desktop.core.ports import ProgressFn, StepContext, no_progress
from pigmeu_desktop.services.wordpress.check import (
    require_app_passwords,
    require_capabilities,
    summarize_user,
)
from pigmeu_desktop.services.wordpress.client import RequestObserver, WordPressClient, preload_async_backend
from pigmeu_desktop.services.wordpress.content import marker_for, prepare_post_text, sanitize_text
from pigmeu_desktop.services.wordpress.cover import cover_download_client, load_cover_bytes, prepare_cover
from pigmeu_desktop.services.wordpress.credentials import Credentials, resolve_credentials
from pigmeu_desktop.services.wordpress.schedule import schedule_fields

log = logging.getLogger("pigmeu.wordpress")

# How long a user's capabilities are trusted before asking again (roles rarely change mid-session).
USER_TTL_S = 300.0

PostCheckpoint = Callable[[WordPressRef], Awaitable[None]]
"""Called right after WordPress answered with the post, before anything else can fail."""


@dataclass
class PublishOutcome:
    ref: WordPressRef
    created: bool
    adopted: bool  # found by its marker after a crash lost our record of it
    notes: list[str] = field(default_factory=list)


def media_slug(submission_id: str) -> str:
    return f"pigmeu-{submission_id}-cover"


class WordPressPublisher:
    """Cached per app: one HTTP client per site+user, the user's capabilities, and term ids by name.

    It runs on the GUI's event loop, so nothing slow runs on the loop itself: the keyring read, building
    HTTP clients (SSL contexts), Markdown rendering + sanitising, and the cover's disk read and Pillow
    work all go to worker threads (measured by tests/perf/bench_publish.py --loop: a 10 ms ticker
    stays under 30 ms at p99 while publishing).
    """

    def __init__(
        self, services: StepContext, *, transport: Any = None, observer: RequestObserver | None = None
    ):
        self._services = services
        self._transport = transport
        self._observer = observer
        self._client: WordPressClient | None = None
        self._client_key: tuple[str, str, int] | None = None
        self._user: dict[str, Any] | None = None
        self._user_at = 0.0
        self._terms: dict[tuple[str, str, str], int] = {}
        self._term_locks: dict[tuple[str, str, str], asyncio.Lock] = {}
        # Clients replaced after a settings change; another publish may still be using one, so they
        # are closed with the publisher, not at once.
        self._retired: list[WordPressClient] = []
        self._cover_http: httpx.AsyncClient | None = None  # cover URL downloads, built on first need

    async def aclose(self) -> None:
        clients = self._retired + ([self._client] if self._client is not None else [])
        self._client, self._retired = None, []
        for client in clients:
            await client.aclose()
        cover_http, self._cover_http = self._cover_http, None
        if cover_http is not None:
            await cover_http.aclose()

    async def client(self) -> WordPressClient:
        """The signed-in client of the configured site (credentials read off the loop: the keyring blocks)."""
        creds = await asyncio.to_thread(resolve_credentials, self._services)
        return await self._client_for(creds)

    async def _client_for(self, creds: Credentials) -> WordPressClient:
        # The password's hash (not the password) tells a changed secret apart; it never leaves memory.
        key = (creds.site_url, creds.username, hash(creds.password))
        if self._client is None or self._client_key != key:
            client = await asyncio.to_thread(self._build_client, creds)
            if self._client is not None and self._client_key == key:
                await client.aclose()  # a concurrent publish built the same client meanwhile
                return self._client
            if self._client is not None:
                self._retired.append(self._client)
            self._client, self._client_key, self._user = client, key, None
        return self._client

    def _build_client(self, creds: Credentials) -> WordPressClient:
        """Worker thread: an https client loads the CA store into an SSL context (~50 ms), and the first
        request would import httpx's async backend (tens of ms): both are done here, off the loop."""
        preload_async_backend()
        return WordPressClient(
            creds.site_url, creds.username, creds.password, transport=self._transport, observer=self._observer
        )

    async def _cover_client(self) -> httpx.AsyncClient:
        if self._cover_http is None:
            client = await asyncio.to_thread(cover_download_client)
            if self._cover_http is None:
                self._cover_http = client
            else:  # another publish built one meanwhile
                await client.aclose()
        return self._cover_http

    async def _current_user(self, client: WordPressClient) -> dict[str, Any]:
        if self._user is None or time.monotonic() - self._user_at > USER_TTL_S:
            self._user = summarize_user(await client.me())
            self._user_at = time.monotonic()
        return self._user

    # ------------------------------------------------------------------ the use case
    async def publish(
        self,
        submission: Submission,
        *,
        status: str = "draft",
        date: str | None = None,
        progress: ProgressFn = no_progress,
        on_post: PostCheckpoint | None = None,
    ) -> PublishOutcome:
        if submission.draft is None or not submission.draft.title.strip():
            raise WordPressError(
                "This item has no draft to publish.",
                code=ErrorCode.INVALID_INPUT,
                next_step="Generate or write the draft, approve it, then publish.",
            )
        # No lock: the step runner's lease keeps one publish per item, and concurrent publishes of
        # different items only share the term cache (a name created twice resolves via term_exists).
        return await self._publish(submission, status, date, progress, on_post)

    async def _publish(
        self,
        sub: Submission,
        status: str,
        date: str | None,
        progress: ProgressFn,
        on_post: PostCheckpoint | None,
    ) -> PublishOutcome:
        settings = self._services.settings
        notes: list[str] = []
        progress(0.02, "Connecting to WordPress")
        # A worker thread: the password may come from the system keyring (a blocking D-Bus call).
        creds = await asyncio.to_thread(resolve_credentials, self._services)
        client = await self._client_for(creds)
        discovery = await client.discover()
        require_app_passwords(discovery)
        user = await self._current_user(client)
        needed = ("edit_posts", "publish_posts") if status in ("publish", "future") else ("edit_posts",)
        require_capabilities(user, needed, action=f"send a post as '{status}'")
        schedule = schedule_fields(status, date, discovery)

        draft = sub.draft
        assert draft is not None
        text = await asyncio.to_thread(
            prepare_post_text,
            draft,
            submission_id=sub.id,
            product_url=sub.amazon_url,
            affiliate_tags=dict(settings.affiliate_tags),
            disclosure_text=settings.disclosure_text,
        )
        notes.extend(text.rendered.notes)

        progress(0.15, "Looking for this item's post")
        existing, adopted = await self._find_existing(client, sub, notes)

        progress(0.3, "Cover")
        media_id = await self._ensure_media(client, sub, existing, user, notes)

        progress(0.6, "Categories and tags")
        can_create_categories = user["capabilities"].get("manage_categories", False)
        categories = await self._resolve_terms(
            client, "categories", draft.categories, can_create_categories, notes
        )
        tags = await self._resolve_terms(client, "tags", draft.tags, True, notes)

        body: dict[str, Any] = {
            "title": text.title,
            "content": text.rendered.html,
            "excerpt": text.excerpt,
            "categories": categories,
            "tags": tags,
            **schedule,
        }
        if draft.slug.strip():
            body["slug"] = draft.slug.strip()
        if media_id:
            body["featured_media"] = media_id
        if discovery.seo_plugin == "yoast" and draft.meta_description:
            body["meta"] = {"_yoast_wpseo_metadesc": text.meta_description}

        progress(0.75, "Updating the post" if existing else "Creating the post")
        if existing:
            post = await client.update_post(int(existing["id"]), body)
        else:
            post = await client.create_post(body)
        ref = WordPressRef(
            site_url=discovery.site_url,
            post_id=int(post["id"]),
            media_id=media_id or None,
            link=post.get("link"),
            status=post.get("status"),
            published_at=utcnow(),
            content_hash=text.content_hash,
        )
        if on_post is not None:
            await on_post(ref)
        self._verify(post, body, notes)

        progress(0.9, "SEO description")
        await self._write_seo(
            client, discovery.seo_plugin, post, text.meta_description, text.focus_keyword, notes
        )
        verb = "Updated" if existing else "Created"
        progress(1.0, f"{verb} post {ref.post_id} ({ref.status})")
        for note in notes:
            log.info("publish %s: %s", sub.id, note)
        return PublishOutcome(ref=ref, created=existing is None, adopted=adopted, notes=notes)

    # ------------------------------------------------------------------ exactly once
    async def _find_existing(
        self, client: WordPressClient, sub: Submission, notes: list[str]
    ) -> tuple[dict[str, Any] | None, bool]:
        """The post we made before: by the stored id, else by the marker in its content (crash recovery)."""
        ref = sub.wordpress
        if ref and ref.post_id and ref.site_url == client.site_url:
            post = await client.get_post(ref.post_id)
            if post is not None and post.get("status") != "trash":
                return post, False
            notes.append(f"Post {ref.post_id} was deleted or trashed in WordPress; a new post is created.")
        marker = marker_for(sub.id)
        candidates = await client.search_posts(marker[5:-4])  # search without the comment delimiters
        mine = sorted(
            (p for p in candidates if marker in ((p.get("content") or {}).get("raw") or "")),
            key=lambda p: int(p["id"]),
        )
        if not mine:
            return None, False
        if len(mine) > 1:
            notes.append(
                "Several posts carry this item's marker: "
                + ", ".join(str(p["id"]) for p in mine)
                + f"; updating {mine[0]['id']}."
            )
        log.info("adopting post %s for submission %s (found by marker)", mine[0]["id"], sub.id)
        return mine[0], True

    # ------------------------------------------------------------------ cover
    async def _ensure_media(
        self,
        client: WordPressClient,
        sub: Submission,
        existing: dict[str, Any] | None,
        user: dict[str, Any],
        notes: list[str],
    ) -> int | None:
        """Upload the cover once; later publishes reuse the post's, the stored, or the marked media."""
        if existing and int(existing.get("featured_media") or 0) > 0:
            return int(existing["featured_media"])
        ref = sub.wordpress
        if (
            ref
            and ref.media_id
            and ref.site_url == client.site_url
            and await client.get_media(ref.media_id) is not None
        ):
            return ref.media_id
        found = await client.find_media_by_slug(media_slug(sub.id))
        if found is not None:
            return int(found["id"])

        book = sub.book
        data = await self._cover_bytes(sub)
        if data is None:
            notes.append("The book has no cover; the post has no featured image.")
            return None
        require_capabilities(user, ("upload_files",), action="upload the cover")
        cover = await asyncio.to_thread(prepare_cover, data)
        if cover.resized:
            notes.append(
                f"Cover re-encoded to {cover.width}×{cover.height}, {len(cover.content) // 1024} KB."
            )
        title = sanitize_text(book.title if book else (sub.draft.title if sub.draft else "")) or sub.asin
        media = await client.upload_media(
            cover.content,
            filename=f"{sub.asin.lower()}-cover.{cover.extension}",
            content_type=cover.content_type,
            fields={"title": title, "alt_text": f"Capa do livro {title}", "slug": media_slug(sub.id)},
        )
        return int(media["id"])

    async def _cover_bytes(self, sub: Submission) -> bytes | None:
        book = sub.book
        if book is None:
            return None
        cover_path = book.cover_path
        # No file (never downloaded, or deleted since): the scraper's cover store fetches it again, through
        # the browser's proxy and host rules and the cover limits (known image hosts, size, a real image).
        missing = not cover_path or not await asyncio.to_thread(os.path.isfile, cover_path)
        if missing and book.cover_url:
            cover_path = await self._scraper_cover(sub) or cover_path
        data = await load_cover_bytes(cover_path, None) if cover_path else None
        if data is None and book.cover_url:
            data = await load_cover_bytes(None, book.cover_url, http=await self._cover_client())
        return data

    async def _scraper_cover(self, sub: Submission) -> str | None:
        """The scraping service's cover download (it caches by content); absent → we download ourselves."""
        from pigmeu_desktop.services.scraping.covers import ensure_cover

        result = await ensure_cover(self._services, sub)
        return result.book.cover_path if result.book else None

    # ------------------------------------------------------------------ taxonomy
    async def _resolve_terms(
        self, client: WordPressClient, taxonomy: str, names: list[str], can_create: bool, notes: list[str]
    ) -> list[int]:
        ids: list[int] = []
        for raw in names:
            name = sanitize_text(raw)
            if not name:
                continue
            key = (client.site_url, taxonomy, name.casefold())
            # One lookup-or-create per name at a time: WordPress checks "exists?" and inserts in two
            # steps, so concurrent publishes creating the same new category got "x" and "x-2".
            async with self._term_locks.setdefault(key, asyncio.Lock()):
                term_id = self._terms.get(key)
                if term_id is None:
                    found = await client.search_terms(taxonomy, name)
                    # Compared as text (WordPress stores names escaped); what is sent stays escaped.
                    wanted = html.unescape(name).casefold()
                    exact = [t for t in found if html.unescape(t.get("name", "")).casefold() == wanted]
                    if exact:
                        term_id = int(exact[0]["id"])
                    elif can_create:
                        term_id = await client.create_term(taxonomy, name)
                    else:
                        kind = "Tag" if taxonomy == "tags" else "Category"
                        notes.append(
                            f"{kind} '{name}' does not exist and this user may not create it; skipped."
                        )
                        continue
                    self._terms[key] = term_id
            if term_id not in ids:
                ids.append(term_id)
        return ids

    def _verify(self, post: dict[str, Any], sent: dict[str, Any], notes: list[str]) -> None:
        """WordPress drops unknown category/tag/media ids with a 201; compare what came back."""
        dropped: dict[str, list[int]] = {}
        for name in ("categories", "tags"):
            missing = [i for i in sent.get(name, []) if i not in (post.get(name) or [])]
            if missing:
                dropped[name] = missing
        if sent.get("featured_media") and int(post.get("featured_media") or 0) != sent["featured_media"]:
            dropped["featured_media"] = [sent["featured_media"]]
        if sent.get("slug") and post.get("slug") and post["slug"] != sent["slug"]:
            notes.append(f"The slug '{sent['slug']}' is taken; WordPress used '{post['slug']}'.")
        if not dropped:
            return
        # Forget the stale ids so the retry looks the names up again (a term deleted on the site).
        dead = {(t, i) for t, ids in dropped.items() for i in ids}
        self._terms = {k: v for k, v in self._terms.items() if (k[1], v) not in dead}
        what = "; ".join(f"{name} {ids}" for name, ids in dropped.items())
        raise WordPressError(
            f"WordPress saved post {post.get('id')} but silently dropped {what} (they no longer exist).",
            code=ErrorCode.WP_BAD_REQUEST,
            next_step="Publish again: the categories, tags and cover are looked up afresh.",
            post_id=post.get("id"),
            dropped=dropped,
        )

    # ------------------------------------------------------------------ SEO
    async def _write_seo(
        self,
        client: WordPressClient,
        plugin: str | None,
        post: dict[str, Any],
        description: str,
        focus_keyword: str,
        notes: list[str],
    ) -> None:
        """Write the (already sanitised) meta description and focus keyword with the site's SEO plugin."""
        if not description:
            return
        if plugin == "rankmath":
            meta = {"rank_math_description": description}
            if focus_keyword:
                meta["rank_math_focus_keyword"] = focus_keyword
            try:
                await client.request(
                    "POST",
                    "rankmath/v1/updateMeta",
                    json={"objectType": "post", "objectID": int(post["id"]), "meta": meta},
                )
            except WordPressError as exc:
                if exc.code in (ErrorCode.NETWORK, ErrorCode.TIMEOUT):
                    raise
                notes.append(f"Rank Math did not take the SEO description ({exc.code}); skipped.")
        elif plugin == "yoast":
            if (post.get("meta") or {}).get("_yoast_wpseo_metadesc") != description:
                notes.append("Yoast does not expose the description over REST on this site; skipped.")
        else:
            notes.append("No Yoast or Rank Math on the site; the SEO description was not written.")


async def publish_submission(
    services: StepContext,
    submission: Submission,
    *,
    progress: ProgressFn = no_progress,
    status: str | None = None,
    date: str | None = None,
) -> Submission:
    """StepWork for Step.PUBLISH: the submission with `wordpress` set (status is the step runner's job).

    The post id is also saved the moment WordPress answers, so a failure after that (a dropped
    category, the SEO call) keeps it; if even that save is lost, the marker finds the post again.
    """

    async def checkpoint(ref: WordPressRef) -> None:
        try:
            store = await services.store()
            fresh = await store.get(submission.id)
            await store.save(fresh.model_copy(update={"wordpress": ref}))
        except PigmeuError as exc:  # best effort: the content marker is the real guarantee
            log.info("could not checkpoint post %s for %s: %s", ref.post_id, submission.id, exc.code)

    outcome = await services.publisher.publish(
        submission,
        status=status or services.settings.default_post_status,
        date=date,
        progress=progress,
        on_post=checkpoint,
    )
    for note in outcome.notes:
        progress(1.0, note)
    return submission.model_copy(update={"wordpress": outcome.ref})
