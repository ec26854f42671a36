"""Planner models: a runner's race and plan (`plan`), what they actually ran (`actual`) and the
secret calendar feed (`feed`). Rows store what the pure engine produced; the engine decides."""

from .actual import ActualRun, RunSource
from .feed import FeedToken
from .plan import ItemStatus, Plan, PlannedRun, PlannedStrength, PlanWeek, Race

__all__ = [
    "ActualRun",
    "FeedToken",
    "ItemStatus",
    "Plan",
    "PlanWeek",
    "PlannedRun",
    "PlannedStrength",
    "Race",
    "RunSource",
]
