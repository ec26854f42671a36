"""Pages behind e-mailed links: confirm, unsubscribe, preferences. No log-in needed."""

from __future__ import annotations

import json
import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from stridewell.newsletter.models import Consent, DiscountCode, ListTally, Subscriber
from stridewell.newsletter.tokens import confirm_token_make, manage_token_make

pytestmark = pytest.mark.django_db


def _confirm_url(subscriber) -> str:
    return reverse("newsletter:confirm", args=[confirm_token_make(subscriber.public_id)])


def _manage(name: str, subscriber) -> str:
    return reverse(f"newsletter:{name}", args=[manage_token_make(subscriber.public_id)])


def test_opening_the_confirmation_link_asks_for_a_click_and_changes_nothing(
    client, pending_subscriber
):
    subscriber = pending_subscriber("ada@example.com")

    response = client.get(_confirm_url(subscriber))

    assert response.status_code == 200
    assert "Confirm my subscription" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"
    assert DiscountCode.objects.count() == 0


def test_pressing_confirm_shows_the_welcome_code(client, pending_subscriber):
    subscriber = pending_subscriber("ada@example.com")

    response = client.post(_confirm_url(subscriber))

    code = DiscountCode.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert "You are subscribed. Welcome!" in html
    assert f"<strong>{code.code}</strong>" in html
    assert 'data-testid="welcome-code"' in html


def test_opening_the_link_again_later_shows_the_same_code(client, pending_subscriber):
    subscriber = pending_subscriber("ada@example.com")
    client.post(_confirm_url(subscriber))

    again = client.get(_confirm_url(subscriber))

    assert "You are already subscribed" in again.content.decode()
    assert DiscountCode.objects.get().code in again.content.decode()
    assert DiscountCode.objects.count() == 1


def test_an_expired_link_offers_a_new_sign_up(client, pending_subscriber):
    subscriber = pending_subscriber("ada@example.com")
    url = _confirm_url(subscriber)

    with mock.patch("django.core.signing.time.time", return_value=time.time() + 49 * 3600):
        response = client.post(url)

    assert response.status_code == 410
    html = response.content.decode()
    assert "This link has expired" in html
    assert 'name="source" value="expired-link"' in html
    assert DiscountCode.objects.count() == 0


def test_a_garbled_confirmation_link_is_a_404_page(client):
    response = client.get("/newsletter/confirm/not-a-token/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_opening_the_unsubscribe_link_asks_before_unsubscribing(client, confirmed_subscriber):
    subscriber = confirmed_subscriber("ada@example.com")

    response = client.get(_manage("unsubscribe", subscriber))

    assert "Unsubscribe from the newsletter?" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"


def test_the_unsubscribe_button_works_and_pressing_it_twice_is_harmless(
    confirmed_subscriber,
):
    subscriber = confirmed_subscriber("ada@example.com")
    browser = Client(enforce_csrf_checks=True)
    url = _manage("unsubscribe", subscriber)

    first = browser.post(url)
    second = browser.post(url)

    assert first.status_code == second.status_code == 200
    assert "You are unsubscribed" in second.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert Consent.objects.filter(event="withdrawn").count() == 1
    tally = ListTally.objects.get()
    assert (tally.joined, tally.left) == (1, 1)


def test_a_forged_unsubscribe_link_is_refused(client, confirmed_subscriber):
    confirmed_subscriber("ada@example.com")

    response = client.post("/newsletter/unsubscribe/abc:def/", {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 404
    assert Subscriber.objects.get().status == "confirmed"


def test_preferences_show_a_masked_address_and_save_changes(client, confirmed_subscriber):
    subscriber = confirmed_subscriber("ada.lovelace@example.com")
    url = _manage("preferences", subscriber)

    page = client.get(url)
    saved = client.post(url, {"first_name": "Ada", "wants_newsletter": "on"}, follow=True)

    html = page.content.decode()
    assert "a•••e@example.com" in html
    assert "ada.lovelace@example.com" not in html
    assert "Your preferences are saved." in saved.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.first_name == "Ada"
    assert subscriber.status == "confirmed"


def test_unticking_the_box_on_preferences_unsubscribes_and_ticking_it_comes_back(
    client, confirmed_subscriber
):
    subscriber = confirmed_subscriber("ada@example.com")
    url = _manage("preferences", subscriber)

    client.post(url, {"first_name": ""})
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"

    client.post(url, {"first_name": "", "wants_newsletter": "on"})
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    assert DiscountCode.objects.count() == 1
    events = list(Consent.objects.order_by("pk").values_list("event", "source"))
    assert events[-3:] == [
        ("withdrawn", "preferences"),
        ("given", "preferences"),
        ("confirmed", "preferences"),
    ]


def test_a_copy_of_the_data_is_emailed_to_the_subscriber_only(
    client, confirmed_subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = confirmed_subscriber("ada@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_manage("preferences_export", subscriber))

    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == ["ada@example.com"]
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == ("stridewell-newsletter-data.json", "application/json")
    data = json.loads(content)
    assert data["email"] == "ada@example.com"
    assert data["discount_codes"][0]["code"] == DiscountCode.objects.get().code


def test_erasing_from_preferences_needs_the_box_ticked(client, confirmed_subscriber):
    subscriber = confirmed_subscriber("ada@example.com")
    url = _manage("preferences_erase", subscriber)

    refused = client.post(url, {})
    erased = client.post(url, {"confirm": "on"}, follow=True)

    assert "Tick the box to confirm you want everything deleted." in refused.content.decode()
    assert "Your address is deleted" in erased.content.decode()
    assert Subscriber.objects.count() == 0
    # The old links now lead nowhere.
    assert client.get(_manage("preferences", subscriber)).status_code == 404
