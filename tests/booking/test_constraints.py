"""The database itself refuses double bookings, even when the services are bypassed.

Runs on whichever database is configured: SQLite (triggers) or PostgreSQL (exclusion
constraints). Rows are written with `Appointment.objects.create` / `.update` on purpose.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from stridewell.booking.db import is_overlap_error
from stridewell.booking.models import Appointment, Status
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw(follow_up, asha, monday):
    """Insert a row straight through the ORM: raw(start_hh, start_mm, minutes, **fields)."""

    def insert(
        hh: int, mm: int = 0, minutes: int = 30, *, before: int = 0, after: int = 0, **fields
    ):
        start = at(monday, hh, mm)
        end = start + timedelta(minutes=minutes)
        values = {
            "appointment_type": follow_up,
            "practitioner": asha,
            "status": Status.CONFIRMED,
            "start": start,
            "end": end,
            "blocked_start": start - timedelta(minutes=before),
            "blocked_end": end + timedelta(minutes=after),
            "patient_name": "Maya Okafor",
            "patient_email": "maya@example.test",
        } | fields
        if values["status"] == Status.HELD:
            values.setdefault("hold_expires_at", start)
        with transaction.atomic():
            return Appointment.objects.create(**values)

    return insert


def _refused(call) -> IntegrityError:
    with pytest.raises(IntegrityError) as caught:
        call()
    assert is_overlap_error(caught.value)
    return caught.value


def test_the_guard_is_installed_on_this_database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE contype = 'x' AND conname LIKE 'booking_%'"
            )
            expected = {"booking_no_practitioner_overlap", "booking_no_room_overlap"}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = {
                f"booking_no_{what}_overlap_{event}"
                for what in ("practitioner", "room")
                for event in ("insert", "update")
            }
        names = {row[0] for row in cursor.fetchall()}
    assert expected <= names


@pytest.mark.parametrize(
    ("hh", "mm", "minutes"),
    [(10, 0, 30), (10, 15, 30), (9, 45, 30), (9, 30, 90), (10, 10, 5)],
    ids=["same", "starts-inside", "ends-inside", "contains", "inside"],
)
def test_any_overlap_for_one_practitioner_is_refused_by_the_database(raw, hh, mm, minutes):
    raw(10, 0, 30)

    _refused(lambda: raw(hh, mm, minutes))

    assert Appointment.objects.count() == 1


def test_back_to_back_appointments_are_allowed(raw):
    raw(10, 0, 30)

    raw(10, 30, 30)
    raw(9, 30, 30)

    assert Appointment.objects.count() == 3


def test_buffers_count_towards_the_overlap(raw):
    raw(10, 0, 30, after=15)  # busy until 10:45

    _refused(lambda: raw(10, 30, 30))
    _refused(lambda: raw(11, 0, 30, before=20))  # its own buffer reaches back to 10:40
    raw(10, 45, 30)

    assert Appointment.objects.count() == 2


def test_held_and_pending_rows_block_but_cancelled_and_no_show_do_not(raw):
    raw(10, 0, 30, status=Status.CANCELLED)
    raw(10, 0, 30, status=Status.NO_SHOW)
    raw(10, 0, 30, status=Status.HELD)

    _refused(lambda: raw(10, 0, 30, status=Status.PENDING))
    _refused(lambda: raw(10, 0, 30, status=Status.ARRIVED))

    assert Appointment.objects.filter(status=Status.HELD).count() == 1


def test_other_practitioners_may_work_at_the_same_time(raw, ben):
    raw(10, 0, 30)

    raw(10, 0, 30, practitioner=ben)

    assert Appointment.objects.count() == 2


def test_one_room_cannot_hold_two_appointments_at_once(raw, ben, make_room):
    gym = make_room("gym")
    raw(10, 0, 30, room=gym)

    _refused(lambda: raw(10, 15, 30, practitioner=ben, room=gym))
    raw(10, 15, 30, practitioner=ben, room=None)

    assert Appointment.objects.filter(room=gym).count() == 1


def test_moving_a_row_onto_another_with_a_plain_update_is_refused(raw):
    raw(10, 0, 30)
    later = raw(11, 0, 30)

    def move():
        with transaction.atomic():
            Appointment.objects.filter(pk=later.pk).update(
                start=later.start - timedelta(minutes=50),
                end=later.end - timedelta(minutes=50),
                blocked_start=later.blocked_start - timedelta(minutes=50),
                blocked_end=later.blocked_end - timedelta(minutes=50),
            )

    original_start = later.start
    _refused(move)

    later.refresh_from_db()
    assert later.start == original_start


def test_a_row_may_be_updated_in_place_and_reactivated_only_when_free(raw):
    first = raw(10, 0, 30)
    first.staff_notes = "Brought running shoes."
    first.save()  # updating a row never collides with itself
    first.status = Status.CANCELLED
    first.save()
    raw(10, 0, 30)

    first.status = Status.CONFIRMED

    def reactivate():
        with transaction.atomic():
            first.save()

    _refused(reactivate)
