"""Alerts for the runner's physio: pain over 5, a worse morning, a rising trend, missed sessions.

One worry raises one alert, however many exercises it touched: a sore morning regresses every
exercise of yesterday's session, but the physio needs to hear about it once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from stridewell.accounts.models import User
from stridewell.training.models import Alert, AlertKind, Decision, Programme, Session
from stridewell.training.services_progression import Recorded

ALERT_LEADS = {
    AlertKind.PAIN_OVER_5: "Pain above 5/10 during",
    AlertKind.MORNING_WORSE: "Next morning worse than usual after",
    AlertKind.RISING_TREND: "Morning symptoms rising two weeks running; eased",
    AlertKind.CHECK_IN_RED_FLAG: "Red flag at the morning check-in; told to stop",
    AlertKind.REST_DAY_HIGH: "High morning on a rest day; holding",
    AlertKind.EXERCISE_PAUSED: "Please contact the runner: paused after a severe reaction to",
    AlertKind.RESCREEN: "Back after 8+ weeks off, re-screen suggested:",
}


def alert_create(
    *,
    runner: User,
    physio: User | None,
    kind: AlertKind,
    message: str,
    key: str = "",
    decision: Decision | None = None,
) -> Alert | None:
    """Create an alert; with a `key`, at most once per runner (a repeated scan adds nothing)."""
    if key and Alert.objects.filter(runner=runner, key=key).exists():
        return None
    try:
        with transaction.atomic():
            return Alert.objects.create(
                runner=runner,
                physio=physio,
                kind=kind,
                message=message,
                key=key,
                decision=decision,
            )
    except IntegrityError:  # a concurrent scan stored the same key first
        return None


def alerts_from_decisions(*, runner: User, physio: User | None, recorded: Recorded) -> list[Alert]:
    """One alert per kind of worry among the decisions just stored."""
    grouped: dict[AlertKind, list[Decision]] = defaultdict(list)
    labels: dict[AlertKind, set[str]] = defaultdict(set)
    for decision, kind, label in recorded.alerts:
        grouped[kind].append(decision)
        labels[kind].add(label)
    alerts = []
    for kind, decisions in grouped.items():
        names = ", ".join(sorted(labels[kind]))
        first = decisions[0]
        day = first.source_session.date if first.source_session else first.effective_date
        # The physio reads what happened, then exactly what the runner was told (quoted).
        told = decisions[0].reason
        message = f"{ALERT_LEADS[kind]} {names} ({day:%a %d %b}). The runner was told: “{told}”"
        alert = alert_create(
            runner=runner, physio=physio, kind=kind, message=message, decision=decisions[0]
        )
        if alert is not None:
            alerts.append(alert)
    return alerts


@transaction.atomic
def alert_acknowledge(*, alert: Alert, by: User) -> Alert:
    """Mark an alert as seen. Only the physio it went to, or clinic staff, may do this."""
    if not (by.is_clinic_staff or (by.is_physio and alert.physio_id == by.pk)):
        raise PermissionDenied("Only the runner's physio or clinic staff can acknowledge this.")
    if alert.acknowledged_at is None:
        alert.acknowledged_at = timezone.now()
        alert.acknowledged_by = by
        alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return alert


def sessions_missed(*, last: date, today: date, per_week: int) -> int:
    """Planned sessions that have come and gone since `last`.

    With N sessions a week one is due every 7/N days. The one due today is not missed until
    today is over, so after d days the count is ceil(d * N / 7) - 1 (never below 0): two a week
    and no session for 8 days is two missed; three a week, 5 days.
    """
    days = (today - last).days
    if days <= 0:
        return 0
    return max(math.ceil(days * per_week / 7) - 1, 0)


MISSED_LIMIT = 2


def alerts_missed_sessions_scan(*, today: date, physio: User | None = None) -> list[Alert]:
    """Alert the physio of every active programme two planned sessions behind (once per gap).

    Runs when a physio opens their dashboard (and may be scheduled); the key makes it idempotent.
    """
    programmes = Programme.objects.filter(is_active=True).select_related("runner")
    if physio is not None:
        programmes = programmes.filter(physio=physio)
    last = dict(
        Session.objects.filter(programme__in=programmes)
        .values("programme")
        .annotate(last=Max("date"))
        .values_list("programme", "last")
    )
    alerts = []
    for programme in programmes:
        since = last.get(programme.pk) or programme.started_on
        missed = sessions_missed(last=since, today=today, per_week=programme.sessions_per_week)
        if missed < MISSED_LIMIT:
            continue
        alert = alert_create(
            runner=programme.runner,
            physio=programme.physio,
            kind=AlertKind.MISSED_TWO,
            message=(
                f"No session logged since {since:%a %d %b} on a plan of "
                f"{programme.sessions_per_week} a week: {missed} sessions missed."
            ),
            key=f"missed:{programme.pk}:{since.isoformat()}",
        )
        if alert is not None:
            alerts.append(alert)
    return alerts
