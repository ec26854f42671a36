"""Reads for a runner's training pages and the private API.

Pages that a runner opens every day run a fixed number of queries however long their history:
recent items are limited, and chart data is read for a fixed window (the tests assert the
counts at two history sizes). Access checks live in `access`; these functions assume them done.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from stridewell.accounts.models import Role, User
from stridewell.training import engine
from stridewell.training.access import is_staff, runners_of_physio
from stridewell.training.charts import PainChart, StepChart, pain_chart, step_chart
from stridewell.training.engine import Rule
from stridewell.training.models import (
    Alert,
    CheckIn,
    Decision,
    ExerciseLog,
    LogStatus,
    Programme,
    ProgrammeEntry,
    Rung,
    Screening,
    Session,
    SetLog,
)
from stridewell.training.selectors_library import ladders_as_engine
from stridewell.training.services_alerts import sessions_missed

CHART_DAYS = 84  # twelve weeks
ADHERENCE_WEEKS = 6
RECENT_DECISIONS = 6
TIMELINE_PAGE = 50
# Rest-day check-ins that changed nothing are stored (they carry the state forward) but are
# noise on a timeline: it shows what changed and why.
QUIET_RULES = (str(Rule.C1_CHECK_IN_RECORDED),)


def booking_path() -> str:
    """Where a runner books an appointment: the booking flow once it exists, else the clinic
    page's booking section."""
    try:
        return reverse("booking:start")
    except NoReverseMatch:
        return reverse("clinic:visit") + "#book"


def programme_active(*, runner: User) -> Programme | None:
    """The active programme with its entries (rung, exercise and ladder loaded): 2 queries."""
    entries = ProgrammeEntry.objects.select_related("rung__exercise", "ladder", "override_by")
    return (
        Programme.objects.filter(runner=runner, is_active=True)
        .select_related("physio", "created_from")
        .prefetch_related(Prefetch("entries", queryset=entries))
        .first()
    )


def decisions_recent(*, runner: User, limit: int = RECENT_DECISIONS) -> list[Decision]:
    return list(
        Decision.objects.filter(runner=runner)
        .exclude(rule__in=QUIET_RULES)
        .select_related("rung_after__exercise", "made_by")
        .order_by("-effective_date", "-id")[:limit]
    )


def decision_timeline(
    *, runner: User, before: int | None = None, limit: int = TIMELINE_PAGE
) -> list[Decision]:
    """Newest first; `before` is the id of the last decision on the previous page."""
    qs = Decision.objects.filter(runner=runner).exclude(rule__in=QUIET_RULES)
    if before is not None:
        qs = qs.filter(id__lt=before)
    return list(
        qs.select_related("rung_after__exercise", "made_by", "entry__ladder").order_by("-id")[
            :limit
        ]
    )


def pending_logs(*, runner: User) -> list[ExerciseLog]:
    return list(
        ExerciseLog.objects.filter(session__runner=runner, status=LogStatus.PENDING)
        .select_related("session", "rung__exercise")
        .order_by("session__date", "id")
    )


@dataclass(frozen=True)
class AdherenceWeek:
    monday: date
    done: int
    planned: int

    @property
    def is_met(self) -> bool:
        return self.done >= self.planned


@dataclass
class Dashboard:
    programme: Programme | None
    entries: list[ProgrammeEntry]
    pending: list[ExerciseLog]
    last_check_in: CheckIn | None
    decisions: list[Decision]
    step_charts: list[tuple[ProgrammeEntry, StepChart]] = field(default_factory=list)
    pain: PainChart | None = None
    pain_rows: list[tuple[date, int | None, int | None]] = field(default_factory=list)
    adherence: list[AdherenceWeek] = field(default_factory=list)
    missed: int = 0
    logged_today: bool = False
    needs_check_in: bool = False


def _adherence(
    sessions: list[date], per_week: int, today: date, programme: Programme
) -> list[AdherenceWeek]:
    """Sessions done against planned, for each of the last six weeks the programme ran."""
    this_monday = today - timedelta(days=today.weekday())
    first_monday = programme.started_on - timedelta(days=programme.started_on.weekday())
    counts: dict[date, int] = defaultdict(int)
    for day in sessions:
        counts[day - timedelta(days=day.weekday())] += 1
    mondays = [this_monday - timedelta(weeks=n) for n in range(ADHERENCE_WEEKS - 1, -1, -1)]
    return [AdherenceWeek(m, counts.get(m, 0), per_week) for m in mondays if m >= first_monday]


def _rung_names(entries: list[ProgrammeEntry]) -> dict[int, list[str]]:
    """Ladder id -> names of its live rungs in order (1 query)."""
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        Rung.objects.filter(ladder_id__in=[e.ladder_id for e in entries], is_active=True)
        .order_by("ladder_id", "position", "key")
        .values_list("ladder_id", "label", "exercise__name")
    )
    for ladder_id, label, name in rows:
        names[ladder_id].append(label or name)
    return names


