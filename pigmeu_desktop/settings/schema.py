"""The settings schema: every preference with its type, default and description. Never secrets."""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pigmeu_desktop.core.links import normalise_marketplace
from pigmeu_desktop.core.providers import NO_PROVIDER, PROVIDERS

POST_STATUSES = ("draft", "publish", "future")


class Settings(BaseModel):
    """User preferences (window state lives elsewhere). Secrets are in the OS keyring, never here."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    # General
    language: str = Field("pt_BR", description="Interface language (pt_BR or en).")
    default_marketplace: str = Field(
        "amazon.com.br", description="Marketplace for bare ASINs and ISBNs, e.g. amazon.com.br."
    )
    editor_name: str = Field("", description="Your name, recorded on revisions and activity.")

    # Scraping
    browser_path: str = Field("", description="Chromium/Chrome executable (env PIGMEU_BROWSER).")
    browser_args: str = Field(
        "", description="Extra browser arguments, shell-style (env PIGMEU_BROWSER_ARGS)."
    )
    proxy: str = Field("", description="Proxy server for the browser, e.g. http://host:3128.")
    scrape_min_delay_s: float = Field(
        3.0,
        ge=0,
        le=3600,
        allow_inf_nan=False,
        description="Minimum seconds between requests to one marketplace.",
    )
    scrape_timeout_s: float = Field(
        30.0,
        gt=0,
        le=3600,
        allow_inf_nan=False,
        description="Seconds before a page load counts as a timeout.",
    )
    browser_low_priority: bool = Field(
        True,
        description="Run the browser at low CPU priority: the window stays smooth while pages load, but pages"
        " load slower while other programs keep the computer busy.",
    )
    enrich_from_open_data: bool = Field(
        False, description="Fill fields the Amazon page lacks from Open Library / Google Books (by ISBN)."
    )

    # AI drafting
    llm_provider: str = Field("", description="openai, groq, mistral, or empty for skeleton drafts.")
    llm_fallback: list[str] = Field(
        default_factory=list, description="Providers tried in order when one fails."
    )
    openai_model: str = Field("gpt-4o-mini", description="Model for OpenAI or an OpenAI-compatible server.")
    openai_base_url: str = Field("", description="OpenAI-compatible server URL (env OPENAI_BASE_URL).")
    groq_model: str = Field("llama-3.3-70b-versatile", description="Model for Groq.")
    mistral_model: str = Field("mistral-small-latest", description="Model for Mistral.")
    prompt_language: str = Field("pt-BR", description="Language of generated reviews.")

    # WordPress
    wordpress_url: str = Field("", description="Site address, e.g. https://blog.example.com.")
    wordpress_username: str = Field("", description="WordPress user that owns the application password.")
    affiliate_tags: dict[str, str] = Field(
        default_factory=dict,
        description="Amazon affiliate tag per marketplace, e.g. {'amazon.com.br': 'blog-20'}.",
    )
    disclosure_text: str = Field(
        "Como associado da Amazon, este blog recebe por compras qualificadas.",
        description="Affiliate disclosure paragraph added to every post.",
    )
    default_post_status: str = Field("draft", description="draft, publish or future.")

    # Jobs
    scrape_concurrency: int = Field(2, ge=1, le=8, description="Scrapes at once.")
    draft_concurrency: int = Field(3, ge=1, le=16, description="Drafts at once.")
    publish_concurrency: int = Field(1, ge=1, le=4, description="Publishes at once.")
    auto_publish_draft: bool = Field(
        False, description="Send to WordPress as a draft without review (off: stop at 'drafted')."
    )
    send_steps_to_workers: bool = Field(
        False,
        description="Team mode: send steps to the team's workers (pigmeu worker) instead of running them here.",
    )

    # Team mode
    team_mode: bool = Field(False, description="Share MongoDB + Redis with the team instead of local SQLite.")
    mongodb_uri: str = Field("", description="MongoDB URI without password (env MONGODB_URI).")
    mongo_db_name: str = Field("pigmeu", description="MongoDB database (env MONGO_DB_NAME).")
    redis_url: str = Field("", description="Redis URL (env REDIS_URL).")

    # Secrets storage
    keyring_backend: str = Field(
        "",
        description=(
            "Empty: the OS keyring. Or a keyring backend class, e.g. keyrings.alt.file.PlaintextKeyring:"
            " an explicit opt-in for machines without one; it keeps secrets in a file (warned about)."
        ),
    )

    # -- validation: what a settings file, the environment or the dialog gives is checked here, once ------

    @field_validator("default_marketplace")
    @classmethod
    def _marketplace(cls, value: str) -> str:
        """Only a marketplace of the one table (core/marketplaces.py): bare ISBNs become links to it."""
        found = normalise_marketplace(value)
        if found is None:
            raise ValueError(f"'{value}' is not an Amazon marketplace (e.g. amazon.com.br, amazon.com)")
        return found

    @field_validator("llm_provider")
    @classmethod
    def _provider(cls, value: str) -> str:
        """A provider of the one table (core/providers.py), or a word for "no AI" (skeleton drafts)."""
        return _provider_name(value, allow_none=True)

    @field_validator("llm_fallback")
    @classmethod
    def _fallback(cls, value: list[str]) -> list[str]:
        return [_provider_name(name, allow_none=False) for name in value]

    @field_validator("wordpress_url", "openai_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return _url(value, ("http", "https"))

    @field_validator("proxy")
    @classmethod
    def _proxy(cls, value: str) -> str:
        return _url(value, ("http", "https", "socks4", "socks5", "socks5h"))

    @field_validator("default_post_status")
    @classmethod
    def _post_status(cls, value: str) -> str:
        if value not in POST_STATUSES:
            raise ValueError(f"'{value}' is not a post status ({', '.join(POST_STATUSES)})")
        return value


def _provider_name(value: str, *, allow_none: bool) -> str:
    name = value.strip().lower()
    if name in PROVIDERS or (allow_none and name in NO_PROVIDER):
        return name
    raise ValueError(f"'{value}' is not an AI provider ({', '.join(PROVIDERS)})")


def _url(value: str, schemes: tuple[str, ...]) -> str:
    """Empty, or an address with one of `schemes` and a host. The value itself is not repeated in the
    error: a secret pasted into the wrong field must not end up in a message or a log."""
    value = value.strip()
    if not value:
        return value
    try:
        parts = urlsplit(value)
        ok = parts.scheme.lower() in schemes and bool(parts.hostname) and not any(c.isspace() for c in value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(
            f"not an address starting with {' or '.join(s + '://' for s in schemes[:2])} and a host name"
        )
    return value
