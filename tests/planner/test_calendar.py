"""The calendar: valid RFC 5545 (parsed back with icalendar), London times across the clock
changes, stable UIDs with rising SEQUENCE, appointments, and the secret feed address."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

import icalendar
import pytest
from django.test import Client

from stridewell.core.time import LONDON, now_london
from stridewell.planner.calendar_events import plan_events
from stridewell.planner.feed_tokens import feed_token_live, feed_token_rotate
from stridewell.planner.ics import FeedEvent, calendar_text, escape, fold, london_transitions
from stridewell.planner.models import FeedToken, PlannedRun, PlannedStrength
from stridewell.planner.services import run_mark_missed, run_move

from .conftest import PASSWORD

STAMP = datetime(2026, 7, 1, 12, tzinfo=UTC)


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_the_london_vtimezone_marks_each_change_at_the_local_time_before_it():
    event = FeedEvent(
        "a@x",
        0,
        datetime(2026, 6, 1, 7, tzinfo=LONDON),
        datetime(2026, 6, 1, 8, tzinfo=LONDON),
        "Run",
    )
    (zone,) = parse(calendar_text([event], name="Plan", stamp=STAMP)).walk("VTIMEZONE")

    observances = [
        (c.name, c["DTSTART"].dt, c["TZOFFSETFROM"].td, c["TZOFFSETTO"].td)
        for c in zone.subcomponents
    ]
    assert str(zone["TZID"]) == "Europe/London"
    assert observances[1:] == [
        ("DAYLIGHT", datetime(2026, 3, 29, 1, 0), timedelta(0), timedelta(hours=1)),
        ("STANDARD", datetime(2026, 10, 25, 2, 0), timedelta(hours=1), timedelta(0)),
    ]
    assert [t[0] for t in london_transitions(date(2026, 1, 1), date(2026, 12, 31))] == [
        datetime(2026, 3, 29, 1, tzinfo=UTC),
        datetime(2026, 10, 25, 1, tzinfo=UTC),
    ]


def test_text_is_escaped_and_long_lines_fold_without_splitting_characters():
    text = "Tempo; 3 × 10 min, then 2 km easy\nFinish “fresh” — é" * 3

    line = fold(f"DESCRIPTION:{escape(text)}")

    assert all(len(part.encode()) <= 75 for part in line.split("\r\n"))
    assert line.replace("\r\n ", "") == f"DESCRIPTION:{escape(text)}"
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    event = FeedEvent(
        "b@x",
        2,
        datetime(2026, 6, 1, 7, tzinfo=LONDON),
        datetime(2026, 6, 1, 8, tzinfo=LONDON),
        "Tempo; hard",
        description=text,
    )
    (parsed,) = parse(calendar_text([event], name="Plan", stamp=STAMP)).walk("VEVENT")
    assert str(parsed["DESCRIPTION"]) == text
    assert str(parsed["SUMMARY"]) == "Tempo; hard"
    assert parsed["SEQUENCE"] == 2


@pytest.fixture
def autumn_plan(make_plan, runner):
    """A plan across the October clock change (25 October 2026)."""
    return make_plan(runner, today=date(2026, 7, 29), race_date=date(2026, 11, 15))


@pytest.mark.django_db
def test_runs_keep_their_london_start_time_across_the_october_clock_change(autumn_plan):
    events = parse(calendar_text(plan_events(plan=autumn_plan), name="Plan", stamp=STAMP))
    runs = {
        e["DTSTART"].dt.date(): e for e in events.walk("VEVENT") if "Run" in e["CATEGORIES"].cats
    }

    before = runs[date(2026, 10, 20)]["DTSTART"].dt  # Tuesday before the change
    after = runs[date(2026, 10, 27)]["DTSTART"].dt  # Tuesday after it
    assert (before.time(), after.time()) == (time(7, 0), time(7, 0))
    assert before.astimezone(UTC).hour == 6  # BST
    assert after.astimezone(UTC).hour == 7  # GMT
    race = next(e for e in events.walk("VEVENT") if str(e["SUMMARY"]).startswith("Race day"))
    assert race["DTSTART"].dt == datetime(2026, 11, 15, 9, 30, tzinfo=LONDON)


@pytest.mark.django_db
def test_every_session_is_an_event_with_a_stable_uid_and_a_sequence_that_rises(plan):
    hills = PlannedRun.objects.get(plan=plan, date=date(2026, 6, 23))
    first = {
        str(e["UID"]): e
        for e in parse(calendar_text(plan_events(plan=plan), name="P", stamp=STAMP)).walk("VEVENT")
    }

    run_move(run=hills, new_date=date(2026, 6, 24), today=date(2026, 6, 22))
    second = {
        str(e["UID"]): e
        for e in parse(calendar_text(plan_events(plan=plan), name="P", stamp=STAMP)).walk("VEVENT")
    }

    uid = f"run-{hills.pk}@stridewell.planner"
    assert len(first) == PlannedRun.objects.filter(plan=plan).count() + (
        PlannedStrength.objects.filter(plan=plan).count()
    )
    assert set(first) == set(second)
    assert (first[uid]["SEQUENCE"], second[uid]["SEQUENCE"]) == (0, 1)
    assert second[uid]["DTSTART"].dt.date() == date(2026, 6, 24)


@pytest.mark.django_db
def test_a_missed_session_is_cancelled_in_the_calendar(plan):
    hills = PlannedRun.objects.get(plan=plan, date=date(2026, 6, 23))
    run_mark_missed(run=hills, today=date(2026, 6, 23))

    events = {
        str(e["UID"]): e
        for e in parse(calendar_text(plan_events(plan=plan), name="P", stamp=STAMP)).walk("VEVENT")
    }

    missed = events[f"run-{hills.pk}@stridewell.planner"]
    assert str(missed["STATUS"]) == "CANCELLED"
    assert str(missed["SUMMARY"]).startswith("Missed: Hill repeats")


@pytest.mark.django_db
def test_the_feed_and_download_include_clinic_appointments_from_booking(plan, runner, monkeypatch):
    import stridewell.booking.selectors as booking

    start = (now_london() + timedelta(days=7)).replace(hour=16, minute=0, second=0, microsecond=0)
    appointment = SimpleNamespace(
        pk=9,
        start=start,
        end=start + timedelta(minutes=45),
        status="confirmed",
        appointment_type=SimpleNamespace(name="Running screening"),
    )
    monkeypatch.setattr(
        booking,
        "appointment_list_for_user",
        lambda *, user: [appointment] if user == runner else [],
        raising=False,
    )
    raw = feed_token_rotate(runner=runner)

    response = Client().get(f"/plan/feed/{raw}.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse(response.content).walk("VEVENT")
    clinic = [e for e in events if str(e["UID"]) == "appointment-9@stridewell.planner"]
    assert str(clinic[0]["SUMMARY"]) == "Clinic: Running screening"
    assert clinic[0]["DTSTART"].dt == start.astimezone(LONDON)


@pytest.mark.django_db
def test_the_download_is_a_one_off_attachment(plan, runner, client):
    client.login(email=runner.email, password=PASSWORD)

    response = client.get("/plan/calendar.ics")

    assert response["Content-Disposition"] == 'attachment; filename="stridewell-plan.ics"'
    assert len(parse(response.content).walk("VEVENT")) > 60


@pytest.mark.django_db
def test_feed_tokens_are_stored_hashed_and_a_new_one_replaces_the_old(runner):
    first = feed_token_rotate(runner=runner)
    second = feed_token_rotate(runner=runner)

    stored = list(FeedToken.objects.values_list("token_hash", flat=True))
    assert first not in stored
    assert second not in stored
    assert len(stored) == 2
    assert feed_token_live(runner=runner).hint == second[-4:]
    assert Client().get(f"/plan/feed/{first}.ics").status_code == 404
    assert Client().get(f"/plan/feed/{second}.ics").status_code == 200


@pytest.mark.django_db
def test_the_calendar_page_shows_a_new_address_once(plan, runner, client, settings):
    settings.PLANNER_TODAY = "2026-06-16"
    client.login(email=runner.email, password=PASSWORD)

    made = client.post("/plan/calendar/feed/")
    later = client.get("/plan/calendar/")

    assert "no-store" in made["Cache-Control"]
    assert b'data-testid="feed-url"' in made.content
    assert b'data-testid="feed-url"' not in later.content
    assert b"address ending" in later.content
