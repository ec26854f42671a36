"""Cancel and reschedule links: hashed at rest, single use, expiring, and the 24-hour rule."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.models import Appointment, AppointmentToken, Status
from stridewell.booking.services.changes import (
    appointment_cancel_by_link,
    appointment_reschedule_by_link,
)
from stridewell.booking.services.links import link_check
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(book, follow_up, asha, monday):
    """Booked on the Thursday before for Monday 10:00."""
    return book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))


def _before(monday, **delta):
    return at(monday, 10) - timedelta(**delta)


def test_only_hashes_of_the_link_secrets_are_stored(booked):
    raw = booked.links["cancel"]

    stored = AppointmentToken.objects.get(purpose="cancel")

    assert stored.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert not AppointmentToken.objects.filter(token_hash__contains=raw).exists()
    assert stored.expires_at == booked.appointment.start


def test_a_cancel_link_works_once(booked, monday):
    public_id, raw = str(booked.appointment.public_id), booked.links["cancel"]

    cancelled = appointment_cancel_by_link(
        public_id=public_id, raw_token=raw, now=_before(monday, days=2)
    )

    assert cancelled.status == Status.CANCELLED
    assert cancelled.cancelled_by_patient
    assert not cancelled.is_late_cancellation
    assert cancelled.sequence == 1
    with pytest.raises(BookingError) as caught:
        appointment_cancel_by_link(public_id=public_id, raw_token=raw, now=_before(monday, days=2))
    assert (caught.value.code, caught.value.status) == ("link_used", 410)


def test_an_unknown_or_mismatched_link_is_refused(booked, book, monday):
    other = book(start=at(monday, 11), email="someone@example.test", now=_before(monday, days=4))

    with pytest.raises(BookingError) as unknown:
        link_check(raw="bk_not-a-real-secret", purpose="cancel")
    with pytest.raises(BookingError) as mismatched:
        appointment_cancel_by_link(
            public_id=str(other.appointment.public_id),
            raw_token=booked.links["cancel"],
            now=_before(monday, days=2),
        )

    assert (unknown.value.code, unknown.value.status) == ("link_invalid", 404)
    assert mismatched.value.code == "link_invalid"
    assert Appointment.objects.filter(status=Status.CONFIRMED).count() == 2


def test_a_link_expires_when_the_appointment_starts(booked, monday):
    with pytest.raises(BookingError) as caught:
        link_check(raw=booked.links["cancel"], purpose="cancel", now=at(monday, 10))

    assert (caught.value.code, caught.value.status) == ("link_expired", 410)


def test_a_cancel_link_cannot_reschedule(booked, monday):
    with pytest.raises(BookingError) as caught:
        appointment_reschedule_by_link(
            public_id=str(booked.appointment.public_id),
            raw_token=booked.links["cancel"],
            start=at(monday, 14),
            now=_before(monday, days=2),
        )

    assert caught.value.code == "link_invalid"


def test_within_24_hours_the_patient_is_asked_to_phone_and_nothing_changes(booked, monday):
    with pytest.raises(BookingError) as caught:
        appointment_cancel_by_link(
            public_id=str(booked.appointment.public_id),
            raw_token=booked.links["cancel"],
            now=_before(monday, hours=23),
        )

    assert (caught.value.code, caught.value.status) == ("too_late_to_change", 409)
    assert "phone us on 020 7946 0321" in caught.value.message
    assert Appointment.objects.get().status == Status.CONFIRMED
    assert link_check(raw=booked.links["cancel"], purpose="cancel", now=_before(monday, hours=23))


def test_a_short_notice_booking_can_still_be_changed_in_the_grace_period(
    book, follow_up, asha, monday
):
    booked_at = _before(monday, hours=20)
    result = book(start=at(monday, 10), now=booked_at)
    public_id, raw = str(result.appointment.public_id), result.links["cancel"]

    with pytest.raises(BookingError):
        appointment_cancel_by_link(
            public_id=public_id, raw_token=raw, now=booked_at + timedelta(minutes=31)
        )
    cancelled = appointment_cancel_by_link(
        public_id=public_id, raw_token=raw, now=booked_at + timedelta(minutes=29)
    )

    assert cancelled.status == Status.CANCELLED
    assert cancelled.is_late_cancellation


def test_rescheduling_moves_the_same_appointment_and_retires_every_old_link(booked, monday):
    old_links = booked.links

    moved = appointment_reschedule_by_link(
        public_id=str(booked.appointment.public_id),
        raw_token=old_links["reschedule"],
        start=at(monday, 14),
        now=_before(monday, days=2),
    )

    assert moved.pk == booked.appointment.pk
    assert (moved.start, moved.end, moved.sequence) == (at(monday, 14), at(monday, 14, 30), 1)
    assert moved.reminder_due_at == at(monday, 14) - timedelta(hours=24)
    for purpose, raw in old_links.items():
        with pytest.raises(BookingError) as caught:
            link_check(raw=raw, purpose=purpose)
        assert caught.value.code == "link_used"
    assert (
        AppointmentToken.objects.filter(used_at__isnull=True, revoked_at__isnull=True).count() == 2
    )


def test_moving_onto_part_of_its_own_time_is_allowed(booked, monday):
    moved = appointment_reschedule_by_link(
        public_id=str(booked.appointment.public_id),
        raw_token=booked.links["reschedule"],
        start=at(monday, 10, 15),
        now=_before(monday, days=2),
    )

    assert moved.start == at(monday, 10, 15)


def test_a_failed_reschedule_leaves_the_link_usable(booked, book, monday):
    book(start=at(monday, 14), email="quick@example.test", now=_before(monday, days=3))

    with pytest.raises(SlotUnavailableError) as caught:
        appointment_reschedule_by_link(
            public_id=str(booked.appointment.public_id),
            raw_token=booked.links["reschedule"],
            start=at(monday, 14),
            now=_before(monday, days=2),
        )

    assert caught.value.next_slots  # offers other times
    assert Appointment.objects.get(pk=booked.appointment.pk).start == at(monday, 10)
    assert link_check(raw=booked.links["reschedule"], purpose="reschedule")
