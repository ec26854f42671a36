"""GDPR: one person's export, erasure that keeps only anonymous counts, purge of unconfirmed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from stridewell.newsletter.consent import consent_current
from stridewell.newsletter.discounts import discount_check, discount_redeem
from stridewell.newsletter.issues import issue_create, issue_send_start
from stridewell.newsletter.models import (
    Consent,
    Delivery,
    DeliveryStatus,
    DiscountCode,
    ListTally,
    Subscriber,
)
from stridewell.newsletter.selectors import EXPORT_FORMAT, subscriber_counts, subscriber_export
from stridewell.newsletter.services import subscriber_erase, subscriber_purge_unconfirmed

pytestmark = pytest.mark.django_db


def test_export_holds_everything_about_one_person_and_nobody_else(confirmed_subscriber):
    confirmed_subscriber("ada@example.com", source="article")
    confirmed_subscriber("bo@example.com")

    data = subscriber_export(email=" ADA@example.com ")

    assert data["format"] == EXPORT_FORMAT
    assert data["found"] is True
    assert data["email"] == "ada@example.com"
    assert data["subscriber"]["status"] == "confirmed"
    assert [(c["event"], c["form"]) for c in data["consents"]] == [
        ("given", "article"),
        ("confirmed", "confirmation-link"),
    ]
    assert data["consents"][0]["wording"] == consent_current().text
    code = DiscountCode.objects.get(subscriber__email="ada@example.com")
    assert [c["code"] for c in data["discount_codes"]] == [code.code]
    assert "bo@example.com" not in str(data)


def test_export_of_an_unknown_address_says_so(db):
    data = subscriber_export(email="nobody@example.com")

    assert data["found"] is False
    assert set(data) == {"format", "exported_at", "email", "found"}


def test_erasure_deletes_the_address_and_consents_and_keeps_anonymous_counts(
    confirmed_subscriber, staff, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ada = confirmed_subscriber("ada@example.com")
    confirmed_subscriber("bo@example.com")
    issue = issue_create(subject="Queued", preheader="", body_markdown="Hi.", by=staff)
    issue_send_start(issue_id=issue.pk, by=staff)  # queued, not yet sent

    assert subscriber_erase(email="Ada@Example.com") is True

    assert not Subscriber.objects.filter(email="ada@example.com").exists()
    assert not Consent.objects.filter(subscriber_id=ada.pk).exists()
    # Her unused code is withdrawn and no longer linked to anyone.
    code = DiscountCode.objects.get(subscriber__isnull=True)
    assert code.revoked_at is not None
    assert discount_check(code=code.code).is_valid is False
    # Her queued copy will not be sent; the row stays as an anonymous count.
    delivery = Delivery.objects.get(subscriber__isnull=True)
    assert delivery.status == DeliveryStatus.SKIPPED
    tally = ListTally.objects.get()
    assert (tally.joined, tally.left, tally.erased) == (2, 1, 1)
    assert subscriber_counts().confirmed == 1
    assert "ada@example.com" not in str(list(Subscriber.objects.values()))


def test_a_code_already_used_by_a_booking_survives_erasure_unlinked(confirmed_subscriber):
    confirmed_subscriber("ada@example.com")
    code = DiscountCode.objects.get()
    with transaction.atomic():
        discount_redeem(code=code.code, reference="appointment-41")

    subscriber_erase(email="ada@example.com")

    code.refresh_from_db()
    assert code.subscriber is None
    assert code.reference == "appointment-41"
    assert code.revoked_at is None


def test_erasing_an_unknown_address_changes_nothing(confirmed_subscriber):
    confirmed_subscriber("ada@example.com")

    assert subscriber_erase(email="nobody@example.com") is False

    assert Subscriber.objects.count() == 1
    assert ListTally.objects.get().erased == 0


def test_sign_ups_never_confirmed_are_purged_after_thirty_days(
    pending_subscriber, confirmed_subscriber
):
    old = pending_subscriber("old@example.com")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    pending_subscriber("recent@example.com")
    confirmed = confirmed_subscriber("kept@example.com")
    Subscriber.objects.filter(pk=confirmed.pk).update(
        created_at=timezone.now() - timedelta(days=90)
    )

    removed = subscriber_purge_unconfirmed()

    assert removed == 1
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "kept@example.com",
        "recent@example.com",
    ]
