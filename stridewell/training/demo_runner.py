"""Demo training history: a screening, a programme and six weeks of sessions and check-ins.

Everything goes through the real services, so the decisions on the demo runner's timeline are
the engine's own: holds while it learns the morning baseline, progressions (bigger steps when the
runner rates the effort moderate), a hold for pain of 4/10 that settled, a hold for sets taken to
failure, a regression for pain above 5/10 and one for a stiff morning (both alert the physio), one
exercise paused after 8/10 pain, a hold on a morning the runner felt unwell, and swelling reported
at a check-in: a red flag that pauses every exercise, tells the runner to stop and see a physio
and alerts the physio. The physio restarts paused exercises the day after. Running it again
changes nothing: a runner who already has a screening is left alone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction

from stridewell.accounts.models import User
from stridewell.core.time import LONDON, now_london
from stridewell.training.access import runner_physio
from stridewell.training.models import (
    AccessLog,
    HandOver,
    Ladder,
    Programme,
    ProgrammeEntry,
    Screening,
)
from stridewell.training.services_handover import runner_hand_over
from stridewell.training.services_logging import (
    ExerciseInput,
    SetInput,
    check_in_record,
    session_log,
)
from stridewell.training.services_overrides import entry_resume
from stridewell.training.services_screening import RunningHistory, screening_record

TOKENS = uuid.UUID("5f0c7a52-8d0e-4a55-9f57-3c0d9b1f6a10")  # namespace for demo session tokens
WEEKS = 6


@dataclass(frozen=True)
class DemoDay:
    pain_during: int = 1  # highest pain in the session (0 = no session that day)
    control: str = "good"
    morning: tuple[int, int] | None = (1, 1)  # next-morning (pain, stiffness)
    answers: tuple[str, ...] = ()  # the next morning's optional answers (engine.CHECK_IN_ANSWERS)
    effort: int | None = 6  # RPE 1-10 for every exercise; None: not reported
    first_pain: int | None = None  # the first exercise's highest pain, when it differs


# Tuesdays and Fridays, week by week: (Tuesday, Friday).
PLAN: tuple[tuple[DemoDay, DemoDay], ...] = (
    (DemoDay(), DemoDay()),  # week 1: the engine learns the usual morning stiffness
    (DemoDay(effort=None), DemoDay(pain_during=2)),  # progressions (a normal step, a big one)
    (DemoDay(), DemoDay(effort=10)),  # every set to failure: not mastery yet, so a hold
    (DemoDay(pain_during=4), DemoDay(pain_during=6, morning=(2, 2))),  # a hold, then a regress
    # 8/10 on one exercise: paused; unwell the next morning: a hold. Then swelling: a red flag.
    (DemoDay(first_pain=8, answers=("unwell",)), DemoDay(control="ok", answers=("swelling",))),
    (DemoDay(morning=(1, 4)), DemoDay()),  # a stiff morning: regress and tell the physio
)
SESSION_DAYS = (1, 4)  # Tuesday, Friday
REST_DAY_CHECK_INS = (0, 3)  # Monday and Thursday mornings (pain 1, stiffness 1)


def _sets(entry, pain: int) -> tuple[SetInput, ...]:
    entry.refresh_from_db()
    # The last set carries the session's highest pain; earlier sets a point less (never < 0).
    pains = [max(pain - 1, 0)] * (entry.sets - 1) + [pain]
    return tuple(SetInput(entry.target, entry.load_step, p) for p in pains)


@transaction.atomic
def seed_training_runner_demo(
    *, runner: User, physio: User, today: date | None = None
) -> Programme | None:
    """Give `runner` a screening by `physio`, a programme and six weeks of history.

    Needs the exercise library (seed it first). Returns the programme, or None when the runner
    was already seeded (or the library is empty)."""
    if Screening.objects.filter(runner=runner).exists():
        return None
    if not Ladder.objects.filter(is_active=True, is_placed_by_screening=True).exists():
        return None
    today = today or now_london().date()
    start = today - timedelta(days=today.weekday(), weeks=WEEKS)  # the Monday six weeks ago
    if runner_physio(runner) is None:
        # How a new runner gets their first physio (ADR 0014): here, they chose them.
        chosen = runner_hand_over(runner=runner, to_physio=physio, by=runner)
        chose_at = datetime.combine(start, time(8, 30), tzinfo=LONDON)
        HandOver.objects.filter(pk=chosen.pk).update(at=chose_at)
    outcome = screening_record(
        runner=runner,
        recorded_by=physio,
        day=start,
        age=38,
        sex="female",
        current_pain=1,
        measures={
            "step_down": {"left": 2, "right": 3},
            "trendelenburg_positive": {"left": False, "right": False},
            "side_bridge_seconds": {"left": 52, "right": 44},
            "hip_abduction_nm_kg": {"left": 1.32, "right": 1.12},
            "balance_seconds": {"left": 45, "right": 38},
        },
        injuries=[{"area": "right knee (runner's knee)", "months_ago": 8}],
        notes="Demo screening: right-sided patellofemoral pain last spring, now settled.",
        sessions_per_week=2,
        history=RunningHistory(years_running=5, weekly_km=40, marathons_finished=2),
        today=start,
    )
    programme = outcome.programme
    if programme is None:
        return None
    entries = list(programme.entries.order_by("position"))
    sessions = {
        start + timedelta(weeks=week, days=offset): plan
        for week, pair in enumerate(PLAN)
        for offset, plan in zip(SESSION_DAYS, pair, strict=True)
    }
    day = start
    while day <= today and day < start + timedelta(weeks=WEEKS):
        # Each morning: the check-in first (after yesterday's session, or a rest day), then
        # the day's session, as the runner would.
        yesterday = sessions.get(day - timedelta(days=1))
        if yesterday is not None and yesterday.morning is not None:
            _check_in(runner, day, yesterday.morning, yesterday.answers)
        elif day.weekday() in REST_DAY_CHECK_INS:
            _check_in(runner, day, (1, 1))
        _restart_paused(entries, physio, day)
        plan = sessions.get(day)
        if plan is not None:
            exercises = [
                ExerciseInput(e.pk, plan.control, _sets(e, _pain(plan, n)), plan.effort)
                for n, e in enumerate(entries)
            ]
            token = uuid.uuid5(TOKENS, f"{runner.pk}:{day.isoformat()}")
            session_log(runner=runner, day=day, client_token=token, exercises=exercises, today=day)
        day += timedelta(days=1)
    _demo_access_log(runner=runner, physio=physio, start=start, today=today)
    return programme


def _demo_access_log(*, runner: User, physio: User, start: date, today: date) -> None:
    """What the runner's "Who looked at my data" page shows: the physio's screening and weekly
    reviews of the timeline (the demo writes rows the real pages would have written)."""
    reads = [(start, "training.screening")] + [
        (start + timedelta(weeks=week, days=4), "training.timeline") for week in range(WEEKS)
    ]
    AccessLog.objects.bulk_create(
        AccessLog(
            viewer=physio,
            viewer_email=physio.email,
            viewer_role=physio.role,
            runner=runner,
            what=what,
            at=datetime.combine(day, time(17, 45), tzinfo=LONDON),
        )
        for day, what in reads
        if day <= today
    )


def _pain(plan: DemoDay, n: int) -> int:
    return plan.first_pain if n == 0 and plan.first_pain is not None else plan.pain_during


def _restart_paused(entries: list[ProgrammeEntry], physio: User, day: date) -> None:
    """The physio rings the runner the day after a pause and restarts the exercise."""
    for entry in entries:
        entry.refresh_from_db()
        if entry.is_paused and entry.state.get("paused_on") != day.isoformat():
            entry_resume(entry=entry, by=physio, today=day)


def _check_in(
    runner: User, day: date, morning: tuple[int, int], answers: tuple[str, ...] = ()
) -> None:
    check_in_record(
        runner=runner,
        day=day,
        pain=morning[0],
        stiffness=morning[1],
        answers=dict.fromkeys(answers, True),
        today=day,
    )
