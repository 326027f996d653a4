"""The editor's use cases, each written once: the window (ui/) and the `pigmeu` command (cli/) call only these.

One plain async function per action, taking its dependencies as arguments (the store, the queue's
controls, the editor's name) and returning a result or raising a coded `PigmeuError`. No Qt, no printing:
how a result is shown belongs to the caller.
"""

from pigmeu_desktop.operations.intake import AddLinksResult, add_links, parse_marketplace
from pigmeu_desktop.operations.items import ItemDetails, delete, list_items, parse_status, show
from pigmeu_desktop.operations.queue import can_retry, release_captcha_items, retry, stop, stop_all
from pigmeu_desktop.operations.review import ApprovalRefused, approve, can_approve
from pigmeu_desktop.operations.steps import can_publish, check_publishable, draft, publish, scrape

__all__ = [
    "AddLinksResult",
    "ApprovalRefused",
    "can_publish",
    "ItemDetails",
    "add_links",
    "approve",
    "can_approve",
    "can_retry",
    "check_publishable",
    "delete",
    "draft",
    "list_items",
    "parse_marketplace",
    "parse_status",
    "publish",
    "release_captcha_items",
    "retry",
    "scrape",
    "show",
    "stop",
    "stop_all",
]
