"""The status machine: legal moves, typed refusals, leases and errors handled on the way."""

from datetime import timedelta

import pytest

from pigmeu_desktop.core.errors import ErrorCode, InvalidTransition
from pigmeu_desktop.core.models import ErrorInfo, Lease, Submission, utcnow
from pigmeu_desktop.core.states import (
    ALLOWED,
    Status,
    Step,
    interrupted_target,
    retry_target,
    transition,
)


def make(status: Status = Status.QUEUED) -> Submission:
    return Submission(
        amazon_url="https://www.amazon.com.br/dp/8565042472",
        asin="8565042472",
        marketplace="amazon.com.br",
        status=status,
    )


def test_happy_path_from_queued_to_published():
    sub = make()
    for target in (
        Status.SCRAPING,
        Status.SCRAPED,
        Status.DRAFTING,
        Status.DRAFTED,
        Status.APPROVED,
        Status.PUBLISHING,
        Status.PUBLISHED,
    ):
        sub = transition(sub, target)
        assert sub.status is target


@pytest.mark.parametrize("current", list(Status))
def test_every_illegal_move_is_refused_with_a_typed_error(current):
    for target in Status:
        if target in ALLOWED[current]:
            continue
        with pytest.raises(InvalidTransition) as info:
            transition(make(current), target, error=ErrorInfo(step="scrape", code="network", message="x"))
        assert info.value.code is ErrorCode.INVALID_TRANSITION


def test_queued_cannot_be_approved_or_published():
    with pytest.raises(InvalidTransition):
        transition(make(), Status.APPROVED)
    with pytest.raises(InvalidTransition):
        transition(make(), Status.PUBLISHED)


def test_failing_needs_the_error_and_keeps_it():
    sub = transition(make(), Status.SCRAPING)
    with pytest.raises(InvalidTransition):
        transition(sub, Status.FAILED)
    failed = transition(
        sub, Status.FAILED, error=ErrorInfo(step="scrape", code="captcha", message="bot check")
    )
    assert failed.error.code == "captcha"
    assert retry_target(failed) is Status.QUEUED


def test_retry_returns_to_the_start_of_the_failed_step():
    for step, start in (
        (Step.SCRAPE, Status.QUEUED),
        (Step.DRAFT, Status.SCRAPED),
        (Step.PUBLISH, Status.APPROVED),
    ):
        failed = make(Status.FAILED).model_copy(
            update={"error": ErrorInfo(step=step, code="timeout", message="t")}
        )
        assert retry_target(failed) is start
        retried = transition(failed, start)
        assert retried.error is None


def test_leaving_a_working_state_drops_the_lease():
    sub = transition(make(), Status.SCRAPING).model_copy(
        update={"lease": Lease(owner="me", until=utcnow() + timedelta(seconds=60))}
    )
    done = transition(sub, Status.SCRAPED)
    assert done.lease is None
    assert interrupted_target(Status.PUBLISHING) is Status.APPROVED
    assert transition(sub, interrupted_target(Status.SCRAPING)).status is Status.QUEUED


def test_transition_does_not_mutate_the_original():
    sub = make()
    transition(sub, Status.SCRAPING)
    assert sub.status is Status.QUEUED
