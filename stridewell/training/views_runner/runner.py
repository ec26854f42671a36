"""Runner pages: dashboard, session log, check-in, timeline, self-screen, handout; and the
screening and session pages their physio and staff open too."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from stridewell.training import engine
from stridewell.training.access import (
    is_clinician,
    runner_check_for_viewer,
)
from stridewell.training.forms_runner import (
    CheckInForm,
    SelfScreenForm,
    SessionLogForm,
)
from stridewell.training.models import CheckIn, Screening, Urgency
from stridewell.training.selectors_handover import hand_overs_for
from stridewell.training.selectors_runner import (
    TIMELINE_PAGE,
    booking_path,
    decision_timeline,
    entries_paused,
    paused_names,
    programme_active,
    runner_dashboard,
    session_detail,
    session_log_entries,
)
from stridewell.training.services_logging import check_in_record, session_log
from stridewell.training.services_screening import screening_record
from stridewell.training.views_runner.common import (
    go,
    runner_page,
    today_london,
)


@runner_page
def dashboard(request: HttpRequest) -> HttpResponse:
    today = today_london()
    board = runner_dashboard(runner=request.user, today=today)  # type: ignore[arg-type]
    hand_overs = hand_overs_for(viewer=request.user, runner=request.user)  # type: ignore[arg-type]
    context = {
        "board": board,
        "today": today,
        "booking_url": booking_path(),
        "hand_overs": hand_overs,
    }
    return render(request, "training/runner/dashboard.html", context)


def _parse_day(raw: str | None, today: date) -> date:
    try:
        day = date.fromisoformat(raw or "")
    except ValueError:
        return today
    return min(day, today)


@runner_page
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest) -> HttpResponse:
    today = today_london()
    programme = programme_active(runner=request.user)  # type: ignore[arg-type]
    if programme is None:
        messages.info(request, "You'll be able to log sessions once you have a programme.")
        return redirect("training:dashboard")
    source = request.POST if request.method == "POST" else request.GET
    day = _parse_day(source.get("date"), today)
    entries = session_log_entries(programme=programme, day=day)
    if request.method == "GET":
        fresh = {"date": day, "client_token": uuid4()}
        form = SessionLogForm(initial=fresh, entries=entries, today=today)
    elif add := request.POST.get("add_set"):
        # "Add a set" redraws the form with one more row and everything typed so far, without
        # validating (an unfinished form is not an error).
        initial: dict[str, Any] = dict(request.POST.dict())
        initial[f"e{add}-rows"] = str(int(initial.get(f"e{add}-rows") or 0) + 1)
        for item in entries:
            initial[f"e{item.entry.pk}-done"] = f"e{item.entry.pk}-done" in request.POST
        form = SessionLogForm(initial=initial, entries=entries, today=today)
    else:
        form = SessionLogForm(request.POST, entries=entries, today=today)
        if form.is_valid():
            try:
                outcome = session_log(
                    runner=request.user,  # type: ignore[arg-type]
                    day=form.cleaned_data["date"],
                    client_token=form.cleaned_data["client_token"],
                    exercises=form.exercise_inputs,
                    today=today,
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                assert outcome.session is not None
                paused = {d.entry_id for d in outcome.decisions if d.kind == "paused"}
                if outcome.created and paused:
                    names = ", ".join(paused_names(session=outcome.session, entry_ids=paused))
                    messages.warning(
                        request,
                        f"Session saved. Please stop {names} until your physio has been in "
                        "touch: we've let them know.",
                    )
                elif outcome.created:
                    messages.success(
                        request, "Session saved. Check in tomorrow morning to hear what's next."
                    )
                assert outcome.session is not None
                return go(request, reverse("training:session_detail", args=[outcome.session.pk]))
    return render(
        request,
        "training/runner/session_log.html",
        {
            "form": form,
            "groups": form.groups(),
            "programme": programme,
            "today": today,
            "paused": entries_paused(programme=programme),
        },
    )


@login_required
def session_view(request: HttpRequest, session_id: int) -> HttpResponse:
    try:
        session = session_detail(session_id=session_id)
    except Exception as exc:  # DoesNotExist: the same 404 as "not yours"
        raise Http404("Not found.") from exc
    runner_check_for_viewer(
        viewer=request.user, runner=session.runner, what="training.session", obj=session.pk
    )
    context = {"session": session, "booking_url": booking_path()}
    return render(request, "training/runner/session_detail.html", context)


@runner_page
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest) -> HttpResponse:
    today = today_london()
    form = CheckInForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = check_in_record(
                runner=request.user,  # type: ignore[arg-type]
                day=form.cleaned_data["date"],
                pain=form.cleaned_data["pain"],
                stiffness=form.cleaned_data["stiffness"],
                answers=form.answers(),
                today=today,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            saved = outcome.check_in
            if saved is not None and saved.urgency != Urgency.NONE:
                # Something to act on: the page that says what to do, before anything else.
                messages.success(request, "Check-in saved.")
                return go(request, reverse("training:check_in_detail", args=[saved.pk]))
            changed = [d for d in outcome.decisions if d.rule != "C1_check_in_recorded"]
            text = "Check-in saved."
            if changed:
                text += f" {len(changed)} exercise decision(s) made: see 'What's changed'."
            if any(d.kind == "paused" for d in changed):
                text += " Please stop the exercise marked Paused: we've let your physio know."
                messages.warning(request, text)
            else:
                messages.success(request, text)
            return go(request, reverse("training:dashboard"))
    context = {"form": form, "today": today, "groups": form.groups()}
    return render(request, "training/runner/check_in.html", context)


@runner_page
def check_in_view(request: HttpRequest, check_in_id: int) -> HttpResponse:
    """What a check-in told the runner to do, and the decisions it led to (their own only)."""
    saved = CheckIn.objects.filter(pk=check_in_id, runner=request.user).first()  # type: ignore[misc]
    if saved is None:
        raise Http404("Not found.")
    decisions = saved.decisions.select_related("rung_after__exercise", "made_by").order_by("id")
    context = {
        "check_in": saved,
        "decisions": list(decisions),
        "booking_url": booking_path(),
        "is_red_flag": saved.is_red_flag,
    }
    return render(request, "training/runner/check_in_detail.html", context)


@runner_page
def timeline(request: HttpRequest) -> HttpResponse:
    before = request.GET.get("before")
    decisions = decision_timeline(
        runner=request.user,  # type: ignore[arg-type]
        before=int(before) if before and before.isdigit() else None,
    )
    return render(
        request,
        "training/runner/timeline.html",
        {
            "decisions": decisions,
            "runner": request.user,
            "own": True,
            "older": decisions[-1].pk if len(decisions) == TIMELINE_PAGE else None,
            "booking_url": booking_path(),
        },
    )


@runner_page
@require_http_methods(["GET", "POST"])
def self_screen(request: HttpRequest) -> HttpResponse:
    today = today_london()
    form = SelfScreenForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        measures = form.measures()
        if not form.errors:
            try:
                outcome = screening_record(
                    runner=request.user,  # type: ignore[arg-type]
                    recorded_by=request.user,  # type: ignore[arg-type]
                    day=form.cleaned_data["date"],
                    age=form.cleaned_data["age"],
                    sex=form.cleaned_data["sex"],
                    current_pain=form.cleaned_data["current_pain"],
                    measures=measures,
                    red_flags=form.cleaned_data["red_flags"],
                    injuries=form.cleaned_data["injuries"],
                    sessions_per_week=form.cleaned_data["sessions_per_week"],
                    history=form.history(),
                    today=today,
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                url = reverse("training:screening_detail", args=[outcome.screening.pk])
                return go(request, url)
    return render(request, "training/runner/self_screen.html", {"form": form})


@login_required
def screening_view(request: HttpRequest, screening_id: int) -> HttpResponse:
    screening = (
        Screening.objects.select_related("runner", "recorded_by").filter(pk=screening_id).first()
    )
    if screening is None:
        raise Http404("Not found.")
    runner_check_for_viewer(
        viewer=request.user, runner=screening.runner, what="training.screening", obj=screening.pk
    )
    programme = screening.programmes.filter(is_active=True).first()
    placement = screening.placement
    placed = placement.get("placements", [])
    if programme is not None:
        # Only the ladders the programme took are "where you start"; the others (too hard for
        # now, or locked) would read as advice to start there.
        chosen = set(programme.entries.values_list("ladder__key", flat=True))
        placed = [p for p in placed if p["ladder"] in chosen]
    return render(
        request,
        "training/runner/screening_detail.html",
        {
            "screening": screening,
            "placement": placement,
            "placed": placed,
            "programme": programme,
            "booking_url": booking_path(),
            # A clinic screening referred for pain: tell the physio how to start anyway.
            "clinician_hint": is_clinician(request.user)
            and str(engine.ScreeningRule.S4_CLINIC_PAIN_NOT_STARTED) in placement.get("rules", []),
        },
    )


@runner_page
def programme_print(request: HttpRequest) -> HttpResponse:
    programme = programme_active(runner=request.user)  # type: ignore[arg-type]
    return print_programme(request, programme, request.user)


def print_programme(request: HttpRequest, programme: Any, runner: Any) -> HttpResponse:
    if programme is None:
        raise Http404("No programme.")
    return render(
        request,
        "training/runner/print.html",
        {"programme": programme, "runner": runner, "entries": list(programme.entries.all())},
    )
