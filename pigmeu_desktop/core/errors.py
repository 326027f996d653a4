"""The one error hierarchy: every failure carries a stable code, a message and a next step."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """Stable error codes: UI words, CLI output and stored failures key off these strings."""

    INVALID_LINK = "invalid_link"
    NOT_AMAZON = "not_amazon"
    NOT_A_PRODUCT_LINK = "not_a_product_link"
    DUPLICATE = "duplicate"
    CAPTCHA = "captcha"
    NOT_FOUND = "not_found"
    NOT_A_BOOK = "not_a_book"
    BROWSER_UNAVAILABLE = "browser_unavailable"
    NETWORK = "network"
    TIMEOUT = "timeout"
    LLM_AUTH = "llm_auth"
    LLM_RATE_LIMITED = "llm_rate_limited"
    LLM_BAD_OUTPUT = "llm_bad_output"
    LLM_UNAVAILABLE = "llm_unavailable"
    WP_AUTH = "wp_auth"
    WP_FORBIDDEN = "wp_forbidden"
    WP_REST_UNAVAILABLE = "wp_rest_unavailable"
    WP_BAD_REQUEST = "wp_bad_request"
    WP_TOO_LARGE = "wp_too_large"
    STORE_CONFLICT = "store_conflict"
    STORE_UNAVAILABLE = "store_unavailable"
    KEYRING_UNAVAILABLE = "keyring_unavailable"
    CANCELLED = "cancelled"
    NO_SUCH_ITEM = "no_such_item"
    INVALID_TRANSITION = "invalid_transition"
    INVALID_INPUT = "invalid_input"
    BROWSER_CRASHED = "browser_crashed"
    INTERNAL = "internal_error"
    BACKUP_INVALID = "backup_invalid"
    BACKUP_TOO_NEW = "backup_too_new"
    BROWSER_DOWNLOAD_FAILED = "browser_download_failed"
    PROMPT_INVALID = "prompt_invalid"
    SCHEMA_INVALID = "schema_invalid"


# Codes worth retrying automatically (with backoff); everything else needs a person.
TRANSIENT_CODES = frozenset(
    {
        ErrorCode.NETWORK,
        ErrorCode.TIMEOUT,
        ErrorCode.LLM_RATE_LIMITED,
        ErrorCode.LLM_UNAVAILABLE,
        ErrorCode.WP_REST_UNAVAILABLE,
        ErrorCode.STORE_UNAVAILABLE,
        ErrorCode.BROWSER_CRASHED,
    }
)


@dataclass(frozen=True, slots=True)
class ErrorText:
    """What the editor reads for a code, in plain English (the UI translates it, the CLI prints it)."""

    title: str  # a few words: what went wrong
    next_step: str  # one sentence: what to do about it


# Every code's title and default next step: the one table of them (the UI's catalog is generated
# from it by resources/translations/build.py).
ERROR_TEXTS: dict[ErrorCode, ErrorText] = {
    ErrorCode.INVALID_LINK: ErrorText(
        "Not a link, ASIN or ISBN",
        "Paste an Amazon product link, an ASIN or an ISBN.",
    ),
    ErrorCode.NOT_AMAZON: ErrorText(
        "Not an Amazon link",
        "Only Amazon product pages can be added; check the address.",
    ),
    ErrorCode.NOT_A_PRODUCT_LINK: ErrorText(
        "Not a product page",
        "Open the book's own page on Amazon and copy that link.",
    ),
    ErrorCode.DUPLICATE: ErrorText(
        "Already in the queue",
        "This book is already in the queue; nothing to do.",
    ),
    ErrorCode.CAPTCHA: ErrorText(
        "Amazon asked for a bot check",
        "Open the page in the browser window, solve the check once, then retry.",
    ),
    ErrorCode.NOT_FOUND: ErrorText(
        "Page not found on Amazon",
        "Amazon no longer has this page; check the link or delete the item.",
    ),
    ErrorCode.NOT_A_BOOK: ErrorText(
        "This product is not a book",
        "This product is not a book; delete the item.",
    ),
    ErrorCode.BROWSER_UNAVAILABLE: ErrorText(
        "No browser found",
        "Install Chromium or Google Chrome, or set PIGMEU_BROWSER to its path.",
    ),
    ErrorCode.NETWORK: ErrorText(
        "No connection",
        "Check the internet connection; the item will be retried.",
    ),
    ErrorCode.TIMEOUT: ErrorText(
        "Timed out",
        "The server was too slow; the item will be retried.",
    ),
    ErrorCode.LLM_AUTH: ErrorText(
        "AI key rejected",
        "Check the API key in Settings → AI provider.",
    ),
    ErrorCode.LLM_RATE_LIMITED: ErrorText(
        "AI provider is rate limiting",
        "The provider is rate limiting; wait a little or switch provider.",
    ),
    ErrorCode.LLM_BAD_OUTPUT: ErrorText(
        "AI answer unusable",
        "Regenerate the draft, or write it by hand from the raw text kept.",
    ),
    ErrorCode.LLM_UNAVAILABLE: ErrorText(
        "AI provider unavailable",
        "The AI provider is down or unreachable; retry later or switch provider.",
    ),
    ErrorCode.WP_AUTH: ErrorText(
        "WordPress login failed",
        "Check the WordPress user and application password in Settings.",
    ),
    ErrorCode.WP_FORBIDDEN: ErrorText(
        "WordPress refused permission",
        "Ask a site administrator for a role that can publish and upload.",
    ),
    ErrorCode.WP_REST_UNAVAILABLE: ErrorText(
        "WordPress REST API unavailable",
        "Enable the WordPress REST API and application passwords on the site.",
    ),
    ErrorCode.WP_BAD_REQUEST: ErrorText(
        "WordPress refused the post",
        "WordPress refused the post; check the draft's fields.",
    ),
    ErrorCode.WP_TOO_LARGE: ErrorText(
        "Upload too large for the site",
        "Raise the site's upload limit or use a smaller cover.",
    ),
    ErrorCode.STORE_CONFLICT: ErrorText(
        "Changed elsewhere",
        "Someone else changed this item; reload it and apply your change again.",
    ),
    ErrorCode.STORE_UNAVAILABLE: ErrorText(
        "Database unavailable",
        "The database cannot be reached; check the data folder or team server.",
    ),
    ErrorCode.KEYRING_UNAVAILABLE: ErrorText(
        "System keyring unavailable",
        "Install or unlock a system keyring (e.g. gnome-keyring or KWallet).",
    ),
    ErrorCode.CANCELLED: ErrorText(
        "Cancelled",
        "Start it again when you are ready (Retry).",
    ),
    ErrorCode.NO_SUCH_ITEM: ErrorText(
        "Item not found",
        "Run `pigmeu list` to see the items that exist.",
    ),
    ErrorCode.INVALID_TRANSITION: ErrorText(
        "Not possible in this state",
        "The item is not in a state that allows this; check its status.",
    ),
    ErrorCode.INVALID_INPUT: ErrorText(
        "Invalid value",
        "Check the value and try again.",
    ),
    ErrorCode.BROWSER_CRASHED: ErrorText(
        "Browser stopped",
        "The browser stopped unexpectedly; the item will be retried.",
    ),
    ErrorCode.INTERNAL: ErrorText(
        "Unexpected error",
        "Something unexpected went wrong; the log has details. Retry the item.",
    ),
    ErrorCode.BACKUP_INVALID: ErrorText(
        "Not a Pigmeu backup",
        "Choose a file made by Export (File → Export) or `pigmeu export`.",
    ),
    ErrorCode.BACKUP_TOO_NEW: ErrorText(
        "Backup from a newer version",
        "Update Pigmeu Copilot Desktop to the version that made the file, then import it.",
    ),
    ErrorCode.BROWSER_DOWNLOAD_FAILED: ErrorText(
        "Browser download failed",
        "Check the internet connection and try again, or choose an installed Chrome or Edge.",
    ),
    ErrorCode.PROMPT_INVALID: ErrorText(
        "Prompt template not valid",
        "Fix the template where the message says, or restore an earlier version.",
    ),
    ErrorCode.SCHEMA_INVALID: ErrorText(
        "Content schema not valid",
        "Fix the content schema where the message says, or restore an earlier version.",
    ),
}
DEFAULT_NEXT_STEPS: dict[ErrorCode, str] = {code: text.next_step for code, text in ERROR_TEXTS.items()}


class PigmeuError(Exception):
    """Base of every expected failure: a stable code, a message safe to show, and a next step."""

    default_code: ErrorCode = ErrorCode.INVALID_INPUT

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode | str | None = None,
        next_step: str | None = None,
        **details: Any,
    ) -> None:
        super().__init__(message)
        self.code = ErrorCode(code) if code is not None else self.default_code
        self.message = message
        self.next_step = next_step if next_step is not None else DEFAULT_NEXT_STEPS.get(self.code, "")
        self.details = details

    @property
    def transient(self) -> bool:
        return self.code in TRANSIENT_CODES

    def to_dict(self) -> dict[str, Any]:
        """The CLI's `{"error": {...}}` payload; details must never contain secrets."""
        payload: dict[str, Any] = {"code": str(self.code), "message": self.message}
        if self.next_step:
            payload["next_step"] = self.next_step
        payload.update({k: v for k, v in self.details.items() if v is not None})
        return payload

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!s}, message={self.message!r})"


