"""Stridewell's training engine: pure Python, no Django.

Given a screening, ladders and sessions, it returns placements and progress / hold / regress
decisions with the rule that fired and a reason a runner understands. The Django layer stores the
inputs, the decision and the carried `ProgressionState`; the engine never reads history.
"""

from .between_sessions import progression_after_check_in, progression_before_session
from .dose import (
    Dose,
    DoseUnit,
    LoadKind,
    LoadScale,
    dose_describe,
    dose_step_down,
    dose_step_up,
    dose_top,
    is_bottom_dose,
    is_top_dose,
)
from .errors import EngineInputError
from .ladder import (
    Ladder,
    LadderError,
    NextRung,
    Prerequisite,
    PrerequisiteKind,
    Rung,
    ladder_validate,
    ladders_validate,
    next_rung,
)
from .morning_flags import MorningAdvice, Urgency, morning_advice
from .overrides import progression_override_clear, progression_override_set, progression_resume
from .plateau import PLATEAU_DAYS, Mark, Plateau, plateau_find
from .progression import progression_after_session, progression_is_urgent, progression_start
from .screening import LadderPlacement, NotYet, Placement, screening_place
from .screening_input import (
    BoneStressSign,
    Injury,
    Rating,
    RedFlag,
    ScreeningInput,
    Sex,
    Side,
    Sided,
    SingleLegSquat,
)
from .screening_measures import AsymmetryFlag, asymmetry_flags, ramskov_z, step_down_grade
from .screening_rules import ScreeningRule, baseline_pain_for
from .serialise import (
    check_in_dump,
    check_in_load,
    decision_dump,
    session_dump,
    state_dump,
    state_load,
)
from .session import Control, SessionResult, SetResult
from .state import Action, Decision, DecisionKind, Override, ProgressionState, Rule
from .symptoms import CHECK_IN_ANSWERS, Baseline, CheckIn, morning_excess

__all__ = [
    "CHECK_IN_ANSWERS",
    "PLATEAU_DAYS",
    "Action",
    "AsymmetryFlag",
    "Baseline",
    "BoneStressSign",
    "CheckIn",
    "Control",
    "Decision",
    "DecisionKind",
    "Dose",
    "DoseUnit",
    "EngineInputError",
    "Injury",
    "Ladder",
    "LadderError",
    "LadderPlacement",
    "LoadKind",
    "LoadScale",
    "Mark",
    "MorningAdvice",
    "NextRung",
    "NotYet",
    "Override",
    "Placement",
    "Plateau",
    "Prerequisite",
    "PrerequisiteKind",
    "ProgressionState",
    "Rating",
    "RedFlag",
    "Rule",
    "Rung",
    "ScreeningInput",
    "ScreeningRule",
    "SessionResult",
    "SetResult",
    "Sex",
    "Side",
    "Sided",
    "SingleLegSquat",
    "Urgency",
    "asymmetry_flags",
    "baseline_pain_for",
    "check_in_dump",
    "check_in_load",
    "decision_dump",
    "dose_describe",
    "dose_step_down",
    "dose_step_up",
    "dose_top",
    "is_bottom_dose",
    "is_top_dose",
    "ladder_validate",
    "ladders_validate",
    "morning_advice",
    "morning_excess",
    "next_rung",
    "plateau_find",
    "progression_after_check_in",
    "progression_after_session",
    "progression_before_session",
    "progression_is_urgent",
    "progression_override_clear",
    "progression_override_set",
    "progression_resume",
    "progression_start",
    "ramskov_z",
    "screening_place",
    "session_dump",
    "state_dump",
    "state_load",
    "step_down_grade",
]
