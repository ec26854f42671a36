"""The demo clinic: fictional details, a usual week, bank holidays and eight weeks of cover."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from stridewell.clinic.demo import seed_clinic_demo
from stridewell.clinic.models import ClinicProfile, Closure, OnCallShift, OpeningHours, Station

MONDAY = date(2026, 6, 1)


def snapshot() -> dict[str, list]:
    return {
        "profile": list(ClinicProfile.objects.values_list("pk", "name")),
        "stations": list(Station.objects.values_list("pk", "name", "lines", "walking_minutes")),
        "hours": list(OpeningHours.objects.values_list("pk", "weekday", "opens", "closes")),
        "closures": list(Closure.objects.values_list("pk", "start_date")),
        "shifts": list(
            OnCallShift.objects.values_list("pk", "physio_id", "date", "starts", "ends")
        ),
    }


@pytest.mark.django_db
def test_seed_creates_the_fictional_clinic(make_physio):
    physios = [make_physio("asha@stridewell.test"), make_physio("ben@stridewell.test")]

    seed_clinic_demo(physios=physios, today=MONDAY)

    profile = ClinicProfile.objects.get()
    assert (profile.name, profile.phone_e164, profile.emergency_phone_e164, profile.email) == (
        "Stridewell Sports Physiotherapy",
        "+442079460321",
        "+447700900321",
        "clinic@stridewell.test",
    )
    assert profile.postcode.startswith("SE1 ")
    assert profile.emergency_cover_text
    assert list(Station.objects.values_list("name", "lines", "walking_minutes")) == [
        ("Borough", "Northern", 3),
        ("London Bridge", "Jubilee, Northern, National Rail", 8),
    ]
    assert list(OpeningHours.objects.values_list("weekday", "opens", "closes")) == [
        *((day, time(7), time(20)) for day in range(5)),
        (5, time(8), time(14)),
    ]
    assert {d.year for d in Closure.objects.values_list("start_date", flat=True)} == {2026, 2027}


@pytest.mark.django_db
def test_seed_covers_eight_weeks_of_evenings_and_weekends_in_rotation(make_physio):
    physios = [make_physio("asha@stridewell.test"), make_physio("ben@stridewell.test")]

    seed_clinic_demo(physios=physios, today=MONDAY)

    shifts = list(OnCallShift.objects.order_by("date"))
    assert len(shifts) == 56
    assert (shifts[0].date, shifts[-1].date) == (MONDAY, MONDAY + timedelta(days=55))
    by_weekday = {s.date.weekday(): (s.starts, s.ends) for s in shifts}
    assert by_weekday == {
        **dict.fromkeys(range(5), (time(20), time(22))),
        5: (time(14), time(20)),
        6: (time(9), time(17)),
    }
    assert shifts[0].physio != shifts[1].physio
    assert [s.physio for s in shifts[:4]] == [shifts[0].physio, shifts[1].physio] * 2
    assert {s.physio for s in shifts} == set(physios)


@pytest.mark.django_db
def test_seeding_twice_changes_nothing(make_physio):
    physios = [make_physio("asha@stridewell.test")]
    seed_clinic_demo(physios=physios, today=MONDAY)
    before = snapshot()

    seed_clinic_demo(physios=physios, today=MONDAY)

    assert snapshot() == before


@pytest.mark.django_db
def test_seed_without_physios_skips_the_rota():
    seed_clinic_demo(physios=[], today=MONDAY)

    assert ClinicProfile.objects.count() == 1
    assert OnCallShift.objects.count() == 0
