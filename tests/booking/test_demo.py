"""The booking demo: types as the issue describes, hours, a fortnight with free time daily."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from stridewell.accounts.demo import seed_accounts_demo
from stridewell.booking.demo import FORTNIGHT, seed_booking_demo
from stridewell.booking.models import Appointment, AppointmentType, Room, Status, WorkingHours
from stridewell.booking.selectors import slot_list_available
from stridewell.clinic.demo import seed_clinic_demo
from stridewell.clinic.models import Closure
from stridewell.core.time import LONDON
from tests.booking.conftest import weekday_ahead

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    today = weekday_ahead(0)  # a Monday a week ahead: the whole fortnight is in the future
    users = seed_accounts_demo()
    seed_clinic_demo(physios=[u for u in users.values() if u.is_physio], today=today)
    added = seed_booking_demo(today=today)
    return today, added


def _closed(day):
    return Closure.objects.filter(start_date__lte=day, end_date__gte=day).exists()


def test_the_types_match_the_clinic_offer(seeded):
    types = {t.slug: t for t in AppointmentType.objects.all()}

    screening, short, long_, emergency = (
        types[s] for s in ("initial-screening", "follow-up-30", "follow-up-45", "emergency")
    )
    assert (screening.duration_minutes, screening.eligibility) == (60, "new")
    assert (short.duration_minutes, short.eligibility) == (30, "returning")
    assert (long_.duration_minutes, long_.eligibility) == (45, "returning")
    assert emergency.is_emergency
    assert emergency.duration_minutes == 30
    assert emergency.surcharge_pence > 0
    assert Room.objects.count() == 3
    assert WorkingHours.objects.values("practitioner").distinct().count() == 3


def test_a_fortnight_is_booked_with_free_slots_left_every_working_day(seeded):
    today, added = seeded
    rows = Appointment.objects.exclude(appointment_type__is_emergency=True)

    assert added == Appointment.objects.count()
    assert added > 60
    by_day = Counter(a.start.astimezone(LONDON).date() for a in rows)
    follow_up = AppointmentType.objects.get(slug="follow-up-30")
    for offset in range(FORTNIGHT):
        day = today + timedelta(days=offset)
        if day.weekday() == 6 or _closed(day):
            # Sundays, bank holidays and closures are for emergencies only
            assert by_day[day] == 0, day
            continue
        free = slot_list_available(
            appointment_type=follow_up, practitioner="any", first_day=day, last_day=day
        )
        assert by_day[day] > 0, day
        assert len(free) >= 4, day
    assert rows.filter(status=Status.PENDING).exists()  # requests to confirm in the diary


def test_running_the_demo_again_changes_nothing(seeded):
    today, _ = seeded
    before = sorted(Appointment.objects.values_list("public_id", flat=True))

    again = seed_booking_demo(today=today)

    assert again == 0
    assert sorted(Appointment.objects.values_list("public_id", flat=True)) == before
