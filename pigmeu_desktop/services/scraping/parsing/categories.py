"""Categories (breadcrumbs, else the best-seller ladder) and the best-seller rank as one line of text."""

from __future__ import annotations

import re

from pigmeu_desktop.services.scraping.parsing.description import to_paragraphs
from pigmeu_desktop.services.scraping.parsing.dom import Page
from pigmeu_desktop.services.scraping.parsing.text import clean, node_text
from pigmeu_desktop.services.scraping.parsing.trace import note

_BREADCRUMB_IDS = (
    "wayfinding-breadcrumbs_feature_div",
    "wayfinding-breadcrumbs_container",
    "nav-breadcrumb",
    "breadcrumb-back-link",
    "showing-breadcrumbs_div",
)
# "(See Top 100 in Books)", "(Voir les 100 premiers en Livres)", "(Conheça o Top 100 na categoria Livros)".
_TOP_100 = re.compile(r"\(\s*[^()]*(?:100|ランキングを見る)[^()]*\)")
_STORE_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def breadcrumbs(page: Page) -> list[str]:
    for ident in _BREADCRUMB_IDS:
        for container in page.all_by_id(ident):
            names = []
            for link in container.iter("a"):
                name = node_text(link)
                # A "‹ Back to results" link is navigation, not a category.
                href = link.get("href") or ""
                if (
                    not name
                    or name.startswith(("‹", "<", "«"))
                    or link.get("id") == "breadcrumb-back-link"
                    or "/s?" in href
                    or link.get("onclick")
                ):
                    continue
                names.append(name)
            if names:
                note("categories", f"breadcrumbs #{ident}", container)
                return names
    return []


def rank_categories(rank_element) -> list[str]:
    """Category names of the best-seller ladder ("#41 in Political Fiction (Kindle Store)")."""
    if rank_element is None:
        return []
    names: list[str] = []
    for link in rank_element.iter("a"):
        href = link.get("href") or ""
        # "See Top 100 in Books" (…/ref=pd_zg_ts_…) names the whole store, not a category.
        text = node_text(link)
        if "/bestsellers/" not in href or "zg_ts" in href or "_ts_" in href or "100" in text:
            continue
        name = _STORE_SUFFIX.sub("", text)
        if name and name not in names:
            names.append(name)
    if names:
        note("categories", "best-seller rank ladder links", rank_element)
    return names


def rank_text(raw: str | None, rank_element=None, label: str = "") -> str | None:
    """ "#2,037,156 in Books; #885,225 in Literature & Fiction (Books)" from the details row."""
    lines: list[str] = []
    if rank_element is not None:
        for line in to_paragraphs(rank_element).split("\n"):
            line = clean(_TOP_100.sub("", line)).lstrip("- ")
            if label and line.startswith(label):
                line = line[len(label) :]
            line = line.strip(" :：;").lstrip("- ")
            if line and line not in lines:
                lines.append(line)
    if not lines and raw:
        lines = [clean(_TOP_100.sub("", raw))]
    return "; ".join(lines) or None
