"""Response shapes of the private training API, and the functions that fill them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from stridewell.accounts.models import User
from stridewell.training.models import Decision, Programme, ProgrammeEntry
from stridewell.training.selectors_runner import pending_logs, programme_active
from stridewell.training.services_logging import LogOutcome
from stridewell.training.services_screening import ScreeningOutcome


class DecisionOut(Schema):
    id: int
    date: dt.date
    exercise: str
    action: str  # progress, hold or regress
    kind: str
    rule: str
    reason: str
    alert_physio: bool
    dose: str  # the dose after the decision
    made_by: str | None


class LadderRef(Schema):
    key: str
    name: str


class RungRef(Schema):
    key: str
    name: str
    exercise_slug: str
    position: int


class DoseOut(Schema):
    sets: int
    target: int
    low: int
    high: int
    unit: str
    load_step: int
    load: str
    tempo: str
    rest_seconds: int
    text: str


class EntryOut(Schema):
    id: int
    position: int
    ladder: LadderRef
    rung: RungRef
    dose: DoseOut
    is_overridden: bool
    is_paused: bool  # stopped until the physio restarts it: not to be done
    override_note: str


class ProgrammeOut(Schema):
    id: int
    started_on: dt.date
    sessions_per_week: int
    physio: str | None
    entries: list[EntryOut]


class Waiting(Schema):
    session_date: dt.date
    exercise: str


class RunnerRef(Schema):
    id: int
    name: str


class ProgrammeResponse(Schema):
    runner: RunnerRef
    programme: ProgrammeOut | None
    waiting_for_check_in: list[Waiting]


class LoggedExercise(Schema):
    entry: int
    exercise: str
    status: str  # pending: waiting for tomorrow morning's check-in
    effort: int | None  # RPE 1-10 as logged; null when not reported


class SessionBody(Schema):
    id: int
    date: dt.date
    exercises: list[LoggedExercise]


class SessionOut(Schema):
    session: SessionBody
    created: bool
    message: str
    decisions: list[DecisionOut]


class CheckInBody(Schema):
    id: int
    date: dt.date
    pain: int
    stiffness: int
    night_pain: bool = False
    numbness: bool = False
    swelling: bool = False
    unwell: bool = False
    emergency_signs: bool = False
    urgent_signs: bool = False
    long_run_yesterday: bool = False


class AdviceOut(Schema):
    urgency: str = Field(
        description="none, easy_day, see_physio, nhs_111_today or emergency_999 (most urgent)"
    )
    text: str = Field(description="What to do now, in plain words; empty when nothing to add.")
    booking_url: str | None = Field(None, description="Where to book a physio (red flags).")


class CheckInOut(Schema):
    check_in: CheckInBody
    created: bool
    advice: AdviceOut
    decisions: list[DecisionOut]


class ScreeningBody(Schema):
    id: int
    runner: int
    date: dt.date
    is_self_screen: bool
    has_red_flags: bool
    is_referred: bool
    years_running: int | None
    weekly_km: int | None
    marathons_finished: int | None
    bone_stress_signs: list[str]
    start_despite_pain: bool


class ScreeningOut(Schema):
    screening: ScreeningBody
    placement: dict[str, Any]
    programme: ProgrammeOut | None
    see_physio: bool
    booking_url: str | None


class OverrideOut(Schema):
    entry: int
    decision: DecisionOut


def _name(user: User | None) -> str | None:
    return None if user is None else (user.get_full_name() or user.email)


def decision_out(d: Decision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "date": d.effective_date,
        "exercise": d.rung_after.display_name,
        "action": d.action,
        "kind": d.kind,
        "rule": d.rule,
        "reason": d.reason,
        "alert_physio": d.alert_physio,
        "dose": d.dose_text,
        "made_by": _name(d.made_by),
    }


def entry_out(e: ProgrammeEntry) -> dict[str, Any]:
    return {
        "id": e.pk,
        "position": e.position,
        "ladder": {"key": e.ladder.key, "name": e.ladder.name},
        "rung": {
            "key": e.rung.key,
            "name": e.rung.display_name,
            "exercise_slug": e.rung.exercise.slug,
            "position": e.rung.position,
        },
        "dose": {
            "sets": e.sets,
            "target": e.target,
            "low": e.low,
            "high": e.high,
            "unit": e.unit,
            "load_step": e.load_step,
            "load": e.load_label,
            "tempo": e.tempo,
            "rest_seconds": e.rest_seconds,
            "text": e.dose_text,
        },
        "is_overridden": e.is_overridden,
        "is_paused": e.is_paused,
        "override_note": e.override_note,
    }


def programme_out(p: Programme) -> dict[str, Any]:
    return {
        "id": p.pk,
        "started_on": p.started_on,
        "sessions_per_week": p.sessions_per_week,
        "physio": _name(p.physio),
        "entries": [entry_out(e) for e in p.entries.all()],
    }


def programme_response(runner: User) -> dict[str, Any]:
    """The runner's active programme and what waits for a check-in (3 queries)."""
    programme = programme_active(runner=runner)
    return {
        "runner": {"id": runner.pk, "name": _name(runner)},
        "programme": None if programme is None else programme_out(programme),
        "waiting_for_check_in": [
            {"session_date": log.session.date, "exercise": log.rung.display_name}
            for log in pending_logs(runner=runner)
        ],
    }


def session_out(outcome: LogOutcome) -> dict[str, Any]:
    session = outcome.session
    assert session is not None
    logs = session.exercises.select_related("rung__exercise").order_by("entry__position")
    return {
        "session": {
            "id": session.pk,
            "date": session.date,
            "exercises": [
                {
                    "entry": log.entry_id,
                    "exercise": log.rung.display_name,
                    "status": log.status,
                    "effort": log.effort,
                }
                for log in logs
            ],
        },
        "created": outcome.created,
        "message": (
            "Saved. Each exercise is decided when you check in tomorrow morning."
            if outcome.created
            else "This session was already saved; nothing was recorded twice."
        ),
        "decisions": [decision_out(d) for d in outcome.decisions],
    }


def screening_out(outcome: ScreeningOutcome, *, booking_url: str) -> dict[str, Any]:
    s = outcome.screening
    return {
        "screening": {
            "id": s.pk,
            "runner": s.runner_id,
            "date": s.date,
            "is_self_screen": s.is_self_screen,
            "has_red_flags": s.has_red_flags,
            "is_referred": s.is_referred,
            "years_running": s.years_running,
            "weekly_km": s.weekly_km,
            "marathons_finished": s.marathons_finished,
            "bone_stress_signs": s.bone_stress_signs,
            "start_despite_pain": s.start_despite_pain,
        },
        "placement": s.placement,
        "programme": None if outcome.programme is None else programme_out(outcome.programme),
        "see_physio": s.is_referred,
        "booking_url": booking_url if (s.is_referred or outcome.placement.offer_booking) else None,
    }
