"""Recording a screening: validate the measures, place the runner, and start their programme.

The engine's `screening_place` decides; this module stores its inputs and answer. A red flag, a
sign of bone stress, or pain of 5/10 or more at rest (unless a physio chose to start anyway) means
no programme: the runner is told to see a physio and offered a booking, and any programme they
were following is paused until a physio has seen them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from stridewell.accounts.models import Role, User
from stridewell.core.time import now_london
from stridewell.training import engine
from stridewell.training.access import can_view_runner
from stridewell.training.models import AlertKind, Programme, Screening
from stridewell.training.services_alerts import alert_create
from stridewell.training.services_programme import (
    programme_assign_from_screening,
    programme_close,
    programme_physio_new,
)
from stridewell.training.services_progression import library_snapshot

SIDED_NUMBERS = {
    "step_down": int,
    "trendelenburg_positive": bool,
    "side_bridge_seconds": float,
    "hip_abduction_nm_kg": float,
    "balance_seconds": float,
}
SQUAT_CRITERIA = ("overall", "trunk", "pelvis", "hip", "knee")


@dataclass(frozen=True)
class ScreeningOutcome:
    screening: Screening
    placement: engine.Placement
    programme: Programme | None
    kept_programme: bool = False  # a self-screen left the physio's programme in place


def _sided(name: str, raw: Any, cast: type) -> engine.Sided[Any]:
    if not isinstance(raw, Mapping) or set(raw) != {"left", "right"}:
        raise ValidationError({f"measures.{name}": "Give a result for both the left and right."})
    values = []
    for side in ("left", "right"):
        value = raw[side]
        ok = isinstance(value, bool) if cast is bool else isinstance(value, int | float)
        if not ok or (cast is int and (isinstance(value, bool) or value != int(value))):
            kind = "yes or no" if cast is bool else "a number"
            raise ValidationError({f"measures.{name}": f"The {side} result must be {kind}."})
        values.append(cast(value))
    return engine.Sided(values[0], values[1])


def _squat(raw: Any) -> engine.Sided[engine.SingleLegSquat]:
    if not isinstance(raw, Mapping) or set(raw) != {"left", "right"}:
        raise ValidationError({"measures.single_leg_squat": "Rate both the left and right."})
    sides = []
    for side in ("left", "right"):
        ratings = raw[side]
        if not isinstance(ratings, Mapping) or set(ratings) != set(SQUAT_CRITERIA):
            raise ValidationError(
                {"measures.single_leg_squat": f"Rate all five criteria on the {side}."}
            )
        try:
            sides.append(
                engine.SingleLegSquat(*(engine.Rating(ratings[c]) for c in SQUAT_CRITERIA))
            )
        except ValueError:
            raise ValidationError(
                {"measures.single_leg_squat": "Each criterion is good, fair or poor."}
            ) from None
    return engine.Sided(sides[0], sides[1])


@dataclass(frozen=True)
class RunningHistory:
    """Optional answers about the runner's running and the bone-stress screen."""

    years_running: int | None = None
    weekly_km: int | None = None
    marathons_finished: int | None = None
    bone_stress: Sequence[str] = ()


def screening_input_build(
    *,
    age: int,
    sex: str,
    current_pain: int,
    is_self_screen: bool,
    red_flags: Sequence[str] = (),
    injuries: Sequence[Mapping[str, Any]] = (),
    measures: Mapping[str, Any] | None = None,
    history: RunningHistory | None = None,
    start_despite_pain: bool = False,
    screened_by: str = "",
) -> engine.ScreeningInput:
    """The engine's input from stored (or submitted) values; ValidationError names the field."""
    measures = dict(measures or {})
    unknown = set(measures) - {*SIDED_NUMBERS, "single_leg_squat"}
    if unknown:
        raise ValidationError({"measures": f"Unknown tests: {', '.join(sorted(unknown))}."})
    try:
        flags = frozenset(engine.RedFlag(f) for f in red_flags)
    except ValueError:
        raise ValidationError({"red_flags": "Unknown red flag."}) from None
    history = history or RunningHistory()
    try:
        signs = frozenset(engine.BoneStressSign(f) for f in history.bone_stress)
    except ValueError:
        raise ValidationError({"bone_stress_signs": "Unknown bone-stress sign."}) from None
    if start_despite_pain and is_self_screen:
        raise ValidationError(
            {"start_despite_pain": "Only a physio can start a programme despite pain."}
        )
    try:
        sex_value = engine.Sex(sex)
    except ValueError:
        raise ValidationError({"sex": "Choose female, male or prefer not to say."}) from None
    injury_list = []
    for item in injuries:
        try:
            injury_list.append(engine.Injury(str(item["area"]).strip(), item["months_ago"]))
        except (KeyError, TypeError, ValueError) as exc:
            message = f"Each injury needs an area and how many months ago: {exc}"
            raise ValidationError({"injuries": message}) from None
    sided: dict[str, Any] = {}
    for name, cast in SIDED_NUMBERS.items():
        if measures.get(name) is not None:
            sided[name] = _sided(name, measures[name], cast)
    if measures.get("single_leg_squat") is not None:
        sided["single_leg_squat"] = _squat(measures["single_leg_squat"])
    try:
        return engine.ScreeningInput(
            age=age,
            sex=sex_value,
            current_pain=current_pain,
            is_self_screen=is_self_screen,
            red_flags=flags,
            injuries=tuple(injury_list),
            years_running=history.years_running,
            weekly_km=history.weekly_km,
            marathons_finished=history.marathons_finished,
            bone_stress=signs,
            start_despite_pain=start_despite_pain,
            screened_by=screened_by,
            **sided,
        )
    except engine.EngineInputError as exc:
        raise ValidationError({_field_of(str(exc)): str(exc).capitalize() + "."}) from None


