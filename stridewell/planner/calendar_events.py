"""The runner's calendar: plan runs, strength sessions and clinic appointments as events."""

from __future__ import annotations

import importlib
from datetime import datetime, timedelta

from stridewell.core.time import local_dt
from stridewell.planner.ics import FeedEvent
from stridewell.planner.models import Plan, PlannedRun, PlannedStrength
from stridewell.planner.programme import programme_entries

UID_DOMAIN = "stridewell.planner"
APPOINTMENT_MINUTES = 45


def _run_event(plan: Plan, run: PlannedRun, base_url: str) -> FeedEvent:
    if run.kind == "race":
        start = local_dt(run.date, plan.race.start_time)
        summary = f"Race day: {plan.race.name}"
    else:
        start = local_dt(run.date, plan.run_time)
        summary = f"{run.title} · {run.distance_km:g} km"
    if run.status == "done":
        ran = f" (ran {run.actual_km:g} km)" if run.actual_km else ""
        summary = f"✓ {summary}{ran}"
    elif run.status == "missed":
        summary = f"Missed: {summary}"
    description = run.detail + (f"\n\n{run.note}" if run.note else "")
    return FeedEvent(
        uid=f"run-{run.pk}@{UID_DOMAIN}",
        sequence=run.sequence,
        start=start,
        end=start + timedelta(minutes=run.minutes),
        summary=summary,
        description=description + f"\n\nWeek view: {base_url}",
        category="Run",
        is_cancelled=run.status == "missed",
    )


def _strength_event(plan: Plan, session: PlannedStrength, exercises, base_url) -> FeedEvent:
    start = local_dt(session.date, plan.strength_time)
    label = session.get_kind_display()
    summary = f"Strength: {label.lower()} ({session.minutes} min)"
    if session.status == "done":
        summary = f"✓ {summary}"
    elif session.status == "missed":
        summary = f"Missed: {summary}"
    lines = [session.reason]
    if exercises:
        lines.append("Your programme: " + "; ".join(f"{e['name']} {e['dose']}" for e in exercises))
        if session.kind == "maintenance":
            lines.append("Taper: do one or two sets of each, nothing new, nothing heavy.")
    return FeedEvent(
        uid=f"strength-{session.pk}@{UID_DOMAIN}",
        sequence=session.sequence,
        start=start,
        end=start + timedelta(minutes=session.minutes),
        summary=summary,
        description="\n\n".join(lines) + f"\n\nWeek view: {base_url}",
        category="Strength",
        is_cancelled=session.status == "missed",
    )


def plan_events(*, plan: Plan, base_url: str = "") -> list[FeedEvent]:
    """Every run and strength session of the plan, in date order (three queries)."""
    runs = PlannedRun.objects.filter(plan=plan).order_by("date", "id")
    sessions = list(
        PlannedStrength.objects.filter(plan=plan).select_related("programme").order_by("date")
    )
    cache: dict[int | None, list] = {}
    events = [_run_event(plan, run, base_url) for run in runs]
    for session in sessions:
        if session.programme_id not in cache:
            cache[session.programme_id] = programme_entries(session.programme)
        events.append(_strength_event(plan, session, cache[session.programme_id], base_url))
    return sorted(events, key=lambda e: e.start)


def appointment_events(*, runner, since: datetime, until: datetime) -> list[FeedEvent]:
    """The runner's clinic appointments, from the booking app's selector when it has one.

    Hook for the booking app: `stridewell.booking.selectors.appointment_list_for_user(user=)`
    returning appointments with `pk`, `start`, `end`, `status` and `appointment_type.name`.
    Until it exists the feed simply has no appointments.
    """
    try:
        booking = importlib.import_module("stridewell.booking.selectors")
    except ImportError:
        return []
    selector = getattr(booking, "appointment_list_for_user", None)
    if selector is None:
        return []
    events = []
    for appointment in selector(user=runner):
        start, end = appointment.start, appointment.end
        if end < since or start > until:
            continue
        kind = getattr(getattr(appointment, "appointment_type", None), "name", "Appointment")
        status = str(getattr(appointment, "status", ""))
        events.append(
            FeedEvent(
                uid=f"appointment-{appointment.pk}@{UID_DOMAIN}",
                sequence=int(getattr(appointment, "sequence", 0) or 0),
                start=start,
                end=end or start + timedelta(minutes=APPOINTMENT_MINUTES),
                summary=f"Clinic: {kind}",
                description="Stridewell Sports Physiotherapy appointment.",
                category="Appointment",
                is_cancelled=status.startswith("cancel"),
            )
        )
    return events
