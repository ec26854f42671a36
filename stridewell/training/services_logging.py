"""Logging a session and a morning check-in, and the decisions each one sets off.

A session is stored at once with a provisional status, "waiting for tomorrow morning's
check-in": the engine judges a session by the 24-hour response, so it cannot decide yet. The
decision comes with the next morning's check-in, or, if that never arrives, without it (a hold)
when the next session or check-in is recorded. See `services_progression` for the contract.

Bad input (pain outside 0-10, negative reps, an exercise not in the programme, a future date)
raises `ValidationError` naming the field, before anything is written. A clash with data already
stored (a second session on the same day) has the code "conflict".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from stridewell.accounts.models import User
from stridewell.core.time import now_london
from stridewell.training import engine
from stridewell.training.models import (
    Alert,
    AlertKind,
    CheckIn,
    Control,
    Decision,
    ExerciseLog,
    LogStatus,
    Programme,
    ProgrammeEntry,
    Session,
    SetLog,
)
from stridewell.training.services_alerts import alerts_from_decisions
from stridewell.training.services_plateau import alerts_plateau_scan
from stridewell.training.services_progression import (
    Library,
    Recorded,
    check_in_feed,
    library_snapshot,
    log_settle,
    resume_ease,
    session_result,
)

MAX_SETS = 20
MAX_REPS_OR_SECONDS = 600


@dataclass(frozen=True)
class SetInput:
    reps_or_seconds: int
    load_step: int
    pain_during: int


@dataclass(frozen=True)
class ExerciseInput:
    entry_id: int
    control: str
    sets: tuple[SetInput, ...]
    effort: int | None = None  # RPE 1-10; None when not reported (older API clients)


@dataclass
class LogOutcome:
    """What a session or check-in led to. `created` is False for a retried submission."""

    created: bool
    decisions: list[Decision] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    session: Session | None = None
    check_in: CheckIn | None = None


def _conflict(field_name: str, message: str) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code="conflict")})


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _dose_after_break(entry: ProgrammeEntry, day: date, lib: Library) -> engine.Rung:
    """The rung the runner is on for a session on `day`, after any ease-back for a break."""
    state = engine.state_load(entry.state)
    ladder = lib.ladder(state.ladder_key)
    if state.last_session_date is not None and day < state.last_session_date:
        return ladder.rung(state.rung_key)  # out of order: refused by the date checks
    eased = engine.progression_before_session(state, ladder=ladder, today=day)
    return ladder.rung((eased.new_state if eased else state).rung_key)


def _validate_exercises(
    exercises: Sequence[ExerciseInput],
    entries: dict[int, ProgrammeEntry],
    day: date,
    lib: Library,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not exercises:
        errors["exercises"] = "Log at least one exercise."
    seen: set[int] = set()
    for i, exercise in enumerate(exercises):
        entry = entries.get(exercise.entry_id)
        if entry is None:
            errors[f"exercises.{i}.entry"] = "This exercise is not in your programme."
            continue
        if exercise.entry_id in seen:
            errors[f"exercises.{i}.entry"] = "This exercise is listed twice."
        elif entry.is_paused:
            errors[f"exercises.{i}.entry"] = (
                "This exercise is paused: please don't do it until your physio has been in touch."
            )
        seen.add(exercise.entry_id)
        if exercise.effort is not None and not _whole(exercise.effort, 1, 10):
            errors[f"exercises.{i}.effort"] = "Effort is a whole number from 1 to 10."
        if exercise.control not in Control.values:
            errors[f"exercises.{i}.control"] = "Choose good, ok or poor."
        if not 1 <= len(exercise.sets) <= MAX_SETS:
            errors[f"exercises.{i}.sets"] = f"Log between 1 and {MAX_SETS} sets."
        top_load = _dose_after_break(entry, day, lib).scale.max_step
        for j, s in enumerate(exercise.sets):
            where = f"exercises.{i}.sets.{j}"
            if not _whole(s.reps_or_seconds, 0, MAX_REPS_OR_SECONDS):
                errors[f"{where}.reps_or_seconds"] = (
                    f"Enter a whole number from 0 to {MAX_REPS_OR_SECONDS}."
                )
            if not _whole(s.pain_during, 0, 10):
                errors[f"{where}.pain_during"] = "Pain is a whole number from 0 to 10."
            if not _whole(s.load_step, 0, top_load):
                errors[f"{where}.load_step"] = "Choose one of the loads listed for this exercise."
    return errors


def session_for_token(runner: User, client_token: UUID) -> Session | None:
    return Session.objects.filter(runner=runner, client_token=client_token).first()


def _replay_session(session: Session) -> LogOutcome:
    decisions = list(session.decisions.order_by("id"))
    return LogOutcome(created=False, decisions=decisions, session=session)


def _check_order(runner: User, day: date, client_token: UUID) -> Session | None:
    """Sessions are decided in date order, one a day, never before the latest check-in.
    Returns the day's session when it is this very submission (a retry), else raises."""
    latest = Session.objects.filter(runner=runner).order_by("-date").first()
    if latest is not None and latest.date == day:
        if latest.client_token == client_token:
            return latest
        raise _conflict("date", f"You've already logged a session for {day:%d %B %Y}.")
    if latest is not None and day < latest.date:
        raise ValidationError(
            {"date": f"You've already logged a later session ({latest.date:%d %B}); log in order."}
        )
    checked = CheckIn.objects.filter(runner=runner).aggregate(last=Max("date"))["last"]
    if checked is not None and day < checked:
        raise ValidationError(
            {"date": f"You've checked in on {checked:%d %B} already; log sessions before that."}
        )
    return None


