"""Baseline and weekly trend: the 24-hour and week-on-week parts of the pain-monitoring model."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stridewell.training.engine import Baseline, CheckIn, EngineInputError
from stridewell.training.engine.symptoms import (
    Morning,
    WeekSymptoms,
    fold_check_in,
    monday_of,
    rising_trend,
)

MONDAY = date(2025, 3, 3)


def week(weeks_ago, pain_total, stiffness_total=0, count=1):
    return WeekSymptoms(MONDAY - timedelta(days=7 * weeks_ago), pain_total, stiffness_total, count)


def test_monday_of():
    assert monday_of(date(2025, 3, 9)) == MONDAY  # Sunday
    assert monday_of(MONDAY) == MONDAY


@pytest.mark.parametrize(
    ("baseline", "check_in", "morning"),
    [
        (Baseline(2, 2), (2, 2), Morning.BACK_TO_BASELINE),
        (Baseline(2, 2), (0, 1), Morning.BACK_TO_BASELINE),
        (Baseline(2, 2), (3, 2), Morning.A_LITTLE_ABOVE),
        (Baseline(2, 2), (2, 3), Morning.A_LITTLE_ABOVE),
        (Baseline(2, 2), (4, 2), Morning.WORSE),
        (Baseline(2, 2), (1, 4), Morning.WORSE),
        (Baseline(2, 2), (3, 4), Morning.WORSE),
        (Baseline(2, None), (2, 7), Morning.LEARNING),
        (Baseline(2, None), (3, 7), Morning.A_LITTLE_ABOVE),
        (Baseline(2, None), (4, 0), Morning.WORSE),
    ],
)
def test_morning_against_baseline(baseline, check_in, morning):
    _, _, result = fold_check_in((), baseline, CheckIn(MONDAY, *check_in))
    assert result is morning


def test_the_first_closed_week_teaches_the_stiffness_baseline():
    # Given last week's mornings had stiffness 0, 1 and 1 (average 0.67) and no baseline yet
    first_week = (week(1, 3, 2, 3),)
    # When this week's first check-in closes that week
    _, baseline, _ = fold_check_in(first_week, Baseline(2, None), CheckIn(MONDAY, 1, 3))
    # Then the usual stiffness is 1 (rounded up), and that is also where stiffness started
    assert baseline == Baseline(1, 1, 2, 1)


def test_a_check_in_within_the_first_week_does_not_set_stiffness():
    _, baseline, _ = fold_check_in((), Baseline(2, None), CheckIn(MONDAY, 1, 4))
    assert baseline.stiffness is None


def test_check_ins_in_one_week_add_up():
    weeks, _, _ = fold_check_in(
        (week(0, 3, 2, 1),), Baseline(3, 3), CheckIn(MONDAY + timedelta(2), 2, 1)
    )
    assert weeks == (week(0, 5, 3, 2),)


@pytest.mark.parametrize(
    ("closed", "before", "after"),
    [
        # recovery: two weeks averaging 1.0 pain and 0.5 stiffness bring the usual level down
        ((week(2, 3, 1, 3), week(1, 3, 2, 3)), Baseline(3, 3), Baseline(1, 1, 3, 3)),
        # one week of zeros after a week of ones: the two-week average still rounds up to 1
        ((week(2, 3, 3, 3), week(1, 0, 0, 3)), Baseline(1, 1), Baseline(1, 1, 1, 1)),
        # a usual level pinned at 0 by a lucky fortnight may come back up to 1
        ((week(2, 2, 2, 3), week(1, 2, 2, 3)), Baseline(0, 0, 2, 0), Baseline(1, 1, 2, 0)),
        # a flare can never lift the usual level above where the runner started
        ((week(2, 18, 18, 3), week(1, 21, 21, 3)), Baseline(1, 1, 3, 2), Baseline(3, 2, 3, 2)),
    ],
)
def test_usual_level_follows_the_last_two_closed_weeks_up_to_the_start(closed, before, after):
    _, baseline, _ = fold_check_in(closed, before, CheckIn(MONDAY, 0, 0))
    assert baseline == after


def test_the_window_keeps_four_weeks():
    weeks = tuple(week(n, 1) for n in (4, 3, 2, 1))
    new, _, _ = fold_check_in(weeks, Baseline(5, 5), CheckIn(MONDAY, 1, 1))
    assert [w.week_start for w in new] == [MONDAY - timedelta(days=7 * n) for n in (3, 2, 1, 0)]


@pytest.mark.parametrize(
    ("weeks", "acted_on", "measure"),
    [
        ((week(3, 1), week(2, 2), week(1, 3)), None, "pain"),
        ((week(3, 0, 1), week(2, 0, 2), week(1, 0, 3)), None, "stiffness"),
        ((week(3, 1), week(2, 2), week(1, 2)), None, None),  # flat second week
        ((week(3, 2), week(2, 1), week(1, 3)), None, None),  # fell, then rose: once only
        ((week(4, 1), week(2, 2), week(1, 3)), None, None),  # not consecutive weeks
        ((week(3, 1), week(2, 2), week(1, 3)), MONDAY - timedelta(days=7), None),  # acted on
        ((week(2, 1), week(1, 2), week(0, 3)), None, None),  # this week is not closed yet
        ((week(3, 2, 0, 2), week(2, 3, 0, 2), week(1, 4, 0, 2)), None, "pain"),  # 1.0, 1.5, 2.0
        ((week(3, 1, 0, 3), week(2, 2, 0, 3), week(1, 3, 0, 3)), None, None),  # +0.67: a wobble
    ],
)
def test_rising_trend(weeks, acted_on, measure):
    trend = rising_trend(weeks, MONDAY, acted_on)
    assert (None if trend is None else trend.measure) == measure


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: CheckIn(MONDAY, 11, 0), "morning pain must be between 0 and 10, got 11"),
        (lambda: CheckIn(MONDAY, 0, -1), "morning stiffness must be between 0 and 10, got -1"),
        (lambda: Baseline(-1), "baseline pain must be between 0 and 10"),
    ],
)
def test_symptom_scores_outside_0_to_10_are_rejected(build, message):
    with pytest.raises(EngineInputError, match=message):
        build()
