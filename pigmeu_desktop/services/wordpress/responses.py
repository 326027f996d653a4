"""Turn WordPress's answers (JSON errors, proxy HTML pages, transport failures) into WordPressError."""

from __future__ import annotations

import json
import ssl
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from pigmeu_desktop.core.errors import ErrorCode, WordPressError

# WordPress error code → the capability whose absence it reports (wordpress-local.md, measured).
_CAPABILITY_BY_WP_CODE = {
    "rest_cannot_publish": "publish_posts",
    "rest_cannot_edit": "edit_others_posts",
    "rest_cannot_edit_others": "edit_others_posts",
    "rest_cannot_assign_term": "assign_terms",
}


def capability_for(method: str, route: str, wp_code: str, body: Any = None) -> str | None:
    """Best guess of the missing capability behind a 403, from the code and what we asked."""
    if wp_code in _CAPABILITY_BY_WP_CODE:
        return _CAPABILITY_BY_WP_CODE[wp_code]
    if method != "POST":
        return None
    if "wp/v2/media" in route:
        return "upload_files"
    if "wp/v2/categories" in route or "wp/v2/tags" in route:
        return "manage_categories"
    if "wp/v2/posts" in route:
        status = body.get("status") if isinstance(body, dict) else None
        return "publish_posts" if status in ("publish", "future") else "edit_posts"
    return None


def parse_json(response: httpx.Response) -> Any:
    """The JSON body, or None when the server sent something else (an HTML page, nothing)."""
    ctype = response.headers.get("content-type", "")
    text = response.text
    if "json" not in ctype and not text.lstrip().startswith(("{", "[")):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def error_from_response(
    response: httpx.Response, *, method: str, route: str, sent: Any = None, sent_bytes: int | None = None
) -> WordPressError:
    """Map one non-2xx answer (or a 2xx that is not JSON) to the stable error codes (core/errors.py)."""
    status = response.status_code
    data = parse_json(response)
    wp_code = data.get("code", "") if isinstance(data, dict) else ""
    wp_message = data.get("message", "") if isinstance(data, dict) else ""
    common: dict[str, Any] = {
        "http_status": status,
        "wp_code": wp_code or None,
        "url": _redact(str(response.request.url)),
    }

    if status == 413:
        size = sent_bytes if sent_bytes is not None else len(response.request.content or b"")
        return WordPressError(
            f"The site refused a request of {_human(size)} as too large (HTTP 413"
            f"{', from a proxy' if data is None else ''}).",
            code=ErrorCode.WP_TOO_LARGE,
            refused_bytes=size,
            **common,
        )
    if status == 401:
        return WordPressError(
            f"WordPress did not accept the user name and application password ({wp_code or 'HTTP 401'}).",
            code=ErrorCode.WP_AUTH,
            **common,
        )
    if status == 403:
        cap = capability_for(method, route, wp_code, sent)
        detail = f" The user lacks the '{cap}' capability." if cap else ""
        return WordPressError(
            f"WordPress refused: {wp_message or 'forbidden'} ({wp_code or 'HTTP 403'}).{detail}",
            code=ErrorCode.WP_FORBIDDEN,
            missing_capability=cap,
            **common,
        )
    if data is None:
        if status in (301, 302, 303, 307, 308):
            where = response.headers.get("location", "")
            msg = f"The REST API answered with a redirect to {_redact(where)} instead of JSON."
        else:
            msg = f"The site answered HTTP {status} with a web page instead of REST API JSON."
        return WordPressError(msg, code=ErrorCode.WP_REST_UNAVAILABLE, **common)
    if status == 404 and wp_code == "rest_no_route":
        return WordPressError(
            f"The site has no REST route for {route} (a plugin may disable it).",
            code=ErrorCode.WP_REST_UNAVAILABLE,
            **common,
        )
    if status == 429 or status >= 502:
        return WordPressError(
            f"The site is overloaded or down (HTTP {status}); it will be retried.",
            code=ErrorCode.WP_REST_UNAVAILABLE,
            **common,
        )
    extra = data.get("data") if isinstance(data.get("data"), dict) else {}
    return WordPressError(
        f"WordPress refused the request: {wp_message or 'HTTP ' + str(status)} ({wp_code or status}).",
        code=ErrorCode.WP_BAD_REQUEST,
        params=extra.get("params"),
        term_id=extra.get("term_id"),  # term_exists carries the existing term's id
        **common,
    )


def error_from_transport(exc: httpx.HTTPError, url: str) -> WordPressError:
    """Connection refused, DNS, TLS and timeouts → network / timeout, never with credentials in them."""
    where = _redact(url)
    if isinstance(exc, httpx.TimeoutException):
        return WordPressError(
            f"The site did not answer in time ({where}).", code=ErrorCode.TIMEOUT, url=where
        )
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return WordPressError(
                f"The site's HTTPS certificate is not trusted: {cause.verify_message} ({where}).",
                code=ErrorCode.NETWORK,
                next_step="Fix the site's certificate (or its address); the app does not skip TLS checks.",
                tls=True,
                url=where,
            )
        if isinstance(cause, ssl.SSLError):
            return WordPressError(
                f"TLS handshake with the site failed ({where}).", code=ErrorCode.NETWORK, tls=True, url=where
            )
        cause = cause.__cause__ or cause.__context__
    return WordPressError(
        f"Cannot reach the site ({where}): {type(exc).__name__}.", code=ErrorCode.NETWORK, url=where
    )


def _redact(url: str) -> str:
    """Drop any userinfo from a URL so a message never carries a password."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB ({size} bytes)"
    if size >= 1024:
        return f"{size / 1024:.0f} KB ({size} bytes)"
    return f"{size} bytes"
