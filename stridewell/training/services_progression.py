"""Running the progression engine for stored rows, and storing every decision with its inputs.

Each programme entry carries the engine's `ProgressionState` as JSON. A decision loads it, calls
one engine function, stores a `Decision` row (the state before, the session or check-in it was
given, the state after) and writes the new state back to the entry. Nothing here replays history.

Which engine function runs when (the engine's contract):
* a session waits for the next morning's check-in; when it arrives, `progression_after_session`
  judges the session with it;
* a session whose next morning never came is judged without it (the engine holds) at the latest
  when a later session or check-in is recorded;
* every other check-in goes to `progression_after_check_in` (baseline and weekly trend);
* a session logged after 14 days or more first runs `progression_before_session` (ease back);
* a session with pain that stops the exercise (`engine.progression_is_urgent`: 7/10 or more, or
  above 5/10 on a pinned dose) is judged at once, without waiting for the morning: the runner must
  hear "stop" now, and the physio must hear about it today.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from stridewell.accounts.models import User
from stridewell.training import engine
from stridewell.training.models import (
    AlertKind,
    CheckIn,
    Decision,
    ExerciseLog,
    Ladder,
    LogStatus,
    ProgrammeEntry,
    Rung,
    Session,
)
from stridewell.training.selectors_library import ladders_as_engine

ALERT_RULES = {
    engine.Rule.R1_PAIN_ABOVE_5: AlertKind.PAIN_OVER_5,
    engine.Rule.R2_NEXT_MORNING_WORSE: AlertKind.MORNING_WORSE,
    engine.Rule.R3_WEEKLY_SYMPTOMS_RISING: AlertKind.RISING_TREND,
    engine.Rule.F1_RED_FLAG_STOP: AlertKind.CHECK_IN_RED_FLAG,
    engine.Rule.C2_REST_DAY_MORNING_HIGH: AlertKind.REST_DAY_HIGH,
    engine.Rule.S1_PAUSED_PAIN_7: AlertKind.EXERCISE_PAUSED,
    engine.Rule.S2_PAUSED_MORNING_RISE_4: AlertKind.EXERCISE_PAUSED,
    engine.Rule.S3_PAUSED_PINNED_DOSE_PAINFUL: AlertKind.EXERCISE_PAUSED,
    engine.Rule.G3_RESCREEN_AFTER_8_WEEKS: AlertKind.RESCREEN,
}


@dataclass(frozen=True)
class Library:
    """The clinic's ladders as the engine sees them, and rung keys to database ids."""

    ladders: dict[str, engine.Ladder]
    rung_ids: dict[str, int]
    screening_keys: tuple[str, ...]

    def ladder(self, key: str) -> engine.Ladder:
        try:
            return self.ladders[key]
        except KeyError:
            raise engine.EngineInputError(f"the ladder '{key}' is not active") from None

    def screening_ladders(self) -> list[engine.Ladder]:
        return [self.ladders[k] for k in self.screening_keys if k in self.ladders]


def library_snapshot() -> Library:
    ladders = ladders_as_engine()
    keys = [r.key for ladder in ladders.values() for r in ladder.ordered]
    rung_ids = dict(Rung.objects.filter(key__in=keys).values_list("key", "id"))
    placed = Ladder.objects.filter(is_placed_by_screening=True, is_active=True)
    screening_keys = tuple(k for k in ladders if k in set(placed.values_list("key", flat=True)))
    return Library(ladders, rung_ids, screening_keys)


def ladder_position(ladder: engine.Ladder, rung_key: str, dose: engine.Dose) -> float:
    """Rung number plus how far through that rung's doses the runner is (0 to just under 1)."""
    rung = ladder.rung(rung_key)
    stops = dose.stops()
    below = sum(1 for s in stops if s <= dose.target) - 1
    done = dose.load_step * len(stops) + max(below, 0)
    total = (rung.scale.max_step + 1) * len(stops)
    return ladder.index_of(rung_key) + 1 + done / total