class LinkError(PigmeuError):
    """A pasted link or id was rejected (invalid_link, not_amazon, not_a_product_link)."""

    default_code = ErrorCode.INVALID_LINK


class ScrapeError(PigmeuError):
    """Scraping failed: captcha, not_found, not_a_book, browser_unavailable, network, timeout."""

    default_code = ErrorCode.NETWORK


class LLMError(PigmeuError):
    """Drafting failed: llm_auth, llm_rate_limited, llm_bad_output, llm_unavailable."""

    default_code = ErrorCode.LLM_UNAVAILABLE


class WordPressError(PigmeuError):
    """Publishing failed: wp_auth, wp_forbidden, wp_rest_unavailable, wp_bad_request, wp_too_large."""

    default_code = ErrorCode.WP_BAD_REQUEST


class StoreError(PigmeuError):
    """The store refused or could not do a write: store_conflict, store_unavailable, no_such_item."""

    default_code = ErrorCode.STORE_UNAVAILABLE


class StoreConflict(StoreError):
    """A write carried a stale `version`: someone else wrote first."""

    default_code = ErrorCode.STORE_CONFLICT


class NoSuchItem(StoreError):
    """The id names no submission."""

    default_code = ErrorCode.NO_SUCH_ITEM


class InvalidTransition(PigmeuError):
    """The status machine refused a transition."""

    default_code = ErrorCode.INVALID_TRANSITION


class SecretsError(PigmeuError):
    """The OS keyring is missing or locked."""

    default_code = ErrorCode.KEYRING_UNAVAILABLE


class Cancelled(PigmeuError):
    """Work was cancelled by the editor; shown silently."""

    default_code = ErrorCode.CANCELLED

    def __init__(self, message: str = "Cancelled", **details: Any) -> None:
        super().__init__(message, **details)
