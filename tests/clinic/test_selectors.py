"""Reads: the schedule from the database, weekly rows, closures ahead and JSON-LD."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from stridewell.clinic.models import Closure, ClosureSource, OpeningHours
from stridewell.clinic.selectors import (
    clinic_jsonld,
    clinic_overview_get,
    clinic_schedule_get,
    clinic_status_get,
    closures_ahead,
    opening_hours_rows,
)
from stridewell.clinic.services import closure_create, oncall_shift_create

LONDON = ZoneInfo("Europe/London")
DASH = "\u2013"


@pytest.mark.django_db
def test_schedule_is_built_from_the_database_in_three_queries(
    usual_week, physio, django_assert_num_queries
):
    closure_create(
        start_date=date(2026, 12, 25), end_date=date(2026, 12, 25), reason="Christmas Day"
    )
    oncall_shift_create(physio=physio, date=date(2026, 12, 24), starts=time(20), ends=time(22))

    with django_assert_num_queries(3):
        schedule = clinic_schedule_get(start=date(2026, 12, 24))

    assert len(schedule.ranges) == 6
    assert [(c.start, c.reason) for c in schedule.closures] == [
        (date(2026, 12, 25), "Christmas Day")
    ]
    assert [(s.day, s.physio) for s in schedule.shifts] == [(date(2026, 12, 24), "Asha Patel")]


@pytest.mark.django_db
def test_status_reads_closures_and_the_rota(usual_week, physio):
    closure_create(start_date=date(2026, 12, 25), end_date=date(2026, 12, 26), reason="Christmas")
    oncall_shift_create(physio=physio, date=date(2026, 12, 25), starts=time(9), ends=time(17))

    status = clinic_status_get(at=datetime(2026, 12, 25, 10, tzinfo=LONDON))

    assert (status.is_open, status.is_emergency_cover, status.label) == (
        False,
        True,
        "Closed today (Christmas) · opens Mon 07:00",
    )
    assert status.on_call is not None
    assert status.on_call.physio == "Asha Patel"


@pytest.mark.django_db
def test_opening_hours_rows_show_each_day_and_mark_today(profile):
    OpeningHours.objects.create(profile=profile, weekday=1, opens=time(13), closes=time(19))
    OpeningHours.objects.create(profile=profile, weekday=1, opens=time(7), closes=time(12))

    rows = opening_hours_rows(today=date(2026, 6, 2))  # a Tuesday

    assert [(r.day_name, r.ranges_text, r.is_today) for r in rows[:3]] == [
        ("Monday", "Closed", False),
        ("Tuesday", f"07:00{DASH}12:00, 13:00{DASH}19:00", True),
        ("Wednesday", "Closed", False),
    ]
    assert len(rows) == 7


@pytest.mark.django_db
def test_closures_ahead_are_unfinished_soonest_first_and_limited():
    closure_create(start_date=date(2026, 5, 1), end_date=date(2026, 5, 3), reason="Past")
    closure_create(start_date=date(2026, 5, 30), end_date=date(2026, 6, 2), reason="Running now")
    closure_create(start_date=date(2026, 12, 25), end_date=date(2026, 12, 25), reason="Later")
    closure_create(start_date=date(2026, 8, 31), end_date=date(2026, 8, 31), reason="Sooner")

    assert [c.reason for c in closures_ahead(today=date(2026, 6, 1), limit=10)] == [
        "Running now",
        "Sooner",
        "Later",
    ]
    assert [c.reason for c in closures_ahead(today=date(2026, 6, 1), limit=2)] == [
        "Running now",
        "Sooner",
    ]


@pytest.mark.django_db
def test_overview_without_a_profile_is_empty_in_two_queries(django_assert_num_queries):
    with django_assert_num_queries(2):
        overview = clinic_overview_get(at=datetime(2026, 6, 1, 12, tzinfo=LONDON))

    assert (overview.profile, overview.stations, overview.status) == (None, [], None)
    assert [r.ranges_text for r in overview.hours_rows] == ["Closed"] * 7


@pytest.mark.django_db
def test_overview_of_a_profile_without_hours_stays_within_four_queries(
    profile, django_assert_num_queries
):
    with django_assert_num_queries(4):
        overview = clinic_overview_get(at=datetime(2026, 6, 1, 12, tzinfo=LONDON))

    assert overview.profile == profile
    assert overview.status is not None
    assert overview.status.label == "Closed"


@pytest.mark.django_db
def test_jsonld_describes_the_clinic_for_search_engines(profile, usual_week):
    Closure.objects.create(
        start_date=date(2099, 12, 25),
        end_date=date(2099, 12, 25),
        reason="Christmas Day",
        source=ClosureSource.MANUAL,
    )

    data = json.loads(str(clinic_jsonld()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == ["MedicalClinic", "Physiotherapy"]
    assert (data["name"], data["telephone"], data["email"], data["url"]) == (
        "Stridewell Sports Physiotherapy",
        "+442079460321",
        "clinic@stridewell.test",
        "http://127.0.0.1:8000/",
    )
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Unit 4, Kestrel Yard, 118 Harrier Street",
        "addressLocality": "London",
        "postalCode": "SE1 1ZZ",
        "addressCountry": "GB",
    }
    assert data["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "07:00",
        "closes": "20:00",
    }
    assert data["openingHoursSpecification"][5]["dayOfWeek"] == "https://schema.org/Saturday"
    assert len(data["openingHoursSpecification"]) == 6
    assert data["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2099-12-25",
            "validThrough": "2099-12-25",
            "opens": "00:00",
            "closes": "00:00",
        }
    ]


@pytest.mark.django_db
def test_jsonld_cannot_break_out_of_its_script_element(profile):
    profile.name = "</script><script>alert('x')</script> & co"
    profile.save()

    text = str(clinic_jsonld())

    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text)["name"] == "</script><script>alert('x')</script> & co"


@pytest.mark.django_db
def test_jsonld_is_empty_without_a_profile():
    assert clinic_jsonld() == ""
