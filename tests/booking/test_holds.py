"""Holding a slot: exclusive for five minutes, then it no longer blocks anyone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.models import Appointment, Status
from stridewell.booking.selectors import slot_list_available
from stridewell.booking.services.holds import hold_create, hold_release
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


def _hold(monday, hh=10, mm=0, *, now, practitioner="asha-patel", **kwargs):
    return hold_create(
        type_slug="follow-up-30",
        practitioner=practitioner,
        start=at(monday, hh, mm),
        now=now,
        **kwargs,
    )


def _listed(follow_up, monday, now, who="asha-patel"):
    slots = slot_list_available(
        appointment_type=follow_up, practitioner=who, first_day=monday, last_day=monday, now=now
    )
    return {s.start for s in slots}


def test_a_hold_blocks_the_slot_for_everyone_else_for_five_minutes(follow_up, asha, monday, book):
    now = at(monday, 7) - timedelta(days=2)

    held = _hold(monday, now=now)

    assert held.status == Status.HELD
    assert held.hold_expires_at == now + timedelta(minutes=5)
    assert at(monday, 10) not in _listed(follow_up, monday, now + timedelta(minutes=4))
    with pytest.raises(SlotUnavailableError):
        _hold(monday, now=now + timedelta(minutes=1))
    with pytest.raises(SlotUnavailableError):
        book(start=at(monday, 10), now=now + timedelta(minutes=4, seconds=59))
    assert Appointment.objects.count() == 1


def test_an_expired_hold_is_listed_free_and_released_when_someone_books(
    follow_up, asha, monday, book
):
    now = at(monday, 7) - timedelta(days=2)
    stale = _hold(monday, now=now)
    later = now + timedelta(minutes=5)

    assert at(monday, 10) in _listed(follow_up, monday, later)
    result = book(start=at(monday, 10), now=later)

    assert result.appointment.status == Status.CONFIRMED
    assert not Appointment.objects.filter(pk=stale.pk).exists()


def test_booking_with_your_own_hold_turns_the_hold_into_the_appointment(
    follow_up, asha, monday, book
):
    now = at(monday, 7) - timedelta(days=2)
    held = _hold(monday, now=now)

    result = book(start=at(monday, 10), hold=str(held.public_id), now=now + timedelta(minutes=3))

    assert result.appointment.pk == held.pk
    assert result.appointment.public_id == held.public_id
    assert result.appointment.status == Status.CONFIRMED
    assert result.appointment.hold_expires_at is None
    assert Appointment.objects.count() == 1


def test_a_live_hold_keeps_the_slot_even_when_the_notice_window_has_started(
    make_type, asha, monday, book
):
    make_type("follow-up-30", min_notice_minutes=120)
    held_at = at(monday, 8)  # exactly two hours before 10:00
    held = _hold(monday, now=held_at)

    result = book(
        start=at(monday, 10), hold=str(held.public_id), now=held_at + timedelta(minutes=4)
    )

    assert result.appointment.status == Status.CONFIRMED


def test_a_hold_for_another_time_is_refused_and_kept(follow_up, asha, monday, book):
    now = at(monday, 7) - timedelta(days=2)
    held = _hold(monday, now=now)

    with pytest.raises(BookingError) as caught:
        book(start=at(monday, 11), hold=str(held.public_id), now=now)

    assert caught.value.code == "hold_mismatch"
    assert Appointment.objects.get().status == Status.HELD


def test_a_new_hold_from_the_same_person_releases_their_previous_one(follow_up, asha, monday):
    now = at(monday, 7) - timedelta(days=2)
    first = _hold(monday, now=now)

    second = _hold(monday, 11, now=now, replaces=first.public_id)

    assert list(Appointment.objects.values_list("pk", flat=True)) == [second.pk]
    assert at(monday, 10) in _listed(follow_up, monday, now)


def test_releasing_a_hold_frees_the_slot_and_twice_is_harmless(follow_up, asha, monday):
    now = at(monday, 7) - timedelta(days=2)
    held = _hold(monday, now=now)

    assert hold_release(hold_id=held.public_id) is True
    assert hold_release(hold_id=held.public_id) is False
    assert Appointment.objects.count() == 0


def test_holding_for_any_practitioner_picks_a_free_one(follow_up, asha, ben, monday):
    now = at(monday, 7) - timedelta(days=2)
    _hold(monday, now=now)

    second = _hold(monday, now=now, practitioner="any")

    assert second.practitioner == ben
    assert second.chose_any_practitioner


def test_a_returning_patient_who_held_any_goes_back_to_their_physio(
    follow_up, asha, ben, monday, book
):
    last_week = monday - timedelta(days=7)
    book(practitioner="ben-okoro", start=at(last_week, 9), now=at(last_week, 7) - timedelta(days=2))
    now = at(last_week, 12)
    held = _hold(monday, now=now, practitioner="any")
    assert held.practitioner == asha  # fairness: nobody knew who the patient was yet

    result = book(practitioner="any", start=at(monday, 10), hold=str(held.public_id), now=now)

    assert result.appointment.pk == held.pk
    assert result.appointment.practitioner == ben


def test_tidying_deletes_expired_holds_and_old_idempotency_records_only(
    follow_up, asha, monday, book
):
    from stridewell.booking.models import IdempotencyRecord
    from stridewell.booking.services.housekeeping import booking_tidy

    now = at(monday, 7) - timedelta(days=10)
    stale = _hold(monday, now=now)
    live = _hold(monday, 11, now=now + timedelta(days=9, hours=23, minutes=58))
    booked = book(start=at(monday, 14), key="old-key", now=now)

    tidied = booking_tidy(now=now + timedelta(days=10))

    assert (tidied.holds, tidied.idempotency_records) == (1, 1)
    assert set(Appointment.objects.values_list("pk", flat=True)) == {live.pk, booked.appointment.pk}
    assert not IdempotencyRecord.objects.exists()
    assert stale.pk not in set(Appointment.objects.values_list("pk", flat=True))
