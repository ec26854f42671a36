"""Demo newsletter: a few subscribers at example.com, one sent issue and one draft.

Rows are written directly (no e-mails go out) with the same shape the services produce:
consent trail, welcome codes, weekly tallies. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from stridewell.accounts.models import User
from stridewell.newsletter.consent import CURRENT_VERSION
from stridewell.newsletter.discounts import discount_issue_welcome
from stridewell.newsletter.models import (
    Consent,
    ConsentEvent,
    Delivery,
    DeliveryStatus,
    Issue,
    IssueStatus,
    Send,
    Subscriber,
    SubscriberStatus,
)
from stridewell.newsletter.services import list_tally_record


@dataclass(frozen=True)
class _DemoSubscriber:
    email: str
    first_name: str
    joined_days_ago: int
    source: str
    status: str = SubscriberStatus.CONFIRMED
    left_days_ago: int | None = None


SUBSCRIBERS = (
    _DemoSubscriber("hannah.cole@example.com", "Hannah", 52, "footer"),
    _DemoSubscriber("dev.patel@example.com", "Dev", 40, "article"),
    _DemoSubscriber("grace.mensah@example.com", "Grace", 33, "footer"),
    _DemoSubscriber("lukas.brandt@example.com", "Lukas", 19, "page"),
    _DemoSubscriber("aoife.byrne@example.com", "Aoife", 11, "article"),
    _DemoSubscriber("sam.achebe@example.com", "Sam", 4, "footer"),
    _DemoSubscriber("ollie.hart@example.com", "", 24, "footer", SubscriberStatus.UNSUBSCRIBED, 6),
    _DemoSubscriber("ria.sen@example.com", "Ria", 1, "footer", SubscriberStatus.PENDING),
)

SENT_SUBJECT = "Five strength moves for your first marathon block"
SENT_BODY = """Most injuries in a marathon build arrive in weeks four to eight, when the long run
grows faster than the legs can keep up with. Two short strength sessions a week make a real
difference.

## The five moves

1. **Calf raises** off a step, slowly, 3 sets of 15 on each leg.
2. **Split squats**, 3 sets of 8 each side, holding light weights once they feel easy.
3. **Single-leg bridges**, 3 sets of 10 each side.
4. **Side planks**, 3 holds of 30 seconds each side.
5. **Step-downs** from a low step, 3 sets of 8, watching that the knee stays over the toes.

Keep them away from the day before your long run. If anything hurts more than 3 out of 10,
stop and [ask us](https://stridewell.test/advice/).
"""

DRAFT_SUBJECT = "Tapering without the jitters"
DRAFT_BODY = """The last three weeks before race day are when many runners feel worst: heavy
legs, phantom niggles, doubts. Here is what is normal, and what to do with the extra energy.

## Keep a little strength work

One short session a week keeps the muscles switched on. Drop the heavy lower-body work in the
final seven days.
"""


def _seed_subscriber(spec: _DemoSubscriber, now: datetime) -> Subscriber:
    existing = Subscriber.objects.filter(email=spec.email).first()
    if existing is not None:
        return existing
    joined_at = now - timedelta(days=spec.joined_days_ago)
    subscriber = Subscriber.objects.create(
        email=spec.email, first_name=spec.first_name, created_at=joined_at - timedelta(minutes=7)
    )
    Consent.objects.create(
        subscriber=subscriber, event=ConsentEvent.GIVEN, source=spec.source,
        wording_version=CURRENT_VERSION, created_at=joined_at - timedelta(minutes=7),
    )  # fmt: skip
    if spec.status == SubscriberStatus.PENDING:
        return subscriber
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = joined_at
    subscriber.save()
    Consent.objects.create(
        subscriber=subscriber, event=ConsentEvent.CONFIRMED, source="confirmation-link",
        wording_version=CURRENT_VERSION, created_at=joined_at,
    )  # fmt: skip
    list_tally_record(at=joined_at, joined=1)
    discount_issue_welcome(subscriber=subscriber, at=joined_at)
    if spec.status == SubscriberStatus.UNSUBSCRIBED and spec.left_days_ago is not None:
        left_at = now - timedelta(days=spec.left_days_ago)
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = left_at
        subscriber.save()
        Consent.objects.create(
            subscriber=subscriber, event=ConsentEvent.WITHDRAWN, source="one-click",
            wording_version=CURRENT_VERSION, created_at=left_at,
        )  # fmt: skip
        list_tally_record(at=left_at, left=1)
    return subscriber


def _seed_sent_issue(*, author: User | None, subscribers: list[Subscriber], now: datetime) -> None:
    if Issue.objects.filter(subject=SENT_SUBJECT).exists():
        return
    sent_at = now - timedelta(days=14)
    issue = Issue.objects.create(
        subject=SENT_SUBJECT,
        preheader="Twenty minutes, twice a week, from week one.",
        body_markdown=SENT_BODY,
        status=IssueStatus.SENT,
        created_by=author,
        created_at=sent_at - timedelta(days=2),
        updated_at=sent_at - timedelta(days=1),
        sent_at=sent_at,
    )
    # Those subscribed on the day it went out received it.
    recipients = [s for s in subscribers if s.confirmed_at and s.confirmed_at < sent_at]
    send = Send.objects.create(
        issue=issue, started_by=author, started_at=sent_at,
        finished_at=sent_at + timedelta(minutes=2), recipient_count=len(recipients),
    )  # fmt: skip
    Delivery.objects.bulk_create(
        Delivery(
            send=send,
            issue=issue,
            subscriber=s,
            status=DeliveryStatus.SENT,
            attempts=1,
            claimed_at=sent_at,
            sent_at=sent_at + timedelta(seconds=5),
        )
        for s in recipients
    )


@transaction.atomic
def seed_newsletter_demo(*, author: User | None = None) -> list[Subscriber]:
    """Create the demo list (if missing) and return its subscribers."""
    now = timezone.now()
    if author is None:
        author = User.objects.filter(email="staff@stridewell.test").first()
    subscribers = [_seed_subscriber(spec, now) for spec in SUBSCRIBERS]
    _seed_sent_issue(author=author, subscribers=subscribers, now=now)
    Issue.objects.get_or_create(
        subject=DRAFT_SUBJECT,
        defaults={"body_markdown": DRAFT_BODY, "created_by": author, "preheader": ""},
    )
    return subscribers
