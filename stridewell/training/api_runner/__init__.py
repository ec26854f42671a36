"""The private training API: screenings, the programme, sessions, check-ins, decisions, overrides.

Mounted on the training router (so under /api/training). Every endpoint needs a Bearer token or
the browser session with CSRF; the same services as the pages do the work. A runner reads and
writes only their own data; a physio passes `runner` to read their runner's; anyone else gets
404, as if the runner did not exist. Bad input is a 422 (or 409 for a clash with stored data)
in the shared error shape, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictBool

from stridewell.accounts.models import Role, User
from stridewell.api.auth import api_auth
from stridewell.api.errors import ApiError
from stridewell.api.openapi import ErrorOut
from stridewell.api.types import MultiLineText, SingleLineText
from stridewell.core.time import now_london
from stridewell.training import engine
from stridewell.training.access import is_clinician, runner_check_for_viewer, runner_get_for_viewer
from stridewell.training.api_runner.schemas import (
    CheckInOut,
    DecisionOut,
    OverrideOut,
    ProgrammeResponse,
    ScreeningOut,
    SessionOut,
    decision_out,
    programme_response,
    screening_out,
    session_out,
)
from stridewell.training.engine import CHECK_IN_ANSWERS
from stridewell.training.models import ProgrammeEntry
from stridewell.training.selectors_runner import TIMELINE_PAGE, booking_path, decision_timeline
from stridewell.training.services_logging import (
    ExerciseInput,
    SetInput,
    check_in_record,
    session_log,
)
from stridewell.training.services_overrides import (
    DoseInput,
    entry_resume,
    override_clear,
    override_set,
)
from stridewell.training.services_screening import RunningHistory, screening_record

runner_router = Router(tags=["training: runner"], auth=api_auth)


class InjuryIn(Schema):
    area: SingleLineText = Field(min_length=1, max_length=80)
    months_ago: int = Field(ge=0, le=1200)


class ScreeningIn(Schema):
    runner: int | None = Field(
        None, description="A physio screens this runner; omit to self-screen."
    )
    date: dt.date | None = Field(None, description="Defaults to today (London).")
    age: int = Field(ge=12, le=100)
    sex: Literal["female", "male", "not_stated"]
    current_pain: int = Field(ge=0, le=10, description="0 none · 5 moderate · 10 worst")
    measures: dict[str, Any] = Field(default_factory=dict)
    red_flags: list[SingleLineText] = Field(default_factory=list)
    injuries: list[InjuryIn] = Field(default_factory=list)
    notes: MultiLineText = ""
    sessions_per_week: int = Field(2, ge=1, le=4)
    years_running: int | None = Field(None, ge=0, le=80)
    weekly_km: int | None = Field(None, ge=0, le=300, description="A usual week, in km.")
    marathons_finished: int | None = Field(None, ge=0, le=500)
    bone_stress_signs: list[SingleLineText] = Field(
        default_factory=list,
        description="Any means no programme and see a physio: "
        + ", ".join(str(s) for s in engine.BoneStressSign),
    )
    start_despite_pain: StrictBool = Field(
        False,
        description="A physio's choice to start a programme although pain today is 5/10 or "
        "more (refused on a self-screen).",
    )


class SetIn(Schema):
    reps_or_seconds: int = Field(ge=0, le=600)
    load_step: int = Field(0, ge=0, le=200)
    pain_during: int = Field(ge=0, le=10, description="0 none · 5 moderate · 10 worst")


class ExerciseIn(Schema):
    entry: int = Field(description="A programme entry id, from GET /programme.")
    control: Literal["good", "ok", "poor"]
    sets: list[SetIn] = Field(min_length=1, max_length=20)
    effort: int | None = Field(
        None,
        ge=1,
        le=10,
        description="Effort (RPE) 1-10; 10 = every set to failure. Without it the dose still "
        "moves up one step when all is well, but never by a bigger step.",
    )


class SessionIn(Schema):
    client_token: UUID = Field(description="Pick one per session; a retry with it records once.")
    date: dt.date
    exercises: list[ExerciseIn] = Field(min_length=1)


class CheckInIn(Schema):
    date: dt.date
    pain: int = Field(ge=0, le=10)
    stiffness: int = Field(ge=0, le=10)
    # Optional yes/no answers (true or false; anything else is a 422).
    night_pain: StrictBool = Field(False, description="Pain that woke them or won't ease at rest.")
    numbness: StrictBool = Field(False, description="Numbness or tingling in the leg or foot.")
    swelling: StrictBool = Field(False, description="New swelling around a joint or the calf.")
    unwell: StrictBool = Field(False, description="Feeling ill or feverish.")
    emergency_signs: StrictBool = Field(
        False,
        description="Bladder or bowel trouble, saddle numbness, sudden leg weakness, chest pain "
        "or sudden breathlessness: the answer says call 999.",
    )
    urgent_signs: StrictBool = Field(
        False, description="A hot, swollen, tender calf or a hot swollen joint: NHS 111 today."
    )
    long_run_yesterday: StrictBool = Field(False, description="A race or long run yesterday.")


class OverrideIn(Schema):
    entry: int
    action: Literal["set", "clear"] = "set"
    rung: SingleLineText | None = Field(
        None, description="Rung key on the entry's ladder (for 'set')."
    )
    sets: int | None = Field(None, ge=1, le=20, description="With target: also pin the dose.")
    target: int | None = Field(None, ge=1, le=600)
    load_step: int = Field(0, ge=0, le=200)
    note: MultiLineText = Field("", max_length=500)


def _invalid(exc: ValidationError) -> ApiError:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    codes = [e.code for errors in getattr(exc, "error_dict", {}).values() for e in errors]
    if "conflict" in codes:
        message = next(iter(fields.values()))[0]
        return ApiError(409, "conflict", message, fields)
    return ApiError(422, "invalid", " ".join(m for ms in fields.values() for m in ms), fields)


def _self_runner(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    if user.role != Role.RUNNER:
        raise ApiError(403, "forbidden", "Only runners log their own sessions and check-ins.")
    return user


def _runner_param(request: HttpRequest, runner: int | None, what: str) -> User:
    user = request.auth  # type: ignore[attr-defined]
    if runner is None or runner == user.pk:
        if user.role != Role.RUNNER:
            raise ApiError(
                422, "invalid", "Say which runner: ?runner=<id>.", {"runner": ["Required."]}
            )
        return user
    return runner_get_for_viewer(viewer=user, runner_id=runner, what=what)


@runner_router.post(
    "/screenings", response={201: ScreeningOut, 409: ErrorOut}, summary="Record a screening"
)
def screenings_create(request: HttpRequest, payload: ScreeningIn) -> Status[dict[str, Any]]:
    """A physio screens a runner (`runner`), or a runner self-screens (omit `runner`). Red flags,
    bone-stress signs, or pain today of 5/10 or more (unless a physio sends
    `start_despite_pain`) mean no programme: the answer says to see a physio and where to book.
    Ladders too hard for the starting level are listed in `placement.not_yet` with why."""
    user = request.auth  # type: ignore[attr-defined]
    if payload.runner is None or payload.runner == user.pk:
        runner = _self_runner(request)
    else:
        # The same right as reading the runner (ADR 0014): anyone else gets 404, nothing saved.
        runner = runner_get_for_viewer(
            viewer=user, runner_id=payload.runner, what="training.screening"
        )
        if not is_clinician(user):
            raise Http404("No such runner.")
    try:
        outcome = screening_record(
            runner=runner,
            recorded_by=user,
            day=payload.date or now_london().date(),
            age=payload.age,
            sex=payload.sex,
            current_pain=payload.current_pain,
            measures=payload.measures,
            red_flags=payload.red_flags,
            injuries=[i.dict() for i in payload.injuries],
            notes=payload.notes,
            sessions_per_week=payload.sessions_per_week,
            history=RunningHistory(
                years_running=payload.years_running,
                weekly_km=payload.weekly_km,
                marathons_finished=payload.marathons_finished,
                bone_stress=payload.bone_stress_signs,
            ),
            start_despite_pain=payload.start_despite_pain,
        )
    except ValidationError as exc:
        raise _invalid(exc) from None
    booking = request.build_absolute_uri(booking_path())
    return Status(201, screening_out(outcome, booking_url=booking))


@runner_router.get("/programme", response=ProgrammeResponse, summary="The active programme")
def programme_get(request: HttpRequest, runner: int | None = None) -> dict[str, Any]:
    """Your own programme; a physio passes `runner`. Constant queries whatever the history."""
    who = _runner_param(request, runner, "training.programme")
    return programme_response(who)


@runner_router.post(
    "/sessions", response={200: SessionOut, 201: SessionOut, 409: ErrorOut}, summary="Log a session"
)
def sessions_create(request: HttpRequest, payload: SessionIn) -> Status[dict[str, Any]]:
    """Stores the session at once; each exercise waits for tomorrow morning's check-in before
    it is decided, except pain that stops it (7/10 or more, or above 5/10 on a pinned dose):
    that exercise is paused at once and the physio alerted. Returns decisions made now (those,
    earlier sessions settled, an ease-back after a break). Sending the same `client_token`
    again returns the first answer (200)."""
    runner = _self_runner(request)
    exercises = [
        ExerciseInput(
            e.entry,
            e.control,
            tuple(SetInput(s.reps_or_seconds, s.load_step, s.pain_during) for s in e.sets),
            e.effort,
        )
        for e in payload.exercises
    ]
    try:
        outcome = session_log(
            runner=runner, day=payload.date, client_token=payload.client_token, exercises=exercises
        )
    except ValidationError as exc:
        raise _invalid(exc) from None
    return Status(201 if outcome.created else 200, session_out(outcome))


@runner_router.post(
    "/checkins",
    response={200: CheckInOut, 201: CheckInOut, 409: ErrorOut},
    summary="Morning check-in",
)
def checkins_create(request: HttpRequest, payload: CheckInIn) -> Status[dict[str, Any]]:
    """Pain and stiffness on waking, and optional yes/no answers (red flags, feeling unwell, a
    race or long run yesterday). Judges yesterday's session (if any) and returns the decisions
    and `advice`: what to do now (with a booking link after a red flag). Never dated in the
    future."""
    runner = _self_runner(request)
    answers = {name: getattr(payload, name) for name in CHECK_IN_ANSWERS}
    try:
        outcome = check_in_record(
            runner=runner,
            day=payload.date,
            pain=payload.pain,
            stiffness=payload.stiffness,
            answers=answers,
        )
    except ValidationError as exc:
        raise _invalid(exc) from None
    check_in = outcome.check_in
    assert check_in is not None
    stored = {name: getattr(check_in, name) for name in CHECK_IN_ANSWERS}
    red_flag = check_in.urgency in {"see_physio", "nhs_111_today", "emergency_999"}
    body = {
        "check_in": {
            "id": check_in.pk,
            "date": check_in.date,
            "pain": check_in.pain,
            "stiffness": check_in.stiffness,
            **stored,
        },
        "created": outcome.created,
        "advice": {
            "urgency": check_in.urgency,
            "text": check_in.advice,
            "booking_url": request.build_absolute_uri(booking_path()) if red_flag else None,
        },
        "decisions": [decision_out(d) for d in outcome.decisions],
    }
    return Status(201 if outcome.created else 200, body)


@runner_router.get("/decisions", response=list[DecisionOut], summary="Decision timeline")
def decisions_list(
    request: HttpRequest,
    runner: int | None = None,
    before: int | None = None,
    limit: int = Query(TIMELINE_PAGE, ge=1, le=200),
) -> list[dict[str, Any]]:
    """Newest first. Page with `before` = the last id you have."""
    who = _runner_param(request, runner, "training.decisions")
    return [decision_out(d) for d in decision_timeline(runner=who, before=before, limit=limit)]


@runner_router.post(
    "/overrides", response={201: OverrideOut, 409: ErrorOut}, summary="Physio override"
)
def overrides_create(request: HttpRequest, payload: OverrideIn) -> Status[dict[str, Any]]:
    """Pin a rung (and, with `sets` and `target`, the dose), or `clear` the pin. Recorded as a
    decision the runner sees."""
    user = request.auth  # type: ignore[attr-defined]
    entry = (
        ProgrammeEntry.objects.select_related("programme__runner", "ladder")
        .filter(pk=payload.entry)
        .first()
    )
    if entry is None:
        raise Http404("No such entry.")
    runner_check_for_viewer(
        viewer=user, runner=entry.programme.runner, what="training.override", obj=entry.pk
    )
    if not is_clinician(user):
        raise ApiError(403, "forbidden", "Only a physio can override the programme.")
    try:
        if payload.action == "clear":
            decision = override_clear(entry=entry, by=user)
        else:
            if not payload.rung:
                raise ValidationError({"rung": "Say which rung to pin."})
            dose = None
            if payload.sets is not None and payload.target is not None:
                dose = DoseInput(payload.sets, payload.target, payload.load_step)
            decision = override_set(
                entry=entry, by=user, rung_key=payload.rung, dose=dose, note=payload.note
            )
    except ValidationError as exc:
        raise _invalid(exc) from None
    return Status(201, {"decision": decision_out(decision), "entry": entry.pk})


@runner_router.post(
    "/entries/{entry_id}/resume",
    response={201: OverrideOut, 409: ErrorOut},
    summary="Restart a paused exercise",
)
def entries_resume(request: HttpRequest, entry_id: int) -> Status[dict[str, Any]]:
    """The runner's physio (or clinic staff) restarts an exercise the rules paused after a
    severe reaction, once they have been in touch. Recorded as a decision the runner sees."""
    user = request.auth  # type: ignore[attr-defined]
    entry = (
        ProgrammeEntry.objects.select_related("programme__runner", "ladder")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404("No such entry.")
    runner_check_for_viewer(
        viewer=user, runner=entry.programme.runner, what="training.resume", obj=entry.pk
    )
    if not is_clinician(user):
        raise ApiError(403, "forbidden", "Only the runner's physio can restart an exercise.")
    try:
        decision = entry_resume(entry=entry, by=user)
    except ValidationError as exc:
        raise _invalid(exc) from None
    return Status(201, {"decision": decision_out(decision), "entry": entry.pk})
