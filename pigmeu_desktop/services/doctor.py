"""`pigmeu doctor` and the GUI's Test buttons: each check says ok / warn / fail, why, and what to do next."""

from __future__ import annotations

import asyncio
import logging
import platform
import shutil
import sys
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import metadata
from typing import Any

from pigmeu_desktop import __version__
from pigmeu_desktop.core.errors import ErrorCode, PigmeuError
from pigmeu_desktop.core.ports import Context
from pigmeu_desktop.core.providers import NO_PROVIDER, PROVIDER_TABLE

log = logging.getLogger("pigmeu.doctor")

CHECK_TIMEOUT_S = 45.0
DISK_FAIL_BYTES = 200 * 1024**2
DISK_WARN_BYTES = 1024**3


class CheckStatus(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


@dataclass
class CheckResult:
    name: str
    status: CheckStatus
    message: str
    next_step: str = ""
    code: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "name": self.name,
            "status": str(self.status),
            "message": self.message,
            "next_step": self.next_step,
        }
        if self.code:
            payload["code"] = self.code
        return payload

    @classmethod
    def from_error(cls, name: str, exc: PigmeuError) -> CheckResult:
        return cls(name, CheckStatus.FAIL, exc.message, exc.next_step, str(exc.code))


@dataclass(frozen=True)
class DoctorOptions:
    """Knobs for tests and the GUI: where to look for a browser (None: the usual places)."""

    browser_search: Sequence[Any] | None = None


Check = Callable[[Any, DoctorOptions], Awaitable["CheckResult | list[CheckResult]"]]


# -- the checks ----------------------------------------------------------------------------------------


async def check_home(services: Context, options: DoctorOptions) -> CheckResult:
    paths = services.paths
    for directory in (paths.data_dir, paths.config_dir, paths.log_dir, paths.cache_dir):
        probe = directory / f".doctor-{uuid.uuid4().hex}"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            return CheckResult(
                "home",
                CheckStatus.FAIL,
                f"Cannot write to {directory}: {exc.strerror or exc}.",
                "Fix the folder's permissions, or choose another with --data-dir / PIGMEU_HOME.",
            )
    return CheckResult(
        "home", CheckStatus.OK, f"Data, settings and log folders are writable ({paths.data_dir})."
    )


async def check_settings(services: Context, options: DoctorOptions) -> CheckResult:
    """Values in the settings file or the environment that were refused (the app uses defaults for them)."""
    from pigmeu_desktop.settings.loader import load_effective

    effective = load_effective(services.paths, services.env, read_dotenv=False)
    try:
        effective.check()
    except PigmeuError as exc:
        return CheckResult.from_error("settings", exc)
    return CheckResult(
        "settings", CheckStatus.OK, f"Every setting is valid ({services.paths.settings_file})."
    )


async def check_store(services: Context, options: DoctorOptions) -> CheckResult:
    store = await services.store()
    check = getattr(store, "check_integrity", None)
    if check is None:
        return CheckResult("store", CheckStatus.WARN, "The store opened; it offers no integrity check.", "")
    verdict = await check()
    if verdict.strip().lower() != "ok":
        return CheckResult(
            "store",
            CheckStatus.FAIL,
            f"The database failed its integrity check: {verdict[:300]}",
            "Close the app, keep a copy of the data folder, and restore the database from a backup.",
            str(ErrorCode.STORE_UNAVAILABLE),
        )
    return CheckResult("store", CheckStatus.OK, "The database opens and passes its integrity check.")


async def check_browser(services: Context, options: DoctorOptions) -> CheckResult:
    from pigmeu_desktop.services.scraping import check_browser as probe

    kwargs = {"search": options.browser_search} if options.browser_search is not None else {}
    info = await probe(services, **kwargs)
    what = f"{info.get('kind', 'browser')} browser {info.get('version', '')}".strip()
    return CheckResult("browser", CheckStatus.OK, f"The {what} launches ({info.get('path')}).", details=info)


async def check_keyring(services: Context, options: DoctorOptions) -> CheckResult:
    secrets = services.secrets
    choice = secrets.backend()
    secrets.probe()  # a read: a locked keyring fails here, not on the first save
    if choice.file_based:
        return CheckResult(
            "keyring",
            CheckStatus.WARN,
            f"Secrets are kept in a file by {choice.name} (opted in), not in the OS keyring.",
            "Use the OS keyring where one is available: clear Settings → Secrets storage.",
        )
    return CheckResult("keyring", CheckStatus.OK, f"System keyring available ({choice.name}).")


