"""Demo newsletter data: a believable list, one sent issue and one draft; idempotent."""

from __future__ import annotations

import pytest

from stridewell.newsletter.demo import seed_newsletter_demo
from stridewell.newsletter.models import (
    Consent,
    Delivery,
    DiscountCode,
    Issue,
    IssueStatus,
    ListTally,
    Subscriber,
)
from stridewell.newsletter.selectors import subscriber_counts

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, object]:
    return {
        "subscribers": sorted(Subscriber.objects.values_list("email", "status")),
        "consents": Consent.objects.count(),
        "codes": sorted(DiscountCode.objects.values_list("code", flat=True)),
        "issues": sorted(Issue.objects.values_list("subject", "status")),
        "deliveries": Delivery.objects.count(),
        "tallies": list(ListTally.objects.values_list("week_start", "joined", "left", "erased")),
    }


def test_demo_has_confirmed_subscribers_a_sent_issue_and_a_draft(staff):
    seed_newsletter_demo(author=staff)

    counts = subscriber_counts()
    assert (counts.confirmed, counts.pending, counts.unsubscribed) == (6, 1, 1)
    assert all(
        email.endswith("@example.com")
        for email in Subscriber.objects.values_list("email", flat=True)
    )
    statuses = sorted(Issue.objects.values_list("status", flat=True))
    assert statuses == [IssueStatus.DRAFT, IssueStatus.SENT]
    sent = Issue.objects.get(status=IssueStatus.SENT)
    assert sent.send.recipient_count == sent.deliveries.count() > 0
    assert DiscountCode.objects.count() == 7  # everyone who ever confirmed
    # The anonymous tallies agree with the live list.
    joined = sum(t.joined for t in ListTally.objects.all())
    left = sum(t.left for t in ListTally.objects.all())
    assert joined - left == counts.confirmed


def test_running_the_demo_twice_changes_nothing(staff):
    seed_newsletter_demo(author=staff)
    before = _snapshot()

    seed_newsletter_demo(author=staff)

    assert _snapshot() == before
