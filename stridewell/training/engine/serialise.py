"""`ProgressionState` to and from plain JSON-ready dicts, for storage next to each decision.

The format is versioned (`"v"`), so a stored state can be migrated rather than misread.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .dose import Dose, DoseUnit
from .errors import EngineInputError
from .session import SessionResult
from .state import Decision, Override, ProgressionState
from .symptoms import CHECK_IN_ANSWERS, Baseline, CheckIn, WeekSymptoms

FORMAT_VERSION = 1


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse_day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def dose_dump(dose: Dose) -> dict[str, Any]:
    return {
        "sets": dose.sets,
        "low": dose.low,
        "high": dose.high,
        "target": dose.target,
        "load_step": dose.load_step,
        "unit": str(dose.unit),
        "increment": dose.increment,
        "tempo": dose.tempo,
        "rest_seconds": dose.rest_seconds,
    }


def dose_load(data: dict[str, Any]) -> Dose:
    return Dose(**{**data, "unit": DoseUnit(data["unit"])})


def session_dump(session: SessionResult) -> dict[str, Any]:
    """A session as stored next to the decision it led to (the decision's inputs)."""
    return {
        "rung_key": session.rung_key,
        "date": session.date.isoformat(),
        "sets": [[s.reps_or_seconds, s.load_step, s.pain_during] for s in session.sets],
        "control": str(session.control),
        "effort": session.effort,
    }


def check_in_dump(check_in: CheckIn | None) -> dict[str, Any] | None:
    if check_in is None:
        return None
    dumped: dict[str, Any] = {
        "date": check_in.date.isoformat(),
        "pain": check_in.pain,
        "stiffness": check_in.stiffness,
    }
    # Only the optional answers given ("yes"): an older check-in reads the same as before.
    dumped.update({name: True for name in CHECK_IN_ANSWERS if getattr(check_in, name)})
    return dumped


def check_in_load(data: dict[str, Any]) -> CheckIn:
    answers = {name: bool(data.get(name, False)) for name in CHECK_IN_ANSWERS}
    return CheckIn(date.fromisoformat(data["date"]), data["pain"], data["stiffness"], **answers)


def decision_dump(decision: Decision) -> dict[str, Any]:
    """Everything a decision says, as plain data: what, why (rule and reason), and the new state."""
    return {
        "action": str(decision.action),
        "kind": str(decision.kind),
        "rule": str(decision.rule),
        "reason": decision.reason,
        "alert_physio": decision.alert_physio,
        "unmet": [[p.rung_key, str(p.kind), p.min_good_sessions] for p in decision.unmet],
        "new_state": state_dump(decision.new_state),
    }


def state_dump(state: ProgressionState) -> dict[str, Any]:
    override = state.override
    return {
        "v": FORMAT_VERSION,
        "ladder_key": state.ladder_key,
        "rung_key": state.rung_key,
        "dose": dose_dump(state.dose),
        "baseline": {
            "pain": state.baseline.pain,
            "stiffness": state.baseline.stiffness,
            "start_pain": state.baseline.start_pain,
            "start_stiffness": state.baseline.start_stiffness,
        },
        "started_on": state.started_on.isoformat(),
        "top_dose_streak": state.top_dose_streak,
        "rung_sessions": [[key, count] for key, count in state.rung_sessions],
        "weeks": [
            [w.week_start.isoformat(), w.pain_total, w.stiffness_total, w.count]
            for w in state.weeks
        ],
        "trend_acted_on": _day(state.trend_acted_on),
        "last_session_date": _day(state.last_session_date),
        "last_check_in_date": _day(state.last_check_in_date),
        "eased_after": _day(state.eased_after),
        "tolerated": [[key, dose_dump(dose)] for key, dose in state.tolerated],
        "paused_on": _day(state.paused_on),
        "override": None
        if override is None
        else {
            "rung_key": override.rung_key,
            "dose": None if override.dose is None else dose_dump(override.dose),
            "set_by": override.set_by,
            "set_on": override.set_on.isoformat(),
            "note": override.note,
        },
    }


def state_load(data: dict[str, Any]) -> ProgressionState:
    if data.get("v") != FORMAT_VERSION:
        raise EngineInputError(f"unsupported state format {data.get('v')!r}")
    raw = data["override"]
    override = None
    if raw is not None:
        override = Override(
            raw["rung_key"],
            None if raw["dose"] is None else dose_load(raw["dose"]),
            raw["set_by"],
            date.fromisoformat(raw["set_on"]),
            raw["note"],
        )
    return ProgressionState(
        ladder_key=data["ladder_key"],
        rung_key=data["rung_key"],
        dose=dose_load(data["dose"]),
        baseline=Baseline(**data["baseline"]),
        started_on=date.fromisoformat(data["started_on"]),
        top_dose_streak=data["top_dose_streak"],
        rung_sessions=tuple((key, count) for key, count in data["rung_sessions"]),
        weeks=tuple(
            WeekSymptoms(date.fromisoformat(w[0]), w[1], w[2], w[3]) for w in data["weeks"]
        ),
        trend_acted_on=_parse_day(data["trend_acted_on"]),
        last_session_date=_parse_day(data["last_session_date"]),
        last_check_in_date=_parse_day(data["last_check_in_date"]),
        eased_after=_parse_day(data["eased_after"]),
        override=override,
        # Added after format 1 shipped: states stored before then have neither.
        tolerated=tuple((key, dose_load(dose)) for key, dose in data.get("tolerated", ())),
        paused_on=_parse_day(data.get("paused_on")),
    )