def runner_dashboard(*, runner: User, today: date) -> Dashboard:
    """Everything the runner's dashboard shows, in a fixed number of queries (13)."""
    programme = programme_active(runner=runner)
    last_check_in = CheckIn.objects.filter(runner=runner).order_by("-date").first()
    pending = pending_logs(runner=runner)
    board = Dashboard(
        programme=programme,
        entries=list(programme.entries.all()) if programme else [],
        pending=pending,
        last_check_in=last_check_in,
        decisions=decisions_recent(runner=runner),
    )
    board.needs_check_in = any(log.session.date < today for log in pending) and (
        last_check_in is None or last_check_in.date < today
    )
    if programme is None:
        return board
    start = max(programme.started_on, today - timedelta(days=CHART_DAYS))
    _charts(board, runner=runner, start=start, today=today)
    sessions = list(
        Session.objects.filter(
            runner=runner, date__gte=today - timedelta(weeks=ADHERENCE_WEEKS)
        ).values_list("date", flat=True)
    )
    board.logged_today = today in sessions
    board.adherence = _adherence(sessions, programme.sessions_per_week, today, programme)
    since = _last_session(runner) or programme.started_on
    board.missed = sessions_missed(last=since, today=today, per_week=programme.sessions_per_week)
    return board


def _last_session(runner: User) -> date | None:
    return Session.objects.filter(runner=runner).aggregate(last=Max("date"))["last"]


def _charts(board: Dashboard, *, runner: User, start: date, today: date) -> None:
    entries = board.entries
    names = _rung_names(entries)
    changes: dict[int, list[tuple[date, float, str]]] = defaultdict(list)
    window = (
        Decision.objects.filter(runner=runner, effective_date__gte=start)
        .exclude(rule__in=QUIET_RULES)
        .order_by("effective_date", "id")
    )
    for entry_id, day, position, text in window.values_list(
        "entry_id", "effective_date", "ladder_position", "dose_text"
    ):
        changes[entry_id].append((day, position, text))
    before = _positions_before(entries, start)
    for entry in entries:
        opening = before.get(entry.pk)
        first = (start, entry.start_position if opening is None else opening, "")
        board.step_charts.append(
            (
                entry,
                step_chart(
                    title=f"{entry.rung.display_name}: rung and load over time",
                    rung_names=names.get(entry.ladder_id, []),
                    changes=[first, *changes.get(entry.pk, [])],
                    start=start,
                    end=today,
                ),
            )
        )
    during = list(
        ExerciseLog.objects.filter(session__runner=runner, session__date__gte=start)
        .values("session__date")
        .annotate(pain=Max("max_pain"))
        .order_by("session__date")
        .values_list("session__date", "pain")
    )
    morning = list(
        CheckIn.objects.filter(runner=runner, date__gte=start)
        .order_by("date")
        .values_list("date", "pain")
    )
    board.pain = pain_chart(
        title="Pain during exercise and on waking",
        during=during,
        morning=morning,
        start=start,
        end=today,
    )
    days = sorted({d for d, _ in during} | {d for d, _ in morning})
    during_by, morning_by = dict(during), dict(morning)
    board.pain_rows = [(d, during_by.get(d), morning_by.get(d)) for d in days]


def _positions_before(entries: list[ProgrammeEntry], start: date) -> dict[int, float | None]:
    """Each entry's place on its ladder when the chart window opens (1 query)."""
    if not entries:
        return {}
    last = Decision.objects.filter(entry=OuterRef("pk"), effective_date__lt=start).order_by(
        "-effective_date", "-id"
    )
    rows = (
        ProgrammeEntry.objects.filter(pk__in=[e.pk for e in entries])
        .annotate(before=Subquery(last.values("ladder_position")[:1]))
        .values_list("pk", "before")
    )
    return dict(rows)


def session_detail(*, session_id: int) -> Session:
    sets = SetLog.objects.order_by("number")
    logs = ExerciseLog.objects.select_related("rung__exercise").prefetch_related(
        Prefetch("sets", queryset=sets)
    )
    return (
        Session.objects.select_related("runner")
        .prefetch_related(
            Prefetch("exercises", queryset=logs),
            Prefetch("decisions", queryset=Decision.objects.select_related("rung_after__exercise")),
        )
        .get(pk=session_id)
    )


def screenings_for(*, runner: User) -> QuerySet[Screening]:
    return Screening.objects.filter(runner=runner).select_related("recorded_by")


