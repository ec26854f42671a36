"""Programmes: assigned from a screening's placement, or chosen rung by rung by a physio.

A programme holds one exercise per ladder, and each session asks for all of them, so a session
has as many exercises as the programme: 3 to 5 when chosen from a screening (fewer only when
the ladders offer fewer suitable rungs). A runner has one active programme; a new one replaces
it, and sessions still waiting for a check-in on the old one are closed without a decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from stridewell.accounts.models import Role, User
from stridewell.training import engine
from stridewell.training.access import can_view_runner, runner_physio
from stridewell.training.models import (
    ExerciseLog,
    Ladder,
    LogStatus,
    Programme,
    ProgrammeEntry,
    Screening,
)
from stridewell.training.services_progression import Library, entry_apply_state, library_snapshot

MAX_EXERCISES = 5
MIN_SESSIONS_PER_WEEK, MAX_SESSIONS_PER_WEEK = 1, 4
DONE_SESSIONS = 1  # what "completed" needs by default (the ladders' min_good_sessions)


def programme_physio_new(*, runner: User, assigned_by: User) -> User | None:
    """The physio of a programme `assigned_by` starts: the runner's physio if they have one
    (a screening or programme is never a hand-over), else the assigning physio (a new runner's
    first physio, ADR 0014), else none."""
    current = runner_physio(runner)
    if current is not None:
        return current
    return assigned_by if assigned_by.is_physio else None


def programme_close(*, programme: Programme, day: date) -> None:
    ExerciseLog.objects.filter(entry__programme=programme, status=LogStatus.PENDING).update(
        status=LogStatus.CLOSED
    )
    programme.is_active = False
    programme.ended_on = day
    programme.save(update_fields=["is_active", "ended_on"])


def _choose(placement: engine.Placement, lib: Library) -> list[tuple[str, str]]:
    """Up to five (ladder, rung) picks in the clinic's ladder order.

    Left out: a rung harder than the runner's starting level (a ladder whose easiest rung is
    too hard, like hops for a level-2 start), a rung still locked by a prerequisite, and an
    exercise already picked from another ladder (the clam sits on two ladders).
    """
    progress = dict(placement.assumed_progress)
    picks: list[tuple[str, str]] = []
    exercises: set[str] = set()
    for item in placement.placements:
        rung = lib.ladder(item.ladder_key).rung(item.rung_key)
        if rung.level > max(placement.starting_level, 1) or rung.exercise_slug in exercises:
            continue
        if not all(p.is_met(progress) for p in rung.prerequisites):
            continue
        picks.append((item.ladder_key, rung.key))
        exercises.add(rung.exercise_slug)
        if len(picks) == MAX_EXERCISES:
            break
    return picks


def _create(
    *,
    runner: User,
    physio: User | None,
    assigned_by: User | None,
    screening: Screening | None,
    started_on: date,
    sessions_per_week: int,
    picks: Sequence[tuple[str, str]],
    baseline_pain: int,
    assumed_progress: dict[str, int],
    lib: Library,
) -> Programme:
    if not MIN_SESSIONS_PER_WEEK <= sessions_per_week <= MAX_SESSIONS_PER_WEEK:
        raise ValidationError({"sessions_per_week": "Choose 1 to 4 sessions a week."})
    active = Programme.objects.select_for_update().filter(runner=runner, is_active=True).first()
    if active is not None:
        programme_close(programme=active, day=started_on)
    programme = Programme.objects.create(
        runner=runner,
        physio=physio,
        assigned_by=assigned_by,
        created_from=screening,
        started_on=started_on,
        sessions_per_week=sessions_per_week,
        assumed_progress=assumed_progress,
    )
    ladder_ids = dict(Ladder.objects.values_list("key", "id"))
    for position, (ladder_key, rung_key) in enumerate(picks, start=1):
        state = engine.progression_start(
            ladder=lib.ladder(ladder_key),
            rung_key=rung_key,
            started_on=started_on,
            baseline_pain=baseline_pain,
            assumed_progress=assumed_progress,
        )
        entry = ProgrammeEntry(
            programme=programme, ladder_id=ladder_ids[ladder_key], position=position
        )
        entry_apply_state(entry, state, lib)
        entry.start_position = entry.ladder_position
        entry.save()
    return programme


def programme_assign_from_screening(
    *,
    screening: Screening,
    placement: engine.Placement,
    assigned_by: User | None,
    physio: User | None,
    sessions_per_week: int = 2,
    lib: Library | None = None,
    today: date,
) -> Programme:
    """Start the programme the placement describes (call inside the screening's transaction)."""
    lib = lib or library_snapshot()
    picks = _choose(placement, lib)
    if not picks:
        raise ValidationError("No ladder has a suitable first exercise; assign one by hand.")
    return _create(
        runner=screening.runner,
        physio=physio,
        assigned_by=assigned_by,
        screening=screening,
        started_on=today,
        sessions_per_week=sessions_per_week,
        picks=picks,
        baseline_pain=placement.baseline_pain,
        assumed_progress=dict(placement.assumed_progress),
        lib=lib,
    )


@transaction.atomic
def programme_assign_manual(
    *,
    runner: User,
    physio: User,
    rung_keys: Sequence[str],
    sessions_per_week: int = 2,
    today: date,
) -> Programme:
    """A physio's own choice of rungs (one per ladder). The rungs below each chosen rung are
    taken as done, as a screening placement would, so prerequisites behave the same way."""
    if runner.role != Role.RUNNER:
        raise ValidationError({"runner": "Only runners have programmes."})
    if not (physio.is_physio or physio.is_clinic_staff):
        raise ValidationError({"runner": "Only a physio can assign a programme."})
    if not can_view_runner(physio, runner):
        raise PermissionDenied("Only the runner's physio or clinic staff can assign this.")
    if not 1 <= len(rung_keys) <= MAX_EXERCISES:
        raise ValidationError({"rungs": f"Choose 1 to {MAX_EXERCISES} exercises."})
    lib = library_snapshot()
    owner = {r.key: ladder for ladder in lib.ladders.values() for r in ladder.ordered}
    picks: list[tuple[str, str]] = []
    assumed: dict[str, int] = {}
    for key in rung_keys:
        ladder = owner.get(key)
        if ladder is None:
            raise ValidationError({"rungs": f"'{key}' is not an exercise on an active ladder."})
        if any(ladder.key == chosen for chosen, _ in picks):
            raise ValidationError({"rungs": f"Choose one exercise from {ladder.name}."})
        picks.append((ladder.key, key))
        for rung in ladder.ordered[: ladder.index_of(key)]:
            assumed[rung.key] = DONE_SESSIONS
        assumed.setdefault(key, 0)
    latest = Screening.objects.filter(runner=runner).first()
    return _create(
        runner=runner,
        physio=programme_physio_new(runner=runner, assigned_by=physio),
        assigned_by=physio,
        screening=None,
        started_on=today,
        sessions_per_week=sessions_per_week,
        picks=picks,
        baseline_pain=0 if latest is None else engine.baseline_pain_for(latest.current_pain),
        assumed_progress=assumed,
        lib=lib,
    )
