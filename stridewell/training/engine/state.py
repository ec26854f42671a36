"""The compact state carried from one decision to the next, and the decision itself.

The engine never replays history: everything a decision needs (where the runner is, their dose,
how many top-dose sessions in a row, their baseline, a few weeks of symptom averages, the last
session date, the rungs reached and completed, a physio's override) lives in `ProgressionState`,
whose size does not grow with the years of history behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .dose import Dose
from .ladder import Prerequisite
from .symptoms import Baseline, WeekSymptoms


class Action(StrEnum):
    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"


class DecisionKind(StrEnum):
    """What changed. `none` covers holds and a regress that is already at the gentlest dose."""

    DOSE_UP = "dose_up"
    RUNG_UP = "rung_up"
    DOSE_DOWN = "dose_down"
    RUNG_DOWN = "rung_down"
    RESUME_LOWER = "resume_lower"
    OVERRIDE = "override"
    OVERRIDE_REMOVED = "override_removed"
    PAUSED = "paused"  # the exercise is stopped until the physio reviews it
    RESUMED = "resumed"
    NONE = "none"


class Rule(StrEnum):
    """Stable identifiers of the rule that fired; stored with each decision, never renamed."""

    P1_SETS_COMPLETE_PAIN_OK = "P1_sets_complete_pain_ok"
    P2_TWO_TOP_DOSE_SESSIONS = "P2_two_top_dose_sessions"
    H1_NO_NEXT_MORNING_CHECK_IN = "H1_no_next_morning_check_in"
    H2_PAIN_4_TO_5_SETTLED = "H2_pain_4_to_5_settled_overnight"
    H3_CONTROL_OK = "H3_control_only_ok"
    H4_SETS_MISSED = "H4_sets_missed"
    H5_LEARNING_BASELINE = "H5_learning_morning_baseline"
    H6_TOP_DOSE_FIRST_SESSION = "H6_top_dose_first_session"
    H7_NEXT_RUNG_LOCKED = "H7_next_rung_locked"
    H8_TOP_OF_LADDER = "H8_top_of_ladder"
    H9_MORNING_A_LITTLE_ABOVE = "H9_next_morning_a_little_above_baseline"
    R1_PAIN_ABOVE_5 = "R1_pain_during_above_5"
    R2_NEXT_MORNING_WORSE = "R2_next_morning_worse_than_baseline"
    R3_WEEKLY_SYMPTOMS_RISING = "R3_weekly_symptoms_rising"
    R4_POOR_CONTROL = "R4_poor_control"
    G1_RESUME_AFTER_GAP = "G1_resume_after_14_days"
    O1_OVERRIDE_SET = "O1_physio_override_set"
    O2_OVERRIDE_REMOVED = "O2_physio_override_removed"
    O3_DOSE_PINNED = "O3_physio_dose_pinned"
    O4_RUNG_PINNED = "O4_physio_rung_pinned"
    C1_CHECK_IN_RECORDED = "C1_check_in_recorded"
    # Added for the check-in's optional answers (issue 10, item 7); see `morning_flags`.
    C2_REST_DAY_MORNING_HIGH = "C2_rest_day_morning_high"
    F1_RED_FLAG_STOP = "F1_red_flag_stop_see_physio"
    F2_UNWELL_NO_PROGRESS = "F2_unwell_no_progress"
    F3_RISE_AFTER_LONG_RUN = "F3_morning_rise_after_race_or_long_run"
    # Added for issue #10 (never rename the ones above: stored decisions refer to them).
    P3_BIG_STEP = "P3_big_step"
    P4_TOP_DOSE_CONFIRMED = "P4_top_dose_confirmed"
    H10_EFFORT_NOT_MODERATE = "H10_effort_not_moderate"
    S1_PAUSED_PAIN_7 = "S1_paused_pain_during_7_or_more"
    S2_PAUSED_MORNING_RISE_4 = "S2_paused_next_morning_4_above_baseline"
    S3_PAUSED_PINNED_DOSE_PAINFUL = "S3_paused_pinned_dose_painful"
    S4_RESUMED_BY_PHYSIO = "S4_resumed_by_physio"
    G2_RESUME_AFTER_4_WEEKS = "G2_resume_after_4_weeks"
    G3_RESCREEN_AFTER_8_WEEKS = "G3_rescreen_after_8_weeks"


@dataclass(frozen=True, slots=True)
class Override:
    """A physio's pin. With `dose` set, rung and dose are both fixed; with `dose` None only the
    rung is pinned and the dose still moves up and down within it. It wins until removed."""

    rung_key: str
    dose: Dose | None
    set_by: str
    set_on: date
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProgressionState:
    ladder_key: str
    rung_key: str
    dose: Dose
    baseline: Baseline
    started_on: date
    top_dose_streak: int = 0  # qualifying sessions in a row at the rung's top dose
    rung_sessions: tuple[tuple[str, int], ...] = ()  # reached rungs -> good top-dose sessions
    weeks: tuple[WeekSymptoms, ...] = ()
    trend_acted_on: date | None = None  # last closed week of a trend already regressed for
    last_session_date: date | None = None
    last_check_in_date: date | None = None
    eased_after: date | None = None  # the last session date whose long gap was already eased
    override: Override | None = None
    # The last dose tolerated on each rung reached (no pain flare, morning not worse): where a
    # regress lands when it drops to that rung, so stepping back never makes the exercise harder.
    tolerated: tuple[tuple[str, Dose], ...] = ()
    paused_on: date | None = None  # the exercise is stopped until the physio resumes it

    def progress(self) -> dict[str, int]:
        return dict(self.rung_sessions)

    @property
    def is_paused(self) -> bool:
        return self.paused_on is not None

    def tolerated_dose(self, rung_key: str) -> Dose | None:
        return next((d for k, d in self.tolerated if k == rung_key), None)

    def with_tolerated(self, rung_key: str, dose: Dose) -> tuple[tuple[str, Dose], ...]:
        others = tuple(item for item in self.tolerated if item[0] != rung_key)
        return tuple(sorted((*others, (rung_key, dose)), key=lambda item: item[0]))


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    kind: DecisionKind
    rule: Rule
    reason: str  # plain English, written to the runner
    alert_physio: bool
    new_state: ProgressionState
    unmet: tuple[Prerequisite, ...] = ()  # why the next rung is locked (rule H7)
