"""An httpx client that follows the browser's network settings: proxy, host rules, certificate policy.

Covers are fetched with httpx, not the browser; a user who needs `--host-resolver-rules` or a proxy
for the browser needs the same for covers, and tests that map Amazon hosts to a local server get
covers from that server too (never from the internet).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from pigmeu_desktop.services.scraping.discovery import BrowserConfig


@dataclass(frozen=True)
class HostRule:
    pattern: str
    host: str | None  # None: EXCLUDE (keep the real host)
    port: int | None = None


def parse_host_rules(args: Sequence[str]) -> list[HostRule]:
    """Chromium's `--host-resolver-rules="MAP *.example.com 127.0.0.1:8443, EXCLUDE x.com"`."""
    rules: list[HostRule] = []
    for arg in args:
        if not arg.startswith("--host-resolver-rules="):
            continue
        for part in arg.split("=", 1)[1].split(","):
            words = part.split()
            if len(words) == 3 and words[0].upper() == "MAP":
                host, _, port = words[2].rpartition(":") if ":" in words[2] else (words[2], "", "")
                rules.append(HostRule(words[1].lower(), host or words[2], int(port) if port else None))
            elif len(words) == 2 and words[0].upper() == "EXCLUDE":
                rules.append(HostRule(words[1].lower(), None))
    return rules


def map_host(rules: Sequence[HostRule], host: str) -> tuple[str, int | None] | None:
    """Where `host` goes under the rules, or None to keep it (as Chromium: EXCLUDEs first, then MAPs in order)."""
    host = host.lower()
    if any(r.host is None and fnmatch.fnmatchcase(host, r.pattern) for r in rules):
        return None
    for rule in rules:
        if rule.host is not None and fnmatch.fnmatchcase(host, rule.pattern):
            return rule.host, rule.port
    return None


class MappedTransport(httpx.AsyncBaseTransport):
    """Sends each request to the mapped address but keeps its Host header and TLS server name."""

    def __init__(self, rules: Sequence[HostRule], inner: httpx.AsyncBaseTransport) -> None:
        self._rules = list(rules)
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        target = map_host(self._rules, request.url.host)
        if target is not None:
            host, port = target
            request.extensions = {**request.extensions, "sni_hostname": request.url.host}
            request.url = request.url.copy_with(host=host, port=port or request.url.port)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def client_for(config: BrowserConfig, *, timeout_s: float = 20.0) -> httpx.AsyncClient:
    """An AsyncClient with the same proxy, host mapping and certificate policy as the browser."""
    verify = "--ignore-certificate-errors" not in config.extra_args
    inner = httpx.AsyncHTTPTransport(verify=verify, proxy=config.proxy or None, retries=1)
    rules = parse_host_rules(config.extra_args)
    transport: httpx.AsyncBaseTransport = MappedTransport(rules, inner) if rules else inner
    return httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(timeout_s, connect=10.0),
        follow_redirects=True,
        headers={"User-Agent": "Mozilla/5.0 (compatible; PigmeuCopilot cover fetcher)"},
    )