@dataclass(frozen=True)
class LogEntry:
    """One exercise of today's session as the log form asks for it."""

    entry: ProgrammeEntry
    name: str
    loads: tuple[str, ...]  # the rung's load steps, lightest first
    sets: int
    target: int
    load_step: int
    is_seconds: bool
    dose_text: str
    notice: str = ""  # e.g. the ease-back after a break


def entries_paused(*, programme: Programme) -> list[ProgrammeEntry]:
    """Exercises stopped until the physio has been in touch (shown, never prescribed)."""
    return list(programme.entries.filter(is_paused=True).select_related("rung__exercise"))


def paused_names(*, session: Session, entry_ids: set[int]) -> list[str]:
    """The exercises of `session` (as done) whose entries the session paused."""
    logs = session.exercises.filter(entry_id__in=entry_ids).select_related("rung__exercise")
    return [log.rung.display_name for log in logs]


def session_log_entries(*, programme: Programme, day: date) -> list[LogEntry]:
    """Today's exercises as the log form asks for them, after any ease-back for a break (which
    is only previewed here; logging the session records it). Paused exercises are left out:
    the runner must not do them until their physio restarts them (`entries_paused`)."""
    ladders = ladders_as_engine()
    items = []
    for entry in programme.entries.filter(is_paused=False):
        state = engine.state_load(entry.state)
        ladder = ladders.get(state.ladder_key)
        if ladder is None or not ladder.has(state.rung_key):
            continue  # a retired ladder or rung: a physio must move the runner first
        notice = ""
        if day >= (state.last_session_date or day):
            eased = engine.progression_before_session(state, ladder=ladder, today=day)
            if eased is not None:
                state, notice = eased.new_state, eased.reason
        rung = ladder.rung(state.rung_key)
        dose = state.dose
        items.append(
            LogEntry(
                entry=entry,
                name=rung.label,
                loads=rung.scale.labels,
                sets=dose.sets,
                target=dose.target,
                load_step=dose.load_step,
                is_seconds=dose.unit is engine.DoseUnit.SECONDS,
                dose_text=engine.dose_describe(dose, rung.scale),
                notice=notice,
            )
        )
    return items


@dataclass(frozen=True)
class RunnerRow:
    runner: User
    programme_started: date | None
    last_session: date | None
    open_alerts: int
    last_screening: date | None


def physio_runner_rows(*, viewer: User) -> list[RunnerRow]:
    """The physio's runners (staff: every runner with a programme or a screening), 1 query."""
    if is_staff(viewer):
        base = User.objects.filter(role=Role.RUNNER).filter(
            Q(Exists(Programme.objects.filter(runner=OuterRef("pk"))))
            | Q(Exists(Screening.objects.filter(runner=OuterRef("pk"))))
        )
    else:
        base = runners_of_physio(viewer)
    active = Programme.objects.filter(runner=OuterRef("pk"), is_active=True)
    open_alerts = Alert.objects.filter(runner=OuterRef("pk"), acknowledged_at__isnull=True)
    rows = base.annotate(
        started=Subquery(active.values("started_on")[:1]),
        last_session=Subquery(
            Session.objects.filter(runner=OuterRef("pk")).order_by("-date").values("date")[:1]
        ),
        alerts=Coalesce(
            Subquery(open_alerts.values("runner").annotate(n=Count("id")).values("n")[:1]),
            0,
        ),
        screened=Subquery(
            Screening.objects.filter(runner=OuterRef("pk")).order_by("-date").values("date")[:1]
        ),
    ).order_by("-alerts", "first_name", "last_name", "email")
    return [
        RunnerRow(r, r.started, r.last_session, r.alerts, r.screened)  # type: ignore[attr-defined]
        for r in rows
    ]


def alerts_open(*, viewer: User, runner: User | None = None, limit: int = 50) -> list[Alert]:
    qs = Alert.objects.filter(acknowledged_at__isnull=True)
    if runner is not None:
        qs = qs.filter(runner=runner)
    elif not is_staff(viewer):
        qs = qs.filter(physio=viewer)
    return list(qs.select_related("runner").order_by("-created_at", "-id")[:limit])


def alerts_for_runner(*, runner: User, limit: int = 20) -> list[Alert]:
    return list(
        Alert.objects.filter(runner=runner)
        .select_related("acknowledged_by")
        .order_by("-created_at", "-id")[:limit]
    )


def check_ins_recent(*, runner: User, limit: int = 14) -> list[CheckIn]:
    return list(CheckIn.objects.filter(runner=runner).order_by("-date")[:limit])


def sessions_recent(*, runner: User, limit: int = 10) -> list[Session]:
    return list(
        Session.objects.filter(runner=runner)
        .annotate(pain=Max("exercises__max_pain"), exercises_done=Count("exercises"))
        .order_by("-date")[:limit]
    )