@transaction.atomic
def session_log(
    *,
    runner: User,
    day: date,
    client_token: UUID,
    exercises: Sequence[ExerciseInput],
    today: date | None = None,
) -> LogOutcome:
    """Store a session (once per `client_token`) and settle earlier sessions still waiting."""
    today = today or now_london().date()
    existing = session_for_token(runner, client_token)
    if existing is not None:
        return _replay_session(existing)
    programme = Programme.objects.select_for_update().filter(runner=runner, is_active=True).first()
    if programme is None:
        raise ValidationError("You don't have a programme yet: a screening sets one up.")
    # A twin request may have committed while we waited for the lock: look again.
    existing = session_for_token(runner, client_token)
    if existing is not None:
        return _replay_session(existing)
    errors: dict[str, str] = {}
    if day > today:
        errors["date"] = "A session can't be logged for a date that hasn't happened yet."
    elif day < programme.started_on:
        errors["date"] = f"Your programme started on {programme.started_on:%d %B %Y}."
    entries = list(programme.entries.select_related("programme", "ladder"))
    by_id = {e.pk: e for e in entries}
    lib = library_snapshot()
    errors |= _validate_exercises(exercises, by_id, min(day, today), lib)
    if errors:
        raise ValidationError(errors)
    twin = _check_order(runner, day, client_token)
    if twin is not None:
        return _replay_session(twin)
    try:
        with transaction.atomic():
            session = Session.objects.create(
                runner=runner, programme=programme, date=day, client_token=client_token
            )
    except IntegrityError:  # the same token raced us in: it is the same submission
        again = Session.objects.filter(runner=runner, client_token=client_token).first()
        if again is not None:
            return _replay_session(again)
        raise _conflict("date", f"You've already logged a session for {day:%d %B %Y}.") from None
    recorded = Recorded.empty()
    pending = (
        ExerciseLog.objects.filter(entry__programme=programme, status=LogStatus.PENDING)
        .select_related("session", "rung")
        .prefetch_related("sets")
        .order_by("session__date", "id")
    )
    for log in pending:  # overdue: their next morning never came
        log_settle(log=log, entries=entries, lib=lib, recorded=recorded, check_in=None)
    for exercise in exercises:
        entry = by_id[exercise.entry_id]
        resume_ease(entry=entry, session=session, lib=lib, recorded=recorded)
        log = _store_exercise(session, entry, exercise, lib)
        state = engine.state_load(entry.state)
        if engine.progression_is_urgent(state, session_result(log, state.rung_key)):
            # Stop now: the runner must not wait for tomorrow's check-in to hear it.
            log_settle(log=log, entries=entries, lib=lib, recorded=recorded, check_in=None)
    alerts = alerts_from_decisions(runner=runner, physio=programme.physio, recorded=recorded)
    return LogOutcome(True, recorded.decisions, alerts, session=session)


def _store_exercise(
    session: Session, entry: ProgrammeEntry, exercise: ExerciseInput, lib: Library
) -> ExerciseLog:
    state = engine.state_load(entry.state)
    rung = lib.ladder(state.ladder_key).rung(state.rung_key)
    log = ExerciseLog.objects.create(
        session=session,
        entry=entry,
        rung_id=lib.rung_ids[rung.key],
        control=exercise.control,
        prescribed=engine.state_dump(state)["dose"],
        dose_text=entry.dose_text,
        max_pain=max(s.pain_during for s in exercise.sets),
        effort=exercise.effort,
    )
    SetLog.objects.bulk_create(
        SetLog(
            exercise_log=log,
            number=n,
            reps_or_seconds=s.reps_or_seconds,
            load_step=s.load_step,
            load_label=rung.scale.label(s.load_step),
            pain_during=s.pain_during,
        )
        for n, s in enumerate(exercise.sets, start=1)
    )
    return log


