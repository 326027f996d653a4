"""Captcha pauses shared by every app process on one data dir (GUI, `pigmeu run`, `pigmeu scrape`)."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("pigmeu.scraping.politeness")


class PauseFile:
    """A small JSON file: {marketplace: {"paused_until": ISO, "reason": str, "captcha_count": int}}.

    Without it, a captcha seen by the GUI would not stop a `pigmeu scrape` run in a terminal from
    asking Amazon again. Reads are cached by modification time, so checking it before each scrape
    costs a stat. Two processes writing at once: the last one wins, which only ever loses a pause
    that the other process keeps in memory anyway.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._stamp: tuple[int, int] | None = None
        self._cache: dict[str, dict[str, Any]] = {}

    def read(self) -> dict[str, dict[str, Any]]:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._stamp, self._cache = None, {}
            return {}
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp != self._stamp:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self._cache = (
                    {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}
                )
            except (OSError, ValueError) as exc:  # a damaged file must never stop scraping
                log.warning("ignoring unreadable %s: %s", self.path, exc)
                self._cache = {}
            self._stamp = stamp
        return dict(self._cache)

    def write(self, marketplace: str, entry: dict[str, Any] | None) -> None:
        data = self.read()
        if entry is None:
            data.pop(marketplace, None)
        else:
            data[marketplace] = entry
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
            os.replace(tmp, self.path)
        except OSError as exc:  # the in-memory pause still holds for this process
            log.warning("cannot write %s: %s", self.path, exc)
