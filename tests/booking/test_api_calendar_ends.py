"""Dates at the ends of the calendar are refused with a 422, never a server error.

Runs on SQLite and, in CI, again on PostgreSQL (the whole suite runs on both).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

EDGES = ["0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31", "1899-12-31", "3000-01-01"]


@pytest.mark.parametrize("day", EDGES)
def test_availability_at_the_ends_of_the_calendar_is_a_422(client, follow_up, asha, day):
    response = client.get(
        f"/api/booking/availability?type=follow-up-30&practitioner=any&start={day}&end={day}"
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["start"] == ["Give a date between 1900-01-01 and 2999-12-31."]


def test_a_far_but_allowed_date_answers_normally(client, follow_up, asha):
    response = client.get(
        "/api/booking/availability?type=follow-up-30&start=2999-12-01&end=2999-12-31"
    )

    assert response.status_code == 200
    assert response.json() == {"slots": []}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_staff_diary_refuses_the_ends_of_the_calendar(client, make_user, day):
    staff = make_user("desk@example.test", role="staff")
    client.force_login(staff)

    response = client.get(f"/api/booking/diary/appointments?start={day}&end={day}")

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"start", "end"}