def entry_apply_state(entry: ProgrammeEntry, state: engine.ProgressionState, lib: Library) -> None:
    """Write `state` and the display columns it implies onto `entry` (not saved)."""
    ladder = lib.ladder(state.ladder_key)
    rung = ladder.rung(state.rung_key)
    dose = state.dose
    entry.rung_id = lib.rung_ids[rung.key]
    entry.sets, entry.target, entry.low, entry.high = dose.sets, dose.target, dose.low, dose.high
    entry.unit = str(dose.unit)
    entry.load_step = dose.load_step
    entry.load_label = rung.scale.label(dose.load_step)
    entry.dose_text = engine.dose_describe(dose, rung.scale)
    entry.tempo, entry.rest_seconds = dose.tempo, dose.rest_seconds
    entry.state = engine.state_dump(state)
    entry.ladder_position = ladder_position(ladder, rung.key, dose)
    entry.is_overridden = state.override is not None
    entry.is_paused = state.is_paused


@dataclass
class Recorded:
    """Decisions stored by one service call, and the alert each one asks for."""

    decisions: list[Decision]
    alerts: list[tuple[Decision, AlertKind, str]]  # with the exercise as it was done

    @classmethod
    def empty(cls) -> Recorded:
        return cls([], [])


def decision_store(
    *,
    entry: ProgrammeEntry,
    decision: engine.Decision,
    lib: Library,
    effective_date: date,
    inputs: dict[str, Any],
    recorded: Recorded,
    alert_kind: AlertKind | None = None,
    source_session: Session | None = None,
    source_check_in: CheckIn | None = None,
    made_by: User | None = None,
) -> Decision:
    state = decision.new_state
    ladder = lib.ladder(state.ladder_key)
    row = Decision.objects.create(
        runner_id=entry.programme.runner_id,
        entry=entry,
        effective_date=effective_date,
        action=str(decision.action),
        kind=str(decision.kind),
        rule=str(decision.rule),
        reason=decision.reason,
        alert_physio=decision.alert_physio,
        inputs=inputs,
        state_after=engine.state_dump(state),
        rung_after_id=lib.rung_ids[state.rung_key],
        dose_text=engine.dose_describe(state.dose, ladder.rung(state.rung_key).scale),
        ladder_position=ladder_position(ladder, state.rung_key, state.dose),
        source_session=source_session,
        source_check_in=source_check_in,
        made_by=made_by,
    )
    entry_apply_state(entry, state, lib)
    entry.save()
    recorded.decisions.append(row)
    if decision.alert_physio:
        before = ladder.rung(inputs["state_before"]["rung_key"]).label
        recorded.alerts.append((row, alert_kind or AlertKind.PAIN_OVER_5, before))
    return row


def _alert_kind(
    decision: engine.Decision,
    state: engine.ProgressionState,
    rerun: Callable[[engine.ProgressionState], engine.Decision],
) -> AlertKind | None:
    """Which worry raised the alert. A physio's pin replaces the rule that fired (O3/O4), so
    the same inputs are judged again without the pin to find it (the engine is pure)."""
    if not decision.alert_physio:
        return None
    rule = decision.rule
    if rule not in ALERT_RULES and state.override is not None:
        rule = rerun(replace(state, override=None)).rule
    return ALERT_RULES.get(rule, AlertKind.PAIN_OVER_5)


def progress_elsewhere(entry: ProgrammeEntry, entries: list[ProgrammeEntry]) -> dict[str, int]:
    """Progress on rungs of the runner's other ladders, for prerequisites that cross ladders."""
    assumed: Mapping[str, int] = entry.programme.assumed_progress or {}
    progress = dict(assumed)
    for other in entries:
        if other.pk == entry.pk:
            continue
        for key, count in other.state["rung_sessions"]:
            progress[key] = max(count, progress.get(key, 0))
    return progress


