"""Confirming: a code is issued once, the welcome e-mail carries it, old links do no harm."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from unittest import mock

import pytest

from stridewell.newsletter.models import (
    Consent,
    DiscountCode,
    ListTally,
    SubscriberStatus,
)
from stridewell.newsletter.services import subscriber_confirm, subscriber_unsubscribe
from stridewell.newsletter.tokens import confirm_token_make

pytestmark = pytest.mark.django_db

# 15 Jan 2026, 10:00 UTC (GMT): the code works to the end of 15 July 2026 in London, that is
# until 16 July 00:00 BST = 15 July 23:00 UTC.
CONFIRMED_AT = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
EXPIRES_AT = datetime(2026, 7, 15, 23, 0, tzinfo=UTC)


def test_confirming_issues_a_single_use_ten_percent_code_that_expires_in_six_months(
    pending_subscriber, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber = pending_subscriber("ada@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        outcome = subscriber_confirm(
            token=confirm_token_make(subscriber.public_id), ip="198.51.100.7", at=CONFIRMED_AT
        )

    subscriber.refresh_from_db()
    assert outcome.status == "confirmed"
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at == CONFIRMED_AT
    code = DiscountCode.objects.get()
    assert outcome.code == code
    assert code.subscriber == subscriber
    assert code.percent_off == 10
    assert code.code.startswith("RUN10-")
    assert code.issued_at == CONFIRMED_AT
    assert code.expires_at == EXPIRES_AT
    assert code.redeemed_at is None
    events = list(Consent.objects.order_by("pk").values_list("event", "source"))
    assert events == [("given", "footer"), ("confirmed", "confirmation-link")]
    assert ListTally.objects.get().joined == 1
    [message] = mailoutbox
    assert message.subject == "Welcome to Stridewell: your 10% code is inside"
    assert code.code in message.body
    assert "valid until 15 July 2026" in message.body


def test_confirming_twice_is_harmless_and_issues_nothing_new(
    pending_subscriber, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber = pending_subscriber("ada@example.com")
    token = confirm_token_make(subscriber.public_id)
    with django_capture_on_commit_callbacks(execute=True):
        first = subscriber_confirm(token=token)

    with django_capture_on_commit_callbacks(execute=True):
        second = subscriber_confirm(token=token)

    assert first.status == "confirmed"
    assert second.status == "already_confirmed"
    assert second.code == first.code
    assert DiscountCode.objects.count() == 1
    assert Consent.objects.filter(event="confirmed").count() == 1
    assert ListTally.objects.get().joined == 1
    assert len(mailoutbox) == 1


def test_an_expired_link_confirms_nothing(pending_subscriber, mailoutbox):
    subscriber = pending_subscriber("ada@example.com")
    token = confirm_token_make(subscriber.public_id)

    with mock.patch("django.core.signing.time.time", return_value=time.time() + 49 * 3600):
        outcome = subscriber_confirm(token=token)

    subscriber.refresh_from_db()
    assert outcome.status == "expired"
    assert subscriber.status == SubscriberStatus.PENDING
    assert DiscountCode.objects.count() == 0
    assert ListTally.objects.count() == 0


def test_a_forged_link_confirms_nothing(pending_subscriber):
    subscriber = pending_subscriber("ada@example.com")

    outcome = subscriber_confirm(token=subscriber.public_id.hex + ":abc:def")

    assert outcome.status == "invalid"
    assert DiscountCode.objects.count() == 0


def test_an_old_link_does_not_resubscribe_someone_who_left(confirmed_subscriber):
    subscriber = confirmed_subscriber("ada@example.com")
    token = confirm_token_make(subscriber.public_id)
    subscriber_unsubscribe(public_id=subscriber.public_id, source="one-click")

    outcome = subscriber_confirm(token=token)

    subscriber.refresh_from_db()
    assert outcome.status == "unsubscribed"
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_coming_back_gets_a_welcome_back_without_a_second_code(
    confirmed_subscriber, pending_subscriber, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber = confirmed_subscriber("ada@example.com")
    code = DiscountCode.objects.get()
    subscriber_unsubscribe(public_id=subscriber.public_id, source="one-click")
    pending_subscriber("ada@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        outcome = subscriber_confirm(token=confirm_token_make(subscriber.public_id))

    assert outcome.status == "confirmed"
    assert list(DiscountCode.objects.all()) == [code]
    [message] = mailoutbox
    assert message.subject == "Welcome back to the Stridewell newsletter"
    # Still unused, so the reminder shows it.
    assert code.code in message.body
    tally = ListTally.objects.get()
    assert (tally.joined, tally.left) == (2, 1)
