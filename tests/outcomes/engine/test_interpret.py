"""What the latest score says against the first: a change of at least the MCID is real, in the
questionnaire's direction; the sentence names the points, the date and the threshold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridewell.outcomes import engine
from stridewell.outcomes.engine import Direction, OutcomeRule, ScorePoint

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
MARCH_3 = date(2026, 3, 3)


def interpret(scores, *, mcid=4, direction=HIGHER, provisional=False, whose="Your"):
    points = [ScorePoint(MARCH_3 + timedelta(weeks=4 * n), s) for n, s in enumerate(scores)]
    return engine.change_interpret(
        points=points, mcid=mcid, direction=direction, high=32, is_provisional=provisional,
        whose=whose,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("scores", "direction", "rule", "change"),
    [
        ([18, 24], HIGHER, OutcomeRule.Q21_BETTER_BEYOND_MCID, 6),
        ([18, 22], HIGHER, OutcomeRule.Q21_BETTER_BEYOND_MCID, 4),  # exactly the MCID counts
        ([18, 21], HIGHER, OutcomeRule.Q23_WITHIN_MCID, 3),
        ([18, 15], HIGHER, OutcomeRule.Q23_WITHIN_MCID, -3),
        ([18, 14], HIGHER, OutcomeRule.Q22_WORSE_BEYOND_MCID, -4),
        ([18, 14], LOWER, OutcomeRule.Q21_BETTER_BEYOND_MCID, -4),  # lower is better: a drop
        ([18, 24], LOWER, OutcomeRule.Q22_WORSE_BEYOND_MCID, 6),
        ([18, 30, 20], HIGHER, OutcomeRule.Q23_WITHIN_MCID, 2),  # latest vs first, not the peak
        ([18], HIGHER, OutcomeRule.Q20_BASELINE_ONLY, 0),
    ],
)
def test_the_rule_follows_the_table(scores, direction, rule, change):
    result = interpret(scores, direction=direction)

    assert (result.rule, result.change) == (rule, change)


@pytest.mark.parametrize(
    ("scores", "sentence"),
    [
        (
            [18, 24],
            "Your score has improved by 6 points since 3 March, more than the 4 points that "
            "counts as a real change. It went from 18 to 24 out of 32.",
        ),
        (
            [18, 22],
            "Your score has improved by 4 points since 3 March, as much as the 4 points that "
            "counts as a real change. It went from 18 to 22 out of 32.",
        ),
        (
            [20, 14],
            "Your score has worsened by 6 points since 3 March, more than the 4 points that "
            "counts as a real change. It went from 20 to 14 out of 32.",
        ),
        (
            [20, 19],
            "Your score has changed by 1 point since 3 March, less than the 4 points that counts "
            "as a real change, so it is about the same. It went from 20 to 19 out of 32.",
        ),
        ([20, 20], "Your score is the same as on 3 March. It went from 20 to 20 out of 32."),
        ([20], "Your first score is 20 out of 32 (3 March). Later answers are compared with it."),
    ],
)
def test_the_sentence_says_it_in_words(scores, sentence):
    assert interpret(scores).sentence == sentence


def test_a_provisional_mcid_is_labelled_and_a_physio_reads_the_runners_name():
    result = interpret([18, 24], provisional=True, whose="Amara's")

    assert result.sentence.startswith("Amara's score has improved by 6 points since 3 March")
    assert "(a provisional figure for this questionnaire)" in result.sentence


def test_a_baseline_in_an_earlier_year_carries_its_year():
    points = [ScorePoint(date(2025, 12, 1), 10), ScorePoint(date(2026, 1, 5), 20)]
    result = engine.change_interpret(points=points, mcid=9, direction=HIGHER, high=80)

    assert "since 1 December 2025" in result.sentence


def test_a_fractional_mcid_is_written_as_it_is():
    result = interpret([10, 17], mcid=6.5)

    assert "more than the 6.5 points that counts" in result.sentence


def test_no_scores_means_nothing_to_say():
    assert engine.change_interpret(points=[], mcid=4, direction=HIGHER, high=32) is None


scores = st.lists(st.integers(0, 32), min_size=2, max_size=8)


@given(scores, st.integers(1, 10))
def test_real_change_exactly_when_the_change_reaches_the_mcid(values, mcid):
    result = interpret(values, mcid=mcid)
    change = values[-1] - values[0]

    assert result.change == change
    assert result.is_real_change == (abs(change) >= mcid)
    if result.is_real_change:
        assert f"by {abs(change)} point" in result.sentence
        assert f"the {mcid} point" in result.sentence


@given(scores, st.integers(1, 10))
def test_flipping_the_direction_swaps_better_and_worse(values, mcid):
    up, down = interpret(values, mcid=mcid), interpret(values, mcid=mcid, direction=LOWER)
    swap = {
        OutcomeRule.Q21_BETTER_BEYOND_MCID: OutcomeRule.Q22_WORSE_BEYOND_MCID,
        OutcomeRule.Q22_WORSE_BEYOND_MCID: OutcomeRule.Q21_BETTER_BEYOND_MCID,
        OutcomeRule.Q23_WITHIN_MCID: OutcomeRule.Q23_WITHIN_MCID,
    }

    assert down.rule == swap[up.rule]


@given(st.permutations([3, 9, 14, 20]))
def test_the_order_given_does_not_matter_only_the_dates(order):
    points = [ScorePoint(MARCH_3 + timedelta(days=7 * s), s) for s in order]
    result = engine.change_interpret(points=points, mcid=4, direction=HIGHER, high=32)

    assert (result.baseline.score, result.latest.score) == (3, 20)
