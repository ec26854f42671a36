"""Minute-span set algebra checked against plain Python sets of integers."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridewell.booking import spans as sp

span = st.tuples(st.integers(0, 60), st.integers(0, 60))
span_lists = st.lists(span, max_size=8)


def as_set(spans):
    return {m for lo, hi in spans for m in range(lo, hi)}


@given(span_lists)
def test_union_covers_the_same_minutes_with_sorted_disjoint_spans(spans):
    merged = sp.union(spans)

    assert as_set(merged) == as_set(spans)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(merged))


@given(span_lists, span_lists)
def test_intersect_and_subtract_agree_with_set_operations(a, b):
    a, b = sp.union(a), sp.union(b)

    assert as_set(sp.intersect(a, b)) == as_set(a) & as_set(b)
    assert as_set(sp.subtract(a, b)) == as_set(a) - as_set(b)


@given(span_lists, st.integers(-5, 65))
def test_contains_matches_membership(spans, point):
    merged = sp.union(spans)

    assert sp.contains(merged, point) == (point in as_set(merged))


def test_touching_spans_merge_so_back_to_back_is_one_block():
    assert sp.union([(10, 20), (20, 30)]) == [(10, 30)]


def test_minutes_round_down_and_ceil_rounds_up_partial_minutes():
    instant = datetime(2026, 1, 1, 9, 0, 30, tzinfo=UTC)

    assert sp.from_minute(sp.to_minute(instant)) == datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    assert sp.from_minute(sp.to_minute_ceil(instant)) == datetime(2026, 1, 1, 9, 1, tzinfo=UTC)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        sp.to_minute(datetime(2026, 1, 1, 9, 0))
