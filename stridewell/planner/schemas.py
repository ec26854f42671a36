"""API shapes for /api/plan, one per operation."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from stridewell.api.types import CalendarDate, SingleLineText, WallTime

Weekday = Field(ge=0, le=6)


class PlanCreateIn(Schema):
    race_name: SingleLineText = Field(min_length=1, max_length=120)
    race_date: CalendarDate
    race_start_time: WallTime = dt.time(9, 30)
    goal_time: SingleLineText | None = Field(
        default=None, max_length=20, description="Hours and minutes, e.g. 3:45"
    )
    current_weekly_km: float = Field(ge=0, le=1000)
    longest_recent_run_km: float = Field(ge=0, le=1000)
    available_days: list[int] = Field(description="Weekdays, 0 = Monday")
    long_run_day: int = Weekday
    quality_days: list[int] = []
    run_time: WallTime = dt.time(7, 0)
    strength_time: WallTime = dt.time(18, 30)


class PlanUpdateIn(Schema):
    race_name: SingleLineText | None = Field(default=None, min_length=1, max_length=120)
    race_date: CalendarDate | None = None
    race_start_time: WallTime | None = None
    goal_time: SingleLineText | None = Field(
        default=None, max_length=20, description='"" removes the goal'
    )
    available_days: list[int] | None = None
    long_run_day: int | None = Field(default=None, ge=0, le=6)
    quality_days: list[int] | None = None
    run_time: WallTime | None = None
    strength_time: WallTime | None = None


class RaceOut(Schema):
    name: str
    date: dt.date
    start_time: WallTime
    goal_time: str | None


class NoteOut(Schema):
    code: str
    message: str
    week: int | None
    severity: str


class FlagOut(Schema):
    run_id: int | None
    date: dt.date
    km: float
    reference_km: float
    is_expected: bool
    message: str


class PlanOut(Schema):
    id: int
    race: RaceOut
    start_date: dt.date
    weeks: int
    available_days: list[int]
    long_run_day: int
    quality_days: list[int]
    run_time: WallTime
    strength_time: WallTime
    notes: list[NoteOut]
    flags: list[FlagOut]


class PlanWeekOut(Schema):
    number: int
    start_date: dt.date
    phase: str
    is_step_back: bool
    target_km: float
    planned_km: float
    long_km: float
    strength_sessions: int


class RunOut(Schema):
    id: int
    date: dt.date
    original_date: dt.date | None
    kind: str
    title: str
    detail: str
    distance_km: float
    minutes: int
    status: str
    actual_km: float | None
    note: str


class StrengthOut(Schema):
    id: int
    date: dt.date
    original_date: dt.date | None
    kind: str
    minutes: int
    is_heavy: bool
    reason: str
    status: str
    is_pinned: bool


class PlanDayOut(Schema):
    date: dt.date
    runs: list[RunOut]
    strength: list[StrengthOut]


class WeekDetailOut(PlanWeekOut):
    days: list[PlanDayOut]
    issues: list[NoteOut]


class LogIn(Schema):
    status: Literal["done", "missed"]
    actual_km: float | None = Field(default=None, gt=0, le=300)


class PlanMoveIn(Schema):
    date: CalendarDate


class ChangeOut(Schema):
    notes: list[str]
    week: WeekDetailOut


class ActualRunOut(Schema):
    id: int
    started_at: dt.datetime
    local_date: dt.date
    distance_km: float
    duration_s: int | None
    name: str
    source: str
    planned_run_id: int | None


class ImportOut(Schema):
    created: list[ActualRunOut]
    duplicates: int
    matched: list[dict[str, int]]
    notes: list[str]


class FeedOut(Schema):
    url: str = Field(description="The secret feed address. Shown only in this response.")
    hint: str
