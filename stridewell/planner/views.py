"""Planner pages: create, overview, week view with logging and moving. Thin: forms parse,
services decide, templates show. Everything is the logged-in runner's own (others: 404)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stridewell.planner import clock, selectors, services
from stridewell.planner.charts import long_run_chart, volume_chart
from stridewell.planner.forms import (
    LogForm,
    MoveForm,
    PlanEditForm,
    PlanForm,
    errors_to_form,
    goal_text,
)
from stridewell.planner.models import PlanWeek
from stridewell.planner.programme import programme_entries


def _plan_or_redirect(request: HttpRequest):
    plan = selectors.plan_active(runner=request.user)
    if plan is None:
        return None, redirect("planner:create")
    return plan, None


@login_required
@require_http_methods(["GET", "POST"])
def plan_create_view(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(
                runner=request.user,
                race_name=data["race_name"],
                race_date=data["race_date"],
                goal_time=data["goal_time"],
                race_start_time=data["race_start_time"],
                current_weekly_km=data["current_weekly_km"],
                longest_recent_run_km=data["longest_recent_run_km"],
                run_time=data["run_time"],
                strength_time=data["strength_time"],
                today=clock.today(),
                **form.pattern(),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"Your plan for {plan.race.name} is ready.")
            return redirect("planner:overview")
    existing = selectors.plan_active(runner=request.user)
    return render(
        request,
        "planner/create.html",
        {"form": form, "existing": existing},
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def overview_view(request: HttpRequest) -> HttpResponse:
    plan, away = _plan_or_redirect(request)
    if away:
        return away
    today = clock.today()
    reviewed = selectors.plan_reviewed(plan=plan, today=today)
    bars = selectors.week_bars(plan=plan, reviewed=reviewed, today=today)
    weeks = list(PlanWeek.objects.filter(plan=plan).order_by("number"))
    current = selectors.week_number_for(plan=plan, day=today)
    spikes = [s for s in reviewed.spikes if s.day >= today]
    context = {
        "plan": plan,
        "today": today,
        "goal": goal_text(plan.race.goal_time),
        "days_to_race": (plan.race.date - today).days,
        "weeks": list(zip(weeks, bars, strict=True)),
        "current_number": current,
        "notes": [i for i in reviewed.issues if i.week is None],
        "week_issues": [i for i in reviewed.issues if i.week is not None],
        "spikes": spikes,
        "volume_svg": mark_safe(volume_chart(bars)),  # noqa: S308 - built with escape()
        "long_svg": mark_safe(long_run_chart(bars)),  # noqa: S308 - built with escape()
    }
    return render(request, "planner/overview.html", context)


@login_required
@require_GET
def this_week_view(request: HttpRequest) -> HttpResponse:
    plan, away = _plan_or_redirect(request)
    if away:
        return away
    number = selectors.week_number_for(plan=plan, day=clock.today())
    return redirect("planner:week", number=number)


def _week_context(request: HttpRequest, plan, number: int, notes=(), error: str = "") -> dict:
    week = get_object_or_404(PlanWeek, plan=plan, number=number)
    today = clock.today()
    reviewed = selectors.plan_reviewed(plan=plan, today=today)
    flags = {s.run_key: s for s in reviewed.spikes}
    days = selectors.week_days(plan=plan, week=week, today=today)
    for day in days:
        # Display-only extras for the templates, set on this request's copies of the rows.
        for run in day.runs:
            setattr(run, "flag", flags.get(run.key))  # noqa: B010
        for session in day.sessions:
            setattr(session, "exercises", programme_entries(session.programme))  # noqa: B010
    last = PlanWeek.objects.filter(plan=plan).order_by("-number").values_list("number", flat=True)
    movable = [week.start_date + timedelta(days=i) for i in range(7)]
    return {
        "plan": plan,
        "week": week,
        "days": days,
        "today": today,
        "move_days": [d for d in movable if d >= today and d < plan.race.date],
        "issues": [i for i in reviewed.issues if i.week == number],
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < (last.first() or 1) else None,
        "notes": notes,
        "error": error,
    }


@login_required
@require_GET
def week_view(request: HttpRequest, number: int) -> HttpResponse:
    plan, away = _plan_or_redirect(request)
    if away:
        return away
    notes = request.session.pop("planner_notes", [])
    return render(request, "planner/week.html", _week_context(request, plan, number, notes))


def _after_change(request, item, notes=(), error: str = "") -> HttpResponse:
    """htmx gets the re-flowed week in place; without JavaScript, back to the week page."""
    number = item.week.number
    if request.headers.get("HX-Request") == "true":
        context = _week_context(request, item.plan, number, notes, error)
        return render(request, "planner/partials/week_body.html", context)
    if error:
        messages.error(request, error)
    else:
        request.session["planner_notes"] = list(notes)
    return redirect(reverse("planner:week", kwargs={"number": number}) + f"#day-{item.date}")


def _first_error(error: ValidationError) -> str:
    return " ".join(m for messages_ in error.message_dict.values() for m in messages_)


def _log(request, item, mark_done, mark_missed) -> HttpResponse:
    form = LogForm(request.POST)
    if not form.is_valid():
        return _after_change(request, item, error="Choose done or missed.")
    try:
        notes = mark_done() if form.cleaned_data["action"] == "done" else mark_missed()
    except ValidationError as error:
        return _after_change(request, item, error=_first_error(error))
    return _after_change(request, item, notes=notes)


@login_required
@require_POST
def run_log_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(selectors.runs_for(runner=request.user), pk=pk)
    form = LogForm(request.POST)
    if not form.is_valid() and "actual_km" in form.errors:
        return _after_change(request, run, error="Enter the distance in km, for example 6.4.")
    actual = form.cleaned_data.get("actual_km") if form.is_valid() else None
    today = clock.today()
    return _log(
        request,
        run,
        lambda: services.run_mark_done(run=run, actual_km=actual, today=today),
        lambda: services.run_mark_missed(run=run, today=today),
    )


@login_required
@require_POST
def strength_log_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.sessions_for(runner=request.user), pk=pk)
    today = clock.today()
    return _log(
        request,
        session,
        lambda: services.strength_mark_done(session=session, today=today),
        lambda: services.strength_mark_missed(session=session, today=today),
    )


def _move(request, item, move) -> HttpResponse:
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _after_change(request, item, error="Choose the day to move it to.")
    try:
        notes = move(form.cleaned_data["new_date"])
    except ValidationError as error:
        return _after_change(request, item, error=_first_error(error))
    return _after_change(request, item, notes=notes)


@login_required
@require_POST
def run_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(selectors.runs_for(runner=request.user), pk=pk)
    today = clock.today()
    return _move(request, run, lambda day: services.run_move(run=run, new_date=day, today=today))


@login_required
@require_POST
def strength_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.sessions_for(runner=request.user), pk=pk)
    today = clock.today()
    return _move(
        request,
        session,
        lambda day: services.strength_move(session=session, new_date=day, today=today),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit_view(request: HttpRequest) -> HttpResponse:
    plan, away = _plan_or_redirect(request)
    if away:
        return away
    initial = {
        "race_name": plan.race.name,
        "race_date": plan.race.date,
        "race_start_time": plan.race.start_time,
        "goal_time": plan.race.goal_time,
        "available_days": [str(d) for d in plan.available_days],
        "long_run_day": str(plan.long_run_day),
        "quality_days": [str(d) for d in plan.quality_days],
        "run_time": plan.run_time,
        "strength_time": plan.strength_time,
    }
    form = PlanEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notes = services.plan_update(
                plan=plan,
                race_name=data["race_name"],
                race_date=data["race_date"],
                race_start_time=data["race_start_time"],
                goal_time=data["goal_time"],
                clear_goal=data["goal_time"] is None,
                run_time=data["run_time"],
                strength_time=data["strength_time"],
                today=clock.today(),
                **form.pattern(),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            for note in notes:
                messages.info(request, note)
            messages.success(request, "Your plan is up to date.")
            return redirect("planner:overview")
    return render(
        request,
        "planner/edit.html",
        {"form": form, "plan": plan},
        status=422 if form.errors else 200,
    )
