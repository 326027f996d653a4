"""Shared bits of the real-WordPress tests: a submission with a cover, and an admin reader of the site."""

from __future__ import annotations

import io
import os
from pathlib import Path

import httpx
from PIL import Image

from pigmeu_desktop.core.models import Book, Draft, Submission, new_id
from pigmeu_desktop.core.states import Status


def cover_file(path: Path, *, size: tuple[int, int] = (500, 750), noise_bytes: int = 0) -> Path:
    """A JPEG cover; with `noise_bytes`, random pixels make it about that big (incompressible)."""
    if not noise_bytes:
        out = io.BytesIO()
        Image.new("RGB", size, (180, 40, 40)).save(out, "JPEG", quality=90)
        path.write_bytes(out.getvalue())
        return path
    side = 200
    while True:  # grow 2% at a time until the JPEG reaches the wanted size (within ~5%)
        out = io.BytesIO()
        Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "JPEG", quality=75)
        if out.tell() >= noise_bytes:
            path.write_bytes(out.getvalue())
            return path
        side = int(side * 1.02) + 1


def make_submission(
    tmp_path: Path,
    *,
    body: str | None = None,
    categories=("Ficção",),
    tags=("romance", "clássico"),
    cover: Path | None = None,
    asin: str = "8535914846",
) -> Submission:
    sid = new_id()
    cover = cover if cover is not None else cover_file(tmp_path / f"{sid}.jpg")
    return Submission(
        amazon_url=f"https://www.amazon.com.br/dp/{asin}",
        asin=asin,
        marketplace="amazon.com.br",
        status=Status.PUBLISHING,
        book=Book(title="Dom Casmurro", cover_path=str(cover)),
        draft=Draft(
            title="Resenha: Dom Casmurro",
            slug=f"resenha-dom-casmurro-{sid[-6:]}",
            excerpt="Capitu traiu ou não traiu?",
            meta_description="Resenha de Dom Casmurro.",
            body_markdown=body
            if body is not None
            else (
                "## A obra\n\nUm clássico. [Compre aqui](https://www.amazon.com.br/Dom-Casmurro/dp/"
                f"{asin}/ref=sr_1_1?keywords=dom)."
            ),
            tags=list(tags),
            categories=list(categories),
        ),
    )


class SiteReader:
    """Reads back what WordPress stored, as the administrator (context=edit gives the raw fields)."""

    def __init__(self, url: str, auth: tuple[str, str]):
        self.http = httpx.AsyncClient(base_url=url + "/wp-json/wp/v2/", auth=auth, timeout=30)

    async def aclose(self) -> None:
        await self.http.aclose()

    async def get(self, path: str, **params) -> dict | list:
        response = await self.http.get(path, params={"context": "edit", **params})
        response.raise_for_status()
        return response.json()

    async def post(self, post_id: int) -> dict:
        return await self.get(f"posts/{post_id}")

    async def term_names(self, taxonomy: str, ids: list[int]) -> set[str]:
        if not ids:
            return set()
        terms = await self.get(taxonomy, include=",".join(map(str, ids)), per_page=100)
        return {t["name"] for t in terms}
