"""Property: the engine lists exactly the starts the naive oracle finds, and validating a start
agrees with listing it. Inputs are random but realistic: wall-clock hours expanded by the clinic
engine around DST changes, random busy times, rooms, closures, on-call shifts past midnight,
and a "now" with stray seconds anywhere around the London date boundary.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stridewell.booking import availability as core
from stridewell.booking import rota
from stridewell.clinic import hours
from tests.booking.engine.oracle import all_bookable, bookable

LONDON = hours.LONDON
# Both 2026 DST Sundays, the days around them, and an ordinary week in summer.
BASE_DAYS = [
    date(2026, 3, 28),
    date(2026, 3, 29),
    date(2026, 3, 30),
    date(2026, 10, 24),
    date(2026, 10, 25),
    date(2026, 10, 26),
    date(2026, 6, 30),
    date(2026, 1, 14),
]


def _wall_range(draw):
    # Mostly daytime hours (so routine types find slots), sometimes anything at all.
    if draw(st.integers(0, 3)):
        opens = draw(st.integers(6 * 4, 12 * 4)) * 15
        length = draw(st.integers(4 * 4, 12 * 4)) * 15
    else:
        opens = draw(st.integers(0, 22 * 4)) * 15
        length = draw(st.integers(2, 16)) * 15
    closes = min(opens + length, 24 * 60 - 1)
    return time(opens // 60, opens % 60), time(closes // 60, closes % 60)


@st.composite
def scenarios(draw):
    base = draw(st.sampled_from(BASE_DAYS))
    first_day = base - timedelta(days=draw(st.integers(0, 1)))
    last_day = first_day + timedelta(days=draw(st.integers(0, 1)))
    around = [first_day + timedelta(days=n) for n in range(-1, 4)]
    rules = core.SlotRules(
        duration_minutes=draw(st.sampled_from([15, 25, 30, 45, 60, 90])),
        buffer_before_minutes=draw(st.sampled_from([0, 0, 5, 10])),
        buffer_after_minutes=draw(st.sampled_from([0, 0, 10, 15])),
        min_notice_minutes=draw(st.sampled_from([0, 30, 120, 24 * 60])),
        horizon_days=draw(st.integers(1, 4)),
        is_emergency=draw(st.booleans()),
        grid_minutes=draw(st.sampled_from([10, 15, 20, 30, 60])),
    )
    opening = tuple(
        hours.OpeningRange(weekday, *_wall_range(draw))
        for weekday in range(7)
        if draw(st.integers(0, 4))
    )
    schedule = hours.Schedule(ranges=opening)
    clinic_open = tuple(iv for d in around for iv in hours.opening_intervals_on(d, schedule))
    closures = frozenset(d for d in around if draw(st.integers(0, 5)) == 0)
    anchor = datetime.combine(first_day, time(12), tzinfo=UTC)
    seed = draw(st.integers(0, 2**32))
    rnd = random.Random(seed)
    diaries = []
    for key in ("asha", "ben")[: draw(st.integers(1, 2))]:
        weekly = tuple(
            rota.WeeklyRange(w, *_wall_range(draw)) for w in range(7) if rnd.random() < 0.8
        )
        working = rota.working_intervals(
            rota.Rota(weekly=weekly), first_day=around[0], last_day=around[-1]
        )
        shifts = [
            hours.OnCallShift(
                day=d, starts=time(rnd.choice([18, 20, 22])), ends=time(rnd.choice([2, 7, 8]))
            )
            for d in around
            if rnd.random() < 0.6
        ]
        busy = []
        for _ in range(rnd.randint(0, 6)):
            start = anchor + timedelta(minutes=rnd.randint(-36 * 60, 48 * 60))
            busy.append(
                hours.Interval(start, start + timedelta(minutes=rnd.choice([20, 30, 60, 75])))
            )
        diaries.append(
            core.PractitionerDiary(
                key=key,
                working=working,
                on_call=rota.on_call_intervals(shifts),
                busy=tuple(busy),
            )
        )
    rooms = None
    if draw(st.booleans()):
        rooms = tuple(
            core.RoomDiary(
                key=f"room-{n}",
                busy=tuple(
                    hours.Interval(s, s + timedelta(minutes=60))
                    for s in (
                        anchor + timedelta(minutes=rnd.randint(-24 * 60, 36 * 60)) for _ in range(3)
                    )
                ),
            )
            for n in range(draw(st.integers(0, 2)))
        )
    if draw(st.booleans()):
        now = anchor - timedelta(seconds=draw(st.integers(-86400, 3 * 86400)))
    else:
        # Close to a London midnight, where the UTC date and the London date disagree in summer.
        midnight = datetime.combine(
            first_day - timedelta(days=draw(st.integers(0, 3))), time(), tzinfo=LONDON
        )
        now = midnight.astimezone(UTC) + timedelta(seconds=draw(st.integers(-5400, 5400)))
    data = core.AvailabilityInput(
        rules=rules,
        practitioners=tuple(diaries),
        clinic_open=clinic_open,
        now=now,
        closures=closures,
        rooms=rooms,
    )
    return data, first_day, last_day


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_listed_slots_are_exactly_the_bookable_starts(scenario):
    data, first_day, last_day = scenario

    listed = core.slot_list(data, first_day=first_day, last_day=last_day)

    expected = all_bookable(data, first_day, last_day)
    assert [(s.start, s.practitioner) for s in listed] == expected
    assert all(s.end - s.start == timedelta(minutes=data.rules.duration_minutes) for s in listed)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(0, 2**32))
def test_validating_a_start_agrees_with_listing_it(scenario, seed):
    data, first_day, last_day = scenario
    listed = {
        (s.start, s.practitioner)
        for s in core.slot_list(data, first_day=first_day, last_day=last_day)
    }
    rnd = random.Random(seed)
    start0 = datetime.combine(first_day, time(), tzinfo=LONDON).astimezone(UTC)
    probes = [start0 + timedelta(minutes=rnd.randint(0, 2 * 24 * 60)) for _ in range(40)]
    probes += [start for start, _ in rnd.sample(sorted(listed), min(10, len(listed)))]

    for start in probes:
        for diary in data.practitioners:
            if start.astimezone(LONDON).date() > last_day:
                continue
            is_listed = (start, diary.key) in listed
            assert core.slot_is_available(data, start=start, practitioner=diary.key) == is_listed
            assert (
                core.slot_problem(data, start=start, practitioner=diary.key) is None
            ) == is_listed
            assert bookable(data, diary, start) == is_listed
