"""/api/plan for the owner: create, read, update, weeks, logging, import, feed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stridewell.planner.models import Plan, PlannedRun, PlanWeek

from .conftest import PASSWORD, TODAY
from .files import gpx_file

pytestmark = pytest.mark.django_db

BODY = {
    "race_name": "Autumn City Marathon",
    "race_date": "2026-10-04",
    "goal_time": "4:00",
    "current_weekly_km": 30,
    "longest_recent_run_km": 14,
    "available_days": [0, 1, 3, 5, 6],
    "long_run_day": 6,
    "quality_days": [1, 3],
}


@pytest.fixture
def api(client, runner, settings):
    settings.PLANNER_TODAY = TODAY.isoformat()
    client.login(email=runner.email, password=PASSWORD)
    return client


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_creating_a_plan_returns_it_with_notes_and_flags(api):
    response = post(api, "/api/plan", BODY)

    data = response.json()
    assert response.status_code == 201
    assert (data["race"]["goal_time"], data["weeks"], data["start_date"]) == (
        "4:00",
        16,
        "2026-06-15",
    )
    assert [f["is_expected"] for f in data["flags"]] == [True]
    assert {n["code"] for n in data["notes"]} == {"step_back", "taper"}


def test_invalid_inputs_come_back_field_by_field_and_nothing_is_saved(api):
    response = post(
        api,
        "/api/plan",
        {**BODY, "race_date": "2026-07-26", "long_run_day": 4, "goal_time": "soon"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "goal_time": ["Write the goal as hours and minutes, for example 3:45."]
    }
    response = post(api, "/api/plan", {**BODY, "race_date": "2026-07-26", "long_run_day": 4})
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"race_date", "long_run_day"}
    assert Plan.objects.count() == 0


def test_weeks_and_a_week_with_its_days(api):
    post(api, "/api/plan", BODY)

    weeks = api.get("/api/plan/weeks").json()
    week = api.get("/api/plan/weeks/1").json()

    assert [w["phase"] for w in weeks].count("taper") == 3
    assert weeks[0] == {
        "number": 1,
        "start_date": "2026-06-15",
        "phase": "base",
        "is_step_back": False,
        "target_km": 33.0,
        "planned_km": 32.5,
        "long_km": 15.0,
        "strength_sessions": 2,
    }
    assert [len(d["runs"]) for d in week["days"]] == [1, 1, 0, 1, 0, 0, 1]
    assert week["days"][1]["strength"][0]["reason"].startswith("Tuesday, after your hill repeats")
    assert api.get("/api/plan/weeks/17").status_code == 404


def test_logging_a_missed_run_returns_the_re_flowed_week(api, settings):
    post(api, "/api/plan", BODY)
    settings.PLANNER_TODAY = "2026-06-23"
    hills = PlannedRun.objects.get(date="2026-06-23")

    response = post(api, f"/api/plan/runs/{hills.pk}/log", {"status": "missed"})

    data = response.json()
    assert response.status_code == 200
    assert data["notes"][0].startswith("Your missed hill repeats moves to Thursday 25 June")
    thursday = data["week"]["days"][3]["runs"][0]
    assert (thursday["kind"], thursday["title"]) == ("quality", "Hill repeats")


def test_a_refused_move_is_a_422_with_the_reason(api, settings):
    post(api, "/api/plan", BODY)
    settings.PLANNER_TODAY = "2026-06-22"
    hills = PlannedRun.objects.get(date="2026-06-23")

    response = post(api, f"/api/plan/runs/{hills.pk}/move", {"date": "2026-06-29"})

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "day": ["Runs move within their own week (Monday 22 June to Sunday 28 June)."]
    }


def test_changing_the_race_date_through_the_api_re_plans(api, settings):
    post(api, "/api/plan", BODY)
    settings.PLANNER_TODAY = "2026-07-15"

    response = api.patch(
        "/api/plan",
        json.dumps({"race_date": "2026-10-18", "goal_time": ""}),
        content_type="application/json",
    )

    data = response.json()
    assert (data["race"]["date"], data["race"]["goal_time"], data["weeks"]) == (
        "2026-10-18",
        None,
        18,
    )
    assert PlanWeek.objects.count() == 18


def test_importing_a_gpx_file_through_the_api(api, settings):
    post(api, "/api/plan", BODY)
    settings.PLANNER_TODAY = "2026-06-16"
    upload = SimpleUploadedFile(
        "run.gpx", gpx_file(start=datetime(2026, 6, 15, 6, tzinfo=UTC), km=6.2, minutes=37)
    )

    response = api.post("/api/plan/imports", {"file": upload})

    data = response.json()
    assert response.status_code == 201
    monday = PlannedRun.objects.get(date="2026-06-15")
    assert data["matched"] == [
        {"actual_run_id": data["created"][0]["id"], "planned_run_id": monday.pk}
    ]
    assert api.get("/api/plan/actual-runs").json()[0]["planned_run_id"] == monday.pk


def test_a_damaged_upload_is_a_422_naming_the_file_field(api):
    post(api, "/api/plan", BODY)
    upload = SimpleUploadedFile("run.fit", b"garbage")

    response = api.post("/api/plan/imports", {"file": upload})

    assert response.status_code == 422
    assert response.json()["error"]["fields"]["file"][0].startswith("This FIT file is damaged")


def test_no_plan_yet_is_a_404_that_says_what_to_do(api):
    response = api.get("/api/plan")

    assert response.status_code == 404
    assert response.json()["error"]["message"] == (
        "You have no plan yet: create one with POST /api/plan."
    )


def test_a_bearer_token_works_without_a_session_and_only_for_its_owner(runner, other_runner, plan):
    from django.test import Client

    from stridewell.accounts.services import token_create

    _, mine = token_create(user=runner, name="watch sync")
    _, theirs = token_create(user=other_runner, name="phone")
    run = PlannedRun.objects.filter(plan=plan).first()

    own = Client().get("/api/plan", HTTP_AUTHORIZATION=f"Bearer {mine}")
    other = Client().get(
        f"/api/plan/weeks/{run.week.number}", HTTP_AUTHORIZATION=f"Bearer {theirs}"
    )

    assert own.status_code == 200
    assert own.json()["race"]["name"] == "Autumn City Marathon"
    assert other.status_code == 404
