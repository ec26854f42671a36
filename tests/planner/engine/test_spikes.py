"""Single-run spikes (Frandsen 2025): a planned run more than 10% longer than the longest run
of the 30 days before it is flagged with an explanation; the race is flagged as expected."""

from __future__ import annotations

from datetime import date, timedelta

from stridewell.planner.engine import ActualRef, Phase, PlannedRun, RunKind, Status, Week
from stridewell.planner.engine.spikes import spikes_find
from stridewell.planner.engine.window import LongestWindow, spike_cap

MONDAY = date(2026, 7, 6)


def run(day: date, km: float, *, kind=RunKind.EASY, status=Status.PLANNED, actual=None):
    return PlannedRun(
        key=f"{kind.value}-{day}",
        day=day,
        kind=kind,
        km=km,
        title=kind.value.title() + " run",
        detail="",
        minutes=60,
        status=status,
        actual_km=actual,
    )


def week(*runs: PlannedRun) -> Week:
    return Week(1, MONDAY, Phase.BUILD, False, 0, 0, runs=tuple(runs))


def test_exactly_ten_percent_longer_is_not_a_spike_but_a_little_more_is():
    sunday = MONDAY + timedelta(days=6)
    history = (ActualRef(MONDAY - timedelta(days=7), 20.0),)

    assert spikes_find([week(run(sunday, 22.0))], history=history) == ()
    flags = spikes_find([week(run(sunday, 22.5))], history=history)

    assert [(f.km, f.reference_km, f.percent_over, f.is_expected) for f in flags] == [
        (22.5, 20.0, 12, False)
    ]
    assert flags[0].message == (
        "22.5 km on Sunday 12 July is 12% longer than your longest run in the 30 days before it "
        "(20 km). Single runs more than 10% longer than that are linked to more overuse "
        "injuries (Frandsen 2025): consider keeping it to 22 km."
    )


def test_the_window_is_the_thirty_days_before_the_run():
    day = date(2026, 8, 1)
    window = LongestWindow(
        [(day - timedelta(days=31), 30.0), (day - timedelta(days=30), 20.0), (day, 40.0)]
    )

    assert window.longest_before(day) == 20.0  # 31 days ago is outside; the same day is too
    assert window.longest_before(day + timedelta(days=1)) == 40.0
    assert LongestWindow().longest_before(day) == 0.0


def test_missed_runs_count_as_nothing_and_run_runs_count_at_their_real_distance():
    tuesday, sunday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=6)
    history = (ActualRef(MONDAY - timedelta(days=20), 15.0),)
    missed = run(tuesday, 20.0, status=Status.MISSED)
    done_longer = run(tuesday, 10.0, status=Status.DONE, actual=19.0)

    flagged = spikes_find([week(missed, run(sunday, 18.0))], history=history)
    assert [f.reference_km for f in flagged] == [15.0]
    assert spikes_find([week(done_longer, run(sunday, 18.0))], history=history) == ()


def test_logged_runs_are_not_flagged_only_the_planned_ones():
    history = (ActualRef(MONDAY - timedelta(days=3), 10.0),)

    assert (
        spikes_find([week(run(MONDAY, 30.0, status=Status.DONE, actual=30.0))], history=history)
        == ()
    )


def test_the_race_is_flagged_as_expected_with_its_own_explanation():
    race_day = MONDAY + timedelta(days=6)
    flags = spikes_find(
        [week(run(race_day, 42.2, kind=RunKind.RACE))],
        history=(ActualRef(MONDAY - timedelta(days=14), 32.0),),
    )

    assert flags[0].is_expected is True
    assert flags[0].message == (
        "Race day (42.2 km) is 32% longer than your longest run in the 30 days before it "
        "(32 km). That is expected for a marathon: the taper is there so you start it fresh."
    )


def test_a_run_after_thirty_quiet_days_is_flagged_with_advice_to_start_back_gently():
    flags = spikes_find([week(run(MONDAY, 8.0))], history=())

    assert flags[0].reference_km == 0.0
    assert "comes after 30 days with no recorded run" in flags[0].message


def test_the_spike_cap_rounds_down_to_the_half_kilometre():
    assert spike_cap(20.0) == 22.0
    assert spike_cap(14.0) == 15.0  # 15.4 rounds down
    assert spike_cap(15.0) == 16.5
