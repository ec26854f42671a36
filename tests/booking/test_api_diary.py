"""/api/booking/diary: anonymous, runner, the appointment's physio, another physio, staff."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from stridewell.accounts.models import Role
from stridewell.booking.models import Appointment, Status
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointment(book, follow_up, asha, ben, monday):
    return book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4)).appointment


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def staff(make_user):
    return make_user("desk@stridewell.test", role=Role.STAFF, first="Jess")


def _diary(client, monday, **params):
    query = "&".join(f"{k}={v}" for k, v in ({"start": monday, "end": monday} | params).items())
    return client.get(f"/api/booking/diary/appointments?{query}")


def _post(client, path, body=None):
    # A session client must send the CSRF token on writes; the test client skips the check,
    # so these requests exercise the permission rules, not CSRF.
    return client.post(path, json.dumps(body or {}), content_type="application/json")


def test_anonymous_is_401_and_a_runner_is_403(client, appointment, monday, make_user):
    anonymous = _diary(client, monday)
    client.force_login(make_user("runner@example.test"))
    runner = _diary(client, monday)

    assert anonymous.status_code == 401
    assert runner.status_code == 403


def test_a_physio_sees_their_own_diary_with_the_patient_details(as_user, appointment, asha, monday):
    response = _diary(as_user(asha.user), monday)

    assert response.status_code == 200
    (row,) = response.json()
    assert row["id"] == str(appointment.public_id)
    assert (row["patient_name"], row["reason"]) == (
        "Maya Okafor",
        "Left Achilles sore after long runs.",
    )


def test_another_physio_sees_nothing_and_cannot_reach_the_appointment(
    as_user, appointment, ben, monday
):
    client = as_user(ben.user)

    own = _diary(client, monday)
    theirs = _diary(client, monday, practitioner="asha-patel")
    detail = client.get(f"/api/booking/diary/appointments/{appointment.public_id}")
    cancel = _post(client, f"/api/booking/diary/appointments/{appointment.public_id}/cancel")

    assert (own.status_code, own.json()) == (200, [])
    assert theirs.status_code == 403
    assert (detail.status_code, cancel.status_code) == (404, 404)
    assert Appointment.objects.get().status == Status.CONFIRMED


def test_staff_see_everyone_and_can_filter(as_user, appointment, staff, monday):
    client = as_user(staff)

    everyone = _diary(client, monday)
    ben_only = _diary(client, monday, practitioner="ben-okoro")

    assert [r["practitioner"] for r in everyone.json()] == ["asha-patel"]
    assert ben_only.json() == []


@pytest.mark.usefixtures("follow_up", "asha", "ben")
def test_staff_book_a_caller_move_and_cancel(as_user, staff, monday):
    client = as_user(staff)
    body = {
        "type": "follow-up-30",
        "practitioner": "any",
        "start": at(monday, 9).isoformat(),
        "patient": {"name": "Tom Heathcote", "email": "tom@example.test", "phone": "07700 900456"},
        "is_new_patient": False,
        "accept_policy": True,
    }

    booked = _post(client, "/api/booking/diary/appointments", body)
    appointment_id = booked.json()["id"]
    moved = _post(
        client,
        f"/api/booking/diary/appointments/{appointment_id}/move",
        {"start": at(monday, 12).isoformat(), "practitioner": "ben-okoro"},
    )
    cancelled = _post(
        client, f"/api/booking/diary/appointments/{appointment_id}/cancel", {"reason": "Unwell"}
    )

    assert booked.status_code == 201
    assert (moved.json()["start"], moved.json()["practitioner"]) == (
        at(monday, 12).isoformat().replace("+00:00", "Z"),
        "ben-okoro",
    )
    assert cancelled.json()["status"] == "cancelled"
    appointment = Appointment.objects.get()
    assert (appointment.booked_by, appointment.source) == (staff, "diary")


def test_a_physio_books_only_into_their_own_diary(as_user, follow_up, asha, ben, monday):
    body = {
        "type": "follow-up-30",
        "practitioner": "ben-okoro",
        "start": at(monday, 9).isoformat(),
        "patient": {"name": "Tom", "email": "tom@example.test", "phone": "07700 900456"},
        "is_new_patient": False,
        "accept_policy": True,
    }

    response = _post(as_user(asha.user), "/api/booking/diary/appointments", body)

    assert response.status_code == 403
    assert Appointment.objects.count() == 0


@pytest.mark.usefixtures("asha")
def test_confirming_twice_gives_one_confirmation_and_one_409(
    as_user, staff, book, make_type, monday
):
    make_type("sports-massage", needs_confirmation=True)
    pending = book(
        type_slug="sports-massage", start=at(monday, 11), now=at(monday, 10) - timedelta(days=4)
    ).appointment
    client = as_user(staff)

    first = _post(client, f"/api/booking/diary/appointments/{pending.public_id}/confirm")
    second = _post(client, f"/api/booking/diary/appointments/{pending.public_id}/confirm")

    assert (first.status_code, first.json()["status"]) == (200, "confirmed")
    assert (second.status_code, second.json()["error"]["code"]) == (409, "already_changed")


def test_the_public_api_never_shows_what_is_wrong(client, appointment, monday):
    day = monday.isoformat()

    listed = client.get(f"/api/booking/availability?type=follow-up-30&start={day}&end={day}")

    assert "Achilles" not in listed.content.decode()
    assert "maya" not in listed.content.decode().lower()
