"""WordPress publishing over the REST API: connection check, exactly-once publish, content rendering."""

from __future__ import annotations

from pigmeu_desktop.core.ports import StepContext
from pigmeu_desktop.services.wordpress.check import check_wordpress
from pigmeu_desktop.services.wordpress.client import WordPressClient
from pigmeu_desktop.services.wordpress.hashing import changed_since_publish, content_hash
from pigmeu_desktop.services.wordpress.publisher import PublishOutcome, WordPressPublisher, publish_submission


def create_publisher(services: StepContext) -> WordPressPublisher:
    """The object app.py caches as `services.publisher` (closed by `services.aclose()`)."""
    return WordPressPublisher(services)


__all__ = [
    "PublishOutcome",
    "WordPressClient",
    "WordPressPublisher",
    "changed_since_publish",
    "check_wordpress",
    "content_hash",
    "create_publisher",
    "publish_submission",
]
