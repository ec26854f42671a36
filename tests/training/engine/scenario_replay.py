"""A small harness that replays a runner's days through the pure engine and keeps a log.

Each call (a session with its next-morning check-in, a rest-day check-in, opening a session
after a break, a physio's pin or resume, a plateau scan) runs the engine entry point a service
would run, keeps the new state, and appends a row: the date, what came in, the rule that fired,
the action, the rung and dose after, and the reason the runner reads. `Replay.markdown()` prints
the rows as a table for a release note (`test_physio_scenarios` prints every scenario).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from stridewell.training.engine import (
    Action,
    CheckIn,
    Control,
    Decision,
    Dose,
    EngineInputError,
    Ladder,
    Mark,
    Override,
    Plateau,
    ProgressionState,
    Rung,
    SessionResult,
    SetResult,
    dose_describe,
    morning_advice,
    morning_excess,
    plateau_find,
    progression_after_check_in,
    progression_after_session,
    progression_before_session,
    progression_is_urgent,
    progression_override_set,
    progression_resume,
    progression_start,
)
from stridewell.training.library_data import library_data_read
from stridewell.training.library_engine import ladder_specs_build

MONDAY = date(2027, 1, 4)  # a pinned date: these replays never read today's date
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def clinic_ladders() -> tuple[Ladder, ...]:
    """Every ladder of the real clinic library (stridewell/training/data/exercises.yaml)."""
    ladders, problems = ladder_specs_build(library_data_read().rung_specs())
    assert problems == []
    return tuple(ladders)


def clinic_ladder(key: str = "clinic_glute_med") -> Ladder:
    return next(ladder for ladder in clinic_ladders() if ladder.key == key)


def day_label(day: date) -> str:
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def short_label(label: str) -> str:
    """'Clam (side-lying, hips 45°, ...)' -> 'Clam': the table keeps the name, not the notes."""
    return label.split(" (", 1)[0]


@dataclass(frozen=True, slots=True)
class Row:
    day: date
    event: str
    rule: str
    action: str
    rung_key: str
    dose: Dose
    after: str
    reason: str
    alert: bool = False
    paused: bool = False


@dataclass
class Replay:
    title: str
    ladder: Ladder
    state: ProgressionState
    note: str = ""
    rows: list[Row] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)  # what the plateau scan reads

    # --- what the engine is asked -------------------------------------------------------------

    def session(
        self,
        day: date,
        *,
        pain: int = 1,
        control: Control = Control.GOOD,
        effort: int | None = 6,
        morning: tuple[int, int] | None = (1, 1),
        **answers: bool,
    ) -> Decision:
        """The prescribed sets done with `pain` during each, judged with the next morning's
        check-in (`morning` = pain, stiffness; None when the session is decided at once)."""
        dose = self.state.dose
        sets = tuple(SetResult(dose.target, dose.load_step, pain) for _ in range(dose.sets))
        result = SessionResult(self.state.rung_key, day, sets, control, effort)
        check_in = None
        if morning is not None:
            check_in = CheckIn(day + timedelta(days=1), *morning, **answers)
        urgent = progression_is_urgent(self.state, result)
        before = self.state
        decision = progression_after_session(
            before, ladder=self.ladder, session=result, next_morning=check_in
        )
        done = dose_describe(dose, self._rung().scale).split(", tempo")[0]
        event = f"session {done}: pain {pain}/10, control {control}"
        event += "" if effort is None else f", effort {effort}/10"
        if check_in is None:
            event += " → decided when logged" if urgent else " → no check-in"
            decided_on = day
        else:
            event += f" → next morning ({day_label(check_in.date)}): {_morning_words(check_in)}"
            decided_on = check_in.date
        excess = None if check_in is None else morning_excess(check_in, before.baseline)
        self._keep(day, event, decision, excess=excess, is_session=True, decided_on=decided_on)
        if check_in is not None:
            self._advice(check_in)
        return decision

    def check_in(
        self,
        day: date,
        pain: int,
        stiffness: int,
        *,
        session_yesterday: bool = False,
        **answers: bool,
    ) -> Decision:
        """A morning check-in that is not the morning after a session of this exercise."""
        check_in = CheckIn(day, pain, stiffness, **answers)
        before = self.state
        decision = progression_after_check_in(
            before, ladder=self.ladder, check_in=check_in, session_yesterday=session_yesterday
        )
        kind = "check-in (session yesterday)" if session_yesterday else "rest-day check-in"
        event = f"{kind}: {_morning_words(check_in)}"
        self._keep(day, event, decision, excess=morning_excess(check_in, before.baseline))
        self._advice(check_in)
        return decision

    def _advice(self, check_in: CheckIn) -> None:
        """What the check-in page tells the runner to do now, when it says anything."""
        advice = morning_advice(check_in)
        if advice.text:
            event = "check-in page advice"
            self._note(check_in.date, event, "-", f"advice: {advice.urgency.slug}", advice.text)

    def open_session(self, day: date) -> Decision | None:
        """The runner opens their next session: eased back after a long break, else nothing."""
        decision = progression_before_session(self.state, ladder=self.ladder, today=day)
        last = self.state.last_session_date
        gap = "" if last is None else f" ({(day - last).days} days since the last session)"
        if decision is None:
            self._note(day, f"opens the next session{gap}", "-", "nothing to change", "")
        else:
            self._keep(day, f"opens the next session{gap}", decision)
        return decision

    def refused_session(self, day: date, *, pain: int = 1) -> EngineInputError:
        """A session the engine must refuse (the exercise is paused): the error is logged."""
        dose = self.state.dose
        sets = tuple(SetResult(dose.target, dose.load_step, pain) for _ in range(dose.sets))
        result = SessionResult(self.state.rung_key, day, sets, Control.GOOD, 5)
        try:
            progression_after_session(self.state, ladder=self.ladder, session=result)
        except EngineInputError as exc:
            self._note(day, "tries to log a session", "-", "refused", str(exc))
            return exc
        raise AssertionError("the engine accepted a session it should have refused")

    def pin(self, day: date, override: Override) -> Decision:
        decision = progression_override_set(self.state, ladder=self.ladder, override=override)
        what = "a dose" if override.dose is not None else "a rung"
        self._keep(day, f"{override.set_by} pins {what}", decision)
        return decision

    def resume(self, day: date, by: str) -> Decision:
        decision = progression_resume(self.state, ladder=self.ladder, resumed_by=by, today=day)
        self._keep(day, f"{by} reviews the runner and resumes the exercise", decision)
        return decision

    def plateau_scan(self, day: date, *, since: date) -> Plateau | None:
        """The daily scan for this exercise (the service passes the last progress date)."""
        found = plateau_find(self.marks, since=since, today=day)
        if found is None:
            self._note(day, "plateau scan", "-", "no plateau", "")
        else:
            reactions = ", ".join(day_label(d) for d in found.reaction_days)
            text = (
                f"(to the physio) No progress for {found.days} days since "
                f"{day_label(found.since)}: {found.sessions} sessions, mornings above usual on "
                f"{len(found.reaction_days)} days ({reactions}). Please review."
            )
            self._note(day, "plateau scan", "plateau review", "alert: review", text, alert=True)
        return found

    # --- the log ------------------------------------------------------------------------------

    def _rung(self) -> Rung:
        return self.ladder.rung(self.state.rung_key)

    def _after(self) -> str:
        rung = self.ladder.rung(self.state.rung_key)
        text = f"{short_label(rung.label)}: {dose_describe(self.state.dose, rung.scale)}"
        return f"PAUSED ({text})" if self.state.is_paused else text

    def _keep(
        self,
        day: date,
        event: str,
        decision: Decision,
        *,
        excess: int | None = None,
        is_session: bool = False,
        decided_on: date | None = None,
    ) -> None:
        """Log `decision` on `day`; the plateau scan sees it on `decided_on` (the day of the
        check-in that decided it), as the service stores it."""
        self.state = decision.new_state
        action = f"{decision.action} / {decision.kind}"
        self.rows.append(
            Row(
                day,
                event,
                str(decision.rule),
                action,
                self.state.rung_key,
                self.state.dose,
                self._after(),
                decision.reason,
                decision.alert_physio,
                self.state.is_paused,
            )
        )
        mark = Mark(decided_on or day, decision.action, str(decision.rule), excess, is_session)
        self.marks.append(mark)

    def _note(
        self, day: date, event: str, rule: str, action: str, reason: str, *, alert: bool = False
    ) -> None:
        row = Row(
            day,
            event,
            rule,
            action,
            self.state.rung_key,
            self.state.dose,
            self._after(),
            reason,
            alert,
            self.state.is_paused,
        )
        self.rows.append(row)

    @property
    def rules(self) -> list[str]:
        return [row.rule for row in self.rows]

    def markdown(self) -> str:
        lines = [f"### {self.title}", ""]
        if self.note:
            lines += [self.note, ""]
        lines += [
            "| date | input | rule | action | after | physio alerted | reason (to the runner) |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in self.rows:
            cells = (
                day_label(row.day),
                row.event,
                f"`{row.rule}`" if row.rule != "-" else "-",
                row.action,
                row.after,
                "yes" if row.alert else "",
                row.reason,
            )
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
        return "\n".join(lines)


def _morning_words(check_in: CheckIn) -> str:
    text = f"pain {check_in.pain}, stiffness {check_in.stiffness}"
    extras = [
        name.replace("_", " ")
        for name in (
            "night_pain",
            "numbness",
            "swelling",
            "unwell",
            "emergency_signs",
            "urgent_signs",
            "long_run_yesterday",
        )
        if getattr(check_in, name)
    ]
    return text + "".join(f", {e}" for e in extras)


def started_at(
    ladder: Ladder,
    rung_key: str,
    *,
    target: int | None = None,
    load_step: int | None = None,
    started_on: date = MONDAY - timedelta(weeks=3),
    baseline: tuple[int, int] = (1, 1),
) -> ProgressionState:
    """A runner part-way up `ladder` with a learnt usual morning (pain, stiffness)."""
    rung = ladder.rung(rung_key)
    below = {r.key: 1 for r in ladder.ordered[: ladder.ordered.index(rung)]}
    dose = replace(
        rung.dose,
        target=rung.dose.target if target is None else target,
        load_step=rung.dose.load_step if load_step is None else load_step,
    )
    return progression_start(
        ladder=ladder,
        rung_key=rung_key,
        started_on=started_on,
        baseline_pain=baseline[0],
        baseline_stiffness=baseline[1],
        dose=dose,
        assumed_progress=below,
    )


__all__ = [
    "MONDAY",
    "Action",
    "Replay",
    "Row",
    "clinic_ladder",
    "clinic_ladders",
    "day_label",
    "started_at",
]
