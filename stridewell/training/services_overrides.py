"""A physio's override: pin a rung (and optionally the dose) until they remove it.

Setting and removing are decisions like any other: stored with who made them, the state before
and after, and a sentence for the runner, so the timeline always explains where they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from stridewell.accounts.models import PractitionerProfile, User
from stridewell.core.time import now_london
from stridewell.training import engine
from stridewell.training.access import is_staff, is_their_physio
from stridewell.training.models import Decision, ProgrammeEntry
from stridewell.training.services_progression import Recorded, decision_store, library_snapshot


@dataclass(frozen=True)
class DoseInput:
    sets: int
    target: int  # reps, or seconds for a hold
    load_step: int = 0


def physio_name(user: User) -> str:
    profile = PractitionerProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile.display_name
    return user.get_full_name() or user.email


def _check_may_change(by: User, entry: ProgrammeEntry) -> None:
    if not (is_staff(by) or is_their_physio(by, entry.programme.runner)):
        raise PermissionDenied("Only the runner's physio or clinic staff can change this.")
    if not entry.programme.is_active:
        raise ValidationError("This programme has ended; assign a new one instead.")


def _locked(entry_id: int) -> ProgrammeEntry:
    return (
        ProgrammeEntry.objects.select_for_update()
        .select_related("programme__runner", "ladder")
        .get(pk=entry_id)
    )


def _dose(rung: engine.Rung, dose: DoseInput) -> engine.Dose:
    base = rung.dose
    try:
        return replace(
            base,
            sets=dose.sets,
            target=dose.target,
            load_step=dose.load_step,
            low=min(base.low, dose.target),
            high=max(base.high, dose.target),
        )
    except engine.EngineInputError as exc:
        raise ValidationError({"dose": str(exc).capitalize() + "."}) from None


@transaction.atomic
def override_set(
    *,
    entry: ProgrammeEntry,
    by: User,
    rung_key: str,
    dose: DoseInput | None = None,
    note: str = "",
    today: date | None = None,
) -> Decision:
    """Pin `entry` to `rung_key` (a rung of the same ladder) and, if given, to `dose`."""
    entry = _locked(entry.pk)
    _check_may_change(by, entry)
    lib = library_snapshot()
    ladder = lib.ladder(entry.ladder.key)
    if not ladder.has(rung_key):
        raise ValidationError({"rung": f"Choose an exercise from {ladder.name}."})
    rung = ladder.rung(rung_key)
    pinned = None if dose is None else _dose(rung, dose)
    if pinned is not None and pinned.load_step > rung.scale.max_step:
        raise ValidationError({"dose": "Choose one of the loads listed for this exercise."})
    state = engine.state_load(entry.state)
    override = engine.Override(
        rung_key, pinned, physio_name(by), today or now_london().date(), note.strip()
    )
    try:
        decision = engine.progression_override_set(state, ladder=ladder, override=override)
    except engine.EngineInputError as exc:
        raise ValidationError(str(exc).capitalize() + ".") from None
    entry.override_note, entry.override_by = override.note, by
    return decision_store(
        entry=entry,
        decision=decision,
        lib=lib,
        effective_date=override.set_on,
        inputs={
            "state_before": entry.state,
            "override": engine.state_dump(decision.new_state)["override"],
        },
        recorded=Recorded.empty(),
        made_by=by,
    )


@transaction.atomic
def override_clear(*, entry: ProgrammeEntry, by: User, today: date | None = None) -> Decision:
    """Remove the pin; the rules take over again from where the runner is."""
    entry = _locked(entry.pk)
    _check_may_change(by, entry)
    lib = library_snapshot()
    ladder = lib.ladder(entry.ladder.key)
    state = engine.state_load(entry.state)
    if state.override is None:
        raise ValidationError("There is no override to remove.")
    decision = engine.progression_override_clear(state, ladder=ladder, cleared_by=physio_name(by))
    entry.override_note, entry.override_by = "", None
    return decision_store(
        entry=entry,
        decision=decision,
        lib=lib,
        effective_date=today or now_london().date(),
        inputs={"state_before": entry.state, "cleared_by": by.email},
        recorded=Recorded.empty(),
        made_by=by,
    )


@transaction.atomic
def entry_resume(*, entry: ProgrammeEntry, by: User, today: date | None = None) -> Decision:
    """Restart an exercise the engine paused, once the physio has been in touch with the runner.

    The same right as reading the runner's data (their physio, or clinic staff), as for a pin.
    """
    entry = _locked(entry.pk)
    _check_may_change(by, entry)
    lib = library_snapshot()
    ladder = lib.ladder(entry.ladder.key)
    state = engine.state_load(entry.state)
    day = today or now_london().date()
    try:
        decision = engine.progression_resume(
            state, ladder=ladder, resumed_by=physio_name(by), today=day
        )
    except engine.EngineInputError as exc:
        raise ValidationError(str(exc).capitalize() + ".") from None
    return decision_store(
        entry=entry,
        decision=decision,
        lib=lib,
        effective_date=day,
        inputs={"state_before": entry.state, "resumed_by": by.email},
        recorded=Recorded.empty(),
        made_by=by,
    )