def _check_in_errors(
    *, day: date, pain: int, stiffness: int, answers: Mapping[str, object], today: date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if day > today:
        errors["date"] = "A check-in can't be dated in the future."
    if not _whole(pain, 0, 10):
        errors["pain"] = "Pain is a whole number from 0 to 10."
    if not _whole(stiffness, 0, 10):
        errors["stiffness"] = "Stiffness is a whole number from 0 to 10."
    for name, value in answers.items():
        if name not in engine.CHECK_IN_ANSWERS:
            errors[name] = "This is not one of the check-in questions."
        elif not isinstance(value, bool):
            errors[name] = "Answer yes or no."
    return errors


@transaction.atomic
def check_in_record(
    *,
    runner: User,
    day: date,
    pain: int,
    stiffness: int,
    answers: Mapping[str, bool] | None = None,
    today: date | None = None,
) -> LogOutcome:
    """Store a morning check-in and feed it to every exercise of the active programme.

    `answers` holds the optional questions (`engine.CHECK_IN_ANSWERS`: red flags, feeling
    unwell, a race or long run yesterday); any not given is "no". What the runner is told to do
    (`engine.morning_advice`) is stored with the check-in. Red flags and a high rest-day morning
    alert the physio; a plateau on any exercise raises a review alert (`services_plateau`).
    """
    given = dict(answers or {})
    today = today or now_london().date()
    errors = _check_in_errors(day=day, pain=pain, stiffness=stiffness, answers=given, today=today)
    if errors:
        raise ValidationError(errors)
    flags = {name: bool(given.get(name, False)) for name in engine.CHECK_IN_ANSWERS}
    same = CheckIn.objects.filter(runner=runner, date=day).first()
    if same is not None:
        stored = {name: getattr(same, name) for name in engine.CHECK_IN_ANSWERS}
        if (same.pain, same.stiffness, stored) == (pain, stiffness, flags):  # a retry
            return LogOutcome(False, list(same.decisions.order_by("id")), check_in=same)
        raise _conflict("date", f"You've already checked in for {day:%d %B %Y}.")
    latest = CheckIn.objects.filter(runner=runner).aggregate(last=Max("date"))["last"]
    if latest is not None and day < latest:
        raise ValidationError(
            {"date": f"You've already checked in for a later day ({latest:%d %B})."}
        )
    advice = engine.morning_advice(engine.CheckIn(day, pain, stiffness, **flags))
    programme = Programme.objects.select_for_update().filter(runner=runner, is_active=True).first()
    check_in = CheckIn.objects.create(
        runner=runner,
        date=day,
        pain=pain,
        stiffness=stiffness,
        urgency=advice.urgency.slug,
        advice=advice.text,
        **flags,
    )
    if programme is None or day < programme.started_on:
        return LogOutcome(True, check_in=check_in)
    recorded = _check_in_decide(programme, check_in)
    alerts = alerts_from_decisions(runner=runner, physio=programme.physio, recorded=recorded)
    for alert in alerts:
        if alert.kind == AlertKind.CHECK_IN_RED_FLAG:  # in the physio's words, not the runner's
            stopped = sorted({label for _, kind, label in recorded.alerts if kind == alert.kind})
            alert.message = (
                f"Red flag at the morning check-in ({day:%a %d %b}): "
                f"{', '.join(check_in.reported())}; pain {pain}/10, stiffness {stiffness}/10. "
                f"Advised: {check_in.get_urgency_display()}. Told to stop {', '.join(stopped)}."
            )
            alert.save(update_fields=["message"])
    alerts += alerts_plateau_scan(today=day, runner=runner)
    return LogOutcome(True, recorded.decisions, alerts, check_in=check_in)


def _check_in_decide(programme: Programme, check_in: CheckIn) -> Recorded:
    """Each exercise gets the check-in exactly once: as the morning after yesterday's session
    of it, or else as a rest-day check-in. Older sessions still waiting are judged without one."""
    entries = list(programme.entries.select_related("programme", "ladder"))
    lib = library_snapshot()
    recorded = Recorded.empty()
    judged: set[int] = set()
    pending = (
        ExerciseLog.objects.filter(entry__programme=programme, status=LogStatus.PENDING)
        .select_related("session", "rung")
        .prefetch_related("sets")
        .order_by("session__date", "id")
    )
    day = check_in.date
    yesterday = day - timedelta(days=1)
    rested = not Session.objects.filter(runner_id=programme.runner_id, date=yesterday).exists()
    for log in pending:
        if log.session.date + timedelta(days=1) == day:
            log_settle(log=log, entries=entries, lib=lib, recorded=recorded, check_in=check_in)
            judged.add(log.entry_id)
        elif log.session.date + timedelta(days=1) < day:
            log_settle(log=log, entries=entries, lib=lib, recorded=recorded, check_in=None)
    for entry in entries:
        if entry.pk not in judged:
            check_in_feed(
                entry=entry,
                check_in=check_in,
                lib=lib,
                recorded=recorded,
                session_yesterday=not rested,
            )
    return recorded
