"""When the questionnaire is due: at screening for the first answers, then every N weeks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridewell.outcomes import engine
from stridewell.outcomes.engine import OutcomeRule

EVERY_4 = engine.Schedule(at_screening=True, every_weeks=4)
ANY_TIME = engine.Schedule(at_screening=False, every_weeks=4)
TODAY = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("schedule", "last_on", "screened_on", "is_due", "rule", "due_on"),
    [
        (EVERY_4, None, None, False, OutcomeRule.Q3_WAITING_FOR_SCREENING, None),
        (EVERY_4, None, date(2026, 3, 2), True, OutcomeRule.Q1_BASELINE_DUE, date(2026, 3, 2)),
        (ANY_TIME, None, None, True, OutcomeRule.Q1_BASELINE_DUE, TODAY),
        # 28 days after the last answers: due that day; 27 days: not yet.
        (EVERY_4, date(2026, 3, 3), date(2026, 3, 2), True, OutcomeRule.Q2_FOLLOW_UP_DUE,
         date(2026, 3, 31)),
        (EVERY_4, date(2026, 3, 4), date(2026, 3, 2), False, OutcomeRule.Q4_NOT_YET_DUE,
         date(2026, 4, 1)),
        (EVERY_4, date(2026, 1, 5), None, True, OutcomeRule.Q2_FOLLOW_UP_DUE, date(2026, 2, 2)),
    ],
)  # fmt: skip
def test_due_follows_the_table(  # noqa: PLR0917 - pytest parameters
    schedule, last_on, screened_on, is_due, rule, due_on
):
    due = engine.questionnaire_due(
        schedule=schedule, last_on=last_on, screened_on=screened_on, today=TODAY
    )

    assert (due.is_due, due.rule, due.due_on) == (is_due, rule, due_on)


def test_the_reason_names_the_next_date():
    due = engine.questionnaire_due(
        schedule=EVERY_4, last_on=date(2026, 3, 17), screened_on=None, today=TODAY
    )

    assert due.reason == "Next due on 14 April, 4 weeks after your last answers."


@given(st.integers(0, 400), st.integers(1, 12))
def test_due_exactly_when_the_interval_has_passed(days_since, weeks):
    schedule = engine.Schedule(at_screening=True, every_weeks=weeks)
    due = engine.questionnaire_due(
        schedule=schedule,
        last_on=TODAY - timedelta(days=days_since),
        screened_on=None,
        today=TODAY,
    )

    assert due.is_due == (days_since >= 7 * weeks)
