"""The one error presenter: stable codes → translated words and a next step, shown where the editor looks."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pigmeu_desktop.core.errors import DEFAULT_NEXT_STEPS, ErrorCode, PigmeuError


def _t(text: str) -> str:
    return QCoreApplication.translate("errors", text)


# Short titles per code; the long message comes from the error itself (it names the item or site).
TITLES = {
    ErrorCode.INVALID_LINK: "Not a link, ASIN or ISBN",
    ErrorCode.NOT_AMAZON: "Not an Amazon link",
    ErrorCode.NOT_A_PRODUCT_LINK: "Not a product page",
    ErrorCode.DUPLICATE: "Already in the queue",
    ErrorCode.CAPTCHA: "Amazon asked for a bot check",
    ErrorCode.NOT_FOUND: "Page not found on Amazon",
    ErrorCode.NOT_A_BOOK: "This product is not a book",
    ErrorCode.BROWSER_UNAVAILABLE: "No browser found",
    ErrorCode.NETWORK: "No connection",
    ErrorCode.TIMEOUT: "Timed out",
    ErrorCode.LLM_AUTH: "AI key rejected",
    ErrorCode.LLM_RATE_LIMITED: "AI provider is rate limiting",
    ErrorCode.LLM_BAD_OUTPUT: "AI answer unusable",
    ErrorCode.LLM_UNAVAILABLE: "AI provider unavailable",
    ErrorCode.WP_AUTH: "WordPress login failed",
    ErrorCode.WP_FORBIDDEN: "WordPress refused permission",
    ErrorCode.WP_REST_UNAVAILABLE: "WordPress REST API unavailable",
    ErrorCode.WP_BAD_REQUEST: "WordPress refused the post",
    ErrorCode.WP_TOO_LARGE: "Upload too large for the site",
    ErrorCode.STORE_CONFLICT: "Changed elsewhere",
    ErrorCode.STORE_UNAVAILABLE: "Database unavailable",
    ErrorCode.KEYRING_UNAVAILABLE: "System keyring unavailable",
    ErrorCode.CANCELLED: "Cancelled",
    ErrorCode.NO_SUCH_ITEM: "Item not found",
    ErrorCode.INVALID_TRANSITION: "Not possible in this state",
    ErrorCode.INVALID_INPUT: "Invalid value",
    ErrorCode.BROWSER_CRASHED: "Browser stopped",
    ErrorCode.INTERNAL: "Unexpected error",
}


def title_for(code: str) -> str:
    try:
        return _t(TITLES[ErrorCode(code)])
    except (ValueError, KeyError):
        return _t("Error")


def next_step_for(code: str, given: str | None = None) -> str:
    if given:
        return _t(given)
    try:
        return _t(DEFAULT_NEXT_STEPS[ErrorCode(code)])
    except (ValueError, KeyError):
        return ""


def describe(error: PigmeuError) -> tuple[str, str, str]:
    """(title, message, next step) for an error; cancellation is silent (empty title)."""
    if error.code is ErrorCode.CANCELLED:
        return "", "", ""
    return title_for(error.code), error.message, next_step_for(error.code, error.next_step)


def one_line(error: PigmeuError) -> str:
    title, message, step = describe(error)
    if not title:
        return ""
    return f"{title}: {message}" + (f" — {step}" if step else "")
