"""Europe/London wall-clock helpers, including both 2026 clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridewell.core.time import LONDON, local_dt, now_london, to_london

SPRING_FORWARD = date(2026, 3, 29)  # 01:00 GMT -> 02:00 BST
FALL_BACK = date(2026, 10, 25)  # 02:00 BST -> 01:00 GMT


def test_london_is_the_europe_london_zone():
    assert ZoneInfo("Europe/London") == LONDON


def test_now_london_is_aware_and_close_to_the_real_clock():
    before = datetime.now(tz=UTC)
    now = now_london()
    after = datetime.now(tz=UTC)

    assert now.tzinfo is LONDON
    assert before <= now <= after


@pytest.mark.parametrize(
    ("instant", "expected_wall", "expected_offset_hours"),
    [
        (datetime(2026, 1, 15, 12, 0, tzinfo=UTC), datetime(2026, 1, 15, 12, 0), 0),
        (datetime(2026, 7, 15, 12, 0, tzinfo=UTC), datetime(2026, 7, 15, 13, 0), 1),
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), datetime(2026, 3, 29, 0, 59), 0),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), datetime(2026, 3, 29, 2, 0), 1),
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30), 1),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30), 0),
    ],
)
def test_to_london_gives_the_wall_clock_and_offset(instant, expected_wall, expected_offset_hours):
    local = to_london(instant)

    assert local.replace(tzinfo=None) == expected_wall
    assert local.utcoffset() == timedelta(hours=expected_offset_hours)
    assert local.astimezone(UTC) == instant


def test_to_london_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="aware"):
        to_london(datetime(2026, 5, 1, 9, 0))


@pytest.mark.parametrize(
    ("day", "wall", "expected_utc"),
    [
        # Ordinary winter and summer days.
        (date(2026, 1, 15), time(9, 0), datetime(2026, 1, 15, 9, 0, tzinfo=UTC)),
        (date(2026, 7, 15), time(9, 0), datetime(2026, 7, 15, 8, 0, tzinfo=UTC)),
        # Spring forward: 00:59 is still GMT, 02:00 is already BST...
        (SPRING_FORWARD, time(0, 59), datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),
        (SPRING_FORWARD, time(2, 0), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        # ...and the missing hour shifts forward by one hour (01:30 -> 02:30 BST).
        (SPRING_FORWARD, time(1, 0), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (SPRING_FORWARD, time(1, 30), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        # Fall back: 01:00-01:59 happens twice; the first (BST) occurrence is used.
        (FALL_BACK, time(0, 30), datetime(2026, 10, 24, 23, 30, tzinfo=UTC)),
        (FALL_BACK, time(1, 0), datetime(2026, 10, 25, 0, 0, tzinfo=UTC)),
        (FALL_BACK, time(1, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (FALL_BACK, time(2, 0), datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),
    ],
)
def test_local_dt_turns_a_wall_time_into_the_right_instant(day, wall, expected_utc):
    result = local_dt(day, wall)

    # Compared in UTC: Python never finds a time in the repeated hour equal to one in another
    # zone (PEP 495), even when both name the same instant.
    assert result.astimezone(UTC) == expected_utc
    assert result.tzinfo is LONDON


def test_a_wall_time_in_the_spring_gap_reads_one_hour_later():
    result = local_dt(SPRING_FORWARD, time(1, 30))

    assert result.replace(tzinfo=None) == datetime(2026, 3, 29, 2, 30)
    assert result.utcoffset() == timedelta(hours=1)


def test_a_wall_time_in_the_autumn_fold_is_the_first_occurrence():
    result = local_dt(FALL_BACK, time(1, 30))

    assert result.replace(tzinfo=None) == datetime(2026, 10, 25, 1, 30)
    assert result.utcoffset() == timedelta(hours=1)
    assert result.fold == 0


def test_a_fold_hint_on_the_time_is_ignored():
    assert local_dt(FALL_BACK, time(1, 30, fold=1)).astimezone(UTC) == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )


def test_real_durations_across_the_changes_are_measured_in_utc():
    # A 09:00-to-09:00 span is 23 real hours in March and 25 in October. Subtracting two
    # London datetimes directly would give 24: Python does wall-clock arithmetic within a zone.
    def hours_between(start, end):
        return (end.astimezone(UTC) - start.astimezone(UTC)) / timedelta(hours=1)

    assert (
        hours_between(local_dt(date(2026, 3, 28), time(9)), local_dt(SPRING_FORWARD, time(9))) == 23
    )
    assert hours_between(local_dt(date(2026, 10, 24), time(9)), local_dt(FALL_BACK, time(9))) == 25


def test_local_dt_refuses_an_aware_time():
    with pytest.raises(ValueError, match="naive"):
        local_dt(date(2026, 5, 1), time(9, 0, tzinfo=UTC))


def test_the_module_imports_nothing_from_django():
    import ast
    from pathlib import Path

    import stridewell.core.time as module

    tree = ast.parse(Path(module.__file__).read_text())
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
    }
    assert not any(name.split(".")[0] == "django" for name in imported)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
walls = st.times()


@given(day=days, wall=walls)
def test_local_dt_keeps_the_wall_time_except_in_a_gap(day, wall):
    result = local_dt(day, wall)
    wanted = datetime.combine(day, wall)
    shown = result.replace(tzinfo=None)

    assert result.tzinfo is LONDON
    # Stable: converting through UTC and back shows the same wall time.
    assert result.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) == shown
    if shown != wanted:
        # Only a missing wall time moves, and only forward by the length of the gap.
        assert shown - wanted == timedelta(hours=1)
        assert local_dt(day, wall).utcoffset() == timedelta(hours=1)


@given(day=days, first=walls, second=walls)
def test_later_wall_times_never_map_to_earlier_instants(day, first, second):
    early, late = sorted([first, second])

    assert local_dt(day, early).astimezone(UTC) <= local_dt(day, late).astimezone(UTC)
