"""/api/plan: the runner's own race, plan, weeks and logs. Mounted by stridewell.api.api.

Every operation calls the same services as the pages. Another runner's plan, run or session
does not exist for the caller (404); anonymous callers get 401.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import File, Router, Status
from ninja.files import UploadedFile

from stridewell.api.auth import api_auth
from stridewell.api.errors import ApiError
from stridewell.api.openapi import ErrorOut
from stridewell.planner import clock, selectors, services
from stridewell.planner.api_shapes import plan_out, week_detail_out, week_out
from stridewell.planner.feed_tokens import feed_token_revoke, feed_token_rotate
from stridewell.planner.forms import goal_parse
from stridewell.planner.importers import MAX_FILE_BYTES
from stridewell.planner.imports import runs_import
from stridewell.planner.models import ActualRun, Plan, PlanWeek
from stridewell.planner.schemas import (
    ActualRunOut,
    ChangeOut,
    FeedOut,
    ImportOut,
    LogIn,
    PlanCreateIn,
    PlanMoveIn,
    PlanOut,
    PlanUpdateIn,
    PlanWeekOut,
    RaceOut,
    WeekDetailOut,
)

router = Router(tags=["planner"], auth=api_auth)
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _runner(request: HttpRequest):
    """The authenticated caller (ninja's auth sets `request.auth`)."""
    return request.auth  # type: ignore[attr-defined]


def _plan(request: HttpRequest) -> Plan:
    plan = selectors.plan_active(runner=_runner(request))
    if plan is None:
        raise ApiError(404, "not_found", "You have no plan yet: create one with POST /api/plan.")
    return plan


def _goal(text: str | None, field: str = "goal_time"):
    try:
        return goal_parse(text)
    except ValidationError as error:
        raise ApiError(
            422, "invalid", "Some fields are not valid.", {field: error.messages}
        ) from error


@router.post("", response={201: PlanOut, **ERRORS}, summary="Create your race and plan")
def create_plan(request: HttpRequest, payload: PlanCreateIn):
    plan = services.plan_create(
        runner=_runner(request),
        race_name=payload.race_name,
        race_date=payload.race_date,
        goal_time=_goal(payload.goal_time),
        race_start_time=payload.race_start_time,
        current_weekly_km=payload.current_weekly_km,
        longest_recent_run_km=payload.longest_recent_run_km,
        available_days=set(payload.available_days),
        long_run_day=payload.long_run_day,
        quality_days=set(payload.quality_days),
        run_time=payload.run_time,
        strength_time=payload.strength_time,
        today=clock.today(),
    )
    return Status(201, plan_out(plan, today=clock.today()))


@router.get("", response={200: PlanOut, **ERRORS}, summary="Your active plan")
def read_plan(request: HttpRequest):
    return plan_out(_plan(request), today=clock.today())


@router.patch("", response={200: PlanOut, **ERRORS}, summary="Change your race or week")
def update_plan(request: HttpRequest, payload: PlanUpdateIn):
    plan = _plan(request)
    goal = _goal(payload.goal_time) if payload.goal_time is not None else None
    services.plan_update(
        plan=plan,
        race_name=payload.race_name,
        race_date=payload.race_date,
        race_start_time=payload.race_start_time,
        goal_time=goal,
        clear_goal=payload.goal_time is not None and goal is None,
        available_days=set(payload.available_days) if payload.available_days is not None else None,
        long_run_day=payload.long_run_day,
        quality_days=set(payload.quality_days) if payload.quality_days is not None else None,
        run_time=payload.run_time,
        strength_time=payload.strength_time,
        today=clock.today(),
    )
    plan.refresh_from_db()
    return plan_out(plan, today=clock.today())


@router.get("/race", response={200: RaceOut, **ERRORS}, summary="Your race")
def read_race(request: HttpRequest):
    return plan_out(_plan(request), today=clock.today())["race"]


@router.get("/weeks", response={200: list[PlanWeekOut], **ERRORS}, summary="Weeks of your plan")
def list_weeks(request: HttpRequest):
    plan = _plan(request)
    return [week_out(w) for w in PlanWeek.objects.filter(plan=plan).order_by("number")]


@router.get("/weeks/{number}", response={200: WeekDetailOut, **ERRORS}, summary="One week")
def read_week(request: HttpRequest, number: int):
    plan = _plan(request)
    week = get_object_or_404(PlanWeek, plan=plan, number=number)
    return week_detail_out(plan, week, today=clock.today())


def _changed(item, notes) -> dict:
    week = PlanWeek.objects.get(pk=item.week_id)
    return {"notes": list(notes), "week": week_detail_out(item.plan, week, today=clock.today())}


@router.post("/runs/{run_id}/log", response={200: ChangeOut, **ERRORS}, summary="Done or missed")
def log_run(request: HttpRequest, run_id: int, payload: LogIn):
    run = get_object_or_404(selectors.runs_for(runner=_runner(request)), pk=run_id)
    today = clock.today()
    if payload.status == "done":
        notes = services.run_mark_done(run=run, actual_km=payload.actual_km, today=today)
    else:
        notes = services.run_mark_missed(run=run, today=today)
    return _changed(run, notes)


@router.post("/runs/{run_id}/move", response={200: ChangeOut, **ERRORS}, summary="Move a run")
def move_run(request: HttpRequest, run_id: int, payload: PlanMoveIn):
    run = get_object_or_404(selectors.runs_for(runner=_runner(request)), pk=run_id)
    notes = services.run_move(run=run, new_date=payload.date, today=clock.today())
    return _changed(run, notes)


@router.post(
    "/strength/{session_id}/log",
    response={200: ChangeOut, **ERRORS},
    summary="Strength session done or missed",
)
def log_strength(request: HttpRequest, session_id: int, payload: LogIn):
    session = get_object_or_404(selectors.sessions_for(runner=_runner(request)), pk=session_id)
    today = clock.today()
    if payload.status == "done":
        notes = services.strength_mark_done(session=session, today=today)
    else:
        notes = services.strength_mark_missed(session=session, today=today)
    return _changed(session, notes)


@router.post(
    "/strength/{session_id}/move",
    response={200: ChangeOut, **ERRORS},
    summary="Move a strength session",
)
def move_strength(request: HttpRequest, session_id: int, payload: PlanMoveIn):
    session = get_object_or_404(selectors.sessions_for(runner=_runner(request)), pk=session_id)
    notes = services.strength_move(session=session, new_date=payload.date, today=clock.today())
    return _changed(session, notes)


def _actual_out(actual: ActualRun) -> dict:
    planned = getattr(actual, "planned_run", None)
    return {
        "id": actual.pk,
        "started_at": actual.started_at,
        "local_date": actual.local_date,
        "distance_km": actual.distance_km,
        "duration_s": actual.duration_s,
        "name": actual.name,
        "source": actual.source,
        "planned_run_id": planned.pk if planned else None,
    }


@router.post("/imports", response={201: ImportOut, **ERRORS}, summary="Import a run file")
def import_runs(request: HttpRequest, file: File[UploadedFile]):
    if file.size and file.size > MAX_FILE_BYTES:
        limit = f"This file is over the {MAX_FILE_BYTES // 1024 // 1024} MB limit."
        raise ApiError(413, "too_large", limit, {"file": [limit]})
    result = runs_import(
        runner=_runner(request),
        file_name=file.name or "upload",
        data=file.read(MAX_FILE_BYTES + 1),
        today=clock.today(),
    )
    return Status(
        201,
        {
            "created": [_actual_out(a) for a in result.created],
            "duplicates": len(result.duplicates),
            "matched": [{"actual_run_id": a.pk, "planned_run_id": p.pk} for a, p in result.matched],
            "notes": list(result.notes),
        },
    )


@router.get(
    "/actual-runs",
    response={200: list[ActualRunOut], **ERRORS},
    summary="Your imported runs, newest first",
)
def list_actual_runs(request: HttpRequest):
    rows = ActualRun.objects.filter(runner=_runner(request)).select_related("planned_run")[:200]
    return [_actual_out(a) for a in rows]


@router.post(
    "/feed",
    response={201: FeedOut, **ERRORS},
    summary="Make a new secret calendar-feed address; the old one stops working",
)
def rotate_feed(request: HttpRequest):
    raw = feed_token_rotate(runner=_runner(request))
    url = request.build_absolute_uri(reverse("planner:feed", kwargs={"token": raw}))
    return Status(201, {"url": url, "hint": raw[-4:]})


@router.delete("/feed", response={204: None, **ERRORS}, summary="Switch the calendar feed off")
def revoke_feed(request: HttpRequest):
    feed_token_revoke(runner=_runner(request))
    return Status(204, None)
