"""/api/newsletter: subscribe, confirm, unsubscribe for anyone; figures for staff only."""

from __future__ import annotations

import json

import pytest

from stridewell.accounts.services import token_create
from stridewell.newsletter.consent import CURRENT_VERSION, consent_current
from stridewell.newsletter.models import DiscountCode, Subscriber
from stridewell.newsletter.tokens import confirm_token_make, manage_token_make

pytestmark = pytest.mark.django_db

BASE = "/api/newsletter"


def _post(client, path: str, body: dict, **extra):
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json", **extra)


def _subscribe_body(**changes) -> dict:
    return {"email": "ada@example.com", "consent": True, "source": "app"} | changes


def test_the_consent_wording_is_published(client):
    response = client.get(f"{BASE}/consent")

    assert response.json() == {"version": CURRENT_VERSION, "text": consent_current().text}


def test_subscribing_answers_202_with_a_neutral_message(client):
    response = _post(client, "/subscribe", _subscribe_body())

    assert response.status_code == 202
    assert response.json() == {
        "status": "pending",
        "message": "Thank you. Please check your inbox: we have sent a link to confirm your "
        "subscription.",
    }
    subscriber = Subscriber.objects.get()
    assert subscriber.consents.get().source == "app"


def test_subscribing_an_already_confirmed_address_gives_the_same_answer(
    client, confirmed_subscriber
):
    confirmed_subscriber("ada@example.com")

    known = _post(client, "/subscribe", _subscribe_body())
    new = _post(client, "/subscribe", _subscribe_body(email="new@example.com"))

    assert known.status_code == new.status_code == 202
    assert known.json() == new.json()
    assert DiscountCode.objects.count() == 1


def test_subscribing_without_consent_is_refused(client):
    response = _post(client, "/subscribe", _subscribe_body(consent=False))

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "consent": ["The person must agree to receive the newsletter."]
    }
    assert Subscriber.objects.count() == 0


def test_subscribing_with_an_old_wording_version_is_refused(client):
    response = _post(client, "/subscribe", _subscribe_body(consent_version="2020-01"))

    assert response.status_code == 422
    assert "consent_version" in response.json()["error"]["fields"]
    assert Subscriber.objects.count() == 0


def test_a_malformed_address_is_a_422(client):
    response = _post(client, "/subscribe", _subscribe_body(email="ada@"))

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "email": ["Enter an e-mail address such as name@example.com."]
    }


def test_the_honeypot_is_answered_but_ignored(client):
    response = _post(client, "/subscribe", _subscribe_body(website="http://spam.example"))

    assert response.status_code == 202
    assert Subscriber.objects.count() == 0


def test_subscribing_is_rate_limited_per_client(client):
    for n in range(10):
        _post(client, "/subscribe", _subscribe_body(email=f"r{n}@example.com"))

    response = _post(client, "/subscribe", _subscribe_body(email="late@example.com"))

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert not Subscriber.objects.filter(email="late@example.com").exists()


def test_confirming_returns_the_code_and_a_second_time_the_same_one(client, pending_subscriber):
    subscriber = pending_subscriber("ada@example.com")
    token = confirm_token_make(subscriber.public_id)

    first = _post(client, "/confirm", {"token": token})
    second = _post(client, "/confirm", {"token": token})

    code = DiscountCode.objects.get()
    assert first.status_code == 200
    assert first.json()["status"] == "confirmed"
    assert first.json()["discount_code"]["code"] == code.code
    assert first.json()["discount_code"]["percent_off"] == 10
    assert first.json()["discount_code"]["is_used"] is False
    assert second.json()["status"] == "already_confirmed"
    assert second.json()["discount_code"]["code"] == code.code


def test_confirming_with_a_bad_token_is_a_404(client):
    response = _post(client, "/confirm", {"token": "nonsense"})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "invalid_token"


def test_unsubscribing_by_token_is_idempotent(client, confirmed_subscriber):
    subscriber = confirmed_subscriber("ada@example.com")
    token = manage_token_make(subscriber.public_id)

    first = _post(client, "/unsubscribe", {"token": token})
    second = _post(client, "/unsubscribe", {"token": token})

    assert first.json() == second.json() == {"status": "unsubscribed"}
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert _post(client, "/unsubscribe", {"token": "bad"}).status_code == 404


def test_figures_need_a_login(client):
    response = client.get(f"{BASE}/stats")

    assert response.status_code == 401


@pytest.mark.parametrize("who", ["runner", "physio"])
def test_figures_are_refused_to_runners_and_physios(client, who, request):
    user = request.getfixturevalue(who)
    _, raw = token_create(user=user, name="cli")

    response = client.get(f"{BASE}/stats", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 403


def test_staff_see_counts_and_weeks_but_no_addresses(client, staff, confirmed_subscriber):
    confirmed_subscriber("ada@example.com")
    confirmed_subscriber("bo@example.com")
    _, raw = token_create(user=staff, name="dashboard")

    response = client.get(f"{BASE}/stats?weeks=4", HTTP_AUTHORIZATION=f"Bearer {raw}")

    body = response.json()
    assert response.status_code == 200
    assert (body["confirmed"], body["pending"], body["unsubscribed"]) == (2, 0, 0)
    assert len(body["weeks"]) == 4
    assert body["weeks"][-1]["total"] == 2
    assert "@" not in response.content.decode()
