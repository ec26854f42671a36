"""The pure opening-hours engine: wall-clock rules in, real instants and a status out."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stridewell.clinic.hours import (
    LONDON,
    Closure,
    Interval,
    OnCallShift,
    OpeningRange,
    Schedule,
    clinic_status_at,
    closure_errors,
    expand_range,
    opening_intervals_on,
    overlap_errors,
    range_errors,
    shift_intervals,
    shifts_overlap,
    week_table,
)

DASH = "\u2013"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


USUAL_RANGES = (
    *(OpeningRange(day, time(7), time(20)) for day in range(5)),
    OpeningRange(5, time(8), time(14)),
)
CHRISTMAS = (
    Closure(date(2026, 12, 25), date(2026, 12, 25), "Christmas Day"),
    Closure(date(2026, 12, 26), date(2026, 12, 26), "Boxing Day"),
    Closure(date(2026, 12, 28), date(2026, 12, 28), "Boxing Day (observed)"),
)
USUAL = Schedule(ranges=USUAL_RANGES, closures=CHRISTMAS)
# Sunday opens across the small hours so the DST changes fall inside opening time.
SUNDAY_NIGHTS = Schedule(
    ranges=(OpeningRange(6, time(0, 30), time(3)), OpeningRange(6, time(9), time(17)))
)


# --- expanding wall-clock ranges -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "opens", "closes", "expected", "minutes"),
    [
        (date(2026, 1, 5), time(7), time(20), [(utc(2026, 1, 5, 7), utc(2026, 1, 5, 20))], 780),
        (date(2026, 6, 1), time(7), time(20), [(utc(2026, 6, 1, 6), utc(2026, 6, 1, 19))], 780),
        # 2026-03-29: clocks go from 01:00 GMT to 02:00 BST.
        (
            date(2026, 3, 29),
            time(0, 30),
            time(3),
            [(utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 2))],
            90,
        ),
        (date(2026, 3, 29), time(1, 30), time(3), [(utc(2026, 3, 29, 1), utc(2026, 3, 29, 2))], 60),
        (
            date(2026, 3, 29),
            time(0, 30),
            time(1, 30),
            [(utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1))],
            30,
        ),
        (date(2026, 3, 29), time(1, 10), time(1, 50), [], 0),
        (date(2026, 3, 29), time(9), time(17), [(utc(2026, 3, 29, 8), utc(2026, 3, 29, 16))], 480),
        # 2026-10-25: clocks go from 02:00 BST back to 01:00 GMT; 01:00-02:00 happens twice.
        (
            date(2026, 10, 25),
            time(0, 30),
            time(3),
            [(utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 3))],
            210,
        ),
        (date(2026, 10, 25), time(1), time(2), [(utc(2026, 10, 25, 0), utc(2026, 10, 25, 2))], 120),
        (
            date(2026, 10, 25),
            time(1),
            time(1, 30),
            [
                (utc(2026, 10, 25, 0), utc(2026, 10, 25, 0, 30)),
                (utc(2026, 10, 25, 1), utc(2026, 10, 25, 1, 30)),
            ],
            60,
        ),
        (
            date(2026, 10, 25),
            time(9),
            time(17),
            [(utc(2026, 10, 25, 9), utc(2026, 10, 25, 17))],
            480,
        ),
        (
            date(2027, 3, 28),
            time(0, 30),
            time(3),
            [(utc(2027, 3, 28, 0, 30), utc(2027, 3, 28, 2))],
            90,
        ),
        (date(2027, 10, 31), time(1), time(2), [(utc(2027, 10, 31, 0), utc(2027, 10, 31, 2))], 120),
        (
            date(2027, 10, 31),
            time(0),
            time(12),
            [(utc(2027, 10, 30, 23), utc(2027, 10, 31, 12))],
            780,
        ),
    ],
)
def test_expand_range_gives_real_instants_and_real_minutes(day, opens, closes, expected, minutes):
    intervals = expand_range(day, opens, closes, LONDON)

    assert [(iv.start, iv.end) for iv in intervals] == expected
    assert sum(iv.minutes for iv in intervals) == minutes
    assert all(iv.start.tzinfo is UTC and iv.end.tzinfo is UTC for iv in intervals)


@pytest.mark.parametrize(
    ("shift", "expected_start", "expected_end", "minutes"),
    [
        (
            OnCallShift(date(2026, 6, 5), time(20), time(22)),
            utc(2026, 6, 5, 19),
            utc(2026, 6, 5, 21),
            120,
        ),
        # Ends before it starts: runs into the next day, across the spring-forward night.
        (
            OnCallShift(date(2026, 3, 28), time(22), time(6)),
            utc(2026, 3, 28, 22),
            utc(2026, 3, 29, 5),
            420,
        ),
        (
            OnCallShift(date(2026, 10, 24), time(22), time(6)),
            utc(2026, 10, 24, 21),
            utc(2026, 10, 25, 6),
            540,
        ),
        # Equal start and end: a whole day, which is 25 real hours on the fall-back weekend.
        (
            OnCallShift(date(2026, 6, 6), time(9), time(9)),
            utc(2026, 6, 6, 8),
            utc(2026, 6, 7, 8),
            1440,
        ),
        (
            OnCallShift(date(2026, 10, 24), time(9), time(9)),
            utc(2026, 10, 24, 8),
            utc(2026, 10, 25, 9),
            1500,
        ),
    ],
)
def test_shift_intervals_run_past_midnight_when_end_is_not_after_start(
    shift, expected_start, expected_end, minutes
):
    assert shift_intervals(shift, LONDON) == (Interval(expected_start, expected_end),)
    assert shift_intervals(shift, LONDON)[0].minutes == minutes


def test_a_closure_removes_the_whole_day():
    assert opening_intervals_on(date(2026, 12, 25), USUAL) == []
    assert opening_intervals_on(date(2026, 12, 24), USUAL) == [
        Interval(utc(2026, 12, 24, 7), utc(2026, 12, 24, 20))
    ]


def test_touching_ranges_on_one_day_merge_into_one_opening():
    schedule = Schedule(
        ranges=(OpeningRange(0, time(7), time(12)), OpeningRange(0, time(12), time(20)))
    )

    assert opening_intervals_on(date(2026, 6, 1), schedule) == [
        Interval(utc(2026, 6, 1, 6), utc(2026, 6, 1, 19))
    ]
    assert clinic_status_at(london(2026, 6, 1, 11, 59), schedule).label == "Open now · closes 20:00"


# --- status ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "is_open", "closes_at", "next_opens_at", "label"),
    [
        (
            london(2026, 6, 1, 6, 59, 59),
            False,
            None,
            london(2026, 6, 1, 7),
            "Closed · opens today 07:00",
        ),
        (
            london(2026, 6, 1, 7),
            True,
            london(2026, 6, 1, 20),
            london(2026, 6, 2, 7),
            "Open now · closes 20:00",
        ),
        (
            london(2026, 6, 1, 7, 0, 1),
            True,
            london(2026, 6, 1, 20),
            london(2026, 6, 2, 7),
            "Open now · closes 20:00",
        ),
        (
            london(2026, 6, 1, 19, 59, 59),
            True,
            london(2026, 6, 1, 20),
            london(2026, 6, 2, 7),
            "Open now · closes 20:00",
        ),
        (
            london(2026, 6, 1, 20),
            False,
            None,
            london(2026, 6, 2, 7),
            "Closed · opens tomorrow 07:00",
        ),
        (
            london(2026, 6, 5, 20),
            False,
            None,
            london(2026, 6, 6, 8),
            "Closed · opens tomorrow 08:00",
        ),
        (
            london(2026, 6, 6, 7, 59),
            False,
            None,
            london(2026, 6, 6, 8),
            "Closed · opens today 08:00",
        ),
        (
            london(2026, 6, 6, 13, 59, 59),
            True,
            london(2026, 6, 6, 14),
            london(2026, 6, 8, 7),
            "Open now · closes 14:00",
        ),
        (london(2026, 6, 6, 14), False, None, london(2026, 6, 8, 7), "Closed · opens Mon 07:00"),
        (
            london(2026, 6, 7, 12),
            False,
            None,
            london(2026, 6, 8, 7),
            "Closed · opens tomorrow 07:00",
        ),
        (
            london(2026, 1, 5, 7),
            True,
            london(2026, 1, 5, 20),
            london(2026, 1, 6, 7),
            "Open now · closes 20:00",
        ),
        (
            london(2026, 12, 24, 20),
            False,
            None,
            london(2026, 12, 29, 7),
            "Closed · opens Tue 07:00",
        ),
        (
            london(2026, 12, 25, 10),
            False,
            None,
            london(2026, 12, 29, 7),
            "Closed today (Christmas Day) · opens Tue 07:00",
        ),
        (
            london(2026, 12, 28, 10),
            False,
            None,
            london(2026, 12, 29, 7),
            "Closed today (Boxing Day (observed)) · opens tomorrow 07:00",
        ),
    ],
)
def test_status_in_a_usual_week(at, is_open, closes_at, next_opens_at, label):
    status = clinic_status_at(at, USUAL)

    assert (status.is_open, status.closes_at, status.next_opens_at, status.label) == (
        is_open,
        closes_at,
        next_opens_at,
        label,
    )
    # Instants come back in UTC so that adding or subtracting time is real time.
    assert {t.tzinfo for t in (status.closes_at, status.next_opens_at) if t is not None} == {UTC}


@pytest.mark.parametrize(
    ("at", "is_open", "closes_at", "next_opens_at", "label"),
    [
        # 2026-03-29, spring forward at 01:00 UTC.
        (
            utc(2026, 3, 29, 0, 29, 59),
            False,
            None,
            utc(2026, 3, 29, 0, 30),
            "Closed · opens today 00:30",
        ),
        (
            utc(2026, 3, 29, 0, 30),
            True,
            utc(2026, 3, 29, 2),
            utc(2026, 3, 29, 8),
            "Open now · closes 03:00",
        ),
        (
            utc(2026, 3, 29, 0, 59, 59),
            True,
            utc(2026, 3, 29, 2),
            utc(2026, 3, 29, 8),
            "Open now · closes 03:00",
        ),
        (
            utc(2026, 3, 29, 1),
            True,
            utc(2026, 3, 29, 2),
            utc(2026, 3, 29, 8),
            "Open now · closes 03:00",
        ),
        (
            utc(2026, 3, 29, 1, 59, 59),
            True,
            utc(2026, 3, 29, 2),
            utc(2026, 3, 29, 8),
            "Open now · closes 03:00",
        ),
        (utc(2026, 3, 29, 2), False, None, utc(2026, 3, 29, 8), "Closed · opens today 09:00"),
        # 2026-10-25, fall back at 01:00 UTC: open through both passes of 01:00-02:00.
        (
            utc(2026, 10, 24, 23, 29, 59),
            False,
            None,
            utc(2026, 10, 24, 23, 30),
            "Closed · opens today 00:30",
        ),
        (
            utc(2026, 10, 25, 0),
            True,
            utc(2026, 10, 25, 3),
            utc(2026, 10, 25, 9),
            "Open now · closes 03:00",
        ),
        (
            utc(2026, 10, 25, 1, 30),
            True,
            utc(2026, 10, 25, 3),
            utc(2026, 10, 25, 9),
            "Open now · closes 03:00",
        ),
        (
            utc(2026, 10, 25, 2, 59, 59),
            True,
            utc(2026, 10, 25, 3),
            utc(2026, 10, 25, 9),
            "Open now · closes 03:00",
        ),
        (utc(2026, 10, 25, 3), False, None, utc(2026, 10, 25, 9), "Closed · opens today 09:00"),
        (
            utc(2027, 3, 28, 1, 59, 59),
            True,
            utc(2027, 3, 28, 2),
            utc(2027, 3, 28, 8),
            "Open now · closes 03:00",
        ),
        (utc(2027, 3, 28, 2), False, None, utc(2027, 3, 28, 8), "Closed · opens today 09:00"),
        (
            utc(2027, 10, 31, 2, 30),
            True,
            utc(2027, 10, 31, 3),
            utc(2027, 10, 31, 9),
            "Open now · closes 03:00",
        ),
        (
            utc(2027, 10, 31, 17),
            False,
            None,
            utc(2027, 11, 7, 0, 30),
            "Closed · opens Sun 7 Nov 00:30",
        ),
    ],
)
def test_status_on_dst_days(at, is_open, closes_at, next_opens_at, label):
    status = clinic_status_at(at, SUNDAY_NIGHTS)

    assert (status.is_open, status.closes_at, status.next_opens_at, status.label) == (
        is_open,
        closes_at,
        next_opens_at,
        label,
    )


def test_next_opening_skips_a_closure_longer_than_a_week():
    schedule = Schedule(
        ranges=USUAL_RANGES,
        closures=(Closure(date(2026, 12, 24), date(2027, 1, 3), "Winter break"),),
    )

    status = clinic_status_at(london(2026, 12, 23, 20), schedule)

    assert status.next_opens_at == london(2027, 1, 4, 7)
    assert status.label == "Closed · opens Mon 4 Jan 07:00"


def test_no_opening_within_the_search_window_says_only_closed():
    closed_for_months = Closure(date(2026, 6, 1), date(2026, 9, 30), "Refurbishment")
    schedule = Schedule(ranges=USUAL_RANGES, closures=(closed_for_months,))

    status = clinic_status_at(london(2026, 6, 2, 12), schedule)

    assert (status.is_open, status.next_opens_at, status.label) == (
        False,
        None,
        "Closed today (Refurbishment)",
    )


def test_a_clinic_without_hours_is_closed_with_no_next_opening():
    status = clinic_status_at(london(2026, 6, 1, 12), Schedule())

    assert (status.is_open, status.closes_at, status.next_opens_at, status.label) == (
        False,
        None,
        None,
        "Closed",
    )


def test_status_refuses_a_naive_instant():
    with pytest.raises(ValueError, match="timezone-aware"):
        clinic_status_at(datetime(2026, 6, 1, 12), USUAL)


ROTA = Schedule(
    ranges=USUAL_RANGES,
    shifts=(
        OnCallShift(date(2026, 6, 5), time(19), time(22), physio="Asha Patel"),
        OnCallShift(date(2026, 6, 6), time(22), time(2), physio="Ben Okoro"),
        OnCallShift(date(2026, 6, 7), time(9), time(17), physio="Cara Lund"),
    ),
)


@pytest.mark.parametrize(
    ("at", "is_open", "is_emergency_cover", "on_call", "on_call_until"),
    [
        # On call while the doors are still open is not emergency cover.
        (london(2026, 6, 5, 19, 30), True, False, "Asha Patel", london(2026, 6, 5, 22)),
        (london(2026, 6, 5, 20), False, True, "Asha Patel", london(2026, 6, 5, 22)),
        (london(2026, 6, 5, 22), False, False, None, None),
        (london(2026, 6, 6, 23), False, True, "Ben Okoro", london(2026, 6, 7, 2)),
        (london(2026, 6, 7, 1, 59, 59), False, True, "Ben Okoro", london(2026, 6, 7, 2)),
        (london(2026, 6, 7, 2), False, False, None, None),
        (london(2026, 6, 7, 9), False, True, "Cara Lund", london(2026, 6, 7, 17)),
        (london(2026, 6, 8, 12), True, False, None, None),
    ],
)
def test_emergency_cover_is_on_call_outside_opening_hours(
    at, is_open, is_emergency_cover, on_call, on_call_until
):
    status = clinic_status_at(at, ROTA)

    assert status.is_open is is_open
    assert status.is_emergency_cover is is_emergency_cover
    assert (status.on_call.physio if status.on_call else None) == on_call
    assert status.on_call_until == on_call_until


# --- weekly table and validation -------------------------------------------------------------


def test_week_table_lists_every_day_from_monday_with_today_marked():
    ranges = (
        OpeningRange(0, time(13), time(20)),
        OpeningRange(0, time(7), time(12)),
        OpeningRange(5, time(8), time(14)),
    )

    rows = week_table(ranges, today=date(2026, 6, 6))  # a Saturday

    assert [(r.day_name, r.ranges_text, r.is_today) for r in rows] == [
        ("Monday", f"07:00{DASH}12:00, 13:00{DASH}20:00", False),
        ("Tuesday", "Closed", False),
        ("Wednesday", "Closed", False),
        ("Thursday", "Closed", False),
        ("Friday", "Closed", False),
        ("Saturday", f"08:00{DASH}14:00", True),
        ("Sunday", "Closed", False),
    ]


@pytest.mark.parametrize(
    ("opens", "closes", "errors"),
    [
        (time(7), time(20), []),
        (time(9), time(7), ["Closing time (07:00) must be after opening time (09:00)."]),
        (time(9), time(9), ["Closing time (09:00) must be after opening time (09:00)."]),
    ],
)
def test_range_errors(opens, closes, errors):
    assert range_errors(opens, closes) == errors


@pytest.mark.parametrize(
    ("ranges", "errors"),
    [
        ([OpeningRange(0, time(7), time(12)), OpeningRange(0, time(12), time(20))], []),
        ([OpeningRange(0, time(7), time(12)), OpeningRange(1, time(11), time(14))], []),
        (
            [OpeningRange(0, time(11), time(14)), OpeningRange(0, time(7), time(12))],
            [f"Monday: 07:00{DASH}12:00 overlaps 11:00{DASH}14:00."],
        ),
        (
            [
                OpeningRange(6, time(8), time(18)),
                OpeningRange(6, time(9), time(10)),
                OpeningRange(6, time(12), time(13)),
            ],
            [
                f"Sunday: 08:00{DASH}18:00 overlaps 09:00{DASH}10:00.",
                f"Sunday: 08:00{DASH}18:00 overlaps 12:00{DASH}13:00.",
            ],
        ),
    ],
)
def test_overlap_errors_name_the_day_and_both_ranges(ranges, errors):
    assert overlap_errors(ranges) == errors


def test_closure_errors():
    assert closure_errors(date(2026, 12, 24), date(2026, 12, 24)) == []
    assert closure_errors(date(2026, 12, 24), date(2026, 12, 23)) == [
        "The last day (2026-12-23) cannot be before the first day (2026-12-24)."
    ]


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (
            OnCallShift(date(2026, 6, 5), time(20), time(22)),
            OnCallShift(date(2026, 6, 5), time(21), time(23)),
            True,
        ),
        (
            OnCallShift(date(2026, 6, 5), time(20), time(22)),
            OnCallShift(date(2026, 6, 5), time(22), time(23)),
            False,
        ),
        (
            OnCallShift(date(2026, 6, 5), time(22), time(2)),
            OnCallShift(date(2026, 6, 6), time(1), time(3)),
            True,
        ),
        (
            OnCallShift(date(2026, 6, 5), time(22), time(2)),
            OnCallShift(date(2026, 6, 6), time(2), time(3)),
            False,
        ),
    ],
)
def test_shifts_overlap(a, b, overlap):
    assert shifts_overlap(a, b) is overlap
    assert shifts_overlap(b, a) is overlap


# --- properties --------------------------------------------------------------------------------

DST_DAYS = (date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31))


@st.composite
def weekly_ranges(draw: st.DrawFn) -> tuple[OpeningRange, ...]:
    ranges = []
    for weekday in range(7):
        cuts = sorted(draw(st.lists(st.integers(0, 24 * 60 - 1), max_size=4, unique=True)))
        for opens, closes in zip(cuts[::2], cuts[1::2], strict=False):
            ranges.append(
                OpeningRange(weekday, time(*divmod(opens, 60)), time(*divmod(closes, 60)))
            )
    return tuple(ranges)


closures = st.lists(
    st.builds(
        lambda start, days, reason: Closure(start, start + timedelta(days=days), reason),
        st.dates(date(2026, 1, 1), date(2027, 12, 31)),
        st.integers(0, 10),
        st.sampled_from(["", "Bank holiday", "Staff training"]),
    ),
    max_size=3,
)
schedules = st.builds(lambda r, c: Schedule(ranges=r, closures=tuple(c)), weekly_ranges(), closures)
any_instant = st.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31), timezones=st.just(UTC))
near_dst = st.builds(
    lambda day, seconds: (
        datetime.combine(day, time(0), tzinfo=UTC) + timedelta(seconds=seconds - 3 * 3600)
    ),
    st.sampled_from(DST_DAYS),
    st.integers(0, 9 * 3600),
)
instants = st.one_of(any_instant, near_dst)


def open_by_the_wall_clock(instant: datetime, schedule: Schedule) -> bool:
    """An independent reading of the rule: what does a clock on the clinic wall show?"""
    local = instant.astimezone(LONDON)
    if any(c.covers(local.date()) for c in schedule.closures):
        return False
    wall = local.time()
    return any(r.weekday == local.weekday() and r.opens <= wall < r.closes for r in schedule.ranges)


@settings(max_examples=300, deadline=None)
@given(schedule=schedules, at=instants)
def test_property_open_exactly_when_the_wall_clock_is_inside_a_range(schedule, at):
    status = clinic_status_at(at, schedule)
    in_some_interval = any(
        at in iv for iv in opening_intervals_on(at.astimezone(LONDON).date(), schedule)
    )

    assert status.is_open == open_by_the_wall_clock(at, schedule) == in_some_interval


@settings(max_examples=200, deadline=None)
@given(schedule=schedules, at=instants)
def test_property_next_opening_is_a_closed_to_open_edge_in_the_future(schedule, at):
    status = clinic_status_at(at, schedule)

    if status.next_opens_at is not None:
        assert status.next_opens_at > at
        assert clinic_status_at(status.next_opens_at, schedule).is_open
        assert not clinic_status_at(
            status.next_opens_at - timedelta(microseconds=1), schedule
        ).is_open


@settings(max_examples=200, deadline=None)
@given(schedule=schedules, at=instants)
def test_property_closing_time_is_an_open_to_closed_edge(schedule, at):
    status = clinic_status_at(at, schedule)

    assert (status.closes_at is not None) == status.is_open
    if status.closes_at is not None:
        assert status.closes_at > at
        assert clinic_status_at(status.closes_at - timedelta(microseconds=1), schedule).is_open
        assert not clinic_status_at(status.closes_at, schedule).is_open


shift_lists = st.lists(
    st.builds(
        OnCallShift,
        st.dates(date(2026, 1, 1), date(2027, 12, 31)),
        st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    ),
    max_size=4,
)


@settings(max_examples=200, deadline=None)
@given(schedule=schedules, shifts=shift_lists, at=instants)
def test_property_never_both_open_and_emergency_cover(schedule, shifts, at):
    rota = Schedule(ranges=schedule.ranges, closures=schedule.closures, shifts=tuple(shifts))

    status = clinic_status_at(at, rota)

    assert not (status.is_open and status.is_emergency_cover)
    assert status.is_emergency_cover == (not status.is_open and status.on_call is not None)
    if status.on_call is not None:
        assert any(at in iv for iv in shift_intervals(status.on_call))
