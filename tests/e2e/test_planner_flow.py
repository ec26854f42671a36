"""Done when (issue 4), in a real browser: a runner with a race 16 weeks away gets a plan, sees
strength sessions that obey every placement rule, imports a GPX run, misses a session and sees
the week re-flow; the calendar feed parses with icalendar and shows the right London times
across the October clock change."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
from django.contrib.auth import get_user_model

from stridewell.core.time import LONDON
from tests.planner.files import gpx_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "amara.okafor@example.test"
PASSWORD = "long-run-sunday-42"
CREATED = date(2026, 7, 29)  # a Wednesday; the race is 16 weeks later
RACE = date(2026, 11, 22)  # Sunday; the clocks go back on 25 October, in week 12
TUESDAY = date(2026, 8, 4)  # week 1: hill repeats day
HARD = {"long", "quality", "race"}
PER_PHASE = {"base": (2, 2), "build": (1, 2), "peak": (1, 2), "taper": (1, 1)}


@pytest.fixture
def runner():
    return get_user_model().objects.create_user(
        email=EMAIL, password=PASSWORD, first_name="Amara", last_name="Okafor"
    )


def log_in(page, base: str) -> None:
    page.goto(base + "/accounts/login/")
    main = page.locator("main")
    main.get_by_label(re.compile(r"^E-mail", re.IGNORECASE)).fill(EMAIL)
    main.get_by_label(re.compile(r"^Password", re.IGNORECASE)).fill(PASSWORD)
    main.get_by_role("button", name=re.compile(r"^Log in$", re.IGNORECASE)).click()
    page.wait_for_load_state()


def make_plan(page, base: str) -> None:
    page.goto(base + "/plan/")
    assert page.url.endswith("/plan/new/")
    main = page.locator("main")
    main.get_by_label("Race name").fill("Autumn City Marathon")
    main.get_by_label("Race date").fill(RACE.isoformat())
    main.get_by_label(re.compile(r"^Goal time")).fill("4:00")
    main.get_by_label("Current weekly distance (km)").fill("30")
    main.get_by_label("Longest run in the last 30 days (km)").fill("14")
    available = main.get_by_role("group", name="Days you can train")
    for day in ("Monday", "Tuesday", "Thursday", "Saturday", "Sunday"):
        available.get_by_label(day).check()
    main.get_by_label("Long-run day").select_option(label="Sunday")
    quality = main.get_by_role("group", name=re.compile("Quality-session days"))
    for day in ("Tuesday", "Thursday"):
        quality.get_by_label(day).check()
    main.get_by_role("button", name="Make my plan").click()
    page.wait_for_load_state()


def read_week(page) -> tuple[str, dict[date, list[str]], dict[date, list[str]], list[str]]:
    """(phase, run kinds by day, strength statuses by day, strength reasons) from a week page."""
    phase = page.locator(".tag--phase").inner_text().split()[0].lower()
    runs, sessions = defaultdict(list), defaultdict(list)
    reasons = []
    for day in page.locator("li.day").all():
        when = date.fromisoformat(day.get_attribute("data-date"))
        for run in day.locator('[data-testid="run"]').all():
            if run.get_attribute("data-status") != "missed":
                runs[when].append(run.get_attribute("data-kind"))
        for session in day.locator('[data-testid="strength"]').all():
            sessions[when].append(session.get_attribute("data-kind"))
            reasons.append(session.locator('[data-testid="strength-reason"]').inner_text())
    return phase, runs, sessions, reasons


def check_every_rule(page, base: str) -> None:
    weeks = []
    number = 1
    while True:
        response = page.goto(f"{base}/plan/week/{number}/")
        if response.status != 200:
            break
        weeks.append(read_week(page))
        number += 1
    assert len(weeks) == 16
    runs = {d: k for _, r, _, _ in weeks for d, k in r.items()}
    for phase, _, sessions, reasons in weeks:
        low, high = PER_PHASE[phase]
        assert low <= len(sessions) <= high or phase == "taper", (phase, sessions)
        assert all(reason.strip() for reason in reasons)
        for day, kinds in sessions.items():
            assert len(kinds) == 1
            assert "long" not in runs.get(day, []), f"strength on the long-run day {day}"
            tomorrow = set(runs.get(day + timedelta(days=1), []))
            assert not tomorrow & HARD, f"strength on {day}, the day before {tomorrow & HARD}"
            assert day < RACE
            if kinds[0] != "maintenance":
                assert (RACE - day).days >= 7, f"heavy work {(RACE - day).days} days out"
            if phase == "taper":
                assert kinds == ["maintenance"]


def test_runner_plans_imports_misses_and_subscribes(  # noqa: PLR0917 - pytest fixtures
    browser_page, live_server, runner, settings, screenshot_dir, tmp_path
):
    page = browser_page.page
    base = live_server.url
    settings.PLANNER_TODAY = CREATED.isoformat()

    log_in(page, base)
    make_plan(page, base)
    assert page.url.endswith("/plan/")
    assert page.get_by_role("heading", name="Autumn City Marathon").is_visible()
    assert page.locator("svg.chart--volume title").first.text_content() == (
        "Weekly distance, planned and run (km)"
    )
    page.screenshot(path=str(screenshot_dir / "planner-overview.png"), full_page=True)

    check_every_rule(page, base)

    # Week 1 is under way: Monday's easy run came from the watch as a GPX file.
    settings.PLANNER_TODAY = TUESDAY.isoformat()
    gpx = tmp_path / "monday.gpx"
    gpx.write_bytes(gpx_file(start=datetime(2026, 8, 3, 6, 10, tzinfo=UTC), km=6.3, minutes=39))
    page.goto(base + "/plan/import/")
    page.get_by_label("Run file").set_input_files(str(gpx))
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    result = page.get_by_test_id("import-result")
    assert "Imported 1 run" in result.inner_text()
    assert "logged against your easy run (6 km planned)" in result.inner_text()
    table = page.get_by_test_id("actual-vs-planned-table")
    assert "Easy run" in table.inner_text()
    assert "+0.3 km" in table.inner_text()
    page.screenshot(path=str(screenshot_dir / "planner-import.png"), full_page=True)

    # Today's hill session is missed: the week re-flows in place (htmx).
    page.goto(base + "/plan/this-week/")
    monday = page.locator('li.day[data-date="2026-08-03"]')
    assert "ran 6.3 km" in monday.get_by_test_id("actual-vs-planned").inner_text()
    tuesday = page.locator('li.day[data-date="2026-08-04"]')
    thursday = page.locator('li.day[data-date="2026-08-06"]')
    assert thursday.locator('[data-testid="run"]').get_attribute("data-kind") == "easy"
    page.screenshot(path=str(screenshot_dir / "planner-week-before.png"), full_page=True)
    tuesday.locator('[data-testid="run"]').get_by_role("button", name="Missed").click()
    notes = page.get_by_test_id("reflow-notes")
    notes.get_by_text("Your missed hill repeats moves to Thursday 6 August").wait_for()
    tuesday = page.locator('li.day[data-date="2026-08-04"]')
    thursday = page.locator('li.day[data-date="2026-08-06"]')
    assert tuesday.locator('[data-testid="run"]').get_attribute("data-status") == "missed"
    assert thursday.locator('[data-testid="run"]').get_attribute("data-kind") == "quality"
    assert "Hill repeats" in thursday.inner_text()
    # Strength still obeys the rules after the re-flow: nothing on Wednesday (before Thursday's
    # hills) or Saturday (before the long run).
    _, runs, sessions, _ = read_week(page)
    for day in sessions:
        assert not set(runs.get(day + timedelta(days=1), [])) & HARD
    page.screenshot(path=str(screenshot_dir / "planner-week-reflowed.png"), full_page=True)
    assert browser_page.csp_violations() == []

    # The calendar feed: a secret address, parsed with icalendar.
    page.goto(base + "/plan/calendar/")
    page.get_by_role("button", name="Make my feed address").click()
    page.wait_for_load_state()
    url = page.get_by_test_id("feed-url").inner_text().strip()
    page.screenshot(path=str(screenshot_dir / "planner-calendar.png"), full_page=True)
    feed = page.request.get(url)
    assert feed.status == 200
    calendar = icalendar.Calendar.from_ical(feed.body())
    starts = {}
    for event in calendar.walk("VEVENT"):
        if "Run" in event["CATEGORIES"].cats:
            starts[event["DTSTART"].dt.date()] = event["DTSTART"].dt
    before, after = starts[date(2026, 10, 20)], starts[date(2026, 10, 27)]  # Tuesdays
    assert before.astimezone(LONDON).time() == after.astimezone(LONDON).time() == time(7, 0)
    assert (before.astimezone(UTC).hour, after.astimezone(UTC).hour) == (6, 7)
    race = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Race day"))
    assert race["DTSTART"].dt.astimezone(LONDON) == datetime(2026, 11, 22, 9, 30, tzinfo=LONDON)


def test_the_week_reads_well_on_a_phone(browser, live_server, runner, settings, screenshot_dir):
    from stridewell.planner.services import plan_create

    settings.PLANNER_TODAY = TUESDAY.isoformat()
    plan_create(
        runner=runner,
        race_name="Autumn City Marathon",
        race_date=RACE,
        current_weekly_km=30,
        longest_recent_run_km=14,
        available_days={0, 1, 3, 5, 6},
        long_run_day=6,
        quality_days={1, 3},
        today=CREATED,
    )
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="en-GB",
        timezone_id="Europe/London",
        is_mobile=True,
    )
    page = context.new_page()
    log_in(page, live_server.url)
    page.goto(live_server.url + "/plan/this-week/")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.screenshot(path=str(screenshot_dir / "planner-week-phone.png"), full_page=True)
    page.goto(live_server.url + "/plan/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.screenshot(path=str(screenshot_dir / "planner-overview-phone.png"), full_page=True)
    context.close()
