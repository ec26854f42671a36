"""Availability reads: a fixed number of queries whatever the data, and "any" lists one per time."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stridewell.booking.models import Appointment, Status
from stridewell.booking.selectors import (
    appointment_type_get,
    practitioners_for_type,
    slot_list_available,
)
from stridewell.core.time import LONDON
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db

ROUTINE_QUERIES = 9
EMERGENCY_QUERIES = 10


def _fill(practitioners, follow_up, monday, *, per_day):
    rows = []
    for practitioner in practitioners:
        for day in range(6):
            for n in range(per_day):
                start = at(monday + timedelta(days=day), 8) + timedelta(minutes=30 * n)
                end = start + timedelta(minutes=30)
                rows.append(
                    Appointment(
                        appointment_type=follow_up,
                        practitioner=practitioner,
                        status=Status.CONFIRMED,
                        start=start,
                        end=end,
                        blocked_start=start,
                        blocked_end=end,
                    )
                )
    Appointment.objects.bulk_create(rows)


def _count(**kwargs):
    with CaptureQueriesContext(connection) as queries:
        slots = slot_list_available(**kwargs)
    return len(queries), slots


def test_listing_costs_the_same_queries_for_few_or_many_appointments_and_practitioners(
    follow_up, asha, ben, make_physio, monday
):
    window = {
        "appointment_type": follow_up,
        "practitioner": "any",
        "first_day": monday,
        "last_day": monday + timedelta(days=13),
    }
    few, few_slots = _count(**window)
    others = [make_physio(f"physio-{n}", order=20 + n) for n in range(4)]
    _fill([asha, ben, *others], follow_up, monday, per_day=12)

    many, many_slots = _count(**window)

    assert few == many == ROUTINE_QUERIES
    assert len(many_slots) < len(few_slots)


def test_emergency_listing_adds_only_the_on_call_rota(emergency, asha, ben, on_call):
    tomorrow = datetime.now(tz=LONDON).date() + timedelta(days=1)  # emergencies: 3-day horizon
    on_call(asha, tomorrow, time(20), time(22))

    queries, slots = _count(
        appointment_type=emergency, practitioner="any", first_day=tomorrow, last_day=tomorrow
    )

    assert queries == EMERGENCY_QUERIES
    assert [s.practitioner for s in slots] == ["asha-patel"] * 4


def test_any_lists_one_slot_per_time_with_the_fairly_chosen_practitioner(
    book, follow_up, asha, ben, monday
):
    book(start=at(monday, 9), now=at(monday, 7) - timedelta(days=2))

    slots = slot_list_available(
        appointment_type=follow_up, practitioner="any", first_day=monday, last_day=monday
    )

    starts = [s.start for s in slots]
    assert len(starts) == len(set(starts))
    at_eleven = next(s for s in slots if s.start == at(monday, 11))
    assert at_eleven.practitioner == "ben-okoro"  # Asha already has a booking this week
    at_nine = next(s for s in slots if s.start == at(monday, 9))
    assert at_nine.practitioner == "ben-okoro"  # Asha is busy then


def test_a_type_offered_by_some_practitioners_lists_only_them(follow_up, asha, ben):
    follow_up.practitioners.set([ben])

    assert [p.slug for p in practitioners_for_type(appointment_type=follow_up)] == ["ben-okoro"]


def test_inactive_types_are_not_found(make_type):
    make_type("old-type", is_active=False)

    assert appointment_type_get(slug="old-type") is None


def test_a_runner_sees_only_their_own_appointments_for_their_calendar(
    follow_up, asha, monday, make_user
):
    from stridewell.booking.selectors import appointment_list_for_user
    from stridewell.booking.services.booking import appointment_book
    from tests.booking.conftest import booking_request

    maya = make_user(email="maya@example.test")
    other = make_user(email="other@example.test")
    now = at(monday, 7) - timedelta(days=2)
    mine = appointment_book(
        request=booking_request(start=at(monday, 10)), source="web", user=maya, now=now
    ).appointment
    appointment_book(
        request=booking_request(start=at(monday, 11), email="other@example.test"),
        source="web",
        user=other,
        now=now,
    )

    assert list(appointment_list_for_user(user=maya)) == [mine]
