"""Product pages kept for a report: when a page gives a title but misses core fields, its HTML is saved
under the data folder (`data/pages/`) so the editor can attach it. Session values are removed first."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

# Values in a served page that belong to the visitor's session (ids, tokens, CSRF): a kept page must not
# let anyone who reads the report reuse or link that session. Keys as Amazon writes them in inline
# scripts, hidden inputs and data attributes.
_SESSION_KEYS = (
    "session-id",
    "session_id",
    "sessionId",
    "session-token",
    "ubid-main",
    "ubid",
    "x-main",
    "at-main",
    "sess-at-main",
    "sst-main",
    "csm-hit",
    "ue_sid",
    "ue_mid",
    "customerId",
    "customer_id",
    "csrf",
    "csrfToken",
    "anti-csrftoken-a2z",
    "verificationSessionID",
    "obfuscatedCustomerId",
    "token",
)
_SESSION_VALUE = re.compile(
    rb"(?P<key>(?:" + b"|".join(re.escape(k.encode()) for k in _SESSION_KEYS) + rb")"
    rb"""["']?\s*(?:[:=]|value=|content=)\s*["']?)(?P<value>[A-Za-z0-9+/=%._|:-]{6,})""",
    re.IGNORECASE,
)
# <input name="session-id" value="…"> puts the value after the name with other attributes in between.
_SESSION_INPUT = re.compile(
    rb"""(?P<key><input\b[^>]*\b(?:name|id)\s*=\s*["'](?:"""
    + b"|".join(re.escape(k.encode()) for k in _SESSION_KEYS)
    + rb""")["'][^>]*\bvalue\s*=\s*["'])(?P<value>[^"']*)""",
    re.IGNORECASE,
)


def scrub(html: bytes) -> bytes:
    """The page with session identifiers and tokens replaced by "removed"."""
    html = _SESSION_INPUT.sub(rb"\g<key>removed", html)
    return _SESSION_VALUE.sub(rb"\g<key>removed", html)


class KeptPages:
    """Writes kept pages to one folder, one file per page (never overwriting another)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def keep(self, html: bytes | str, *, asin: str | None, marketplace: str | None) -> Path:
        data = html.encode("utf-8") if isinstance(html, str) else bytes(html)
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = re.sub(r"[^A-Za-z0-9.-]", "_", f"{marketplace or 'amazon'}-{asin or 'unknown'}-{stamp}")
        path = self.folder / f"{name}.html"
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(scrub(data))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path
