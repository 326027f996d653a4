"""Ports: the interfaces services implement and use cases depend on (store, change events, queue controls)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from pigmeu_desktop.core.links import CanonicalLink, Rejected, ShortLink
from pigmeu_desktop.core.models import Submission
from pigmeu_desktop.core.states import Status

if TYPE_CHECKING:  # types only: core imports no service at run time
    from pigmeu_desktop.paths import AppPaths
    from pigmeu_desktop.services.llm.drafter import Drafter
    from pigmeu_desktop.services.scraping.scraper import Scraper
    from pigmeu_desktop.services.wordpress.publisher import WordPressPublisher
    from pigmeu_desktop.settings.schema import Settings


class ChangeKind(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Change:
    """What a write changed, so views refresh those rows instead of reloading everything."""

    kind: ChangeKind
    ids: tuple[str, ...]


ChangeListener = Callable[[Change], None]


@dataclass(frozen=True, slots=True)
class NewLink:
    """A canonical link ready to be queued."""

    amazon_url: str
    asin: str
    marketplace: str
    source_url: str

    def new_submission(self, *, at: datetime, created_by: str | None) -> Submission:
        """The queue item this link becomes (every store creates it the same way)."""
        return Submission(
            amazon_url=self.amazon_url,
            asin=self.asin,
            marketplace=self.marketplace,
            source_url=self.source_url,
            created_at=at,
            updated_at=at,
            created_by=created_by,
        )


class AddResult(StrEnum):
    ADDED = "added"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class AddOutcome:
    link: NewLink
    result: AddResult
    id: str


@dataclass(frozen=True, slots=True)
class SubmissionSummary:
    """One queue row: enough to draw the list without loading the whole document."""

    id: str
    amazon_url: str
    asin: str
    marketplace: str
    status: Status
    title: str | None
    updated_at: datetime
    created_at: datetime
    error_code: str | None = None
    version: int = 1
    worker: str | None = None  # team mode: the host of the worker running a step on it now

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "amazon_url": self.amazon_url,
            "asin": self.asin,
            "marketplace": self.marketplace,
            "status": str(self.status),
            "title": self.title,
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    """One line of a submission's history: what happened, when, in which step, with which error."""

    submission_id: str
    at: datetime
    event: str  # e.g. "added", "step_started", "step_finished", "step_failed", "edited", "approved"
    step: str | None = None
    code: str | None = None
    message: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


class SubmissionStore(Protocol):
    """Async persistence of submissions (SQLite embedded, MongoDB in team mode)."""

    async def add_links(self, links: Sequence[NewLink], *, created_by: str | None = None) -> list[AddOutcome]:
        """Queue links in order; a link whose canonical URL exists is reported as a duplicate."""

    async def get(self, submission_id: str) -> Submission:
        """The whole document; NoSuchItem if absent. Accepts a unique id prefix."""

    async def find_by_url(self, amazon_url: str) -> Submission | None: ...

    async def list_summaries(
        self, *, status: Status | None = None, limit: int | None = None, offset: int = 0
    ) -> list[SubmissionSummary]:
        """Newest first."""

    async def count(self, *, status: Status | None = None) -> int: ...

    async def save(self, submission: Submission, *, activity: ActivityEntry | None = None) -> Submission:
        """Write if the stored version equals `submission.version`; return it with version + 1.

        A stale version raises StoreConflict; nothing is overwritten silently. `activity` is recorded
        with the write (one transaction where the store has them), never without it.
        """

    async def delete(self, submission_id: str) -> None: ...

    async def add_activity(self, entry: ActivityEntry) -> None: ...

    async def list_activity(self, submission_id: str) -> list[ActivityEntry]: ...

    async def get_document(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        """Documents of the other collections (prompts, content_schemas, pipelines)."""

    async def list_documents(self, collection: str) -> list[dict[str, Any]]: ...

    async def put_document(self, collection: str, doc: dict[str, Any]) -> None: ...

    async def insert_document(self, collection: str, doc: dict[str, Any]) -> None:
        """Add a document that must not exist yet; StoreConflict if its _id is taken (never overwrites)."""

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call `listener` after each committed write; returns an unsubscribe function."""

    async def check_integrity(self) -> str:
        """`ok`, or what is wrong with the stored data (the app's self-test and `pigmeu doctor`)."""

    async def close(self) -> None: ...


class SecretStore(Protocol):
    """Secrets by name (the server's env names, e.g. OPENAI_API_KEY); env overrides the OS keyring."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> bool: ...

    def wordpress_password(self, site_url: str, username: str) -> str | None:
        """The application password for one site and user (env WORDPRESS_PASSWORD overrides)."""

    def set_wordpress_password(self, site_url: str, username: str, value: str) -> None: ...

    def delete_wordpress_password(self, site_url: str, username: str) -> bool: ...

    def list_names(self) -> list[dict[str, str]]:
        """Every secret's name and where it comes from (never its value)."""

    def backend(self) -> KeyringInfo:
        """Which keyring holds the secrets (`pigmeu doctor` says)."""

    def probe(self) -> None:
        """One read: a locked or missing keyring fails here (keyring_unavailable), not on the first save."""


class KeyringInfo(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def file_based(self) -> bool: ...


class Context(Protocol):
    """What a part of the app reads from the running app: its folders, the effective settings, the
    environment, the keyring and the queue's store. app.Services provides it (tests build their own)."""

    @property
    def paths(self) -> AppPaths: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def env(self) -> Mapping[str, str]: ...

    @property
    def secrets(self) -> SecretStore: ...

    async def store(self) -> SubmissionStore: ...

    def watch_settings(self, listener: Callable[[Settings, Settings], None]) -> Callable[[], None]:
        """Hear of saved settings as they take effect (old, new); returns a function that stops it."""


class StepContext(Context, Protocol):
    """What the pipeline's steps use besides: the browser-backed scraper, the AI drafter, the publisher."""

    @property
    def scraper(self) -> Scraper: ...

    @property
    def drafter(self) -> Drafter: ...

    @property
    def publisher(self) -> WordPressPublisher: ...


class LinkResolver(Protocol):
    """Follows a short link (amzn.to, a.co) to the product page it leads to."""

    async def resolve(self, link: ShortLink, default_marketplace: str) -> CanonicalLink | Rejected: ...


class JobControl(Protocol):
    """The running queue's controls the editor's actions use (jobs/executor.py implements it)."""

    def cancel(self, submission_id: str) -> bool:
        """Stop the step on one item; it waits for `release` before it runs again."""

    def cancel_all(self) -> int:
        """Pause the queue and stop every step; returns how many were stopped."""

    def is_held(self, submission_id: str) -> bool: ...

    def release(self, submission_id: str) -> None: ...

    def request_scan(self) -> None: ...


ProgressFn = Callable[[float | None, str], None]
"""Progress of one step: a fraction in [0, 1] (None when unknown) and a short human message."""


def no_progress(fraction: float | None, message: str) -> None:
    """The progress callback used when nobody listens."""


class StepWork(Protocol):
    """A pipeline step's work: scrape_submission, draft_submission, publish_submission.

    It receives the submission as claimed (status already `scraping`/`drafting`/`publishing`),
    does the work, and returns the submission with its result fields filled (book / draft+revisions /
    wordpress). It never changes `status` and never saves the status itself: the step runner
    (jobs/steps.py) does the transition, the save and the activity entry. It raises PigmeuError
    subclasses with the stable codes on failure; on asyncio cancellation it closes what it opened
    (browser page, LLM stream) and re-raises.
    """

    async def __call__(
        self, services: StepContext, submission: Submission, *, progress: ProgressFn
    ) -> Submission: ...
