"""Wiring for end-to-end runs of `pigmeu run`: a data dir whose settings point at the local stand-ins
(fixture pages served to the real browser, the fake OpenAI-compatible server, the real WordPress)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pigmeu_desktop.paths import AppPaths
from pigmeu_desktop.settings.schema import Settings
from pigmeu_desktop.settings.store import save_settings
from tests.support.amazon_server import FIXTURES, AmazonServer
from tests.support.fake_openai import review_responder

# A pt-BR book page; each item gets a copy under its own ASIN so every link is a distinct product.
SOURCE_PAGE = "19-br-capa-comum-essencial-segunda-guerra-2022"
SOURCE_ASIN = "8565042472"
REPO = Path(__file__).resolve().parents[2]


def review_with_short_tags(body: dict) -> str:
    """The fake model's review, with tags cut to the schema's 60 characters.

    review_responder tags the joined author list, which for the source page (four contributors)
    is 70 characters and fails validation on every item; the executor is not what is tested there.
    """
    text = review_responder(body)
    try:
        draft = json.loads(text)
    except ValueError:
        return text
    if isinstance(draft, dict) and isinstance(draft.get("tags"), list):
        draft["tags"] = [str(t)[:60] for t in draft["tags"]]
        return json.dumps(draft, ensure_ascii=False)
    return text


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def serve_books(amazon: AmazonServer, n: int, *, prefix: str = "B0PG") -> list[str]:
    """Serve `n` distinct book pages; returns their canonical amazon.com.br URLs."""
    html = (FIXTURES / f"{SOURCE_PAGE}.html").read_bytes()
    urls = []
    for i in range(n):
        asin = f"{prefix}{i:06d}"
        amazon.add_page(asin, html.replace(SOURCE_ASIN.encode(), asin.encode()))
        urls.append(f"https://www.amazon.com.br/dp/{asin}")
    return urls


def prepare_home(home: Path, *, wp_url: str, wp_user: str, **settings) -> AppPaths:
    """A data dir whose settings send drafts to the fake OpenAI and posts to the local WordPress."""
    paths = AppPaths.under(home).ensure()
    values = {
        "llm_provider": "openai",
        "wordpress_url": wp_url,
        "wordpress_username": wp_user,
        "scrape_min_delay_s": 0.0,  # one local server; Amazon politeness is tested in the scraping suite
        "affiliate_tags": {"amazon.com.br": "pigmeu-20"},
    }
    values.update(settings)
    save_settings(paths.settings_file, Settings(**values))
    return paths


def cli_env(
    home: Path, *, amazon: AmazonServer, openai_base_url: str, openai_key: str, wp_password: str
) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OPENAI_API_KEY", "WORDPRESS_PASSWORD", "WORDPRESS_URL", "WORDPRESS_USERNAME")
    }
    env.update(
        PIGMEU_HOME=str(home),
        PIGMEU_BROWSER=chromium() or "",
        PIGMEU_BROWSER_ARGS=amazon.browser_args_env(),
        OPENAI_BASE_URL=openai_base_url,
        OPENAI_API_KEY=openai_key,
        WORDPRESS_PASSWORD=wp_password,
        PYTHONPATH=str(REPO),
        DBUS_SESSION_BUS_ADDRESS="disabled:",
    )
    return env


def pigmeu(*args: str) -> list[str]:
    return [sys.executable, "-m", "pigmeu_desktop.cli", *args]


def run_pigmeu(env: dict, *args: str, timeout: float = 300) -> tuple[int, str, str]:
    proc = subprocess.run(pigmeu(*args), env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    return proc.returncode, proc.stdout, proc.stderr


def posts_by_submission(wp, submission_ids: list[str]) -> dict[str, int]:
    """How many live (non-trashed) WordPress posts carry each submission's marker, in one query."""
    php = (
        'global $wpdb; echo json_encode($wpdb->get_col("SELECT post_content FROM {$wpdb->posts} '
        "WHERE post_type='post' AND post_status NOT IN ('trash','auto-draft')\"));"
    )
    contents = json.loads(wp.eval(php).strip() or "[]")
    return {sid: sum(sid in c for c in contents) for sid in submission_ids}