def configured_providers(services: Context) -> list[str]:
    """The chosen provider and its fallbacks, plus any provider whose key is present."""
    settings = services.settings
    chosen = [p.strip().lower() for p in [settings.llm_provider, *settings.llm_fallback] if p and p.strip()]
    chosen = [p for p in chosen if p not in NO_PROVIDER]
    for provider in PROVIDER_TABLE:
        if provider.name in chosen:
            continue
        try:
            has_key = bool(services.secrets.get(provider.key_name))
        except PigmeuError:
            has_key = False
        if has_key or (provider.name == "openai" and settings.openai_base_url):
            chosen.append(provider.name)
    return list(dict.fromkeys(chosen))


async def check_llm(services: Context, options: DoctorOptions) -> list[CheckResult]:
    providers = configured_providers(services)
    if not providers:
        return [
            CheckResult(
                "llm",
                CheckStatus.WARN,
                "No AI provider is configured: drafts will be skeletons to fill by hand.",
                "Choose a provider and enter its key in Settings → AI provider.",
            )
        ]
    from pigmeu_desktop.services.llm import check_provider

    results = []
    for provider in providers:
        name = f"llm:{provider}"
        try:
            info = await asyncio.wait_for(check_provider(services, provider), CHECK_TIMEOUT_S)
        except PigmeuError as exc:
            results.append(CheckResult.from_error(name, exc))
            continue
        except TimeoutError:
            results.append(_timeout(name))
            continue
        model = (info or {}).get("model") or ""
        text = f"{provider} accepts the key" + (f" (model {model})." if model else ".")
        results.append(CheckResult(name, CheckStatus.OK, text, details=info or {}))
    return results


async def check_wordpress(services: Context, options: DoctorOptions) -> CheckResult:
    if not services.settings.wordpress_url:
        return CheckResult(
            "wordpress",
            CheckStatus.WARN,
            "No WordPress site is configured: posts cannot be published.",
            "Enter the site, user and application password in Settings → WordPress.",
        )
    from pigmeu_desktop.services.wordpress import check_wordpress as probe

    info = await probe(services)
    user = info.get("user") or {}
    who = f"{user.get('username', '?')} ({', '.join(user.get('roles') or []) or 'no role'})"
    warnings = list(info.get("warnings") or [])
    message = f"Connected to {info.get('site_url')} as {who}."
    if warnings:
        return CheckResult(
            "wordpress", CheckStatus.WARN, message + " " + " ".join(warnings), "", details=info
        )
    return CheckResult(
        "wordpress", CheckStatus.OK, message + " The user can publish posts with covers.", details=info
    )


async def check_mongodb(services: Context, options: DoctorOptions) -> CheckResult:
    settings = services.settings
    if not settings.mongodb_uri:
        return CheckResult(
            "mongodb",
            CheckStatus.FAIL,
            "Team mode is on but no MongoDB URI is set.",
            "Set it in Settings → Team (or MONGODB_URI).",
            str(ErrorCode.STORE_UNAVAILABLE),
        )
    from pymongo.errors import PyMongoError

    from pigmeu_desktop.services.storage.mongo_client import new_client

    password = _secret(services, "MONGODB_PASSWORD", settings.mongodb_uri)
    kwargs: dict[str, Any] = {"password": password} if password else {}
    client: Any = new_client(settings.mongodb_uri, serverSelectionTimeoutMS=3000, **kwargs)
    try:
        await client[settings.mongo_db_name].command("ping")
    except PyMongoError as exc:
        return CheckResult(
            "mongodb",
            CheckStatus.FAIL,
            f"MongoDB does not answer: {type(exc).__name__}.",
            "Check MONGODB_URI, the password (pigmeu secrets set MONGODB_PASSWORD) and that the server runs.",
            str(ErrorCode.STORE_UNAVAILABLE),
        )
    finally:
        await client.close()
    return CheckResult("mongodb", CheckStatus.OK, f"MongoDB answers (database {settings.mongo_db_name}).")


