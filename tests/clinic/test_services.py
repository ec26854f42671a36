"""Closure and rota writes: validated in the transaction, nothing saved on failure."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from stridewell.clinic.models import Closure, ClosureSource, OnCallShift
from stridewell.clinic.services import closure_create, oncall_shift_create

DASH = "\u2013"


@pytest.mark.django_db
def test_closure_create_saves_a_valid_closure():
    closure = closure_create(
        start_date=date(2026, 8, 10), end_date=date(2026, 8, 14), reason="Staff training"
    )

    assert Closure.objects.get() == closure
    assert (closure.reason, closure.source) == ("Staff training", ClosureSource.MANUAL)


@pytest.mark.django_db
def test_closure_create_rejects_an_end_before_the_start_and_saves_nothing():
    with pytest.raises(ValidationError) as excinfo:
        closure_create(start_date=date(2026, 8, 14), end_date=date(2026, 8, 10), reason="Backwards")

    assert excinfo.value.message_dict == {
        "end_date": ["The last day (2026-08-10) cannot be before the first day (2026-08-14)."]
    }
    assert Closure.objects.count() == 0


@pytest.mark.django_db
def test_closure_create_rejects_a_second_bank_holiday_on_the_same_date():
    closure_create(
        start_date=date(2026, 12, 25),
        end_date=date(2026, 12, 25),
        source=ClosureSource.BANK_HOLIDAY,
    )

    with pytest.raises(ValidationError) as excinfo:
        closure_create(
            start_date=date(2026, 12, 25),
            end_date=date(2026, 12, 25),
            source=ClosureSource.BANK_HOLIDAY,
        )

    assert excinfo.value.messages == ["A bank holiday is already recorded on this date."]
    assert Closure.objects.count() == 1


@pytest.mark.django_db
def test_oncall_shift_create_saves_a_shift(physio):
    shift = oncall_shift_create(
        physio=physio, date=date(2026, 6, 5), starts=time(20), ends=time(22), note="Evening"
    )

    assert OnCallShift.objects.get() == shift
    assert (shift.physio, shift.starts, shift.ends) == (physio, time(20), time(22))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "starts", "ends"),
    [
        (date(2026, 6, 5), time(21), time(23)),  # partial overlap, same evening
        (date(2026, 6, 5), time(19), time(20, 1)),  # one minute into it
        (date(2026, 6, 4), time(22), time(20, 30)),  # an overnight shift from the day before
        (date(2026, 6, 5), time(20), time(22)),  # the same shift again
    ],
)
def test_overlapping_shifts_are_rejected_and_nothing_is_saved(
    make_physio, physio, day, starts, ends
):
    oncall_shift_create(physio=physio, date=date(2026, 6, 5), starts=time(20), ends=time(22))
    ben = make_physio("ben@stridewell.test", "Ben", "Okoro")

    with pytest.raises(ValidationError) as excinfo:
        oncall_shift_create(physio=ben, date=day, starts=starts, ends=ends)

    assert excinfo.value.messages == [
        f"Overlaps Asha Patel's on-call shift on Fri 05 Jun 2026 20:00{DASH}22:00."
    ]
    assert OnCallShift.objects.count() == 1


@pytest.mark.django_db
def test_back_to_back_shifts_are_allowed(make_physio, physio):
    oncall_shift_create(physio=physio, date=date(2026, 6, 6), starts=time(14), ends=time(20))
    ben = make_physio("ben@stridewell.test")

    oncall_shift_create(physio=ben, date=date(2026, 6, 6), starts=time(20), ends=time(2))
    oncall_shift_create(physio=physio, date=date(2026, 6, 7), starts=time(2), ends=time(9))

    assert OnCallShift.objects.count() == 3


@pytest.mark.django_db
def test_a_runner_cannot_be_put_on_call(django_user_model):
    runner = django_user_model.objects.create_user(email="runner@stridewell.test")

    with pytest.raises(ValidationError) as excinfo:
        oncall_shift_create(physio=runner, date=date(2026, 6, 5), starts=time(20), ends=time(22))

    assert "physio" in excinfo.value.message_dict
    assert OnCallShift.objects.count() == 0
