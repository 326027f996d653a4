"""The one rule per action: which items allow it, and the reason and coded error for the others."""

from datetime import timedelta

import pytest

from pigmeu_desktop.core.errors import ErrorCode, InvalidTransition
from pigmeu_desktop.core.models import Book, Draft, ErrorInfo, Lease, Submission, WordPressRef, utcnow
from pigmeu_desktop.core.states import Status
from pigmeu_desktop.operations.availability import Action, Reason, raise_if_refused, refusal
from pigmeu_desktop.services.wordpress.hashing import content_hash

DRAFT = Draft(title="Resenha", excerpt="Um box.", body_markdown="texto")


def item(status: Status, **update) -> Submission:
    sub = Submission(
        amazon_url="https://www.amazon.com.br/dp/8565042472",
        asin="8565042472",
        marketplace="amazon.com.br",
        status=status,
    )
    return sub.model_copy(update=update)


def failed(step: str) -> Submission:
    return item(Status.FAILED, error=ErrorInfo(code="timeout", message="slow", step=step))


def published(*, changed: bool) -> Submission:
    ref = WordPressRef(site_url="http://wp.local", post_id=7, link="", content_hash=content_hash(DRAFT))
    draft = DRAFT.model_copy(update={"excerpt": "Revisto."}) if changed else DRAFT
    return item(Status.PUBLISHED, draft=draft, wordpress=ref)


class Jobs:
    """This process's queue as the rule asks it: which items the editor stopped (held)."""

    def __init__(self, *held: str) -> None:
        self.held = set(held)

    def is_held(self, submission_id: str) -> bool:
        return submission_id in self.held

    def cancel(self, submission_id: str) -> bool:
        return False

    def cancel_all(self) -> int:
        return 0

    def release(self, submission_id: str) -> None:
        self.held.discard(submission_id)

    def request_scan(self) -> None:
        pass


def reason(action: Action, sub: Submission, **context) -> Reason | None:
    refused = refusal(action, sub, **context)
    return None if refused is None else refused.reason


def test_approve():
    assert reason(Action.APPROVE, item(Status.DRAFTED, draft=DRAFT)) is None
    assert reason(Action.APPROVE, published(changed=True)) is None
    assert reason(Action.APPROVE, published(changed=False)) is Reason.UNCHANGED_SINCE_PUBLISH
    for status in (Status.QUEUED, Status.SCRAPED, Status.APPROVED, Status.FAILED, Status.PUBLISHING):
        assert reason(Action.APPROVE, item(status, draft=DRAFT)) is Reason.NOT_DRAFTED
    assert reason(Action.APPROVE, item(Status.DRAFTED)) is Reason.NOT_DRAFTED  # no draft


def test_retry():
    assert reason(Action.RETRY, failed("scrape")) is None
    drafted = item(Status.DRAFTED, draft=DRAFT)
    assert reason(Action.RETRY, drafted) is Reason.NOT_FAILED
    assert reason(Action.RETRY, drafted, jobs=Jobs(drafted.id)) is None  # stopped by the editor


def test_stop():
    scraping = item(Status.SCRAPING)
    assert reason(Action.STOP, scraping) is None
    assert (
        reason(Action.STOP, item(Status.QUEUED), running_here=True) is None
    )  # started, status not saved yet
    assert reason(Action.STOP, item(Status.QUEUED)) is Reason.NOTHING_RUNNING
    assert reason(Action.STOP, scraping, jobs=Jobs(scraping.id)) is Reason.NOTHING_RUNNING  # already stopped


def test_delete():
    lease = Lease(owner="elsewhere/1/x", until=utcnow() + timedelta(minutes=5))
    busy = item(Status.DRAFTING, lease=lease)
    assert reason(Action.DELETE, item(Status.DRAFTED)) is None
    assert reason(Action.DELETE, busy) is Reason.RUNNING_ELSEWHERE
    assert reason(Action.DELETE, busy, force=True) is None
    assert reason(Action.DELETE, busy, running_here=True) is None  # ours: stopped first
    expired = item(Status.DRAFTING, lease=lease.model_copy(update={"until": utcnow() - timedelta(seconds=1)}))
    assert reason(Action.DELETE, expired) is None


def test_publish():
    assert reason(Action.PUBLISH, item(Status.APPROVED, draft=DRAFT)) is None
    assert reason(Action.PUBLISH, published(changed=False)) is None  # an update
    assert reason(Action.PUBLISH, failed("publish")) is None  # a retry
    assert reason(Action.PUBLISH, failed("draft")) is Reason.NOT_APPROVED
    assert reason(Action.PUBLISH, item(Status.DRAFTED, draft=DRAFT)) is Reason.NOT_APPROVED


def test_draft():
    book = Book(title="O Essencial")
    assert reason(Action.DRAFT, item(Status.SCRAPED, book=book)) is None
    assert reason(Action.DRAFT, item(Status.DRAFTED, book=book, draft=DRAFT)) is None  # a new draft
    assert reason(Action.DRAFT, item(Status.QUEUED)) is Reason.NOT_SCRAPED
    assert reason(Action.DRAFT, failed("draft").model_copy(update={"book": book})) is None
    assert reason(Action.DRAFT, failed("publish").model_copy(update={"book": book})) is None  # a rework
    late = failed("scrape").model_copy(update={"book": book})  # a re-scrape failed: scrape it again first
    assert reason(Action.DRAFT, late) is Reason.STEP_NOT_POSSIBLE


def test_scrape():
    assert reason(Action.SCRAPE, item(Status.QUEUED)) is None
    assert reason(Action.SCRAPE, item(Status.DRAFTED)) is None  # fresh data before approval
    assert reason(Action.SCRAPE, failed("scrape")) is None
    assert reason(Action.SCRAPE, item(Status.APPROVED)) is Reason.STEP_NOT_POSSIBLE
    assert reason(Action.SCRAPE, item(Status.PUBLISHED)) is Reason.STEP_NOT_POSSIBLE


@pytest.mark.parametrize("action", list(Action))
def test_a_refusal_is_a_coded_error_naming_the_state(action):
    sub = item(Status.PUBLISHING)  # allows nothing but stop (and a forced delete)
    lease = Lease(owner="elsewhere/1/x", until=utcnow() + timedelta(minutes=5))
    sub = sub.model_copy(update={"lease": lease}) if action is Action.DELETE else sub
    sub = item(Status.QUEUED) if action is Action.STOP else sub
    with pytest.raises(InvalidTransition) as caught:
        raise_if_refused(refusal(action, sub))
    error = caught.value
    assert error.code is ErrorCode.INVALID_TRANSITION and error.message
    assert error.details["current"] == str(sub.status) and error.next_step
