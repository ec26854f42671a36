"""The living plan: logging runs and strength sessions, moving them, and changing the race.

Week 2 of the reference plan runs Monday 22 to Sunday 28 June 2026: easy 6 km Monday, hill
repeats 6 km Tuesday, easy 6 km Thursday, long run 16.5 km Sunday; strength Tuesday (after the
hills) and Thursday (an easy-run day).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stridewell.planner.engine import (
    ChangeError,
    PlanChanged,
    PlanInputError,
    RunDone,
    RunKind,
    RunMissed,
    RunMoved,
    Status,
    StrengthDone,
    StrengthMissed,
    StrengthMoved,
    plan_generate,
    plan_reflow,
)

from .builders import MON, SAT, THU, TUE, WED, inputs
from .oracle import count_violations, strength_violations

MONDAY = date(2026, 6, 22)
TUESDAY, WEDNESDAY, THURSDAY = MONDAY + timedelta(1), MONDAY + timedelta(2), MONDAY + timedelta(3)
FRIDAY, SATURDAY, SUNDAY = MONDAY + timedelta(4), MONDAY + timedelta(5), MONDAY + timedelta(6)


@pytest.fixture(scope="module")
def plan():
    return plan_generate(inputs())


def run_on(plan, day):
    return next(r for r in plan.runs() if r.day == day)


def strength_on(plan, day):
    return next(s for s in plan.strength() if s.day == day)


def week2(plan):
    return plan.weeks[1]


def layout(week) -> tuple[list[tuple[int, str, float]], list[int]]:
    runs = [
        (r.day.weekday(), r.kind.value, r.km) for r in week.runs if r.status is not Status.MISSED
    ]
    return runs, [s.day.weekday() for s in week.strength]


def test_a_missed_quality_session_moves_to_a_safe_later_day_replacing_an_easy_run(plan):
    hills = run_on(plan, TUESDAY)

    result = plan_reflow(plan, RunMissed(hills.key), today=TUESDAY)

    week = week2(result.plan)
    assert run_on(result.plan, TUESDAY).status is Status.MISSED
    thursday = run_on(result.plan, THURSDAY)
    assert (thursday.kind, thursday.title, thursday.km) == (RunKind.QUALITY, "Hill repeats", 6.0)
    assert thursday.key == run_on(plan, THURSDAY).key  # the easy run's slot, not a new run
    assert (
        sum(r.km for r in week.runs if r.status is Status.PLANNED) == 6 + 6 + 16.5
    )  # nothing added
    assert result.notes[0] == (
        "Your missed hill repeats moves to Thursday 25 June, with an easier day either side. "
        "It takes the place of the easy run planned there (6 km)."
    )
    assert strength_violations(result.plan) == []


def test_a_missed_easy_run_is_not_made_up(plan):
    monday = run_on(plan, MONDAY)

    result = plan_reflow(plan, RunMissed(monday.key), today=MONDAY)

    assert layout(week2(result.plan)) == (
        [(TUE, "quality", 6.0), (THU, "easy", 6.0), (6, "long", 16.5)],
        [TUE, THU],
    )
    assert result.notes == ("Easy runs are not made up: carry on with the rest of the week.",)


def test_a_missed_sunday_long_run_is_let_go_rather_than_pushed_into_next_week(plan):
    long_run = run_on(plan, SUNDAY)

    result = plan_reflow(plan, RunMissed(long_run.key), today=SUNDAY)

    assert result.plan.weeks[2] == plan.weeks[2]
    assert result.notes == (
        "No safe day is left this week for the long run: let it go, and do not add the "
        "distance to next week.",
    )


def test_moving_a_quality_run_re_flows_strength_that_would_fall_the_day_before_it(plan):
    hills = run_on(plan, TUESDAY)

    result = plan_reflow(plan, RunMoved(hills.key, WEDNESDAY), today=MONDAY)

    moved = run_on(result.plan, WEDNESDAY)
    assert (moved.key, moved.original_day, moved.is_moved) == (hills.key, TUESDAY, True)
    # Tuesday's session would now be the day before the hills: it moves to Monday.
    assert layout(week2(result.plan))[1] == [MON, THU]
    assert strength_on(result.plan, MONDAY).original_day == TUESDAY
    assert result.notes == (
        "Hill repeats (6 km) moved from Tuesday 23 June to Wednesday 24 June.",
        "Strength session moved from Tuesday 23 June to Monday 22 June.",
    )
    assert strength_violations(result.plan) == []


def test_moving_a_run_onto_a_day_with_another_planned_run_swaps_them(plan):
    hills, thursday_easy = run_on(plan, TUESDAY), run_on(plan, THURSDAY)

    result = plan_reflow(plan, RunMoved(hills.key, THURSDAY), today=MONDAY)

    assert run_on(result.plan, THURSDAY).key == hills.key
    assert run_on(result.plan, TUESDAY).key == thursday_easy.key
    assert strength_violations(result.plan) == []


@pytest.mark.parametrize(
    ("day", "today", "message"),
    [
        (
            date(2026, 6, 30),
            MONDAY,
            "Runs move within their own week (Monday 22 June to Sunday 28 June).",
        ),
        (MONDAY, TUESDAY, "Choose today or a later day."),
        (TUESDAY, MONDAY, "The run is already on that day."),
    ],
)
def test_moves_that_break_the_rules_are_refused(plan, day, today, message):
    with pytest.raises(ChangeError) as caught:
        plan_reflow(plan, RunMoved(run_on(plan, TUESDAY).key, day), today=today)

    assert caught.value.message == message


def test_a_logged_or_past_run_cannot_be_moved_and_the_race_moves_only_with_its_date(plan):
    done = plan_reflow(plan, RunDone(run_on(plan, MONDAY).key), today=MONDAY).plan
    race = next(r for r in plan.runs() if r.kind is RunKind.RACE)

    with pytest.raises(ChangeError, match="already logged as done"):
        plan_reflow(done, RunMoved(run_on(done, MONDAY).key, WEDNESDAY), today=MONDAY)
    with pytest.raises(ChangeError, match="day has passed"):
        plan_reflow(plan, RunMoved(run_on(plan, MONDAY).key, WEDNESDAY), today=TUESDAY)
    with pytest.raises(ChangeError, match="Race day moves with the race date"):
        plan_reflow(plan, RunMoved(race.key, race.day - timedelta(1)), today=MONDAY)


def test_a_run_is_not_done_before_its_day_and_is_logged_only_once(plan):
    with pytest.raises(ChangeError, match="on its day or later"):
        plan_reflow(plan, RunDone(run_on(plan, TUESDAY).key), today=MONDAY)
    missed = plan_reflow(plan, RunMissed(run_on(plan, MONDAY).key), today=MONDAY).plan
    with pytest.raises(ChangeError, match="already logged as missed"):
        plan_reflow(missed, RunDone(run_on(missed, MONDAY).key), today=MONDAY)


def test_a_run_longer_than_planned_changes_the_spike_flags_of_what_follows(plan):
    # Running 30 km on Monday makes every later run fine; running 2 km changes nothing.
    long_monday = plan_reflow(plan, RunDone(run_on(plan, MONDAY).key, actual_km=30.0), today=MONDAY)

    assert run_on(long_monday.plan, MONDAY).counted_km == 30.0
    assert [s.is_expected for s in long_monday.plan.spikes] == [True]


def test_a_strength_session_can_move_only_to_a_day_the_rules_allow(plan):
    thursday = strength_on(plan, THURSDAY)

    with pytest.raises(ChangeError) as caught:
        plan_reflow(plan, StrengthMoved(thursday.key, SATURDAY), today=MONDAY)
    assert caught.value.message == (
        "Saturday 27 June is the day before your long run: choose another day."
    )
    with pytest.raises(ChangeError, match="is your long-run day"):
        plan_reflow(plan, StrengthMoved(thursday.key, SUNDAY), today=MONDAY)

    moved = plan_reflow(plan, StrengthMoved(thursday.key, FRIDAY), today=MONDAY)
    session = strength_on(moved.plan, FRIDAY)
    assert (session.key, session.is_pinned, session.original_day) == (thursday.key, True, THURSDAY)


def test_a_pinned_session_stays_put_until_a_later_change_makes_it_unsafe(plan):
    pinned = plan_reflow(
        plan, StrengthMoved(strength_on(plan, THURSDAY).key, FRIDAY), today=MONDAY
    ).plan
    # Moving the easy Monday run changes nothing for Friday's session.
    after_easy_move = plan_reflow(
        pinned, RunMoved(run_on(pinned, MONDAY).key, WEDNESDAY), today=MONDAY
    ).plan
    assert strength_on(after_easy_move, FRIDAY).is_pinned

    # Moving the long run to Saturday makes Friday the day before it: the session re-flows.
    unsafe = plan_reflow(pinned, RunMoved(run_on(pinned, SUNDAY).key, SATURDAY), today=MONDAY).plan
    assert FRIDAY not in [s.day for s in week2(unsafe).strength]
    assert strength_violations(unsafe) == []


def test_a_hard_run_may_not_land_the_day_after_strength_already_done(plan):
    done = plan_reflow(plan, StrengthDone(strength_on(plan, TUESDAY).key), today=TUESDAY).plan

    with pytest.raises(ChangeError) as caught:
        plan_reflow(done, RunMoved(run_on(done, SUNDAY).key, WEDNESDAY), today=TUESDAY)

    assert caught.value.message.startswith(
        "Your strength session on Tuesday 23 June is already in the log, and after this change "
        "that day would be the day before your long run."
    )


def test_a_missed_strength_session_is_not_doubled_up(plan):
    result = plan_reflow(plan, StrengthMissed(strength_on(plan, TUESDAY).key), today=TUESDAY)

    assert [s.status for s in week2(result.plan).strength] == [Status.MISSED, Status.PLANNED]
    assert result.notes == (
        "Missed strength sessions are not doubled up: carry on with the next one.",
    )
    with pytest.raises(ChangeError, match="on its day or later"):
        plan_reflow(plan, StrengthDone(strength_on(plan, THURSDAY).key), today=TUESDAY)


def test_an_unknown_key_is_a_clear_error(plan):
    with pytest.raises(ChangeError, match=r"There is no such run in this plan\."):
        plan_reflow(plan, RunMissed("nope"), today=MONDAY)


def _logged_and_past(plan, today):
    items = {}
    for week in plan.weeks:
        for item in (*week.runs, *week.strength):
            if item.day < today or item.is_logged:
                items[item.key] = item
    return items


def test_a_later_race_date_re_plans_the_future_and_keeps_the_past(plan):
    today = date(2026, 7, 15)  # Wednesday of week 5
    lived = plan
    for key in (run_on(plan, date(2026, 7, 13)).key, run_on(plan, date(2026, 7, 14)).key):
        lived = plan_reflow(lived, RunDone(key), today=today).plan
    lived = plan_reflow(lived, RunMissed(run_on(lived, date(2026, 7, 12)).key), today=today).plan
    before = _logged_and_past(lived, today)

    result = plan_reflow(lived, PlanChanged(race_date=date(2026, 10, 18)), today=today)

    new = result.plan
    assert {k: v for k, v in _logged_and_past(new, today).items() if k in before} == before
    assert set(before) <= set(_logged_and_past(new, today))
    assert new.weeks[:4] == lived.weeks[:4]
    assert new.weeks[-1].end == date(2026, 10, 18)
    assert [r.day for r in new.runs() if r.kind is RunKind.RACE] == [date(2026, 10, 18)]
    assert {w.phase.value for w in new.weeks[4:-2]} == {"build", "peak"}  # no base after 4 weeks
    assert strength_violations(new) == []
    assert count_violations(new, today=today) == []
    assert result.notes == (
        "Plan re-made from Wednesday 15 July: 14 weeks to race day on Sunday 18 October. "
        "Everything already logged is unchanged.",
    )


def test_a_race_moved_too_close_to_re_plan_is_refused_with_the_reason(plan):
    with pytest.raises(PlanInputError) as caught:
        plan_reflow(plan, PlanChanged(race_date=date(2026, 7, 26)), today=date(2026, 7, 15))

    assert caught.value.problems["race_date"][0].startswith(
        "That race is only 2 weeks away, counting this one."
    )


def test_before_the_plan_starts_a_change_rebuilds_it_under_the_creation_rules(plan):
    result = plan_reflow(
        plan,
        PlanChanged(
            quality_days=frozenset({WED}), available_days=frozenset({MON, WED, THU, SAT, 6})
        ),
        today=date(2026, 6, 12),
    )

    assert result.plan.start == date(2026, 6, 15)
    assert {r.day.weekday() for r in result.plan.runs() if r.kind is RunKind.QUALITY} == {WED}
    with pytest.raises(PlanInputError, match="at least 8 weeks"):
        plan_reflow(plan, PlanChanged(race_date=date(2026, 8, 2)), today=date(2026, 6, 12))
