"""The staff diary pages: who may open what, and that every action goes through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from stridewell.accounts.models import Role
from stridewell.booking.models import Appointment, Status
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user("desk@stridewell.test", role=Role.STAFF, first="Jess")


@pytest.fixture
def appointment(book, follow_up, asha, ben, monday):
    return book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4)).appointment


def _day(client, monday, **params):
    return client.get(reverse("booking:diary"), {"day": monday.isoformat()} | params)


def _detail(appointment):
    return reverse("booking:diary_appointment", args=[appointment.public_id])


def _action(appointment, action):
    return reverse("booking:diary_action", args=[appointment.public_id, action])


def test_anonymous_visitors_are_sent_to_log_in_and_runners_refused(
    client, appointment, monday, make_user
):
    anonymous = _day(client, monday)
    client.force_login(make_user("runner@example.test"))
    runner = _day(client, monday)
    runner_detail = client.get(_detail(appointment))

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert (runner.status_code, runner_detail.status_code) == (403, 403)


def test_a_physio_sees_their_own_day_with_patients(client, appointment, asha, monday):
    client.force_login(asha.user)

    page = _day(client, monday).content.decode()

    assert "Maya Okafor" in page
    assert _detail(appointment) in page


def test_another_physio_sees_neither_the_day_nor_the_appointment(client, appointment, ben, monday):
    client.force_login(ben.user)

    own = _day(client, monday).content.decode()
    theirs = _day(client, monday, practitioner="asha-patel")
    detail = client.get(_detail(appointment))
    cancel = client.post(_action(appointment, "cancel"))

    assert "Maya Okafor" not in own
    assert theirs.status_code == 403
    assert (detail.status_code, cancel.status_code) == (404, 404)
    assert Appointment.objects.get().status == Status.CONFIRMED


def test_staff_see_everyone_for_a_day_and_a_week(client, appointment, staff, monday):
    client.force_login(staff)

    day = _day(client, monday).content.decode()
    week = _day(client, monday + timedelta(days=2), view="week").content.decode()

    assert "Maya Okafor" in day
    assert "Maya Okafor" in week
    assert week.count('class="diary-day"') == 7


def test_staff_move_and_cancel_from_the_appointment_page(client, appointment, staff, monday):
    client.force_login(staff)

    client.post(
        _action(appointment, "move"),
        {"day": monday.isoformat(), "start_time": "15:00", "practitioner": "ben-okoro"},
    )
    appointment.refresh_from_db()
    assert (appointment.start, appointment.practitioner.slug) == (at(monday, 15), "ben-okoro")
    client.post(_action(appointment, "cancel"), {"reason": "Caller unwell"})

    appointment.refresh_from_db()
    assert (appointment.status, appointment.cancellation_reason) == (
        Status.CANCELLED,
        "Caller unwell",
    )


def test_moving_onto_a_taken_time_is_explained_and_changes_nothing(
    client, appointment, staff, book, monday
):
    book(start=at(monday, 15), email="other@example.test", now=at(monday, 10) - timedelta(days=4))
    client.force_login(staff)

    response = client.post(
        _action(appointment, "move"),
        {"day": monday.isoformat(), "start_time": "15:00"},
        follow=True,
    )

    assert "Sorry, that time has just been taken." in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.start == at(monday, 10)


def test_staff_book_a_caller_at_short_notice(client, staff, follow_up, asha, monday):
    client.force_login(staff)
    form = {
        "appointment_type": "follow-up-30",
        "practitioner": "asha-patel",
        "day": monday.isoformat(),
        "start_time": "11:00",
        "name": "Tom Heathcote",
        "email": "tom@example.test",
        "phone": "07700 900456",
        "patient": "returning",
        "accept_policy": "on",
    }

    response = client.post(reverse("booking:diary_book"), form)

    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert (appointment.start, appointment.booked_by, appointment.source) == (
        at(monday, 11),
        staff,
        "diary",
    )


def test_a_physio_cannot_book_into_a_colleagues_diary(client, asha, ben, follow_up, monday):
    client.force_login(asha.user)
    form = {
        "appointment_type": "follow-up-30",
        "practitioner": "ben-okoro",
        "day": monday.isoformat(),
        "start_time": "11:00",
        "name": "Tom",
        "email": "tom@example.test",
        "phone": "07700 900456",
        "patient": "returning",
        "accept_policy": "on",
    }

    response = client.post(reverse("booking:diary_book"), form)

    assert response.status_code == 422
    assert Appointment.objects.count() == 0


@pytest.mark.usefixtures("asha")
def test_confirm_arrived_buttons_follow_the_status(client, staff, book, make_type, monday):
    make_type("sports-massage", needs_confirmation=True)
    pending = book(
        type_slug="sports-massage", start=at(monday, 11), now=at(monday, 10) - timedelta(days=4)
    ).appointment
    client.force_login(staff)

    before = client.get(_detail(pending)).content.decode()
    client.post(_action(pending, "confirm"))
    after = client.get(_detail(pending)).content.decode()

    assert "Confirm request" in before
    assert "Confirm request" not in after
    assert "Arrived" in after
    assert Appointment.objects.get().status == Status.CONFIRMED
