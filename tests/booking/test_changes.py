"""Staff changes through the shared services: confirm, move, cancel, arrived, no-show."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from stridewell.accounts.models import Role
from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.models import Appointment, Status
from stridewell.booking.services.changes import (
    appointment_cancel,
    appointment_confirm,
    appointment_mark_arrived,
    appointment_mark_no_show,
    appointment_move,
)
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user("desk@stridewell.test", role=Role.STAFF, first="Jess")


@pytest.fixture
def booked(book, follow_up, asha, monday):
    return book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4)).appointment


@pytest.fixture
def pending(book, make_type, asha, monday):
    make_type("sports-massage", needs_confirmation=True)
    return book(
        type_slug="sports-massage", start=at(monday, 11), now=at(monday, 10) - timedelta(days=4)
    ).appointment


def test_confirming_a_pending_request_wins_once(pending, staff):
    confirmed = appointment_confirm(appointment_id=pending.pk, actor=staff)

    assert confirmed.status == Status.CONFIRMED
    assert confirmed.confirmed_at is not None
    with pytest.raises(BookingError) as caught:
        appointment_confirm(appointment_id=pending.pk, actor=staff)
    assert (caught.value.code, caught.value.status) == ("already_changed", 409)


def test_a_physio_confirms_only_their_own_requests(pending, ben, asha):
    with pytest.raises(PermissionDenied):
        appointment_confirm(appointment_id=pending.pk, actor=ben.user)

    assert Appointment.objects.get(pk=pending.pk).status == Status.PENDING
    assert (
        appointment_confirm(appointment_id=pending.pk, actor=asha.user).status == Status.CONFIRMED
    )


def test_staff_move_to_another_time_and_physio(booked, staff, ben, monday):
    moved = appointment_move(
        appointment_id=booked.pk,
        actor=staff,
        start=at(monday, 15),
        practitioner="ben-okoro",
        now=at(monday, 8),
    )

    assert (moved.start, moved.practitioner, moved.sequence) == (at(monday, 15), ben, 1)


def test_staff_may_fill_a_gap_at_short_notice_but_not_onto_another_booking(
    booked, staff, book, monday
):
    book(start=at(monday, 16), email="other@example.test", now=at(monday, 10) - timedelta(days=4))

    moved = appointment_move(
        appointment_id=booked.pk, actor=staff, start=at(monday, 9), now=at(monday, 8, 50)
    )
    with pytest.raises(SlotUnavailableError):
        appointment_move(
            appointment_id=booked.pk, actor=staff, start=at(monday, 16), now=at(monday, 8, 50)
        )

    assert moved.start == at(monday, 9)
    assert Appointment.objects.get(pk=booked.pk).start == at(monday, 9)


def test_staff_cannot_move_outside_the_rules(booked, staff, monday):
    with pytest.raises(BookingError) as caught:
        appointment_move(
            appointment_id=booked.pk, actor=staff, start=at(monday, 19), now=at(monday, 8)
        )

    assert caught.value.code == "practitioner_not_working"


def test_a_physio_may_not_hand_an_appointment_to_a_colleague(booked, asha, ben, monday):
    with pytest.raises(PermissionDenied):
        appointment_move(
            appointment_id=booked.pk,
            actor=asha.user,
            start=at(monday, 15),
            practitioner="ben-okoro",
            now=at(monday, 8),
        )

    assert Appointment.objects.get(pk=booked.pk).practitioner == asha


def test_staff_cancel_late_and_it_is_flagged(booked, staff, monday):
    cancelled = appointment_cancel(
        appointment_id=booked.pk, actor=staff, reason="Caller unwell", now=at(monday, 9)
    )

    assert cancelled.status == Status.CANCELLED
    assert cancelled.is_late_cancellation
    assert not cancelled.cancelled_by_patient
    assert cancelled.cancellation_reason == "Caller unwell"


def test_a_runner_cannot_use_staff_actions(booked, make_user):
    runner = make_user("runner@example.test")

    with pytest.raises(PermissionDenied):
        appointment_cancel(appointment_id=booked.pk, actor=runner)

    assert Appointment.objects.get(pk=booked.pk).status == Status.CONFIRMED


def test_arrived_from_an_hour_before_and_no_show_only_after_the_start(booked, staff, monday):
    with pytest.raises(BookingError):
        appointment_mark_arrived(appointment_id=booked.pk, actor=staff, now=at(monday, 8, 59))
    with pytest.raises(BookingError):
        appointment_mark_no_show(appointment_id=booked.pk, actor=staff, now=at(monday, 9, 59))

    arrived = appointment_mark_arrived(appointment_id=booked.pk, actor=staff, now=at(monday, 9, 50))

    assert (arrived.status, arrived.arrived_at) == (Status.ARRIVED, at(monday, 9, 50))
    with pytest.raises(BookingError) as caught:
        appointment_mark_no_show(appointment_id=booked.pk, actor=staff, now=at(monday, 10, 20))
    assert caught.value.code == "already_changed"


def test_no_show_after_the_start(booked, staff, monday):
    missed = appointment_mark_no_show(appointment_id=booked.pk, actor=staff, now=at(monday, 10, 20))

    assert missed.status == Status.NO_SHOW
