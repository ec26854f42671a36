"""/api/enquiries: anyone may submit; only the clinic team reads and answers."""

from __future__ import annotations

import json
from typing import get_args

import pytest

from stridewell.accounts.services import token_create
from stridewell.enquiries import api
from stridewell.enquiries.models import (
    ContactPreference,
    Enquiry,
    EnquiryReply,
    EnquiryStatus,
    RunningBackground,
)
from tests.enquiries.conftest import QUESTION

pytestmark = pytest.mark.django_db

BASE = "/api/enquiries"


def _json(client, method: str, path: str, body: dict | None = None, user=None):
    extra = {}
    if user is not None:
        _, raw = token_create(user=user, name="test")
        extra["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    if method == "get":
        return client.get(f"{BASE}{path}", **extra)
    return getattr(client, method)(
        f"{BASE}{path}", json.dumps(body or {}), content_type="application/json", **extra
    )


def _submission(**changes) -> dict:
    return {
        "name": "Tom Heathcote",
        "email": "tom@example.com",
        "background": "regular",
        "question": QUESTION,
    } | changes


def test_the_api_choices_match_the_models():
    assert set(get_args(api.Background)) == set(RunningBackground.values)
    assert set(get_args(api.Contact)) == set(ContactPreference.values)
    assert set(get_args(api.StatusValue)) == set(EnquiryStatus.values)


def test_anyone_can_submit_a_question(client, clinic):
    response = _json(client, "post", "", _submission())

    assert response.status_code == 201
    assert response.json()["status"] == "received"
    assert Enquiry.objects.get().email == "tom@example.com"


def test_a_phone_preference_without_a_number_is_a_422(client, clinic):
    response = _json(client, "post", "", _submission(preferred_contact="phone"))

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["phone"]
    assert Enquiry.objects.count() == 0


def test_an_unknown_background_is_a_422(client, clinic):
    response = _json(client, "post", "", _submission(background="sprinter"))

    assert response.status_code == 422
    assert Enquiry.objects.count() == 0


def test_the_honeypot_is_answered_but_ignored(client, clinic):
    response = _json(client, "post", "", _submission(website="spam"))

    assert response.status_code == 201
    assert Enquiry.objects.count() == 0


def test_submitting_is_rate_limited(client, clinic):
    for _ in range(5):
        _json(client, "post", "", _submission())

    response = _json(client, "post", "", _submission())

    assert response.status_code == 429
    assert Enquiry.objects.count() == 5


def _inbox_calls(enquiry_id: int) -> list[tuple[str, str, dict | None]]:
    return [
        ("get", "/inbox", None),
        ("get", f"/inbox/{enquiry_id}", None),
        ("post", f"/inbox/{enquiry_id}/replies", {"body": "Hello"}),
        ("patch", f"/inbox/{enquiry_id}", {"status": "closed"}),
    ]


def test_the_inbox_needs_a_login(client, make_enquiry):
    enquiry = make_enquiry()

    for method, path, body in _inbox_calls(enquiry.pk):
        assert _json(client, method, path, body).status_code == 401, path


def test_runners_cannot_read_or_answer_enquiries(client, runner, make_enquiry):
    enquiry = make_enquiry()

    for method, path, body in _inbox_calls(enquiry.pk):
        response = _json(client, method, path, body, user=runner)
        assert response.status_code == 403, path
        assert "tom@example.com" not in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.NEW
    assert not EnquiryReply.objects.exists()


@pytest.mark.parametrize("who", ["staff", "physio"])
def test_the_clinic_team_lists_reads_replies_and_closes(client, who, request, make_enquiry):
    user = request.getfixturevalue(who)
    enquiry = make_enquiry()

    listed = _json(client, "get", "/inbox?status=new", user=user)
    read = _json(client, "get", f"/inbox/{enquiry.pk}", user=user)
    replied = _json(
        client, "post", f"/inbox/{enquiry.pk}/replies",
        {"body": "Two short sessions a week.", "suggest_screening": True}, user=user,
    )  # fmt: skip
    closed = _json(client, "patch", f"/inbox/{enquiry.pk}", {"status": "closed"}, user=user)

    assert [row["id"] for row in listed.json()] == [enquiry.pk]
    assert listed.json()[0]["question_preview"] == QUESTION[:140]
    assert read.json()["email"] == "tom@example.com"
    assert replied.status_code == 201
    assert replied.json()["booking_url"] == "https://stridewell.test/booking/"
    assert replied.json()["is_emailed"] is True
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert [r["body"] for r in closed.json()["replies"]] == ["Two short sessions a week."]


def test_an_unknown_enquiry_is_a_404(client, staff, clinic):
    assert _json(client, "get", "/inbox/999", user=staff).status_code == 404
    assert _json(client, "post", "/inbox/999/replies", {"body": "x"}, user=staff).status_code == 404
