"""Clinic models: database constraints back up the rules, and `clean()` explains them."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stridewell.clinic.models import (
    ClinicProfile,
    Closure,
    ClosureSource,
    OnCallShift,
    OpeningHours,
    Station,
)


@pytest.mark.django_db
def test_the_database_refuses_a_second_clinic_profile(profile):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicProfile.objects.create(
            name="Another clinic",
            address_line1="1 Road",
            postcode="SE1 1AA",
            phone="020 7946 0000",
            email="a@b.test",
        )
    assert ClinicProfile.objects.count() == 1


@pytest.mark.django_db
def test_clean_explains_that_there_is_only_one_profile(profile):
    second = ClinicProfile(
        name="Another",
        address_line1="1 Road",
        postcode="SE1 1AA",
        phone="020 7946 0000",
        email="a@b.test",
    )

    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()

    assert excinfo.value.messages == ["There is already a clinic profile: edit that one instead."]


@pytest.mark.django_db
def test_profile_phone_numbers_must_be_dialable(profile):
    profile.phone = "call us"
    profile.emergency_phone = "999 999"

    with pytest.raises(ValidationError) as excinfo:
        profile.full_clean()

    assert set(excinfo.value.message_dict) == {"phone", "emergency_phone"}
    assert excinfo.value.message_dict["phone"][0].startswith("“call us” is not a UK phone number.")


def test_phone_helpers_give_e164_for_tel_links():
    profile = ClinicProfile(phone="020 7946 0321", emergency_phone="07700 900321")

    assert (profile.phone_e164, profile.emergency_phone_e164) == ("+442079460321", "+447700900321")
    assert ClinicProfile(phone="", emergency_phone="").emergency_phone_e164 == ""


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("020 7946 0321", "+442079460321"),
        ("07700 900321", "+447700900321"),
        ("+44 (0)20 7946 0321", "+442079460321"),
        ("0044 20 7946 0321", "+442079460321"),
        ("(020) 7946-0321", "+442079460321"),
        ("020 79", None),
        ("7946 0321", None),
        ("", None),
    ],
)
def test_to_e164(written, e164):
    from stridewell.clinic.phone import to_e164

    assert to_e164(written) == e164


@pytest.mark.django_db
def test_the_database_refuses_hours_that_close_before_they_open(profile):
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(profile=profile, weekday=0, opens=time(20), closes=time(7))
    assert OpeningHours.objects.count() == 0


@pytest.mark.django_db
def test_hours_clean_names_both_times(profile):
    with pytest.raises(ValidationError) as excinfo:
        OpeningHours(profile=profile, weekday=0, opens=time(20), closes=time(7)).full_clean()

    assert excinfo.value.message_dict == {
        "closes": ["Closing time (07:00) must be after opening time (20:00)."]
    }


@pytest.mark.django_db
def test_the_database_refuses_a_zero_minute_walk(profile):
    with pytest.raises(IntegrityError), transaction.atomic():
        Station.objects.create(profile=profile, name="Borough", walking_minutes=0)
    assert Station.objects.count() == 0


@pytest.mark.django_db
def test_the_database_refuses_a_closure_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Closure.objects.create(start_date=date(2026, 12, 24), end_date=date(2026, 12, 23))
    assert Closure.objects.count() == 0


@pytest.mark.django_db
def test_one_bank_holiday_per_date_but_manual_closures_may_repeat():
    Closure.objects.create(
        start_date=date(2026, 12, 25),
        end_date=date(2026, 12, 25),
        source=ClosureSource.BANK_HOLIDAY,
    )
    Closure.objects.create(
        start_date=date(2026, 12, 25), end_date=date(2026, 12, 25), source=ClosureSource.MANUAL
    )
    Closure.objects.create(
        start_date=date(2026, 12, 25), end_date=date(2026, 12, 31), source=ClosureSource.MANUAL
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Closure.objects.create(
            start_date=date(2026, 12, 25),
            end_date=date(2026, 12, 25),
            source=ClosureSource.BANK_HOLIDAY,
        )
    assert Closure.objects.count() == 3


@pytest.mark.django_db
def test_only_physiotherapists_can_be_on_call(django_user_model):
    runner = django_user_model.objects.create_user(email="runner@stridewell.test", role="runner")

    with pytest.raises(ValidationError) as excinfo:
        OnCallShift(physio=runner, date=date(2026, 6, 5), starts=time(20), ends=time(22)).clean()

    assert excinfo.value.message_dict == {"physio": ["Only physiotherapists can be on call."]}


@pytest.mark.django_db
def test_a_shift_converts_to_the_engine_with_the_physios_name(physio):
    shift = OnCallShift(
        physio=physio, date=date(2026, 6, 6), starts=time(22), ends=time(2), note="Race weekend"
    )

    engine = shift.to_engine()

    assert (engine.day, engine.starts, engine.ends, engine.physio, engine.note) == (
        date(2026, 6, 6),
        time(22),
        time(2),
        "Asha Patel",
        "Race weekend",
    )
