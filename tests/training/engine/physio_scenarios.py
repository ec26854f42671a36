"""The physio scenarios: a runner per scenario, replayed through the pure engine on the real
clinic ladders (`scenario_replay.Replay`). `test_physio_scenarios` checks and prints them.

Dates are pinned (from Monday 4 January 2027); nothing reads today's date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from stridewell.training.engine import (
    Control,
    Override,
    ScreeningInput,
    Sex,
    dose_describe,
    progression_start,
    screening_place,
)
from stridewell.training.engine.screening import LadderPlacement

from .scenario_replay import MONDAY, Replay, Row, clinic_ladder, clinic_ladders, started_at

LADDER = "clinic_glute_med"
PHYSIO = "Priya Shah"


def days(n: int) -> date:
    """`n` days after Monday 4 January 2027."""
    return MONDAY + timedelta(days=n)


# --- 1. First session after screening --------------------------------------------------------


def first_week() -> Replay:
    """A new runner self-screens, is placed on the clam, and trains Monday, Wednesday and Friday.

    The first week of check-ins teaches their usual morning stiffness, so nothing moves that week
    (H5); the first session judged against a learnt usual level earns a step."""
    screening = ScreeningInput(
        age=31,
        sex=Sex.FEMALE,
        current_pain=1,
        is_self_screen=True,
        years_running=1,
        weekly_km=20,
        marathons_finished=0,
    )
    placement = screening_place(screening, clinic_ladders())
    ladder = clinic_ladder(LADDER)
    placed = next(p for p in placement.placements if p.ladder_key == LADDER)
    state = progression_start(
        ladder=ladder,
        rung_key=placed.rung_key,
        started_on=MONDAY,
        baseline_pain=placement.baseline_pain,
        assumed_progress=dict(placement.assumed_progress),
    )
    replay = Replay(
        "1. First sessions after a self-screen (a new runner's baseline week)",
        ladder,
        state,
        note=(
            "Self-screen: 31, 1 year running, 20 km a week, pain 1/10 today. Sessions Monday, "
            "Wednesday, Friday, every one easy (pain 1/10, good control, effort 6/10), every "
            "next morning back to normal."
        ),
    )
    _placed_row(replay, placed, placement.baseline_pain)
    for n in (0, 2, 4, 7):
        replay.session(days(n), pain=1, effort=6, morning=(1, 1))
    return replay


def _placed_row(replay: Replay, placed: LadderPlacement, baseline_pain: int) -> None:
    rung = replay.ladder.rung(placed.rung_key)
    replay.rows.append(
        Row(
            MONDAY,
            f"screening (usual morning pain set to {baseline_pain}/10)",
            str(placed.rule),
            "placed",
            rung.key,
            rung.dose,
            f"{rung.label.split(' (')[0]}: {dose_describe(rung.dose, rung.scale)}",
            placed.reason,
        )
    )


# --- 2. Flare after a long run ---------------------------------------------------------------


def long_run_flare(morning_pain: int) -> Replay:
    """Saturday: banded clams, then a long run. Sunday morning's pain is `morning_pain` (usual
    1/10) and the check-in says "a race or long run yesterday"."""
    ladder = clinic_ladder(LADDER)
    state = started_at(ladder, "gmed_banded_clam", target=12)
    replay = Replay(
        f"2{'ab'[morning_pain > 3]}. The morning after a long run, "
        f"{morning_pain - 1} points above usual",
        ladder,
        state,
        note=(
            "Usual morning 1/10 pain and stiffness. Banded clams on Wednesday and Saturday "
            f"(easy), a 30 km long run on Saturday, Sunday morning pain {morning_pain}/10."
        ),
    )
    replay.session(days(2), pain=1, morning=(1, 1))
    replay.session(days(5), pain=1, morning=(morning_pain, 2), long_run_yesterday=True)
    return replay


# --- 3. Ill, then back after a break ---------------------------------------------------------


def ill_then_back() -> Replay:
    """Ill for a fortnight after Monday's session: unwell mornings, no sessions, back 15 days on."""
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "3a. Two weeks ill, back after 15 days",
        ladder,
        started_at(ladder, "gmed_banded_clam", target=12),
        note=(
            "Usual morning 1/10. A session on Monday 4 January, then a fortnight of flu: she "
            "checks in feeling ill, skips her sessions, and opens the next one on 19 January."
        ),
    )
    replay.session(days(0), pain=1, morning=(2, 2), unwell=True)
    replay.check_in(days(2), 2, 2, unwell=True)
    replay.check_in(days(5), 1, 2, unwell=True)
    replay.check_in(days(9), 1, 1)
    replay.open_session(days(15))
    replay.session(days(15), pain=1, morning=(1, 1))
    return replay


def back_after(gap: int, rung_key: str, *, target: int, load_step: int = 0) -> Replay:
    """One session, then `gap` days off (an injury elsewhere, a holiday), then back."""
    ladder = clinic_ladder(LADDER)
    rule = {30: "G2", 60: "G3"}.get(gap, "G1")
    replay = Replay(
        f"3{'bc'[gap > 30]}. Back after {gap} days off ({rule})",
        ladder,
        started_at(ladder, rung_key, target=target, load_step=load_step),
        note=f"Usual morning 1/10. A good session, then {gap} days without one.",
    )
    replay.session(days(0), pain=1, morning=(1, 1))
    replay.open_session(days(gap))
    replay.session(days(gap), pain=1, morning=(1, 1))
    return replay