def check_in_engine(check_in: CheckIn) -> engine.CheckIn:
    """The stored check-in, optional answers included, as the engine reads it."""
    answers = {name: getattr(check_in, name) for name in engine.CHECK_IN_ANSWERS}
    return engine.CheckIn(check_in.date, check_in.pain, check_in.stiffness, **answers)


def session_result(log: ExerciseLog, rung_key: str) -> engine.SessionResult:
    sets = tuple(
        engine.SetResult(s.reps_or_seconds, s.load_step, s.pain_during) for s in log.sets.all()
    )
    return engine.SessionResult(
        rung_key, log.session.date, sets, engine.Control(log.control), log.effort
    )


def log_settle(
    *,
    log: ExerciseLog,
    entries: list[ProgrammeEntry],
    lib: Library,
    recorded: Recorded,
    check_in: CheckIn | None,
) -> Decision | None:
    """Judge a pending session with its next-morning check-in, or without one (overdue)."""
    entry = next(e for e in entries if e.pk == log.entry_id)
    state = engine.state_load(entry.state)
    rung_key = log.rung.key
    if rung_key != state.rung_key:
        # A physio moved the runner to another rung after this session: it no longer applies.
        log.status = LogStatus.CLOSED
        log.save(update_fields=["status"])
        return None
    ladder = lib.ladder(state.ladder_key)
    session = session_result(log, rung_key)
    morning = None if check_in is None else check_in_engine(check_in)
    others = progress_elsewhere(entry, entries)

    def run(s: engine.ProgressionState) -> engine.Decision:
        return engine.progression_after_session(
            s, ladder=ladder, session=session, next_morning=morning, other_progress=others
        )

    decision = run(state)
    log.status = LogStatus.DECIDED
    log.save(update_fields=["status"])
    return decision_store(
        entry=entry,
        decision=decision,
        lib=lib,
        effective_date=session.date if check_in is None else check_in.date,
        inputs={
            "state_before": entry.state,
            "session": engine.session_dump(session),
            "check_in": engine.check_in_dump(morning),
            "other_progress": others,
        },
        recorded=recorded,
        alert_kind=_alert_kind(decision, state, run),
        source_session=log.session,
        source_check_in=check_in,
    )


def check_in_feed(
    *,
    entry: ProgrammeEntry,
    check_in: CheckIn,
    lib: Library,
    recorded: Recorded,
    session_yesterday: bool = False,
) -> Decision:
    """A check-in that is not the morning after a session of this exercise. `session_yesterday`:
    the runner did a session (of other exercises) the day before, so it is not a rest day."""
    state = engine.state_load(entry.state)
    ladder = lib.ladder(state.ladder_key)
    morning = check_in_engine(check_in)

    def run(s: engine.ProgressionState) -> engine.Decision:
        return engine.progression_after_check_in(
            s, ladder=ladder, check_in=morning, session_yesterday=session_yesterday
        )

    decision = run(state)
    return decision_store(
        entry=entry,
        decision=decision,
        lib=lib,
        effective_date=check_in.date,
        inputs={"state_before": entry.state, "check_in": engine.check_in_dump(morning)},
        recorded=recorded,
        alert_kind=_alert_kind(decision, state, run),
        source_check_in=check_in,
    )


def resume_ease(
    *, entry: ProgrammeEntry, session: Session, lib: Library, recorded: Recorded
) -> Decision | None:
    """Ease back when this session comes 2 weeks or more after the last one (more after 4 and
    8 weeks; after 8 the physio is alerted and a re-screen suggested)."""
    state = engine.state_load(entry.state)
    ladder = lib.ladder(state.ladder_key)
    decision = engine.progression_before_session(state, ladder=ladder, today=session.date)
    if decision is None:
        return None
    return decision_store(
        entry=entry,
        decision=decision,
        lib=lib,
        effective_date=session.date,
        inputs={"state_before": entry.state, "today": session.date.isoformat()},
        recorded=recorded,
        alert_kind=ALERT_RULES.get(decision.rule),
        source_session=session,
    )
