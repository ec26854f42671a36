"""Signing up: consent recorded, one row per address, neutral outcome, address e-mail limit."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from stridewell.newsletter.consent import CURRENT_VERSION
from stridewell.newsletter.models import Consent, DiscountCode, Subscriber, SubscriberStatus
from stridewell.newsletter.services import (
    ADDRESS_MAIL_LIMIT,
    source_clean,
    subscriber_subscribe,
    subscriber_unsubscribe,
)
from tests.newsletter.conftest import token_from

pytestmark = pytest.mark.django_db


def _subscribe(captured, email: str = "ada@example.com", **kwargs):
    kwargs.setdefault("source", "footer")
    kwargs.setdefault("ip", "203.0.113.9")
    with captured(execute=True):
        return subscriber_subscribe(email=email, **kwargs)


def test_signing_up_stores_a_pending_subscriber_with_its_consent(
    django_capture_on_commit_callbacks, mailoutbox
):
    outcome = _subscribe(
        django_capture_on_commit_callbacks, "  Ada.Lovelace@Example.COM ", source="article"
    )

    subscriber = Subscriber.objects.get()
    assert outcome.action == "confirmation_sent"
    assert outcome.subscriber == subscriber
    assert subscriber.email == "ada.lovelace@example.com"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.confirmed_at is None
    [consent] = Consent.objects.all()
    assert consent.event == "given"
    assert consent.source == "article"
    assert consent.wording_version == CURRENT_VERSION
    expected_hash = hmac.new(
        f"stridewell.newsletter.ip:{settings.SECRET_KEY}".encode(), b"203.0.113.9", hashlib.sha256
    ).hexdigest()
    assert consent.ip_hash == expected_hash
    assert "203.0.113.9" not in consent.ip_hash
    # No code before confirmation.
    assert DiscountCode.objects.count() == 0
    [message] = mailoutbox
    assert message.to == ["ada.lovelace@example.com"]
    assert message.subject == "Please confirm your Stridewell newsletter subscription"


def test_the_confirmation_link_carries_a_signed_id_not_the_address(
    django_capture_on_commit_callbacks, mailoutbox
):
    _subscribe(django_capture_on_commit_callbacks, "ada@example.com")

    [message] = mailoutbox
    token = token_from(message.body)
    assert "ada" not in token.lower()
    assert "example" not in message.body.split("/newsletter/confirm/")[1].split()[0]
    assert Subscriber.objects.get().public_id.hex in token


def test_signing_up_twice_keeps_one_row_records_both_consents_and_resends_the_link(
    django_capture_on_commit_callbacks, mailoutbox
):
    first = _subscribe(django_capture_on_commit_callbacks, "ada@example.com", source="footer")
    second = _subscribe(django_capture_on_commit_callbacks, "ADA@example.com", source="article")

    assert Subscriber.objects.count() == 1
    assert first.subscriber.pk == second.subscriber.pk
    assert second.action == "confirmation_sent"
    assert list(Consent.objects.values_list("source", flat=True)) == ["footer", "article"]
    assert [m.subject for m in mailoutbox] == [
        "Please confirm your Stridewell newsletter subscription"
    ] * 2


def test_a_confirmed_subscriber_signing_up_again_gets_a_reminder_and_no_new_code(
    confirmed_subscriber, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber = confirmed_subscriber("ada@example.com")
    code_before = DiscountCode.objects.get()

    outcome = _subscribe(django_capture_on_commit_callbacks, "ada@example.com")

    assert outcome.action == "reminder_sent"
    assert Subscriber.objects.count() == 1
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert list(DiscountCode.objects.all()) == [code_before]
    [message] = mailoutbox
    assert message.subject == "You are already subscribed to the Stridewell newsletter"
    assert code_before.code in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_signing_up_after_unsubscribing_needs_confirming_again(
    confirmed_subscriber, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber = confirmed_subscriber("ada@example.com")
    subscriber_unsubscribe(public_id=subscriber.public_id, source="one-click")

    outcome = _subscribe(django_capture_on_commit_callbacks, "ada@example.com")

    subscriber.refresh_from_db()
    assert outcome.action == "confirmation_sent"
    assert subscriber.status == SubscriberStatus.PENDING
    assert [m.subject for m in mailoutbox] == [
        "Please confirm your Stridewell newsletter subscription"
    ]


def test_sign_ups_send_at_most_three_emails_per_address_per_day(
    django_capture_on_commit_callbacks, mailoutbox
):
    actions = [
        _subscribe(django_capture_on_commit_callbacks, "ada@example.com").action
        for _ in range(ADDRESS_MAIL_LIMIT + 2)
    ]

    assert actions == ["confirmation_sent"] * 3 + ["mail_withheld"] * 2
    assert len(mailoutbox) == 3
    # The other address is not affected.
    assert _subscribe(django_capture_on_commit_callbacks, "bo@example.com").action == (
        "confirmation_sent"
    )


@pytest.mark.parametrize("bad", ["", "not-an-address", "ada@", "ada@example..com"])
def test_a_malformed_address_is_refused_and_nothing_is_stored(
    bad, django_capture_on_commit_callbacks, mailoutbox
):
    with pytest.raises(ValidationError) as caught:
        _subscribe(django_capture_on_commit_callbacks, bad)

    assert caught.value.message_dict == {
        "email": ["Enter an e-mail address such as name@example.com."]
    }
    assert Subscriber.objects.count() == 0
    assert Consent.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("footer", "footer"),
        ("Article", "article"),
        ("expired-link", "expired-link"),
        ("", "website"),
        (None, "website"),
        ("<script>", "website"),
        ("x" * 41, "website"),
    ],
)
def test_the_form_source_is_a_short_slug(given, stored):
    assert source_clean(given) == stored
