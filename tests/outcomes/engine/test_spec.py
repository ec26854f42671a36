"""The questionnaire file reader: a valid file reads back exactly; every kind of mistake is
named by where it is, all at once."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from stridewell.outcomes import engine
from stridewell.outcomes.data_files import DATA_DIR

from .factories import FIVE, raw


def problems(data: Any) -> list[str]:
    with pytest.raises(engine.SpecError) as caught:
        engine.spec_read(data)
    return caught.value.problems


def test_a_valid_file_reads_into_its_parts():
    spec = engine.spec_read(raw(4))

    assert (spec.key, spec.low, spec.high, len(spec.items)) == ("test-scale", 0, 16, 4)
    assert spec.items[0].scores == (0, 1, 2, 3, 4)
    assert spec.mcid == engine.Threshold(3.0, "Test figure.", False)
    assert spec.schedule == engine.Schedule(True, 4)
    assert spec.missing is engine.MissingPolicy.REFUSE


def test_the_shipped_running_function_file_is_valid_and_within_its_own_numbers():
    spec = engine.spec_read(yaml.safe_load((DATA_DIR / "running-function.yaml").read_text()))

    assert (len(spec.items), spec.low, spec.high) == (8, 0, 32)
    assert spec.mcid.points == 4
    assert spec.mcid.is_provisional
    assert spec.schedule == engine.Schedule(at_screening=True, every_weeks=4)


def _items_with(**item: Any) -> list[dict[str, Any]]:
    base = {"key": "i0", "text": "Item", "answers": "five"}
    return [base | item]


BAD = [
    ({"format": 2}, "format: must be 1"),
    ({"key": "Has Spaces"}, "key: must be 2-49 lower-case"),
    ({"version": 1.0}, "version: must be non-empty text (write it in quotes)"),
    ({"licence": ""}, "licence: must be non-empty text"),
    ({"colour": "red"}, "colour: is not a known field"),
    ({"items": []}, "items: must list at least one item"),
    ({"items": _items_with(key="Bad-Key")}, "items[0].key: must be 1-40 lower-case"),
    ({"items": _items_with(answers="missing")}, "items[0].answers: no answer set called 'missing'"),
    ({"items": _items_with(answers=[{"score": 0, "text": "Only"}])}, "at least two answers"),
    (
        {"items": _items_with(answers=[{"score": 1, "text": "A"}, {"score": 1, "text": "B"}])},
        "items[0].answers: two answers have the same score",
    ),
    (
        {"items": _items_with(answers=[{"score": True, "text": "A"}, {"score": 1, "text": "B"}])},
        "items[0].answers[0].score: must be a whole number",
    ),
    ({"range": {"min": 0, "max": 20}}, "range: says 0-20 but the items' answers add up to 0-16"),
    ({"direction": "up"}, "direction: must be 'higher_is_better' or 'lower_is_better'"),
    ({"mcid": {"points": 0, "source": "x"}}, "mcid.points: must be a number above 0"),
    ({"mcid": {"points": 17, "source": "x"}}, "cannot be more than the whole score range (16"),
    ({"mcid": {"points": 3}}, "mcid.source: must be non-empty text"),
    ({"scoring": {"method": "mean"}}, "scoring.method: only 'sum' is supported"),
    ({"scoring": {"reverse": ["nope"]}}, "scoring.reverse: 'nope' is not an item key"),
    ({"scoring": {"missing": {"policy": "guess"}}}, "scoring.missing.policy: must be 'refuse'"),
    (
        {"scoring": {"missing": {"policy": "prorate", "max_missing": 4}}},
        "scoring.missing.max_missing: must be between 1 and 3",
    ),
    (
        {"scoring": {"missing": {"policy": "refuse", "max_missing": 1}}},
        "max_missing: only applies with policy 'prorate'",
    ),
    ({"schedule": {"every_weeks": 0}}, "schedule.every_weeks: must be between 1 and 52"),
]


@pytest.mark.parametrize(("change", "expected"), BAD, ids=[e for _, e in BAD])
def test_each_mistake_is_named_where_it_is(change, expected):
    found = problems(raw(4, **change))

    assert any(expected in p for p in found), found


def test_a_missing_required_field_is_named():
    data = raw(4)
    del data["mcid"]

    assert "mcid: is required" in problems(data)


def test_every_problem_is_reported_in_one_go():
    found = problems(raw(4, format=3, direction="sideways", schedule={"every_weeks": "often"}))

    assert len(found) == 3


def test_two_items_may_not_share_a_key():
    items = [{"key": "same", "text": "A", "answers": "five"}, {"key": "same", "text": "B",
             "answers": "five"}]  # fmt: skip

    assert any("'same' is used by an earlier item" in p for p in problems(raw(4, items=items)))


def test_not_a_mapping_at_the_top_is_refused_plainly():
    assert problems(["a", "list"]) == [
        "the file must hold one mapping (key: value lines) at the top"
    ]


@given(
    n_items=st.integers(1, 12),
    reverse=st.sets(st.integers(0, 11)),
    prorate=st.integers(0, 11),
    lower_better=st.booleans(),
)
def test_a_dumped_spec_reads_back_identical(n_items, reverse, prorate, lower_better):
    scoring: dict[str, Any] = {
        "method": "sum",
        "reverse": [f"i{n}" for n in sorted(reverse) if n < n_items],
        "missing": {"policy": "refuse"},
    }
    if 0 < prorate < n_items:
        scoring["missing"] = {"policy": "prorate", "max_missing": prorate}
    direction = "lower_is_better" if lower_better else "higher_is_better"
    spec = engine.spec_read(raw(n_items, scoring=scoring, direction=direction))

    assert engine.spec_read(engine.spec_dump(spec)) == spec


def test_inline_answers_work_like_an_answer_set():
    items = [{"key": "i0", "text": "A", "answers": FIVE}, {"key": "i1", "text": "B",
             "answers": "five"}]  # fmt: skip
    spec = engine.spec_read(raw(2, items=items))

    assert spec.items[0].options == spec.items[1].options
