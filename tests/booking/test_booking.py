"""appointment_book: what a booking stores, what it refuses, and that a refusal writes nothing."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.models import Appointment, AppointmentToken, Status
from stridewell.booking.policy import POLICY_VERSION
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


def _nothing_written():
    assert Appointment.objects.count() == 0
    assert AppointmentToken.objects.count() == 0


def test_a_booking_is_stored_confirmed_with_times_price_and_policy(book, follow_up, asha, monday):
    now = at(monday, 7) - timedelta(days=2)

    result = book(start=at(monday, 10), now=now)

    appointment = Appointment.objects.get()
    assert result.appointment == appointment
    assert appointment.status == Status.CONFIRMED
    assert (appointment.start, appointment.end) == (at(monday, 10), at(monday, 10, 30))
    assert (appointment.blocked_start, appointment.blocked_end) == (
        at(monday, 10),
        at(monday, 10, 30),
    )
    assert appointment.practitioner == asha
    assert appointment.patient_email == "maya.okafor@example.test"
    assert appointment.reason == "Left Achilles sore after long runs."
    assert (
        appointment.price_pence,
        appointment.discount_percent,
        appointment.final_price_pence,
    ) == (6000, 0, 6000)
    assert (appointment.policy_version, appointment.policy_accepted_at) == (POLICY_VERSION, now)
    assert appointment.sequence == 0
    assert appointment.reminder_due_at == at(monday, 10) - timedelta(hours=24)
    assert result.receipt == {
        "id": str(appointment.public_id),
        "status": "confirmed",
        "start": at(monday, 10).isoformat().replace("+00:00", "Z"),
        "end": at(monday, 10, 30).isoformat().replace("+00:00", "Z"),
        "practitioner": "asha-patel",
        "type": "follow-up-30",
        "price_pence": 6000,
        "discount_percent": 0,
        "final_price_pence": 6000,
    }
    assert sorted(AppointmentToken.objects.values_list("purpose", flat=True)) == [
        "cancel",
        "reschedule",
    ]


@pytest.mark.usefixtures("emergency")
def test_buffers_are_stored_and_the_surcharge_is_added(book, screening, asha, monday, on_call):
    now = at(monday, 7) - timedelta(days=2)
    book(type_slug="initial-screening", start=at(monday, 9), is_new_patient=True, now=now)
    on_call(asha, monday, time(20), time(22))

    emergency_booking = book(type_slug="emergency", start=at(monday, 20, 30), now=at(monday, 12))

    first = Appointment.objects.get(appointment_type=screening)
    assert (first.blocked_start, first.blocked_end) == (at(monday, 9), at(monday, 10, 15))
    assert emergency_booking.appointment.price_pence == 12000


def test_a_type_needing_confirmation_waits_as_pending(book, make_type, asha, monday):
    make_type("sports-massage", needs_confirmation=True)

    result = book(
        type_slug="sports-massage", start=at(monday, 11), now=at(monday, 7) - timedelta(days=1)
    )

    assert result.appointment.status == Status.PENDING
    assert result.appointment.confirmed_at is None


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"type_slug": "hot-stones"}, "type", "unknown_type"),
        ({"practitioner": "dr-nobody"}, "practitioner", "unknown_practitioner"),
        ({"email": "maya-at-example"}, "email", "invalid"),
        ({"phone": "12"}, "phone", "invalid"),
        ({"name": "  "}, "name", "invalid"),
        ({"accept_policy": False}, "accept_policy", "invalid"),
    ],
)
@pytest.mark.usefixtures("follow_up", "asha")
def test_bad_input_is_refused_with_the_field_named_and_nothing_written(
    book, monday, fields, field, code
):
    with pytest.raises(BookingError) as caught:
        book(start=at(monday, 10), now=at(monday, 7) - timedelta(days=2), **fields)

    assert (caught.value.code, caught.value.status) == (code, 422)
    assert field in caught.value.fields
    _nothing_written()


@pytest.mark.parametrize(
    ("wall_time", "days_before", "code"),
    [
        ((10, 5), 2, "off_grid"),
        ((10, 0), -1, "in_past"),
        ((10, 0), 0, "too_soon"),  # booked at 09:00 for 10:00 with two hours' notice
        ((6, 30), 2, "outside_opening_hours"),
        ((19, 0), 2, "practitioner_not_working"),
    ],
)
@pytest.mark.usefixtures("follow_up", "asha")
def test_times_breaking_a_rule_are_refused_with_their_reason(
    book, monday, wall_time, days_before, code
):
    hh, mm = wall_time
    now = at(monday, 9) - timedelta(days=days_before)

    with pytest.raises(BookingError) as caught:
        book(start=at(monday, hh, mm), now=now)

    assert caught.value.code == code
    assert caught.value.status == 422
    _nothing_written()


def test_a_routine_type_on_sunday_and_beyond_the_horizon_are_refused(book, follow_up, asha, monday):
    now = at(monday, 9) - timedelta(days=2)

    with pytest.raises(BookingError) as sunday:
        book(start=at(monday - timedelta(days=1), 10), now=now)
    with pytest.raises(BookingError) as far:
        book(start=at(monday + timedelta(days=63), 10), now=now)

    assert (sunday.value.code, far.value.code) == ("sunday", "beyond_horizon")
    _nothing_written()


def test_an_emergency_inside_opening_hours_is_refused(book, emergency, asha, monday, on_call):
    on_call(asha, monday, time(18), time(22))

    with pytest.raises(BookingError) as caught:
        book(type_slug="emergency", start=at(monday, 19), now=at(monday, 12))

    assert caught.value.code == "inside_opening_hours"
    _nothing_written()


def test_eligibility_new_patients_only(book, screening, asha, monday):
    with pytest.raises(BookingError) as caught:
        book(
            type_slug="initial-screening",
            start=at(monday, 9),
            is_new_patient=False,
            now=at(monday, 7) - timedelta(days=2),
        )

    assert caught.value.fields == {
        "is_new_patient": ["Initial full screening is for new patients only."]
    }
    _nothing_written()


def test_a_taken_slot_is_a_409_with_next_free_slots_and_nothing_more_written(
    book, follow_up, asha, monday
):
    now = at(monday, 7) - timedelta(days=2)
    book(start=at(monday, 10), now=now)

    with pytest.raises(SlotUnavailableError) as caught:
        book(start=at(monday, 10, 15), now=now, email="someone.else@example.test")

    assert (caught.value.code, caught.value.status) == ("slot_unavailable", 409)
    offered = [s.start for s in caught.value.next_slots]
    assert offered[0] == at(monday, 10, 30)
    assert len(offered) == 5
    assert Appointment.objects.count() == 1


def test_any_available_goes_to_the_least_busy_practitioner_that_week(
    book, follow_up, asha, ben, monday
):
    now = at(monday, 7) - timedelta(days=2)
    book(start=at(monday, 9), now=now)  # Asha has one booking this week

    result = book(practitioner="any", start=at(monday, 11), now=now)

    assert result.appointment.practitioner == ben
    assert result.appointment.chose_any_practitioner


def test_any_available_ties_go_in_the_clinic_order(book, follow_up, asha, ben, monday):
    result = book(practitioner="any", start=at(monday, 11), now=at(monday, 7) - timedelta(days=2))

    assert result.appointment.practitioner == asha


def test_any_available_prefers_the_physio_a_returning_patient_last_saw(
    book, follow_up, asha, ben, monday
):
    last_week = monday - timedelta(days=7)
    book(practitioner="ben-okoro", start=at(last_week, 9), now=at(last_week, 7) - timedelta(days=2))
    now = at(last_week, 12)  # after that appointment
    book(practitioner="ben-okoro", start=at(monday, 9), email="busy@example.test", now=now)

    result = book(practitioner="any", start=at(monday, 11), now=now)

    assert result.appointment.practitioner == ben  # despite Ben having more bookings this week


def test_an_upcoming_appointment_is_not_someone_the_patient_has_seen(
    book, follow_up, asha, ben, monday
):
    now = at(monday, 7) - timedelta(days=2)
    book(practitioner="ben-okoro", start=at(monday, 9), now=now)

    result = book(practitioner="any", start=at(monday, 11), now=now)

    assert result.appointment.practitioner == asha  # Ben is busier and has not seen them yet


def test_a_new_patient_choosing_any_is_not_steered_by_history(book, follow_up, asha, ben, monday):
    last_week = monday - timedelta(days=7)
    book(practitioner="ben-okoro", start=at(last_week, 9), now=at(last_week, 7) - timedelta(days=2))

    result = book(
        practitioner="any", start=at(monday, 11), is_new_patient=True, now=at(last_week, 12)
    )

    assert result.appointment.practitioner == asha


@pytest.mark.usefixtures("make_physio", "asha", "ben")
def test_rooms_are_assigned_and_a_full_house_is_a_409(book, make_type, make_room, monday):
    gym = make_room("gym")
    make_type("gym-session", rooms=[gym])
    now = at(monday, 7) - timedelta(days=2)
    first = book(type_slug="gym-session", start=at(monday, 10), now=now)

    with pytest.raises(SlotUnavailableError):
        book(type_slug="gym-session", practitioner="ben-okoro", start=at(monday, 10), now=now)

    assert first.appointment.room == gym
    assert Appointment.objects.count() == 1
