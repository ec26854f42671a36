"""GET /api/clinic: profile, weekly hours, closures ahead and the status now."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from stridewell.clinic.models import OpeningHours
from stridewell.clinic.services import closure_create

LONDON = ZoneInfo("Europe/London")
DASH = "\u2013"
# Monday 1 June 2026, mid-morning.
MONDAY_10AM = datetime(2026, 6, 1, 10, tzinfo=LONDON)


@pytest.fixture
def at_monday_10am(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: MONDAY_10AM)


@pytest.mark.django_db
def test_without_a_profile_the_api_answers_404_in_the_error_shape(client):
    response = client.get("/api/clinic")

    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "The clinic has not been set up yet.",
            "fields": {},
        }
    }


@pytest.mark.django_db
def test_the_api_describes_the_clinic(client, profile, stations, usual_week, at_monday_10am):
    OpeningHours.objects.create(profile=profile, weekday=6, opens=time(9), closes=time(12))
    closure_create(start_date=date(2026, 5, 25), end_date=date(2026, 5, 25), reason="Already past")
    closure_create(
        start_date=date(2026, 8, 31), end_date=date(2026, 8, 31), reason="Late Summer Bank Holiday"
    )
    closure_create(
        start_date=date(2026, 12, 24), end_date=date(2026, 12, 31), reason="Winter break"
    )

    response = client.get("/api/clinic")

    assert response.status_code == 200
    body = response.json()
    assert body["profile"] == {
        "name": "Stridewell Sports Physiotherapy",
        "address": "Unit 4, Kestrel Yard, 118 Harrier Street, London",
        "postcode": "SE1 1ZZ",
        "phone": "020 7946 0321",
        "phone_e164": "+442079460321",
        "email": "clinic@stridewell.test",
        "emergency_phone": "07700 900321",
        "emergency_phone_e164": "+447700900321",
        "emergency_cover_text": "Ring the on-call physio about a new injury.",
        "stations": [
            {"name": "Borough", "lines": "Northern", "walking_minutes": 3},
            {
                "name": "London Bridge",
                "lines": "Jubilee, Northern, National Rail",
                "walking_minutes": 8,
            },
        ],
    }
    assert body["opening_hours"][0] == {
        "weekday": 0,
        "day_name": "Monday",
        "ranges": [{"opens": "07:00", "closes": "20:00"}],
        "ranges_text": f"07:00{DASH}20:00",
    }
    assert [day["ranges"] for day in body["opening_hours"][5:]] == [
        [{"opens": "08:00", "closes": "14:00"}],
        [{"opens": "09:00", "closes": "12:00"}],
    ]
    assert body["closures_ahead"] == [
        {
            "start_date": "2026-08-31",
            "end_date": "2026-08-31",
            "reason": "Late Summer Bank Holiday",
            "source": "manual",
        },
        {
            "start_date": "2026-12-24",
            "end_date": "2026-12-31",
            "reason": "Winter break",
            "source": "manual",
        },
    ]
    assert body["status"] == {
        "is_open": True,
        "label": "Open now · closes 20:00",
        "closes_at": "2026-06-01T19:00:00Z",
        "next_opens_at": "2026-06-02T06:00:00Z",
        "is_emergency_cover": False,
    }


@pytest.mark.django_db
def test_closures_ahead_are_capped_at_ten(client, profile, at_monday_10am):
    for day in range(1, 13):
        closure_create(
            start_date=date(2026, 7, day), end_date=date(2026, 7, day), reason=f"Day {day}"
        )

    body = client.get("/api/clinic").json()

    assert [c["reason"] for c in body["closures_ahead"]] == [f"Day {day}" for day in range(1, 11)]


@pytest.mark.django_db
def test_the_api_reads_a_bounded_number_of_queries(
    client, profile, stations, usual_week, django_assert_num_queries
):
    with django_assert_num_queries(5):
        assert client.get("/api/clinic").status_code == 200
