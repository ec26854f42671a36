"""Small, explicit ladders and sessions for the engine's tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from stridewell.training.engine import (
    CheckIn,
    Control,
    Dose,
    Ladder,
    LoadScale,
    Prerequisite,
    PrerequisiteKind,
    ProgressionState,
    Rung,
    SessionResult,
    SetResult,
    progression_start,
)

MONDAY = date(2025, 3, 3)
BANDS = LoadScale.band(lightest="light", heaviest="medium")  # light band (0), medium band (1)
# 2 sets of 10-14 reps in steps of 2: stops 10, 12, 14 at each band.
DOSE = Dose.reps(sets=2, low=10, high=14)


def small_ladder(*, squat_prerequisites: tuple[Prerequisite, ...] = ()) -> Ladder:
    """Clam -> banded bridge -> banded squat, each with the same dose and band scale."""
    return Ladder(
        "hip",
        "the hip ladder",
        (
            Rung("clam", "clam_basic", 1, "Clam", level=1, dose=DOSE, scale=BANDS),
            Rung(
                "bridge",
                "banded_glute_bridge",
                2,
                "Banded bridge",
                level=2,
                dose=DOSE,
                scale=BANDS,
            ),
            Rung(
                "squat",
                "banded_squat",
                3,
                "Banded squat",
                level=3,
                dose=DOSE,
                scale=BANDS,
                prerequisites=squat_prerequisites,
            ),
        ),
    )


def glute_med_ladder() -> Ladder:
    """The clinic's gluteus medius ladder, with its rule "banded single-leg squat only after
    banded weighted squats done with good control" as an ordinary prerequisite."""
    weights = LoadScale.kg(max_kg=10, increment_kg=2.5)
    return Ladder(
        "glute_med",
        "the gluteus medius ladder",
        (
            Rung("gm_clam", "clam_basic", 1, "Clam", level=1, scale=BANDS),
            Rung(
                "gm_side_lying",
                "side_lying_hip_abduction",
                2,
                "Side-lying hip abduction",
                level=2,
            ),
            Rung("gm_banded_squat", "banded_squat", 3, "Banded squat", level=2, scale=BANDS),
            Rung(
                "gm_weighted_squat",
                "banded_weighted_squat",
                4,
                "Banded weighted squat",
                level=3,
                dose=Dose.reps(sets=3, low=8, high=12),
                scale=weights,
            ),
            Rung(
                "gm_single_leg_squat",
                "banded_single_leg_squat",
                5,
                "Banded single-leg squat",
                level=4,
                scale=BANDS,
                prerequisites=(Prerequisite("gm_weighted_squat", PrerequisiteKind.COMPLETED, 3),),
            ),
        ),
    )


def started(
    ladder: Ladder,
    rung_key: str = "bridge",
    *,
    target: int = 12,
    load_step: int = 0,
    pain: int = 1,
    stiffness: int | None = 1,
    last_session: date | None = MONDAY - timedelta(days=2),
    **changes: object,
) -> ProgressionState:
    """A runner part-way up `ladder`: baseline 1/10 pain and stiffness, last session 2 days ago."""
    state = progression_start(
        ladder=ladder,
        rung_key=rung_key,
        started_on=MONDAY - timedelta(days=60),
        baseline_pain=pain,
        baseline_stiffness=stiffness,
    )
    dose = replace(state.dose, target=target, load_step=load_step)
    return replace(state, dose=dose, last_session_date=last_session, **changes)


def session(
    state: ProgressionState,
    day: date = MONDAY,
    *,
    pain: int | tuple[int, ...] = 2,
    control: Control = Control.GOOD,
    reps: int | None = None,
    load_step: int | None = None,
    sets: int | None = None,
) -> SessionResult:
    """The prescribed sets, done as prescribed unless told otherwise."""
    count = state.dose.sets if sets is None else sets
    pains = pain if isinstance(pain, tuple) else (pain,) * count
    done = state.dose.target if reps is None else reps
    load = state.dose.load_step if load_step is None else load_step
    return SessionResult(
        state.rung_key, day, tuple(SetResult(done, load, p) for p in pains[:count]), control
    )


def morning(day: date = MONDAY, pain: int = 1, stiffness: int = 1) -> CheckIn:
    """The check-in of the morning after a session on `day`."""
    return CheckIn(day + timedelta(days=1), pain, stiffness)
