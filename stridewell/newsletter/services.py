"""Writes for subscribers: sign up, confirm, unsubscribe, preferences, erasure.

Privacy rules kept here, whatever the interface (page, htmx, API, admin):
* the answer to "sign me up" never depends on whether the address is already known;
* a confirmed subscriber who signs up again gets a reminder, never a second code;
* at most three e-mails per address per day come from sign-ups, so the form cannot be used to
  flood someone's inbox;
* erasure deletes the only row holding the address and keeps anonymous weekly counts.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from stridewell.core.ratelimit import rate_limit_hit
from stridewell.core.time import to_london
from stridewell.newsletter import emails
from stridewell.newsletter.charts import week_start
from stridewell.newsletter.consent import CURRENT_VERSION
from stridewell.newsletter.discounts import discount_issue_welcome
from stridewell.newsletter.models import (
    Consent,
    ConsentEvent,
    Delivery,
    DeliveryStatus,
    DiscountCode,
    ListTally,
    Subscriber,
    SubscriberStatus,
)
from stridewell.newsletter.privacy import email_normalise, ip_hash
from stridewell.newsletter.tokens import confirm_token_read

logger = logging.getLogger(__name__)

ADDRESS_MAIL_LIMIT = 3
ADDRESS_MAIL_WINDOW_SECONDS = 24 * 60 * 60
UNCONFIRMED_KEPT_FOR = timedelta(days=30)
_SOURCE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
DEFAULT_SOURCE = "website"


def source_clean(source: str | None) -> str:
    """Which form a consent came from: a short slug such as "footer" or "article"."""
    value = (source or "").strip().lower()
    return value if _SOURCE.fullmatch(value) else DEFAULT_SOURCE


def list_tally_record(*, at: datetime, joined: int = 0, left: int = 0, erased: int = 0) -> None:
    week = week_start(to_london(at).date())
    ListTally.objects.get_or_create(week_start=week)
    ListTally.objects.filter(week_start=week).update(
        joined=F("joined") + joined, left=F("left") + left, erased=F("erased") + erased
    )


def _may_mail(email: str) -> bool:
    decision = rate_limit_hit(
        key=f"newsletter:address-mail:{email}",
        limit=ADDRESS_MAIL_LIMIT,
        window_seconds=ADDRESS_MAIL_WINDOW_SECONDS,
    )
    return decision.allowed


def _lock_or_create(*, email: str, first_name: str, at: datetime) -> Subscriber:
    row = Subscriber.objects.select_for_update().filter(email=email).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():  # a savepoint, so a lost race leaves the outer one usable
            return Subscriber.objects.create(email=email, first_name=first_name, created_at=at)
    except IntegrityError:
        return Subscriber.objects.select_for_update().get(email=email)


def _welcome_code(subscriber: Subscriber) -> DiscountCode | None:
    return DiscountCode.objects.filter(subscriber=subscriber).first()


@dataclass(frozen=True)
class SubscribeOutcome:
    subscriber: Subscriber
    # "confirmation_sent", "reminder_sent" or "mail_withheld" (address limit reached).
    action: str


@transaction.atomic
def subscriber_subscribe(
    *, email: str, source: str, ip: str = "", first_name: str = "", at: datetime | None = None
) -> SubscribeOutcome:
    """Record consent and send the confirmation link (or, if already confirmed, a reminder).

    Raises ValidationError for a malformed address; callers show the same neutral message
    for every other outcome.
    """
    email = email_normalise(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": "Enter an e-mail address such as name@example.com."}, code="invalid"
        ) from None
    at = at or timezone.now()
    first_name = (first_name or "").strip()[:60]
    subscriber = _lock_or_create(email=email, first_name=first_name, at=at)
    Consent.objects.create(
        subscriber=subscriber,
        event=ConsentEvent.GIVEN,
        source=source_clean(source),
        wording_version=CURRENT_VERSION,
        ip_hash=ip_hash(ip),
        created_at=at,
    )
    if first_name and not subscriber.first_name:
        subscriber.first_name = first_name
        subscriber.save(update_fields=["first_name"])
    if subscriber.is_confirmed:
        if not _may_mail(email):
            return SubscribeOutcome(subscriber=subscriber, action="mail_withheld")
        emails.already_subscribed_email_send(subscriber=subscriber, code=_welcome_code(subscriber))
        return SubscribeOutcome(subscriber=subscriber, action="reminder_sent")
    if subscriber.status != SubscriberStatus.PENDING:
        subscriber.status = SubscriberStatus.PENDING
        subscriber.save(update_fields=["status"])
    if not _may_mail(email):
        logger.info("newsletter: sign-up e-mail withheld (address limit reached)")
        return SubscribeOutcome(subscriber=subscriber, action="mail_withheld")
    emails.confirmation_email_send(subscriber=subscriber)
    return SubscribeOutcome(subscriber=subscriber, action="confirmation_sent")


@dataclass(frozen=True)
class ConfirmOutcome:
    # "confirmed", "already_confirmed", "unsubscribed", "expired" or "invalid".
    status: str
    subscriber: Subscriber | None = None
    code: DiscountCode | None = None


def _confirm_locked(*, subscriber: Subscriber, source: str, ip: str, at: datetime) -> None:
    """Make a locked, not-yet-confirmed subscriber a confirmed one and welcome them."""
    code_before = _welcome_code(subscriber)
    is_returning = subscriber.confirmed_at is not None or code_before is not None
    given = subscriber.consents.filter(event=ConsentEvent.GIVEN).order_by("-created_at").first()
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = at
    subscriber.save(update_fields=["status", "confirmed_at"])
    Consent.objects.create(
        subscriber=subscriber,
        event=ConsentEvent.CONFIRMED,
        source=source,
        wording_version=given.wording_version if given else CURRENT_VERSION,
        ip_hash=ip_hash(ip),
        created_at=at,
    )
    list_tally_record(at=at, joined=1)
    code = discount_issue_welcome(subscriber=subscriber, at=at)
    emails.welcome_email_send(subscriber=subscriber, code=code, is_returning=is_returning)


@transaction.atomic
def subscriber_confirm(*, token: str, ip: str = "", at: datetime | None = None) -> ConfirmOutcome:
    """Act on a confirmation link. Confirming twice is harmless and issues nothing new."""
    reading = confirm_token_read(token)
    if reading.problem or reading.public_id is None:
        return ConfirmOutcome(status=reading.problem or "invalid")
    subscriber = Subscriber.objects.select_for_update().filter(public_id=reading.public_id).first()
    if subscriber is None:  # erased, or purged after never confirming
        return ConfirmOutcome(status="invalid")
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        # They left after this link was sent; an old link must not sign them up again.
        return ConfirmOutcome(status="unsubscribed", subscriber=subscriber)
    if subscriber.is_confirmed:
        return ConfirmOutcome(
            status="already_confirmed", subscriber=subscriber, code=_welcome_code(subscriber)
        )
    at = at or timezone.now()
    _confirm_locked(subscriber=subscriber, source="confirmation-link", ip=ip, at=at)
    return ConfirmOutcome(status="confirmed", subscriber=subscriber, code=_welcome_code(subscriber))


def _unsubscribe_locked(*, subscriber: Subscriber, source: str, ip: str, at: datetime) -> None:
    was_confirmed = subscriber.is_confirmed
    given = subscriber.consents.filter(event=ConsentEvent.GIVEN).order_by("-created_at").first()
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.unsubscribed_at = at
    subscriber.save(update_fields=["status", "unsubscribed_at"])
    Consent.objects.create(
        subscriber=subscriber,
        event=ConsentEvent.WITHDRAWN,
        source=source,
        wording_version=given.wording_version if given else CURRENT_VERSION,
        ip_hash=ip_hash(ip),
        created_at=at,
    )
    if was_confirmed:
        list_tally_record(at=at, left=1)


@transaction.atomic
def subscriber_unsubscribe(
    *, public_id: uuid.UUID, source: str, ip: str = "", at: datetime | None = None
) -> str:
    """Take someone off the list. Returns "unsubscribed", "already" or "unknown"; idempotent."""
    subscriber = Subscriber.objects.select_for_update().filter(public_id=public_id).first()
    if subscriber is None:
        return "unknown"
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return "already"
    _unsubscribe_locked(
        subscriber=subscriber, source=source_clean(source), ip=ip, at=at or timezone.now()
    )
    return "unsubscribed"


@transaction.atomic
def subscriber_preferences_update(
    *,
    public_id: uuid.UUID,
    first_name: str,
    wants_newsletter: bool,
    ip: str = "",
    at: datetime | None = None,
) -> Subscriber | None:
    """Change name and subscription from the preferences page (the link proves the mailbox)."""
    subscriber = Subscriber.objects.select_for_update().filter(public_id=public_id).first()
    if subscriber is None:
        return None
    at = at or timezone.now()
    first_name = (first_name or "").strip()[:60]
    if first_name != subscriber.first_name:
        subscriber.first_name = first_name
        subscriber.save(update_fields=["first_name"])
    if wants_newsletter and not subscriber.is_confirmed:
        Consent.objects.create(
            subscriber=subscriber,
            event=ConsentEvent.GIVEN,
            source="preferences",
            wording_version=CURRENT_VERSION,
            ip_hash=ip_hash(ip),
            created_at=at,
        )
        _confirm_locked(subscriber=subscriber, source="preferences", ip=ip, at=at)
    elif not wants_newsletter and subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        _unsubscribe_locked(subscriber=subscriber, source="preferences", ip=ip, at=at)
    return subscriber


@transaction.atomic
def subscriber_erase(*, email: str, at: datetime | None = None) -> bool:
    """Forget one person: delete their address and consent trail, keep anonymous counts.

    Their unused welcome code is withdrawn; a code already used by a booking stays (without
    a link to anyone) because the booking's price depends on it. Deliveries stay as counts.
    Returns False when the address is not on file (the same page is shown either way).
    """
    subscriber = Subscriber.objects.select_for_update().filter(email=email_normalise(email)).first()
    if subscriber is None:
        return False
    at = at or timezone.now()
    list_tally_record(at=at, erased=1, left=1 if subscriber.is_confirmed else 0)
    Delivery.objects.filter(
        subscriber=subscriber, status__in=[DeliveryStatus.PENDING, DeliveryStatus.CLAIMED]
    ).update(status=DeliveryStatus.SKIPPED, claim_token=None, error="Erased on request.")
    DiscountCode.objects.filter(
        subscriber=subscriber, redeemed_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=at)
    subscriber.delete()  # consents go with it; codes and deliveries let go (SET_NULL)
    logger.info("newsletter: a subscriber was erased on request")
    return True


@transaction.atomic
def subscriber_purge_unconfirmed(
    *, older_than: timedelta = UNCONFIRMED_KEPT_FOR, at: datetime | None = None
) -> int:
    """Delete sign-ups never confirmed within `older_than`: we have no consent to keep them."""
    cutoff = (at or timezone.now()) - older_than
    stale = Subscriber.objects.filter(
        status=SubscriberStatus.PENDING, confirmed_at__isnull=True, created_at__lt=cutoff
    )
    _, per_model = stale.delete()
    return per_model.get(Subscriber._meta.label, 0)


def subscriber_export_email_send(*, public_id: uuid.UUID) -> bool:
    """E-mail someone a copy of their data, to their own address only (never a download
    from a link, which a forwarded newsletter could expose). At most 3 a day."""
    from stridewell.newsletter.selectors import subscriber_export

    subscriber = Subscriber.objects.filter(public_id=public_id).first()
    if subscriber is None:
        return False
    decision = rate_limit_hit(
        key=f"newsletter:export-mail:{public_id}", limit=3, window_seconds=24 * 60 * 60
    )
    if not decision.allowed:
        return False
    data = subscriber_export(email=subscriber.email)
    emails.export_email_send(subscriber=subscriber, data=data)
    return True
