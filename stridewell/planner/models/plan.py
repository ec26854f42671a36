"""A runner's race, their plan, its weeks, and the runs and strength sessions in it.

The plan's rows mirror the engine's dataclasses (`planner.engine.model`) one to one; the key of
each run or session is the engine's key, so a re-flow updates rows in place and calendar apps
keep one event (one UID) per session for its whole life.
"""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class Race(models.Model):
    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="planner_races")
    name = models.CharField(max_length=120)
    date = models.DateField()
    goal_time = models.DurationField(null=True, blank=True)
    start_time = models.TimeField(default=time(9, 30), help_text="Race start, London time.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-date", "-id")

    def __str__(self) -> str:
        return f"{self.name} on {self.date:%d %b %Y}"


class Phase(models.TextChoices):
    BASE = "base", "Base"
    BUILD = "build", "Build"
    PEAK = "peak", "Peak"
    TAPER = "taper", "Taper"


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DONE = "done", "Done"
    MISSED = "missed", "Missed"


class RunKind(models.TextChoices):
    EASY = "easy", "Easy run"
    LONG = "long", "Long run"
    QUALITY = "quality", "Quality session"
    RACE = "race", "Race"


class StrengthKind(models.TextChoices):
    FULL = "full", "Full strength session"
    REDUCED = "reduced", "Shorter strength session"
    MAINTENANCE = "maintenance", "Maintenance session"


def _weekday(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0, f"{field}__lte": 6}), name=name
    )


class Plan(models.Model):
    """The runner's inputs and the plan made from them. One active plan per runner."""

    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="planner_plans")
    race = models.OneToOneField(Race, on_delete=models.CASCADE, related_name="plan")
    is_active = models.BooleanField(default=True)
    created_on = models.DateField(help_text="London date the inputs describe.")
    start_date = models.DateField()
    current_weekly_km = models.FloatField()
    longest_recent_run_km = models.FloatField()
    available_days = models.JSONField(help_text="Weekdays, 0 = Monday.")
    long_run_day = models.PositiveSmallIntegerField()
    quality_days = models.JSONField(default=list, blank=True)
    step_back_every = models.PositiveSmallIntegerField(null=True, blank=True)
    run_time = models.TimeField(help_text="Usual start time of runs (London time).")
    strength_time = models.TimeField(help_text="Usual start time of strength sessions.")
    notes = models.JSONField(default=list, blank=True, help_text="The engine's plan-wide notes.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("runner",),
                condition=Q(is_active=True),
                name="planner_plan_one_active_per_runner",
            ),
            _weekday("long_run_day", "planner_plan_long_run_day_weekday"),
        )

    def __str__(self) -> str:
        return f"Plan for {self.race}"


class PlanWeek(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="weeks")
    number = models.PositiveSmallIntegerField()
    start_date = models.DateField()
    phase = models.CharField(max_length=8, choices=Phase.choices)
    is_step_back = models.BooleanField(default=False)
    target_km = models.FloatField()
    long_km = models.FloatField()

    class Meta:
        ordering = ("plan", "number")
        constraints = (
            models.UniqueConstraint(fields=("plan", "number"), name="planner_week_once"),
        )

    def __str__(self) -> str:
        return f"Week {self.number} ({self.get_phase_display()})"


class _Item(models.Model):
    """What runs and strength sessions share: identity, day, status and calendar sequence."""

    key = models.CharField(max_length=60)
    date = models.DateField()
    original_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=ItemStatus.choices, default="planned")
    logged_at = models.DateTimeField(null=True, blank=True)
    # iCalendar SEQUENCE: goes up whenever the event's time or content changes.
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_logged(self) -> bool:
        return self.status != ItemStatus.PLANNED

    @property
    def is_moved(self) -> bool:
        return self.original_date is not None and self.original_date != self.date


class PlannedRun(_Item):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="runs")
    week = models.ForeignKey(PlanWeek, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(max_length=8, choices=RunKind.choices)
    distance_km = models.FloatField()
    title = models.CharField(max_length=80)
    detail = models.TextField()
    minutes = models.PositiveSmallIntegerField()
    actual_km = models.FloatField(null=True, blank=True)
    note = models.TextField(blank=True)
    actual_run = models.OneToOneField(
        "planner.ActualRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_run",
    )

    class Meta:
        ordering = ("date", "id")
        constraints = (
            models.UniqueConstraint(fields=("plan", "key"), name="planner_run_key_once"),
            models.CheckConstraint(
                condition=Q(distance_km__gt=0), name="planner_run_distance_positive"
            ),
        )
        indexes = (models.Index(fields=("plan", "date"), name="planner_run_plan_date"),)

    def __str__(self) -> str:
        return f"{self.title} {self.distance_km:g} km on {self.date:%d %b %Y}"


class PlannedStrength(_Item):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strength_sessions")
    week = models.ForeignKey(PlanWeek, on_delete=models.CASCADE, related_name="strength_sessions")
    kind = models.CharField(max_length=12, choices=StrengthKind.choices)
    minutes = models.PositiveSmallIntegerField()
    is_heavy = models.BooleanField(help_text="Heavy lower-body work.")
    reason = models.TextField()
    is_pinned = models.BooleanField(default=False, help_text="The runner chose this day.")
    # The session's exercises come from the runner's active training programme when there is
    # one; otherwise it is a generic strength session.
    programme = models.ForeignKey(
        "training.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_sessions",
    )

    class Meta:
        ordering = ("date", "id")
        constraints = (
            models.UniqueConstraint(fields=("plan", "key"), name="planner_strength_key_once"),
        )
        indexes = (models.Index(fields=("plan", "date"), name="planner_strength_plan_date"),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date:%d %b %Y}"
