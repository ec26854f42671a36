"""Plateau review: two weeks without progress while the morning-after reactions persist."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridewell.training.engine import (
    PLATEAU_DAYS,
    Action,
    EngineInputError,
    Mark,
    Rule,
    plateau_find,
)

SINCE = date(2025, 3, 3)
TODAY = SINCE + timedelta(days=PLATEAU_DAYS)


def hold(day_offset: int, rule: Rule = Rule.H2_PAIN_4_TO_5_SETTLED, excess: int | None = 0):
    """A session judged on `SINCE + day_offset` (C1 marks a rest-day check-in instead)."""
    is_session = rule is not Rule.C1_CHECK_IN_RECORDED
    return Mark(SINCE + timedelta(days=day_offset), Action.HOLD, str(rule), excess, is_session)


@pytest.mark.parametrize(
    ("marks", "today", "found"),
    [
        # two mornings a little above usual in the fortnight: review
        ((hold(3, Rule.H9_MORNING_A_LITTLE_ABOVE), hold(10, Rule.H9_MORNING_A_LITTLE_ABOVE)),
         TODAY, True),
        # a morning worse (R2, a regress) and a rest-day morning above usual (C1, excess 1)
        ((Mark(SINCE + timedelta(days=4), Action.REGRESS, str(Rule.R2_NEXT_MORNING_WORSE), 3,
               is_session=True),
          hold(6), hold(9, Rule.C1_CHECK_IN_RECORDED, 1)), TODAY, True),
        # mornings above usual on rest days only, with one session: not training enough to say
        ((hold(3, Rule.C1_CHECK_IN_RECORDED, 2), hold(6), hold(9, Rule.C1_CHECK_IN_RECORDED, 1)),
         TODAY, False),
        # no sessions at all: not a plateau (missed sessions alert on their own)
        ((hold(3, Rule.C1_CHECK_IN_RECORDED, 2), hold(9, Rule.C1_CHECK_IN_RECORDED, 2),
          hold(11, Rule.C1_CHECK_IN_RECORDED, 2)), TODAY, False),
        # only one reaction
        ((hold(3, Rule.H9_MORNING_A_LITTLE_ABOVE), hold(10)), TODAY, False),
        # two reactions on the same day count once
        ((hold(3, Rule.H9_MORNING_A_LITTLE_ABOVE), hold(3, Rule.C1_CHECK_IN_RECORDED, 2)),
         TODAY, False),
        # 13 days: not yet two weeks
        ((hold(3, Rule.H9_MORNING_A_LITTLE_ABOVE), hold(10, Rule.H9_MORNING_A_LITTLE_ABOVE)),
         TODAY - timedelta(days=1), False),
        # holds at the usual morning level (pain 4-5 during, settled): no reaction, no review
        ((hold(3), hold(6), hold(10)), TODAY, False),
        # a progress inside the window ends the plateau
        ((hold(3, Rule.H9_MORNING_A_LITTLE_ABOVE), hold(10, Rule.H9_MORNING_A_LITTLE_ABOVE),
          Mark(SINCE + timedelta(days=12), Action.PROGRESS, str(Rule.P1_SETS_COMPLETE_PAIN_OK))),
         TODAY, False),
        # reactions older than the last 14 days do not count
        ((hold(1, Rule.H9_MORNING_A_LITTLE_ABOVE), hold(2, Rule.H9_MORNING_A_LITTLE_ABOVE),
          hold(20, Rule.H9_MORNING_A_LITTLE_ABOVE)), SINCE + timedelta(days=20), False),
    ],
)  # fmt: skip
def test_plateau_needs_two_weeks_and_two_reaction_days(marks, today, found):
    plateau = plateau_find(marks, since=SINCE, today=today)
    assert (plateau is not None) is found
    if plateau is not None:
        assert plateau.since == SINCE
        assert plateau.days == (today - SINCE).days
        assert len(plateau.reaction_days) >= 2


def test_today_before_the_last_progress_is_refused():
    with pytest.raises(EngineInputError):
        plateau_find((), since=SINCE, today=SINCE - timedelta(days=1))


REACTING = (Rule.H9_MORNING_A_LITTLE_ABOVE, Rule.R2_NEXT_MORNING_WORSE, Rule.C1_CHECK_IN_RECORDED)
marks_strategy = st.lists(
    st.builds(
        Mark,
        day=st.integers(1, 30).map(lambda n: SINCE + timedelta(days=n)),
        action=st.sampled_from((Action.HOLD, Action.REGRESS)),
        rule=st.sampled_from(REACTING).map(str),
        morning_excess=st.one_of(st.none(), st.integers(-3, 5)),
        is_session=st.booleans(),
    ),
    max_size=20,
)


@given(marks=marks_strategy, extra=marks_strategy, days=st.integers(0, 30))
def test_more_reactions_never_remove_a_plateau(marks, extra, days):
    today = SINCE + timedelta(days=days)
    if plateau_find(marks, since=SINCE, today=today) is not None:
        assert plateau_find(marks + extra, since=SINCE, today=today) is not None


@given(marks=marks_strategy, days=st.integers(0, 30), when=st.integers(0, PLATEAU_DAYS - 1))
def test_a_progress_in_the_last_two_weeks_means_no_plateau(marks, days, when):
    today = SINCE + timedelta(days=days)
    progress = Mark(
        today - timedelta(days=when), Action.PROGRESS, str(Rule.P1_SETS_COMPLETE_PAIN_OK)
    )
    if progress.day > SINCE:
        assert plateau_find([*marks, progress], since=SINCE, today=today) is None
    if days < PLATEAU_DAYS:
        assert plateau_find(marks, since=SINCE, today=today) is None
