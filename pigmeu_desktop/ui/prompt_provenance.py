"""The details pane's line saying what wrote a draft: provider, model, prompt and schema versions."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pigmeu_desktop.core.models import Draft

WRITTEN_BY = QT_TRANSLATE_NOOP("DraftProvenance", "Written by %1")
PROMPT = QT_TRANSLATE_NOOP("DraftProvenance", "prompt %1 v%2")
SCHEMA = QT_TRANSLATE_NOOP("DraftProvenance", "schema %1 v%2")


def _t(text: object) -> str:
    return QCoreApplication.translate("DraftProvenance", str(text))


def draft_provenance_html(draft: Draft) -> str:
    """A small line (empty when unknown): "Written by openai gpt-4o-mini · prompt book-review.pt-BR v2 · …"."""
    pieces = []
    if draft.provider:
        pieces.append(
            _t(WRITTEN_BY).replace(
                "%1", " ".join(dict.fromkeys(p for p in (draft.provider, draft.model) if p))
            )
        )
    if draft.prompt_id:
        pieces.append(_t(PROMPT).replace("%1", draft.prompt_id).replace("%2", str(draft.prompt_version or 1)))
    if draft.schema_id:
        pieces.append(_t(SCHEMA).replace("%1", draft.schema_id).replace("%2", str(draft.schema_version or 1)))
    if not pieces:
        return ""
    return f"<p><small>{html.escape(' · '.join(pieces))}</small></p>"
