"""Physio and staff pages: their runners, alerts, screening, programme choice, overrides."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from stridewell.accounts.models import Role, User
from stridewell.core.audit import Access, record_access
from stridewell.training import engine
from stridewell.training.access import (
    can_view_runner,
    is_staff,
    runner_check_for_viewer,
    runner_get_for_viewer,
)
from stridewell.training.forms_runner import (
    ClinicScreeningForm,
    FindRunnerForm,
    ManualProgrammeForm,
    OverrideForm,
)
from stridewell.training.models import Alert, ProgrammeEntry
from stridewell.training.selectors_handover import hand_overs_for
from stridewell.training.selectors_library import ladders_as_engine
from stridewell.training.selectors_runner import (
    TIMELINE_PAGE,
    alerts_for_runner,
    alerts_open,
    check_ins_recent,
    decision_timeline,
    physio_runner_rows,
    programme_active,
    screenings_for,
    sessions_recent,
)
from stridewell.training.services_alerts import alert_acknowledge, alerts_missed_sessions_scan
from stridewell.training.services_overrides import (
    DoseInput,
    entry_resume,
    override_clear,
    override_set,
)
from stridewell.training.services_plateau import alerts_plateau_scan
from stridewell.training.services_programme import programme_assign_manual
from stridewell.training.services_screening import screening_record
from stridewell.training.views_runner.common import (
    clinician_page,
    go,
    today_london,
)
from stridewell.training.views_runner.runner import print_programme


@clinician_page
@require_http_methods(["GET", "POST"])
def physio_dashboard(request: HttpRequest) -> HttpResponse:
    viewer = cast(User, request.user)  # clinician_page guarantees a logged-in user
    find = FindRunnerForm(request.POST or None)
    if request.method == "POST" and find.is_valid():
        runner = User.objects.filter(
            email__iexact=find.cleaned_data["email"], role=Role.RUNNER
        ).first()
        if runner is not None and can_view_runner(viewer, runner):
            return redirect("training:screening_new", runner_id=runner.pk)
        find.add_error("email", "No runner has an account with that address.")
    today = today_london()
    alerts_missed_sessions_scan(today=today, physio=None if is_staff(viewer) else viewer)
    alerts_plateau_scan(today=today, physio=None if is_staff(viewer) else viewer)
    alerts = alerts_open(viewer=viewer)
    record_access(
        viewer=viewer,
        accesses=[Access(runner_id=a.runner_id, what="training.alerts") for a in alerts],
    )
    context = {
        "hand_overs": hand_overs_for(viewer=viewer)[:10],
        "rows": physio_runner_rows(viewer=viewer),
        "alerts": alerts,
        "find": find,
        "today": today,
    }
    return render(request, "training/physio/dashboard.html", context)


def _runner_context(
    request: HttpRequest, runner: User, bound: tuple[int, OverrideForm] | None = None
) -> dict[str, Any]:
    programme = programme_active(runner=runner)
    ladders = ladders_as_engine()
    overrides: list[tuple[ProgrammeEntry, OverrideForm | None]] = []
    for entry in programme.entries.all() if programme else []:
        ladder = ladders.get(entry.ladder.key)
        if ladder is None or not ladder.has(entry.state["rung_key"]):
            overrides.append((entry, None))
            continue
        form = OverrideForm(ladder=ladder, current=engine.state_load(entry.state))
        if bound is not None and bound[0] == entry.pk:
            form = bound[1]
        overrides.append((entry, form))
    return {
        "runner": runner,
        "programme": programme,
        "overrides": overrides,
        "screenings": list(screenings_for(runner=runner)),
        "alerts": alerts_for_runner(runner=runner),
        "decisions": decision_timeline(runner=runner, limit=15),
        "sessions": sessions_recent(runner=runner),
        "check_ins": check_ins_recent(runner=runner),
        "hand_overs": hand_overs_for(viewer=cast(User, request.user), runner=runner),
        "may_hand_over": is_staff(request.user),
    }


@clinician_page
def physio_runner(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = runner_get_for_viewer(viewer=request.user, runner_id=runner_id, what="training.runner")
    return render(request, "training/physio/runner.html", _runner_context(request, runner))


@clinician_page
@require_http_methods(["GET", "POST"])
def screening_new(request: HttpRequest, runner_id: int) -> HttpResponse:
    # The same right as reading the runner (ADR 0014): a screening never takes a runner over.
    runner = runner_get_for_viewer(
        viewer=request.user, runner_id=runner_id, what="training.screening_form"
    )
    today = today_london()
    form = ClinicScreeningForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        measures = form.measures()
        if not form.errors:
            data = form.cleaned_data
            try:
                outcome = screening_record(
                    runner=runner,
                    recorded_by=request.user,  # type: ignore[arg-type]
                    day=data["date"],
                    age=data["age"],
                    sex=data["sex"],
                    current_pain=data["current_pain"],
                    measures=measures,
                    red_flags=data["red_flags"],
                    injuries=data["injuries"],
                    notes=data["notes"],
                    sessions_per_week=data["sessions_per_week"],
                    history=form.history(),
                    start_despite_pain=data["start_despite_pain"],
                    today=today,
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                return go(
                    request, reverse("training:screening_detail", args=[outcome.screening.pk])
                )
    context = {"form": form, "runner": runner, "squat": form.squat_names()}
    return render(request, "training/physio/screening_form.html", context)


@clinician_page
@require_http_methods(["GET", "POST"])
def programme_assign(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = runner_get_for_viewer(viewer=request.user, runner_id=runner_id, what="training.assign")
    form = ManualProgrammeForm(request.POST or None, ladders=list(ladders_as_engine().values()))
    if request.method == "POST" and form.is_valid():
        try:
            programme_assign_manual(
                runner=runner,
                physio=request.user,  # type: ignore[arg-type]
                rung_keys=form.rung_keys(),
                sessions_per_week=form.cleaned_data["sessions_per_week"],
                today=today_london(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"New programme assigned to {runner}.")
            return redirect("training:physio_runner", runner_id=runner.pk)
    return render(request, "training/physio/assign.html", {"form": form, "runner": runner})


def _entry_for(request: HttpRequest, entry_id: int) -> ProgrammeEntry:
    entry = (
        ProgrammeEntry.objects.select_related("programme__runner", "ladder")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404("Not found.")
    runner_check_for_viewer(
        viewer=request.user, runner=entry.programme.runner, what="training.override", obj=entry.pk
    )
    return entry


@clinician_page
@require_POST
def override_set_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_for(request, entry_id)
    runner = entry.programme.runner
    ladder = ladders_as_engine().get(entry.ladder.key)
    if ladder is None:
        raise Http404("This ladder is no longer active.")
    form = OverrideForm(request.POST, ladder=ladder, current=engine.state_load(entry.state))
    if form.is_valid():
        data = form.cleaned_data
        dose = None
        if data["fix_dose"]:
            dose = DoseInput(data["sets"], data["target"], data["load_step"] or 0)
        try:
            override_set(
                entry=entry,
                by=cast(User, request.user),
                rung_key=data["rung"],
                dose=dose,
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"Override saved for {runner}.")
            return redirect("training:physio_runner", runner_id=runner.pk)
    context = _runner_context(request, runner, bound=(entry.pk, form))
    return render(request, "training/physio/runner.html", context)


@clinician_page
@require_POST
def override_clear_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_for(request, entry_id)
    try:
        override_clear(entry=entry, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Override removed: the rules take over again.")
    return redirect("training:physio_runner", runner_id=entry.programme.runner_id)


@clinician_page
@require_POST
def entry_resume_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Restart a paused exercise: the same right as reading the runner (their physio, staff)."""
    entry = _entry_for(request, entry_id)
    try:
        entry_resume(entry=entry, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Exercise restarted: the runner sees it in their programme.")
    return redirect("training:physio_runner", runner_id=entry.programme.runner_id)


@clinician_page
@require_POST
def alert_acknowledge_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    alert = Alert.objects.select_related("runner").filter(pk=alert_id).first()
    if alert is None:
        raise Http404("Not found.")
    runner_check_for_viewer(
        viewer=request.user, runner=alert.runner, what="training.alert", obj=alert.pk
    )
    alert_acknowledge(alert=alert, by=request.user)  # type: ignore[arg-type]
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("training:physio_dashboard")
    return go(request, back)


@clinician_page
def timeline_for(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = runner_get_for_viewer(
        viewer=request.user, runner_id=runner_id, what="training.timeline"
    )
    before = request.GET.get("before")
    decisions = decision_timeline(
        runner=runner, before=int(before) if before and before.isdigit() else None
    )
    return render(
        request,
        "training/runner/timeline.html",
        {
            "decisions": decisions,
            "runner": runner,
            "own": False,
            "older": decisions[-1].pk if len(decisions) == TIMELINE_PAGE else None,
        },
    )


@clinician_page
def programme_print_for(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = runner_get_for_viewer(
        viewer=request.user, runner_id=runner_id, what="training.handout"
    )
    return print_programme(request, programme_active(runner=runner), runner)
