"""Replay a marathon block through the clinic glute-med ladder (issue #10, items 3 and 4).

Three sessions a week (Monday, Wednesday, Friday), each with its next-morning check-in, from the
clam. A perfect responder has every session easy (pain 1/10, good control, effort 6/10, morning
back to normal); an average responder is the same except that one session in every three holds
(pain 4/10, settled overnight). The test prints the week each rung is first trained, and checks
the clinic's goals: banded squat by week 6 (perfect) / 10 (average), banded single-leg squat
reachable by week 16 / 24, with its prerequisite still enforced.

To print the table for a note:  .venv/bin/python -m tests.training.engine.test_replay_marathon_block
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stridewell.training.engine import (
    CheckIn,
    Control,
    Ladder,
    SessionResult,
    SetResult,
    dose_top,
    progression_after_session,
    progression_before_session,
    progression_start,
)
from stridewell.training.library_data import library_data_read
from stridewell.training.library_engine import ladder_specs_build

MONDAY = date(2027, 1, 4)
SESSION_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday
WEEKS = 30
BANDED_SQUAT = "gmed_banded_squat"
BANDED_SLS = "gmed_banded_single_leg_squat"
WEIGHTED_SQUAT = "gmed_banded_weighted_squat"


def clinic_ladder() -> Ladder:
    ladders, problems = ladder_specs_build(library_data_read().rung_specs())
    assert problems == []
    return next(ladder for ladder in ladders if ladder.key == "clinic_glute_med")


def replay(ladder: Ladder, *, hold_every: int | None, weeks: int = WEEKS) -> dict[str, int]:
    """Rung key -> the week (1-based) of the first session on it."""
    state = progression_start(
        ladder=ladder, rung_key="gmed_clam", started_on=MONDAY, baseline_pain=1
    )
    reached: dict[str, int] = {}
    for n in range(weeks * len(SESSION_DAYS)):
        week, slot = divmod(n, len(SESSION_DAYS))
        day = MONDAY + timedelta(weeks=week, days=SESSION_DAYS[slot])
        eased = progression_before_session(state, ladder=ladder, today=day)
        assert eased is None  # no breaks in this block
        reached.setdefault(state.rung_key, week + 1)
        holds = hold_every is not None and n % hold_every == hold_every - 1
        pain = 4 if holds else 1
        dose = state.dose
        sets = tuple(SetResult(dose.target, dose.load_step, pain) for _ in range(dose.sets))
        session = SessionResult(state.rung_key, day, sets, Control.GOOD, effort=6)
        morning = CheckIn(day + timedelta(days=1), pain=1, stiffness=1)
        decision = progression_after_session(
            state, ladder=ladder, session=session, next_morning=morning
        )
        assert not decision.alert_physio
        state = decision.new_state
    return reached


def table(ladder: Ladder) -> str:
    perfect, average = replay(ladder, hold_every=None), replay(ladder, hold_every=3)
    lines = [
        "| rung | perfect responder: week | average responder (1 hold in 3): week |",
        "|---|---|---|",
    ]
    for rung in ladder.ordered:
        cells = [str(r.get(rung.key, f"> {WEEKS}")) for r in (perfect, average)]
        lines.append(f"| {rung.label} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def ladder() -> Ladder:
    return clinic_ladder()


def test_the_table_of_weeks_is_printed(ladder: Ladder, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n" + table(ladder))
    assert table(ladder).count("\n") == len(ladder.ordered) + 1


def test_a_perfect_responder_reaches_the_banded_squat_by_week_6_and_the_banded_sls_by_16(
    ladder: Ladder,
) -> None:
    reached = replay(ladder, hold_every=None)
    assert reached[BANDED_SQUAT] <= 6
    assert reached[BANDED_SLS] <= 16


def test_an_average_responder_reaches_the_banded_squat_by_week_10_and_the_banded_sls_by_24(
    ladder: Ladder,
) -> None:
    reached = replay(ladder, hold_every=3)
    assert reached[BANDED_SQUAT] <= 10
    assert reached[BANDED_SLS] <= 24


def test_every_rung_is_climbed_in_order(ladder: Ladder) -> None:
    for hold_every in (None, 3):
        reached = replay(ladder, hold_every=hold_every)
        weeks = [reached[r.key] for r in ladder.ordered]
        assert weeks == sorted(weeks)


def test_the_banded_sls_still_needs_the_banded_weighted_squat_completed(ladder: Ladder) -> None:
    """Placed on the rung below the banded SLS without the weighted squat: it stays locked."""
    below = ladder.below(BANDED_SLS)
    assert below is not None
    sls = ladder.rung(BANDED_SLS)
    assert [p.rung_key for p in sls.prerequisites] == [WEIGHTED_SQUAT]
    state = progression_start(
        ladder=ladder,
        rung_key=below.key,
        started_on=MONDAY,
        baseline_pain=1,
        baseline_stiffness=1,
        dose=dose_top(below.dose, below.scale),
    )
    sets = tuple(SetResult(state.dose.target, state.dose.load_step, 0) for _ in range(3))
    session = SessionResult(below.key, MONDAY, sets, Control.GOOD, effort=5)
    decision = progression_after_session(
        state, ladder=ladder, session=session, next_morning=CheckIn(MONDAY + timedelta(1), 1, 1)
    )
    assert decision.new_state.rung_key == below.key
    assert str(decision.rule) == "H7_next_rung_locked"


def main() -> None:
    print(table(clinic_ladder()))


if __name__ == "__main__":
    main()
