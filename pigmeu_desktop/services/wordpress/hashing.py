"""What was published, as a hash of the draft: tells "changed since publish" without asking WordPress."""

from __future__ import annotations

import hashlib
import json

from pigmeu_desktop.core.editing import DRAFT_FIELDS
from pigmeu_desktop.core.models import Draft, Submission
from pigmeu_desktop.core.review import DRAFT_FIELDS

# The draft fields that end up in the post; provider, usage and timestamps do not change the post.
PUBLISHED_FIELDS = DRAFT_FIELDS


def content_hash(draft: Draft) -> str:
    """A stable `sha256:<hex>` of the draft's published fields (key order and str/list types fixed)."""
    doc = {name: getattr(draft, name) for name in PUBLISHED_FIELDS}
    data = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


def changed_since_publish(submission: Submission) -> bool:
    """True when the item was published and its draft no longer matches what was sent."""
    ref = submission.wordpress
    if ref is None or ref.post_id is None or not ref.content_hash or submission.draft is None:
        return False
    return content_hash(submission.draft) != ref.content_hash
