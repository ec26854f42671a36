"""Reads for the newsletter: one person at a time, or anonymous counts. Never a list of addresses.

There is deliberately no selector that returns many subscribers' e-mail addresses: the list
is only ever read row by row by the sender, which needs each address to send to it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from stridewell.clinic.selectors import clinic_today
from stridewell.newsletter.charts import WeekPoint, growth_series
from stridewell.newsletter.consent import consent_text
from stridewell.newsletter.models import (
    DeliveryStatus,
    DiscountCode,
    Issue,
    ListTally,
    Send,
    Subscriber,
    SubscriberStatus,
)
from stridewell.newsletter.privacy import email_normalise

EXPORT_FORMAT = "stridewell-newsletter-export/1"


@dataclass(frozen=True)
class SubscriberCounts:
    confirmed: int
    pending: int
    unsubscribed: int


def subscriber_counts() -> SubscriberCounts:
    counts = Subscriber.objects.aggregate(
        confirmed=Count("pk", filter=Q(status=SubscriberStatus.CONFIRMED)),
        pending=Count("pk", filter=Q(status=SubscriberStatus.PENDING)),
        unsubscribed=Count("pk", filter=Q(status=SubscriberStatus.UNSUBSCRIBED)),
    )
    return SubscriberCounts(**counts)


def subscriber_growth(*, weeks: int = 12, today: date | None = None) -> list[WeekPoint]:
    """Joined, left and running total for the last `weeks` weeks, from the anonymous tallies."""
    rows = ListTally.objects.values_list("week_start", "joined", "left")
    return growth_series(rows, last_week=today or clinic_today(), weeks=weeks)


def subscriber_get_by_public_id(*, public_id: uuid.UUID) -> Subscriber | None:
    return Subscriber.objects.filter(public_id=public_id).first()


def subscriber_lookup(*, email: str) -> Subscriber | None:
    """One subscriber by exact address (case-insensitive), for staff answering that person."""
    email = email_normalise(email)
    if not email:
        return None
    return Subscriber.objects.filter(email=email).prefetch_related("consents").first()


def subscriber_welcome_code(*, subscriber: Subscriber) -> DiscountCode | None:
    return DiscountCode.objects.filter(subscriber=subscriber).first()


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def subscriber_export(*, email: str) -> dict[str, Any]:
    """Everything the newsletter holds about one address (GDPR access request)."""
    email = email_normalise(email)
    export: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "email": email,
        "found": False,
    }
    subscriber = subscriber_lookup(email=email)
    if subscriber is None:
        return export
    deliveries = subscriber.deliveries.select_related("issue").order_by("pk")
    codes = DiscountCode.objects.filter(subscriber=subscriber)
    return export | {
        "found": True,
        "subscriber": {
            "first_name": subscriber.first_name,
            "status": subscriber.status,
            "signed_up_at": _iso(subscriber.created_at),
            "confirmed_at": _iso(subscriber.confirmed_at),
            "unsubscribed_at": _iso(subscriber.unsubscribed_at),
        },
        "consents": [
            {
                "event": consent.event,
                "at": _iso(consent.created_at),
                "form": consent.source,
                "wording_version": consent.wording_version,
                "wording": consent_text(consent.wording_version),
                "ip_address_hash": consent.ip_hash,
            }
            for consent in subscriber.consents.all()
        ],
        "discount_codes": [
            {
                "code": code.code,
                "percent_off": code.percent_off,
                "issued_at": _iso(code.issued_at),
                "expires_at": _iso(code.expires_at),
                "redeemed_at": _iso(code.redeemed_at),
                "used_for": code.reference,
                "withdrawn_at": _iso(code.revoked_at),
            }
            for code in codes
        ],
        "newsletters": [
            {
                "subject": delivery.issue.subject,
                "status": delivery.status,
                "sent_at": _iso(delivery.sent_at),
            }
            for delivery in deliveries
        ],
    }


def issue_list() -> QuerySet[Issue]:
    return Issue.objects.select_related("send", "created_by").order_by("-created_at", "-pk")


@dataclass(frozen=True)
class SendProgress:
    total: int
    by_status: dict[str, int]
    is_finished: bool

    @property
    def done(self) -> int:
        return self.total - sum(
            self.by_status.get(s, 0)
            for s in (DeliveryStatus.PENDING, DeliveryStatus.CLAIMED, DeliveryStatus.SENDING)
        )

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in a fixed order, for the progress table."""
        return [
            (value, label, self.by_status.get(value, 0))
            for value, label in DeliveryStatus.choices
            if self.by_status.get(value, 0)
        ]


def send_progress(*, send: Send) -> SendProgress:
    counts = dict(
        send.deliveries.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return SendProgress(
        total=sum(counts.values()), by_status=counts, is_finished=send.finished_at is not None
    )
