"""The planner pages: what the runner sees and does, with and without htmx."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from stridewell.planner.models import Plan, PlannedRun, PlannedStrength

from .conftest import PASSWORD, TODAY

pytestmark = pytest.mark.django_db

WEEK2_MONDAY = date(2026, 6, 22)
WEEK2_TUESDAY = date(2026, 6, 23)


@pytest.fixture
def signed_in(client, runner, settings):
    settings.PLANNER_TODAY = TODAY.isoformat()
    client.login(email=runner.email, password=PASSWORD)
    return client


def test_a_runner_without_a_plan_is_sent_to_make_one(signed_in):
    response = signed_in.get(reverse("planner:overview"))

    assert response.status_code == 302
    assert response["Location"] == reverse("planner:create")


def test_the_create_form_makes_a_plan_and_shows_it(signed_in, runner):
    response = signed_in.post(
        reverse("planner:create"),
        {
            "race_name": "Autumn City Marathon",
            "race_date": "2026-10-04",
            "race_start_time": "09:30",
            "goal_time": "3:59",
            "current_weekly_km": "30",
            "longest_recent_run_km": "14",
            "available_days": ["0", "1", "3", "5", "6"],
            "long_run_day": "6",
            "quality_days": ["1", "3"],
            "run_time": "07:00",
            "strength_time": "18:30",
        },
        follow=True,
    )

    plan = Plan.objects.get(runner=runner)
    assert plan.race.goal_time.total_seconds() == 3 * 3600 + 59 * 60
    assert response.redirect_chain[-1][0] == reverse("planner:overview")
    page = response.content.decode()
    assert "Autumn City Marathon" in page
    assert 'aria-labelledby="volume-t volume-d"' in page
    assert "Weekly distance, planned and run (km)" in page
    assert '<th scope="row"><a href="/plan/week/16/">Week 16</a>' in page


def test_engine_problems_show_next_to_their_fields_and_keep_what_was_typed(signed_in):
    response = signed_in.post(
        reverse("planner:create"),
        {
            "race_name": "Too Soon Marathon",
            "race_date": "2026-07-26",
            "race_start_time": "09:30",
            "goal_time": "3:75",
            "current_weekly_km": "30",
            "longest_recent_run_km": "14",
            "available_days": ["0", "1", "6"],
            "long_run_day": "5",
            "run_time": "07:00",
            "strength_time": "18:30",
        },
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "Minutes and seconds go up to 59" in page
    assert Plan.objects.count() == 0
    response = signed_in.post(
        reverse("planner:create"),
        {
            "race_name": "Too Soon Marathon",
            "race_date": "2026-07-26",
            "race_start_time": "09:30",
            "current_weekly_km": "30",
            "longest_recent_run_km": "14",
            "available_days": ["0", "1", "6"],
            "long_run_day": "5",
            "run_time": "07:00",
            "strength_time": "18:30",
        },
    )
    page = response.content.decode()
    assert "Your race is 6 weeks away" in page
    assert "Your long-run day (Saturday) must be one of the days you are available." in page
    assert 'value="Too Soon Marathon"' in page
    assert Plan.objects.count() == 0


def test_the_week_page_lists_each_day_with_runs_and_strength_and_their_reasons(signed_in, plan):
    response = signed_in.get(reverse("planner:week", kwargs={"number": 1}))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('data-testid="run"') == 4
    assert page.count('data-testid="strength"') == 2
    assert "Tuesday, after your hill repeats: run first" in page


def test_marking_a_run_missed_without_javascript_redirects_back_with_the_re_flow(
    signed_in, plan, settings
):
    settings.PLANNER_TODAY = WEEK2_TUESDAY.isoformat()
    hills = PlannedRun.objects.get(plan=plan, date=WEEK2_TUESDAY)

    response = signed_in.post(
        reverse("planner:run_log", kwargs={"pk": hills.pk}), {"action": "missed"}, follow=True
    )

    assert response.redirect_chain[0][0] == "/plan/week/2/#day-2026-06-23"
    page = response.content.decode()
    assert "Your missed hill repeats moves to Thursday 25 June" in page
    hills.refresh_from_db()
    assert hills.status == "missed"


def test_with_htmx_the_re_flowed_week_comes_back_in_place(signed_in, plan, settings):
    settings.PLANNER_TODAY = WEEK2_MONDAY.isoformat()
    hills = PlannedRun.objects.get(plan=plan, date=WEEK2_TUESDAY)

    response = signed_in.post(
        reverse("planner:run_move", kwargs={"pk": hills.pk}),
        {"new_date": "2026-06-24"},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<div id="week-body"')
    assert "Hill repeats (6 km) moved from Tuesday 23 June to Wednesday 24 June." in page
    assert "<html" not in page


def test_a_refused_move_says_why_and_changes_nothing(signed_in, plan, settings):
    settings.PLANNER_TODAY = WEEK2_MONDAY.isoformat()
    session = PlannedStrength.objects.get(plan=plan, date=date(2026, 6, 25))

    response = signed_in.post(
        reverse("planner:strength_move", kwargs={"pk": session.pk}),
        {"new_date": "2026-06-27"},
        HTTP_HX_REQUEST="true",
    )

    assert "Saturday 27 June is the day before your long run: choose another day." in (
        response.content.decode()
    )
    session.refresh_from_db()
    assert session.date == date(2026, 6, 25)


def test_this_week_goes_to_the_week_holding_today(signed_in, plan, settings):
    settings.PLANNER_TODAY = "2026-07-01"

    response = signed_in.get(reverse("planner:this_week"))

    assert response["Location"] == "/plan/week/3/"


def test_editing_the_race_date_re_plans_and_says_so(signed_in, plan, settings):
    settings.PLANNER_TODAY = "2026-07-15"
    response = signed_in.post(
        reverse("planner:edit"),
        {
            "race_name": "Autumn City Marathon",
            "race_date": "2026-10-18",
            "race_start_time": "09:30",
            "goal_time": "4:00",
            "available_days": ["0", "1", "3", "5", "6"],
            "long_run_day": "6",
            "quality_days": ["1", "3"],
            "run_time": "07:00",
            "strength_time": "18:30",
        },
        follow=True,
    )

    assert "Plan re-made from Wednesday 15 July: 14 weeks to race day" in response.content.decode()
    assert PlannedRun.objects.get(plan=plan, kind="race").date == date(2026, 10, 18)


def test_the_week_page_needs_a_bounded_number_of_queries(
    signed_in, plan, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = signed_in.get(reverse("planner:week", kwargs={"number": 2}))

    assert response.status_code == 200


def test_the_overview_needs_a_bounded_number_of_queries(
    signed_in, plan, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = signed_in.get(reverse("planner:overview"))

    assert response.status_code == 200