# --- 4. Severe pain during a set -------------------------------------------------------------


def pain_9_in_a_set() -> Replay:
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "4. Pain 9/10 during a set: paused until the physio resumes it",
        ladder,
        started_at(ladder, "gmed_banded_squat", target=12, load_step=1),
        note=(
            "Usual morning 1/10. Banded squats at 3 × 12 with the medium band; on Wednesday a "
            "set hurts 9/10. The decision is made when the session is logged, not the next "
            "morning."
        ),
    )
    replay.session(days(0), pain=2, morning=(1, 1))
    replay.session(days(2), pain=9, morning=None)
    replay.check_in(days(3), 3, 3, session_yesterday=True)
    replay.open_session(days(4))
    replay.refused_session(days(4))
    replay.resume(days(6), PHYSIO)
    replay.open_session(days(7))
    replay.session(days(7), pain=1, morning=(1, 1))
    return replay


# --- 5. Plateau ------------------------------------------------------------------------------


def plateau() -> Replay:
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "5. Two weeks of holds with reacting mornings: a plateau for the physio",
        ladder,
        started_at(ladder, "gmed_banded_side_steps", target=12, started_on=MONDAY),
        note=(
            "Usual morning 1/10. Banded side steps Monday, Wednesday, Friday for two weeks. "
            "Nothing alarming, but nothing earns a step either: most next mornings are 2/10, one "
            "session reaches 4/10, one is done with only ok control. The plateau scan runs daily."
        ),
    )
    # (day, pain during, control, next-morning pain)
    pattern = (
        (0, 1, Control.GOOD, 2),
        (2, 1, Control.GOOD, 2),
        (4, 4, Control.GOOD, 1),
        (7, 1, Control.GOOD, 2),
        (9, 1, Control.OK, 1),
        (11, 1, Control.GOOD, 2),
    )
    for n, pain, control, morning_pain in pattern:
        replay.session(days(n), pain=pain, control=control, morning=(morning_pain, 1))
    replay.plateau_scan(days(13), since=MONDAY)
    replay.plateau_scan(days(14), since=MONDAY)
    return replay


# --- 6. A physio's pin -----------------------------------------------------------------------


def pinned_then_pain_6(*, dose_pinned: bool = True) -> Replay:
    """A physio pins banded weighted squats (the dose too, or only the rung); a session on the
    pin hurts 6/10."""
    ladder = clinic_ladder(LADDER)
    rung = ladder.rung("gmed_banded_weighted_squat")
    state = started_at(ladder, rung.key, target=8, load_step=1)
    pinned = replace(state.dose, target=10)
    what = dose_describe(pinned, rung.scale)
    if dose_pinned:
        title = "6a. A physio's pinned dose hurts 6/10: safety beats the pin (S3)"
        note = f"{PHYSIO} pins banded weighted squats at {what} after a review."
    else:
        title = "6b. Only the rung is pinned, and it hurts 6/10: eased within the rung (R1)"
        note = f"{PHYSIO} pins the banded weighted squat (the dose may still move), from {what}."
    replay = Replay(
        title,
        ladder,
        state,
        note=note + " On Wednesday the sets hurt 6/10 (usual morning 1/10).",
    )
    override = Override(rung.key, pinned if dose_pinned else None, PHYSIO, days(0), "review")
    if not dose_pinned:
        replay.state = replace(replay.state, dose=pinned)
    replay.pin(days(0), override)
    replay.session(days(0), pain=2, morning=(1, 1))
    replay.session(days(2), pain=6, morning=None)
    return replay


# --- 7. A red flag on a rest day -------------------------------------------------------------


def numbness_on_a_rest_day() -> Replay:
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "7a. Numbness reported at a rest-day check-in",
        ladder,
        started_at(ladder, "gmed_banded_squat", target=10),
        note=(
            "Usual morning 1/10. A good session on Monday; on Thursday, a rest day, she "
            "reports numbness or tingling in the leg."
        ),
    )
    replay.session(days(0), pain=1, morning=(1, 1))
    replay.check_in(days(3), 1, 1, numbness=True)
    replay.refused_session(days(4))
    return replay


def numbness_after_a_painful_session() -> Replay:
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "7b. Numbness the morning after a session that hurt 6/10",
        ladder,
        started_at(ladder, "gmed_banded_squat", target=12),
        note=(
            "Usual morning 1/10. Monday's banded squats hurt 6/10 (the session rules ease the "
            "dose), and on Tuesday morning she reports numbness or tingling in the leg."
        ),
    )
    replay.session(days(0), pain=6, morning=(2, 1), numbness=True)
    return replay


SCENARIOS = (
    first_week,
    lambda: long_run_flare(3),
    lambda: long_run_flare(5),
    ill_then_back,
    lambda: back_after(30, "gmed_banded_squat", target=12, load_step=1),
    lambda: back_after(60, "gmed_banded_squat", target=12, load_step=1),
    pain_9_in_a_set,
    plateau,
    pinned_then_pain_6,
    lambda: pinned_then_pain_6(dose_pinned=False),
    numbness_on_a_rest_day,
    numbness_after_a_painful_session,
)
