"""Owner-only: every planner page and endpoint, for an anonymous visitor, the owner, another
runner, an unrelated physio and clinic staff. Nobody but the owner sees or changes the plan."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from stridewell.planner.models import PlannedRun, PlannedStrength

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 6, 16)
THURSDAY = date(2026, 6, 18)


@pytest.fixture
def world(plan, runner, other_runner, physio, staff, settings):  # noqa: PLR0917
    settings.PLANNER_TODAY = TUESDAY.isoformat()
    return {
        "plan": plan,
        "run": PlannedRun.objects.get(plan=plan, date=TUESDAY),
        "later_run": PlannedRun.objects.get(plan=plan, date=THURSDAY),
        "session": PlannedStrength.objects.get(plan=plan, date=TUESDAY),
        "later_session": PlannedStrength.objects.get(plan=plan, date=THURSDAY),
        "owner": runner,
        "other": other_runner,
        "physio": physio,
        "staff": staff,
    }


def client_for(world, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.login(email=world[who].email, password=PASSWORD)
    return client


PAGES = [
    "planner:overview",
    "planner:edit",
    "planner:this_week",
    "planner:import",
    "planner:calendar",
    "planner:download",
]
STRANGERS = ["other", "physio", "staff"]


@pytest.mark.parametrize("name", [*PAGES, "planner:create"])
def test_anonymous_visitors_are_sent_to_log_in(world, name):
    response = client_for(world, "anonymous").get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", PAGES)
def test_the_owner_sees_their_pages(world, name):
    response = client_for(world, "owner").get(reverse(name), follow=True)

    assert response.status_code == 200
    assert b"Autumn City Marathon" in response.content


@pytest.mark.parametrize("who", STRANGERS)
@pytest.mark.parametrize("name", PAGES)
def test_nobody_else_sees_the_owners_plan_on_any_page(world, who, name):
    response = client_for(world, who).get(reverse(name), follow=True)

    assert response.status_code == 200
    assert b"Autumn City Marathon" not in response.content


@pytest.mark.parametrize("who", ["anonymous", *STRANGERS])
def test_the_week_and_month_pages_hold_nothing_of_the_owners(world, who):
    client = client_for(world, who)
    for url in ("/plan/week/1/", "/plan/calendar/2026/6/"):
        response = client.get(url, follow=True)
        assert b"Hill repeats" not in response.content


def _posts(world) -> list[tuple[str, dict]]:
    run, later_run = world["run"], world["later_run"]
    session, later_session = world["session"], world["later_session"]
    return [
        (reverse("planner:run_log", kwargs={"pk": run.pk}), {"action": "missed"}),
        (reverse("planner:run_move", kwargs={"pk": later_run.pk}), {"new_date": "2026-06-17"}),
        (reverse("planner:strength_log", kwargs={"pk": session.pk}), {"action": "done"}),
        (
            reverse("planner:strength_move", kwargs={"pk": later_session.pk}),
            {"new_date": "2026-06-19"},
        ),
    ]


def _state(world):
    plan = world["plan"]
    return (
        list(PlannedRun.objects.filter(plan=plan).values_list("id", "date", "status")),
        list(PlannedStrength.objects.filter(plan=plan).values_list("id", "date", "status")),
    )


@pytest.mark.parametrize("who", STRANGERS)
def test_nobody_else_can_log_or_move_the_owners_sessions(world, who):
    before = _state(world)
    client = client_for(world, who)

    statuses = [client.post(url, data).status_code for url, data in _posts(world)]

    assert statuses == [404, 404, 404, 404]
    assert _state(world) == before


def test_anonymous_posts_change_nothing(world):
    before = _state(world)
    client = client_for(world, "anonymous")

    statuses = [client.post(url, data).status_code for url, data in _posts(world)]

    assert statuses == [302, 302, 302, 302]
    assert _state(world) == before


@pytest.mark.parametrize("index", range(4))
def test_the_owner_can_log_and_move(world, index):
    url, data = _posts(world)[index]
    before = _state(world)

    response = client_for(world, "owner").post(url, data, follow=True)

    assert response.redirect_chain[0][1] == 302
    assert b"Not changed:" not in response.content
    assert _state(world) != before


# --- API -------------------------------------------------------------------------------


def _api_calls(world) -> list[tuple[str, str, dict | None]]:
    run, later_run = world["run"], world["later_run"]
    session, later_session = world["session"], world["later_session"]
    return [
        ("get", "/api/plan", None),
        ("patch", "/api/plan", {"race_name": "Renamed"}),
        ("get", "/api/plan/race", None),
        ("get", "/api/plan/weeks", None),
        ("get", "/api/plan/weeks/1", None),
        ("post", f"/api/plan/runs/{run.pk}/log", {"status": "missed"}),
        ("post", f"/api/plan/runs/{later_run.pk}/move", {"date": "2026-06-17"}),
        ("post", f"/api/plan/strength/{session.pk}/log", {"status": "done"}),
        ("post", f"/api/plan/strength/{later_session.pk}/move", {"date": "2026-06-19"}),
    ]


def _call(client: Client, method: str, url: str, body: dict | None):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_the_api_answers_anonymous_callers_with_401_and_changes_nothing(world):
    before = _state(world)
    client = client_for(world, "anonymous")
    calls = [
        *_api_calls(world),
        ("get", "/api/plan/actual-runs", None),
        ("post", "/api/plan/feed", None),
        ("delete", "/api/plan/feed", None),
    ]

    codes = {url: _call(client, m, url, b).status_code for m, url, b in calls}

    assert set(codes.values()) == {401}
    assert _state(world) == before


@pytest.mark.parametrize("who", STRANGERS)
def test_the_api_hides_the_owners_plan_from_everyone_else(world, who):
    before = _state(world)
    client = client_for(world, who)

    answers = [_call(client, m, url, b) for m, url, b in _api_calls(world)]

    assert [a.status_code for a in answers] == [404] * len(answers)
    assert all(a.json()["error"]["code"] == "not_found" for a in answers)
    assert _state(world) == before
    assert client.get("/api/plan/actual-runs").json() == []


@pytest.mark.parametrize("index", range(9))
def test_the_owner_gets_every_endpoint(world, index):
    method, url, body = _api_calls(world)[index]

    response = _call(client_for(world, "owner"), method, url, body)

    assert response.status_code == 200, response.content


def test_the_feed_is_open_only_to_its_secret_address(world, client):
    owner = client_for(world, "owner")
    url = owner.post("/api/plan/feed").json()["url"]
    path = url.removeprefix("http://testserver")

    assert client.get(path).status_code == 200
    assert client.get(path.replace("swcal_", "swcal_x")).status_code == 404
    assert client.get("/plan/feed/not-a-token.ics").status_code == 404
    owner.delete("/api/plan/feed")
    assert client.get(path).status_code == 404
