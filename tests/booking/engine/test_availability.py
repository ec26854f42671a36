"""The availability core on concrete clinic weeks: rules, DST nights, London date boundaries."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from stridewell.booking import availability as core
from stridewell.booking import rota
from stridewell.booking.availability import Problem
from stridewell.clinic import hours

LONDON = hours.LONDON
CLINIC_WEEK = hours.Schedule(
    ranges=(
        *(hours.OpeningRange(day, time(7), time(20)) for day in range(5)),
        hours.OpeningRange(5, time(8), time(14)),
    )
)
FOLLOW_UP = core.SlotRules(duration_minutes=30, grid_minutes=15, min_notice_minutes=120)
EMERGENCY = core.SlotRules(
    duration_minutes=30, grid_minutes=30, min_notice_minutes=30, horizon_days=3, is_emergency=True
)


def at(day: date, hh: int, mm: int = 0, fold: int = 0) -> datetime:
    """A London wall-clock reading as a UTC instant."""
    return datetime.combine(day, time(hh, mm), tzinfo=LONDON).replace(fold=fold).astimezone(UTC)


def local(instant: datetime) -> str:
    reading = instant.astimezone(LONDON)
    return f"{reading:%H:%M} {reading.tzname()}"


def clinic_data(
    *,
    first: date,
    last: date,
    rules=FOLLOW_UP,
    now: datetime,
    busy=(),
    shifts=(),
    weekly=None,
    closures=frozenset(),
    rooms=None,
):
    days = [first + timedelta(days=n) for n in range(-1, (last - first).days + 2)]
    schedule = hours.Schedule(ranges=CLINIC_WEEK.ranges)
    weekly = weekly or tuple(rota.WeeklyRange(d, time(8), time(18)) for d in range(6))
    diary = core.PractitionerDiary(
        key="asha-patel",
        working=rota.working_intervals(
            rota.Rota(weekly=weekly), first_day=days[0], last_day=days[-1]
        ),
        on_call=rota.on_call_intervals(shifts),
        busy=tuple(busy),
    )
    return core.AvailabilityInput(
        rules=rules,
        practitioners=(diary,),
        clinic_open=tuple(iv for d in days for iv in hours.opening_intervals_on(d, schedule)),
        now=now,
        closures=frozenset(closures),
        rooms=rooms,
    )


MONDAY = date(2026, 6, 15)
SUNDAY_BEFORE = date(2026, 6, 14)


# --- routine rules -------------------------------------------------------------------------


def test_a_routine_day_lists_the_working_hours_inside_opening_hours_on_a_london_grid():
    data = clinic_data(first=MONDAY, last=MONDAY, now=at(SUNDAY_BEFORE, 9))

    slots = core.slot_list(data, first_day=MONDAY, last_day=MONDAY)

    assert local(slots[0].start) == "08:00 BST"
    assert local(slots[-1].start) == "17:30 BST"  # 30 minutes, so the last one ends at 18:00
    assert len(slots) == (17 * 60 + 30 - 8 * 60) // 15 + 1
    assert slots[0].start == datetime(2026, 6, 15, 7, 0, tzinfo=UTC)


def test_busy_time_with_buffers_blocks_overlaps_but_back_to_back_is_allowed():
    rules = core.SlotRules(duration_minutes=60, buffer_after_minutes=15, grid_minutes=15)
    # An existing appointment 10:00-11:00 with its own 15-minute buffer: busy 10:00-11:15.
    busy = [hours.Interval(at(MONDAY, 10), at(MONDAY, 11, 15))]
    data = clinic_data(first=MONDAY, last=MONDAY, rules=rules, now=at(SUNDAY_BEFORE, 9), busy=busy)

    starts = [local(s.start) for s in core.slot_list(data, first_day=MONDAY, last_day=MONDAY)]

    # 08:45 would need 08:45-10:00 plus its buffer to 10:00... it ends exactly at 10:00: allowed.
    assert "08:45 BST" in starts
    assert "09:00 BST" not in starts  # 09:00-10:00 + 15 min buffer overlaps 10:00
    assert "11:00 BST" not in starts
    assert "11:15 BST" in starts  # back to back with the buffered end
    assert core.slot_problem(data, start=at(MONDAY, 10, 30), practitioner="asha-patel") == (
        Problem.PRACTITIONER_BUSY
    )


@pytest.mark.parametrize(
    ("start", "problem"),
    [
        (at(MONDAY, 9, 7), Problem.OFF_GRID),
        (at(MONDAY, 9, 0) + timedelta(seconds=30), Problem.OFF_GRID),
        (at(SUNDAY_BEFORE, 8), Problem.IN_PAST),
        (at(MONDAY, 8), Problem.TOO_SOON),  # now is 07:30 and the notice is two hours
        (at(MONDAY + timedelta(days=61), 9), Problem.BEYOND_HORIZON),
        (at(MONDAY + timedelta(days=6), 10), Problem.SUNDAY),
        (at(MONDAY + timedelta(days=5), 14), Problem.OUTSIDE_OPENING_HOURS),  # Saturday 14:00
        (at(MONDAY, 19), Problem.PRACTITIONER_NOT_WORKING),
        (at(MONDAY + timedelta(days=1), 6, 30), Problem.OUTSIDE_OPENING_HOURS),
    ],
)
def test_each_rule_is_named_when_a_routine_start_is_refused(start, problem):
    data = clinic_data(first=MONDAY, last=MONDAY + timedelta(days=7), now=at(MONDAY, 7, 30))

    assert core.slot_problem(data, start=start, practitioner="asha-patel") == problem
    assert not core.slot_is_available(data, start=start, practitioner="asha-patel")


def test_a_closure_day_has_no_routine_slots_and_says_why():
    closed = MONDAY + timedelta(days=1)
    data = clinic_data(first=MONDAY, last=closed, now=at(SUNDAY_BEFORE, 9), closures={closed})

    slots = core.slot_list(data, first_day=MONDAY, last_day=closed)

    assert {s.start.astimezone(LONDON).date() for s in slots} == {MONDAY}
    assert core.slot_problem(data, start=at(closed, 10), practitioner="asha-patel") == (
        Problem.CLINIC_CLOSED
    )


def test_an_unknown_practitioner_is_named():
    data = clinic_data(first=MONDAY, last=MONDAY, now=at(SUNDAY_BEFORE, 9))

    assert core.slot_problem(data, start=at(MONDAY, 9), practitioner="nobody") == (
        Problem.UNKNOWN_PRACTITIONER
    )


def test_a_type_needing_a_room_is_free_while_one_of_its_rooms_is():
    taken = hours.Interval(at(MONDAY, 9), at(MONDAY, 10))
    rooms = (core.RoomDiary("room-1", busy=(taken,)), core.RoomDiary("room-2", busy=(taken,)))
    data = clinic_data(first=MONDAY, last=MONDAY, now=at(SUNDAY_BEFORE, 9), rooms=rooms)
    one_free = (core.RoomDiary("room-1", busy=(taken,)), core.RoomDiary("room-2"))
    data_one_free = clinic_data(first=MONDAY, last=MONDAY, now=at(SUNDAY_BEFORE, 9), rooms=one_free)

    assert core.slot_problem(data, start=at(MONDAY, 9, 15), practitioner="asha-patel") == (
        Problem.NO_ROOM
    )
    assert core.slot_is_available(data_one_free, start=at(MONDAY, 9, 15), practitioner="asha-patel")
    assert core.room_pick(data_one_free, start=at(MONDAY, 9, 15)) == "room-2"
    assert core.rooms_free(data_one_free, start=at(MONDAY, 11)) == ["room-1", "room-2"]


# --- emergencies ------------------------------------------------------------------------------


def test_emergencies_are_only_outside_opening_hours_on_the_on_call_shift():
    # On call 18:00-22:00 on a Monday; the clinic is open until 20:00.
    shifts = [hours.OnCallShift(day=MONDAY, starts=time(18), ends=time(22))]
    data = clinic_data(
        first=MONDAY, last=MONDAY, rules=EMERGENCY, now=at(MONDAY, 12), shifts=shifts
    )

    starts = [local(s.start) for s in core.slot_list(data, first_day=MONDAY, last_day=MONDAY)]

    assert starts == ["20:00 BST", "20:30 BST", "21:00 BST", "21:30 BST"]
    assert core.slot_problem(data, start=at(MONDAY, 19), practitioner="asha-patel") == (
        Problem.INSIDE_OPENING_HOURS
    )
    assert core.slot_problem(data, start=at(MONDAY, 22), practitioner="asha-patel") == (
        Problem.NOT_ON_CALL
    )


def test_emergencies_run_on_sundays_and_closure_days():
    sunday = MONDAY + timedelta(days=6)
    shifts = [hours.OnCallShift(day=sunday, starts=time(9), ends=time(17))]
    data = clinic_data(
        first=sunday,
        last=sunday,
        rules=EMERGENCY,
        now=at(sunday, 8),
        shifts=shifts,
        closures={sunday},
    )

    slots = core.slot_list(data, first_day=sunday, last_day=sunday)

    assert len(slots) == 16
    assert local(slots[0].start) == "09:00 BST"
    assert local(slots[-1].start) == "16:30 BST"


# --- DST ----------------------------------------------------------------------------------------

SPRING_SATURDAY = date(2026, 3, 28)  # clocks go forward at 01:00 GMT on Sunday 29 March
AUTUMN_SATURDAY = date(2026, 10, 24)  # clocks go back at 02:00 BST on Sunday 25 October


def _night_cover(saturday: date):
    night = [hours.OnCallShift(day=saturday, starts=time(20), ends=time(8))]
    sunday = saturday + timedelta(days=1)
    data = clinic_data(
        first=saturday, last=sunday, rules=EMERGENCY, now=at(saturday, 12), shifts=night
    )
    return data, core.slot_list(data, first_day=saturday, last_day=sunday)


def test_spring_forward_night_has_no_slot_in_the_missing_hour():
    _data, slots = _night_cover(SPRING_SATURDAY)

    readings = [local(s.start) for s in slots]
    assert "00:30 GMT" in readings
    assert not any(r.startswith("01:") for r in readings)  # 01:00-02:00 does not exist
    assert readings[readings.index("00:30 GMT") + 1] == "02:00 BST"
    # 20:00 GMT to 08:00 BST is 11 real hours: 22 half-hour slots, each 30 real minutes.
    assert len(slots) == 22
    assert all(b.start - a.start == timedelta(minutes=30) for a, b in itertools.pairwise(slots))
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_fall_back_night_lists_both_passes_of_the_repeated_hour_once_each():
    data, slots = _night_cover(AUTUMN_SATURDAY)

    readings = [local(s.start) for s in slots]
    assert readings.count("01:00 BST") == readings.count("01:00 GMT") == 1
    assert readings.count("01:30 BST") == readings.count("01:30 GMT") == 1
    starts = [s.start for s in slots]
    assert len(set(starts)) == len(starts)  # no instant twice
    # 20:00 BST to 08:00 GMT is 13 real hours: 26 slots, evenly spaced in real time.
    assert len(slots) == 26
    assert all(b - a == timedelta(minutes=30) for a, b in itertools.pairwise(starts))
    sunday = AUTUMN_SATURDAY + timedelta(days=1)
    second_pass = at(sunday, 1, 30, fold=1)
    assert core.slot_is_available(data, start=second_pass, practitioner="asha-patel")


def test_working_hours_on_the_days_around_the_change_keep_their_wall_clock_times():
    monday_after = SPRING_SATURDAY + timedelta(days=2)
    data = clinic_data(first=SPRING_SATURDAY, last=monday_after, now=at(SPRING_SATURDAY, 6))

    slots = core.slot_list(data, first_day=SPRING_SATURDAY, last_day=monday_after)

    saturday = [s for s in slots if s.start.astimezone(LONDON).date() == SPRING_SATURDAY]
    monday = [s for s in slots if s.start.astimezone(LONDON).date() == monday_after]
    assert (local(saturday[0].start), saturday[0].start.hour) == ("08:00 GMT", 8)
    assert (local(monday[0].start), monday[0].start.hour) == ("08:00 BST", 7)
    assert not [s for s in slots if s.start.astimezone(LONDON).weekday() == 6]


def test_the_grid_follows_the_local_clock_through_a_change_that_is_not_whole_hours():
    # London's changes are whole hours, which hides a grid counted in UTC. Lord Howe Island
    # moves its clocks by 30 minutes (02:00 -> 02:30 on 4 October 2026); the engine is the same.
    lord_howe = ZoneInfo("Australia/Lord_Howe")
    saturday = date(2026, 10, 3)
    shift = hours.OnCallShift(day=saturday, starts=time(20), ends=time(8))
    rules = core.SlotRules(duration_minutes=30, grid_minutes=60, is_emergency=True, horizon_days=3)
    diary = core.PractitionerDiary(key="asha", on_call=rota.on_call_intervals([shift], lord_howe))
    now = datetime.combine(saturday, time(9), tzinfo=lord_howe)
    data = core.AvailabilityInput(
        rules=rules, practitioners=(diary,), clinic_open=(), now=now, tz=lord_howe
    )

    slots = core.slot_list(data, first_day=saturday, last_day=saturday + timedelta(days=1))

    readings = [s.start.astimezone(lord_howe).strftime("%H:%M") for s in slots]
    evening = ["20:00", "21:00", "22:00", "23:00", "00:00", "01:00"]
    assert readings == [*evening, "03:00", "04:00", "05:00", "06:00", "07:00"]


# --- server clock in UTC, clinic dates in London -------------------------------------------


def test_the_horizon_counts_london_days_not_utc_days():
    # 23:30 UTC on 30 June is already 00:30 on 1 July in London.
    now = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    rules = core.SlotRules(duration_minutes=30, grid_minutes=15, horizon_days=1)
    july_2 = date(2026, 7, 2)
    data = clinic_data(first=july_2, last=july_2, rules=rules, now=now)

    assert core.slot_is_available(data, start=at(july_2, 9), practitioner="asha-patel")
    assert core.slot_problem(data, start=at(date(2026, 7, 3), 9), practitioner="asha-patel") == (
        Problem.BEYOND_HORIZON
    )


def test_a_london_day_is_listed_by_its_london_date_whatever_the_utc_date():
    shifts = [hours.OnCallShift(day=MONDAY, starts=time(22), ends=time(2))]
    data = clinic_data(
        first=MONDAY, last=MONDAY, rules=EMERGENCY, now=at(MONDAY, 12), shifts=shifts
    )

    slots = core.slot_list(data, first_day=MONDAY, last_day=MONDAY)

    # 23:30 BST on Monday is 22:30 UTC Monday; 00:00 BST Tuesday is 23:00 UTC Monday, but it
    # belongs to Tuesday's list, not Monday's.
    assert [local(s.start) for s in slots] == ["22:00 BST", "22:30 BST", "23:00 BST", "23:30 BST"]
    tuesday = core.slot_list(
        data, first_day=MONDAY + timedelta(days=1), last_day=MONDAY + timedelta(days=1)
    )
    assert tuesday[0].start == datetime(2026, 6, 15, 23, 0, tzinfo=UTC)


def test_rules_that_can_never_be_met_are_named():
    assert core.rules_problems(core.SlotRules(duration_minutes=30)) == {}
    problems = core.rules_problems(
        core.SlotRules(
            duration_minutes=30, min_notice_minutes=3 * 24 * 60, horizon_days=3, grid_minutes=7
        )
    )
    assert set(problems) == {"min_notice_minutes", "grid_minutes"}
    assert "horizon" in problems["min_notice_minutes"]
