"""Plateau review alerts: two weeks without progress on an exercise while mornings react.

Why a scan over stored decisions rather than a counter in the carried engine state: a plateau is
about a calendar window (it can become true on a day nothing is logged), the stored decisions
already carry the rule and the check-in each one used, and the state format stays as it is.
The pure rule is `engine.plateau_find`; this module only reads at most `PLATEAU_DAYS` of
decisions per exercise and raises one alert per plateau: the key names the exercise and the day
progress last happened, so the same plateau never alerts twice, and a new one (after the next
progress) does. It runs after each check-in (for that runner), from the daily
`training_alerts_scan` command and when a physio opens their dashboard.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db.models import Max, Q

from stridewell.accounts.models import User
from stridewell.training import engine
from stridewell.training.models import Alert, AlertKind, Decision, ProgrammeEntry
from stridewell.training.services_alerts import alert_create


def _excess(inputs: dict[str, Any]) -> int | None:
    """How far the check-in a decision used was above the usual level before it."""
    check_in = inputs.get("check_in")
    before = inputs.get("state_before")
    if not check_in or not before:
        return None
    baseline = engine.state_load(before).baseline
    return engine.morning_excess(engine.check_in_load(check_in), baseline)


def alerts_plateau_scan(
    *, today: date, physio: User | None = None, runner: User | None = None
) -> list[Alert]:
    """Raise a "review" alert for every exercise of an active programme on a plateau.

    Three queries whatever the history: the entries, the last progress (or physio change) of
    each, and the decisions of the last `PLATEAU_DAYS` days.
    """
    entries = ProgrammeEntry.objects.filter(programme__is_active=True).select_related(
        "programme__runner", "programme__physio", "rung__exercise"
    )
    if physio is not None:
        entries = entries.filter(programme__physio=physio)
    if runner is not None:
        entries = entries.filter(programme__runner=runner)
    entries_list = list(entries)
    if not entries_list:
        return []
    ids = [e.pk for e in entries_list]
    moved = Q(action=str(engine.Action.PROGRESS)) | Q(made_by__isnull=False)
    last_moved = dict(
        Decision.objects.filter(moved, entry_id__in=ids, effective_date__lte=today)
        .values("entry_id")
        .annotate(last=Max("effective_date"))
        .values_list("entry_id", "last")
    )
    start = today - timedelta(days=engine.PLATEAU_DAYS)
    marks: dict[int, list[engine.Mark]] = defaultdict(list)
    recent = Decision.objects.filter(
        entry_id__in=ids, effective_date__gt=start, effective_date__lte=today
    ).values_list("entry_id", "effective_date", "action", "rule", "inputs")
    for entry_id, day, action, rule, inputs in recent:
        mark = engine.Mark(day, engine.Action(action), rule, _excess(inputs), "session" in inputs)
        marks[entry_id].append(mark)
    alerts = []
    for entry in entries_list:
        programme = entry.programme
        since = max(last_moved.get(entry.pk, programme.started_on), programme.started_on)
        if since > today:
            continue
        plateau = engine.plateau_find(marks[entry.pk], since=since, today=today)
        if plateau is None:
            continue
        count = len(plateau.reaction_days)
        alert = alert_create(
            runner=programme.runner,
            physio=programme.physio,
            kind=AlertKind.PLATEAU_REVIEW,
            message=(
                f"Review {entry.rung.display_name}: no progress since {since:%a %d %b} "
                f"({plateau.days} days). In the last two weeks: {plateau.sessions} sessions, and "
                f"mornings above usual on {count} days."
            ),
            key=f"plateau:{entry.pk}:{since.isoformat()}",
        )
        if alert is not None:
            alerts.append(alert)
    return alerts