async def check_redis(services: Context, options: DoctorOptions) -> CheckResult:
    url = services.settings.redis_url
    if not url:
        return CheckResult(
            "redis",
            CheckStatus.FAIL,
            "Team mode is on but no Redis URL is set.",
            "Set it in Settings → Team (or REDIS_URL).",
            str(ErrorCode.STORE_UNAVAILABLE),
        )
    import redis.asyncio as aioredis
    from redis.exceptions import RedisError

    password = _secret(services, "REDIS_PASSWORD", url)
    client = aioredis.from_url(url, password=password or None, socket_connect_timeout=3, socket_timeout=3)
    try:
        await client.ping()
    except (RedisError, OSError) as exc:
        return CheckResult(
            "redis",
            CheckStatus.FAIL,
            f"Redis does not answer: {type(exc).__name__}.",
            "Check REDIS_URL, the password (pigmeu secrets set REDIS_PASSWORD) and that the server runs.",
            str(ErrorCode.STORE_UNAVAILABLE),
        )
    finally:
        await client.aclose()
    return CheckResult("redis", CheckStatus.OK, "Redis answers.")


async def check_team(services: Context, options: DoctorOptions) -> list[CheckResult]:
    if not services.settings.team_mode:
        return []
    return list(await asyncio.gather(check_mongodb(services, options), check_redis(services, options)))


async def check_disk(services: Context, options: DoctorOptions) -> CheckResult:
    data_dir = services.paths.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(data_dir).free
    text = f"{free / 1024**3:.1f} GB free for {data_dir}."
    if free < DISK_FAIL_BYTES:
        return CheckResult("disk", CheckStatus.FAIL, text, "Free some disk space: saving drafts may fail.")
    if free < DISK_WARN_BYTES:
        return CheckResult("disk", CheckStatus.WARN, text, "Free some disk space soon.")
    return CheckResult("disk", CheckStatus.OK, text)


async def check_versions(services: Context, options: DoctorOptions) -> CheckResult:
    parts = [
        f"pigmeu {__version__}",
        f"Python {platform.python_version()}",
        f"{platform.system()} {platform.release()}",
    ]
    for dist in ("PySide6-Essentials", "qasync", "playwright", "keyring", "openai", "httpx"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist} missing")
    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return CheckResult("versions", CheckStatus.OK, ", ".join(parts) + frozen)


# Parts, in the order they print; the GUI's Test buttons run one part each.
PARTS: dict[str, Check] = {
    "home": check_home,
    "settings": check_settings,
    "store": check_store,
    "browser": check_browser,
    "keyring": check_keyring,
    "llm": check_llm,
    "wordpress": check_wordpress,
    "team": check_team,
    "disk": check_disk,
    "versions": check_versions,
}


def _secret(services: Context, name: str, address: str) -> str | None:
    from pigmeu_desktop.services.secrets.team import team_password

    try:
        return team_password(services, name, address)
    except PigmeuError:
        return None


def _timeout(name: str) -> CheckResult:
    return CheckResult(
        name,
        CheckStatus.FAIL,
        f"No answer within {CHECK_TIMEOUT_S:.0f} s.",
        "Check the network and the server address, then retry.",
        str(ErrorCode.TIMEOUT),
    )


async def run_part(services: Context, part: str, options: DoctorOptions | None = None) -> list[CheckResult]:
    """Run one part; every failure becomes a FAIL result (never an exception), with its code and next step."""
    options = options or DoctorOptions()
    try:
        result = await asyncio.wait_for(PARTS[part](services, options), CHECK_TIMEOUT_S)
    except PigmeuError as exc:
        result = CheckResult.from_error(part, exc)
    except TimeoutError:
        result = _timeout(part)
    except Exception as exc:  # a bug in a check must not hide the other checks
        log.exception("doctor check %s crashed", part)
        result = CheckResult(
            part,
            CheckStatus.FAIL,
            f"The check crashed ({type(exc).__name__}).",
            "The log has details; please report it.",
            str(ErrorCode.INTERNAL),
        )
    return result if isinstance(result, list) else [result]


async def run_checks(
    services: Context, parts: Sequence[str] | None = None, options: DoctorOptions | None = None
) -> list[CheckResult]:
    """Run the parts concurrently (the browser launch and network calls overlap); results in PARTS order."""
    chosen = [p for p in PARTS if parts is None or p in parts]
    groups = await asyncio.gather(*(run_part(services, p, options) for p in chosen))
    return [result for group in groups for result in group]
