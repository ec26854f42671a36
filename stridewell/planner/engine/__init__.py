"""The marathon planner's engine: pure Python, no Django (a test makes sure of it).

Inputs in, plan out: `plan_generate` builds a plan, `plan_reflow` applies a runner's change
(done, missed, moved, new race date) and returns the new plan, never touching what is logged.
"""

from .changes import (
    Change,
    ChangeError,
    PlanChanged,
    Reflow,
    RunDone,
    RunMissed,
    RunMoved,
    StrengthDone,
    StrengthMissed,
    StrengthMoved,
)
from .generate import plan_generate, plan_review
from .inputs import MAX_WEEKS, MIN_WEEKS, PlanInputError, inputs_validate, plan_start
from .model import (
    MARATHON_KM,
    WEEKDAYS,
    ActualRef,
    Issue,
    Phase,
    Plan,
    PlanInputs,
    PlannedRun,
    PlannedStrength,
    RunKind,
    Severity,
    SpikeFlag,
    Status,
    StrengthKind,
    Week,
)
from .reflow import plan_reflow

__all__ = [
    "MARATHON_KM",
    "MAX_WEEKS",
    "MIN_WEEKS",
    "WEEKDAYS",
    "ActualRef",
    "Change",
    "ChangeError",
    "Issue",
    "Phase",
    "Plan",
    "PlanChanged",
    "PlanInputError",
    "PlanInputs",
    "PlannedRun",
    "PlannedStrength",
    "Reflow",
    "RunDone",
    "RunKind",
    "RunMissed",
    "RunMoved",
    "Severity",
    "SpikeFlag",
    "Status",
    "StrengthDone",
    "StrengthKind",
    "StrengthMissed",
    "StrengthMoved",
    "Week",
    "inputs_validate",
    "plan_generate",
    "plan_reflow",
    "plan_review",
    "plan_start",
]