def _field_of(message: str) -> str:
    for needle, field in (
        ("years running", "years_running"),  # before "age": its message names the age
        ("age", "age"),
        ("current pain", "current_pain"),
        ("step-down", "measures.step_down"),
        ("side-bridge", "measures.side_bridge_seconds"),
        ("hip-abduction", "measures.hip_abduction_nm_kg"),
        ("balance", "measures.balance_seconds"),
        ("weekly running distance", "weekly_km"),
        ("marathons", "marathons_finished"),
    ):
        if needle in message:
            return field
    return "__all__"


def placement_dump(placement: engine.Placement) -> dict[str, Any]:
    z = placement.hip_abduction_z
    return {
        "has_programme": placement.has_programme,
        "message": placement.message,
        "offer_booking": placement.offer_booking,
        "red_flags": [str(f) for f in placement.red_flags],
        "placements": [
            {"ladder": p.ladder_key, "rung": p.rung_key, "reason": p.reason, "rule": str(p.rule)}
            for p in placement.placements
        ],
        "starting_level": placement.starting_level,
        "findings": list(placement.findings),
        "asymmetries": [
            {
                "test": a.test,
                "weaker": str(a.weaker),
                "difference_pct": round(a.difference_pct, 1),
                "sentence": a.sentence,
            }
            for a in placement.asymmetries
        ],
        "hip_abduction_z": None if z is None else {"left": z.left, "right": z.right},
        "baseline_pain": placement.baseline_pain,
        "assumed_progress": [list(item) for item in placement.assumed_progress],
        "rules": [str(r) for r in placement.rules],
        "not_yet": [
            {"ladder": n.ladder_key, "rule": str(n.rule), "reason": n.reason}
            for n in placement.not_yet
        ],
        "bone_stress_signs": [str(f) for f in placement.bone_stress],
        "started_despite_pain": placement.started_despite_pain,
        "experience": placement.experience,
    }


@transaction.atomic
def screening_record(
    *,
    runner: User,
    recorded_by: User,
    day: date,
    age: int,
    sex: str,
    current_pain: int,
    measures: Mapping[str, Any] | None = None,
    red_flags: Sequence[str] = (),
    injuries: Sequence[Mapping[str, Any]] = (),
    notes: str = "",
    sessions_per_week: int = 2,
    history: RunningHistory | None = None,
    start_despite_pain: bool = False,
    today: date | None = None,
) -> ScreeningOutcome:
    """Store a screening (a self-screen when the runner records it) and act on its placement.

    `start_despite_pain` is a physio's choice to start a programme although the runner's pain at
    rest is 5/10 or more; it is stored only when it took effect.

    Preconditions: `runner` is a runner; `recorded_by` is the runner or a physio/staff member.
    """
    today = today or now_london().date()
    if runner.role != Role.RUNNER:
        raise ValidationError({"runner": "Only runners are screened."})
    is_self = recorded_by.pk == runner.pk
    if not is_self and not (recorded_by.is_physio or recorded_by.is_clinic_staff):
        raise ValidationError({"runner": "Only a physio can screen another person."})
    if not is_self and not can_view_runner(recorded_by, runner):
        # The same right as reading the runner (ADR 0014): screening is never a take-over.
        raise PermissionDenied("Only the runner's physio or clinic staff can screen them.")
    if day > today:
        raise ValidationError({"date": "A screening cannot be dated in the future."})
    data = screening_input_build(
        age=age,
        sex=sex,
        current_pain=current_pain,
        is_self_screen=is_self,
        red_flags=red_flags,
        injuries=injuries,
        measures=measures,
        history=history,
        start_despite_pain=start_despite_pain,
        screened_by=recorded_by.get_full_name() or recorded_by.email,
    )
    lib = library_snapshot()
    placement = engine.screening_place(data, lib.screening_ladders())
    screening = Screening.objects.create(
        runner=runner,
        recorded_by=recorded_by,
        is_self_screen=is_self,
        date=day,
        age=age,
        sex=sex,
        current_pain=current_pain,
        measures=dict(measures or {}),
        red_flags=sorted(str(f) for f in data.red_flags),
        injuries=[{"area": i.area, "months_ago": i.months_ago} for i in data.injuries],
        notes=notes.strip(),
        has_red_flags=bool(data.red_flags),
        is_referred=not placement.has_programme,
        placement=placement_dump(placement),
        years_running=data.years_running,
        weekly_km=data.weekly_km,
        marathons_finished=data.marathons_finished,
        bone_stress_signs=sorted(str(f) for f in data.bone_stress),
        start_despite_pain=placement.started_despite_pain,
    )
    active = Programme.objects.select_for_update().filter(runner=runner, is_active=True).first()
    if not placement.has_programme:
        if active is not None:
            # Exercise must not mask what the red flag may signal: pause until a physio has
            # seen them. Their physio hears about it now rather than at the next session.
            physio = active.physio
            programme_close(programme=active, day=today)
            if is_self:
                alert_create(
                    runner=runner,
                    physio=physio,
                    kind=AlertKind.RED_FLAGS,
                    message=f"{runner} reported in a self-screen: {placement.message}",
                )
        return ScreeningOutcome(screening, placement, None)
    if is_self and active is not None:
        return ScreeningOutcome(screening, placement, active, kept_programme=True)
    physio = programme_physio_new(runner=runner, assigned_by=recorded_by)
    programme = programme_assign_from_screening(
        screening=screening,
        placement=placement,
        assigned_by=recorded_by,
        physio=physio,
        sessions_per_week=sessions_per_week,
        lib=lib,
        today=day,
    )
    return ScreeningOutcome(screening, placement, programme)
