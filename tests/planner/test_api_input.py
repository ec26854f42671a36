"""/api/plan refuses what it cannot store with a 422 in the error shape, never a 500.

Times of day are wall-clock times on the clinic's clock (Europe/London): "07:00" means 7 am
in winter and in summer, so an offset or Z is refused instead of guessed. The suite runs on
SQLite and again on PostgreSQL (where NUL in text was a server error).
"""

from __future__ import annotations

import json

import pytest

from stridewell.api.types import WALL_TIME_MESSAGE
from stridewell.core.text import ANY_FIELD_MESSAGE, SINGLE_LINE_MESSAGE
from stridewell.planner.models import Plan

from .conftest import PASSWORD, TODAY
from .test_api import BODY

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, runner, settings):
    settings.PLANNER_TODAY = TODAY.isoformat()
    client.login(email=runner.email, password=PASSWORD)
    return client


def send(client, method, url, body):
    raw = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(url, raw, content_type="application/json")


def error(response, status=422) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


@pytest.mark.parametrize("value", ["07:00:00Z", "07:00+01:00", "06:00:00-05:00", "7am", 25200])
@pytest.mark.parametrize("field", ["run_time", "strength_time", "race_start_time"])
def test_a_time_with_an_offset_is_refused_on_update(api, plan, field, value):
    before = Plan.objects.values_list("run_time", "strength_time").get(pk=plan.pk)

    response = send(api, "patch", "/api/plan", {field: value})

    assert error(response)["fields"] == {field: [f"{WALL_TIME_MESSAGE}"]}
    assert Plan.objects.values_list("run_time", "strength_time").get(pk=plan.pk) == before


def test_a_time_with_an_offset_is_refused_on_create(api):
    response = send(api, "post", "/api/plan", {**BODY, "run_time": "07:00:00Z"})

    assert error(response)["fields"] == {"run_time": [f"{WALL_TIME_MESSAGE}"]}
    assert not Plan.objects.exists()


@pytest.mark.parametrize(("sent", "stored"), [("06:15", "06:15:00"), ("19:05:30", "19:05:30")])
def test_a_wall_clock_time_is_stored_and_returned_without_an_offset(api, plan, sent, stored):
    response = send(api, "patch", "/api/plan", {"run_time": sent})

    assert response.status_code == 200
    assert response.json()["run_time"] == stored
    plan.refresh_from_db()
    assert plan.run_time.isoformat() == stored


@pytest.mark.parametrize("body", ["[null, null]", "null", "[]", "3", '"plan"'])
def test_a_body_that_is_not_an_object_is_a_422_and_changes_nothing(api, plan, body):
    response = send(api, "patch", "/api/plan", body)

    found = error(response)
    assert found["message"] == "The request body must be a JSON object."
    assert list(found["fields"]) == ["__all__"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Autumn\x00Marathon", ANY_FIELD_MESSAGE),
        ("Autumn\x1bMarathon", SINGLE_LINE_MESSAGE),
        ("Autumn\x85Marathon", SINGLE_LINE_MESSAGE),
        ("Two\nlines", SINGLE_LINE_MESSAGE),
        ("Tab\there", SINGLE_LINE_MESSAGE),
    ],
)
def test_control_characters_in_a_name_are_refused(api, plan, text, message):
    response = send(api, "patch", "/api/plan", {"race_name": text})

    assert error(response)["fields"] == {"race_name": [message]}
    plan.race.refresh_from_db()
    assert plan.race.name == "Autumn City Marathon"


def test_a_lone_surrogate_is_refused(api, plan):
    response = send(api, "patch", "/api/plan", '{"race_name": "Autumn \\ud800 Marathon"}')

    assert error(response)["fields"] == {"race_name": [ANY_FIELD_MESSAGE]}


def test_nul_in_a_path_of_the_body_not_typed_yet_is_refused_by_the_backstop(api, plan):
    response = send(api, "patch", "/api/plan", {"race_name": "Autumn", "extra": ["ok", "a\x00"]})

    assert error(response)["fields"] == {"extra.1": [ANY_FIELD_MESSAGE]}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_race_date_at_the_end_of_the_calendar_is_a_422(api, plan, day):
    response = send(api, "patch", "/api/plan", {"race_date": day})

    assert list(error(response)["fields"]) == ["race_date"]


def test_a_run_moved_to_the_end_of_the_calendar_is_a_422(api, plan):
    run = plan.runs.first()

    response = send(api, "post", f"/api/plan/runs/{run.pk}/move", {"date": "9999-12-31"})

    assert list(error(response)["fields"]) == ["date"]
