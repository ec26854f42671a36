"""Answers to a score: sum, reversed items, blanks refused or prorated, bad answers named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridewell.outcomes import engine
from stridewell.outcomes.engine import OutcomeRule

from .factories import raw

REFUSE = engine.spec_read(raw(4))
PRORATE = engine.spec_read(
    raw(4, scoring={"method": "sum", "missing": {"policy": "prorate", "max_missing": 1}})
)
REVERSED = engine.spec_read(raw(4, scoring={"method": "sum", "reverse": ["i1", "i3"]}))


@pytest.mark.parametrize(
    ("spec", "answers", "total", "rule"),
    [
        (REFUSE, {"i0": 4, "i1": 4, "i2": 4, "i3": 4}, 16, OutcomeRule.Q10_SCORED_ALL_ANSWERED),
        (REFUSE, {"i0": 0, "i1": 1, "i2": 2, "i3": 3}, 6, OutcomeRule.Q10_SCORED_ALL_ANSWERED),
        # Reversed items count 4 - answer: 0 + (4-1) + 2 + (4-3) = 6; all 4s give 8.
        (REVERSED, {"i0": 0, "i1": 1, "i2": 2, "i3": 3}, 6, OutcomeRule.Q10_SCORED_ALL_ANSWERED),
        (REVERSED, {"i0": 4, "i1": 4, "i2": 4, "i3": 4}, 8, OutcomeRule.Q10_SCORED_ALL_ANSWERED),
        # Prorated: mean of the answered items x 4, rounded half up. 3+3+2 = 8 -> 10.67 -> 11.
        (PRORATE, {"i0": 3, "i1": 3, "i2": 2}, 11, OutcomeRule.Q11_SCORED_PRORATED),
        # 1+2+2 = 5 -> 6.67 -> 7; 1+1+2 = 4 -> 5.33 -> 5; a None counts as blank.
        (PRORATE, {"i0": 1, "i1": 2, "i2": 2, "i3": None}, 7, OutcomeRule.Q11_SCORED_PRORATED),
        (PRORATE, {"i0": 1, "i1": 1, "i3": 2}, 5, OutcomeRule.Q11_SCORED_PRORATED),
        # 3 answered summing to 3 -> 4.0 exactly; 9 -> 12.
        (PRORATE, {"i0": 1, "i1": 1, "i2": 1}, 4, OutcomeRule.Q11_SCORED_PRORATED),
    ],
)
def test_answers_score_as_the_table_says(spec, answers, total, rule):
    score = engine.answers_score(spec, answers)

    assert (score.total, score.rule) == (total, rule)


def test_a_prorated_score_says_which_items_were_blank():
    score = engine.answers_score(PRORATE, {"i0": 3, "i2": 2, "i3": 1})

    assert (score.answered, score.missing, score.is_prorated) == (3, ("i1",), True)


def fields(spec, answers) -> dict[str, list[str]]:
    with pytest.raises(engine.AnswerError) as caught:
        engine.answers_score(spec, answers)
    return caught.value.fields


def test_a_blank_is_refused_next_to_its_item_and_summarised():
    assert fields(REFUSE, {"i0": 1, "i1": 1, "i2": 1}) == {
        "i3": ["Choose an answer."],
        "__all__": ["Answer every question: 1 is blank."],
    }


def test_more_blanks_than_prorating_allows_are_refused():
    assert fields(PRORATE, {"i0": 1, "i1": 1}) == {
        "i2": ["Choose an answer."],
        "i3": ["Choose an answer."],
        "__all__": ["Answer at least 3 of the 4 questions: 2 are blank."],
    }


@pytest.mark.parametrize("bad", [5, -1, "3", 2.0, True, [1]])
def test_an_answer_outside_the_options_is_refused(bad):
    found = fields(REFUSE, {"i0": bad, "i1": 1, "i2": 1, "i3": 1})

    assert found == {"i0": ["Choose one of the answers (0, 1, 2, 3, 4)."]}


def test_an_unknown_item_is_refused():
    found = fields(REFUSE, {"i0": 1, "i1": 1, "i2": 1, "i3": 1, "shoe_size": 9})

    assert found == {"shoe_size": ["There is no question 'shoe_size' in this questionnaire."]}


answer = st.integers(0, 4)


@given(st.lists(answer, min_size=4, max_size=4))
def test_a_full_set_of_answers_always_scores_inside_the_range(values):
    answers = {f"i{n}": v for n, v in enumerate(values)}
    for spec in (REFUSE, REVERSED, PRORATE):
        assert spec.low <= engine.answers_score(spec, answers).total <= spec.high
    assert engine.answers_score(REFUSE, answers).total == sum(values)


@given(st.lists(answer, min_size=4, max_size=4))
def test_reversing_an_item_mirrors_its_contribution(values):
    answers = {f"i{n}": v for n, v in enumerate(values)}
    mirrored = {k: (4 - v if k in {"i1", "i3"} else v) for k, v in answers.items()}

    assert engine.answers_score(REVERSED, answers).total == sum(mirrored.values())


@given(st.lists(answer, min_size=3, max_size=3), st.integers(0, 3))
def test_a_prorated_score_is_inside_the_range_and_equals_a_full_answer_when_all_agree(
    values, blank
):
    keys = [f"i{n}" for n in range(4) if n != blank]
    score = engine.answers_score(PRORATE, dict(zip(keys, values, strict=True)))

    assert PRORATE.low <= score.total <= PRORATE.high
    if len(set(values)) == 1:  # every answered item the same: the blank is scored like them
        assert score.total == 4 * values[0]
