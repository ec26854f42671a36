"""Runs the runner actually did, imported from GPX, TCX, FIT or CSV files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class RunSource(models.TextChoices):
    GPX = "gpx", "GPX file"
    TCX = "tcx", "TCX file"
    FIT = "fit", "FIT file"
    CSV = "csv", "CSV file"
    DEMO = "demo", "Demo data"


class ActualRun(models.Model):
    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planner_actual_runs"
    )
    started_at = models.DateTimeField(help_text="UTC; noon London time when only a date is known.")
    local_date = models.DateField(help_text="London date of the start.")
    has_time = models.BooleanField(default=True)
    distance_km = models.FloatField()
    duration_s = models.PositiveIntegerField(null=True, blank=True)
    name = models.CharField(max_length=120, blank=True)
    source = models.CharField(max_length=8, choices=RunSource.choices)
    file_name = models.CharField(max_length=200, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-started_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(distance_km__gt=0), name="planner_actual_distance_positive"
            ),
        )
        indexes = (
            models.Index(fields=("runner", "started_at"), name="planner_actual_runner_start"),
            models.Index(fields=("runner", "file_sha256"), name="planner_actual_runner_file"),
        )

    def __str__(self) -> str:
        return f"{self.distance_km:g} km on {self.local_date:%d %b %Y}"

    @property
    def pace_s_per_km(self) -> float | None:
        if not self.duration_s or self.distance_km <= 0:
            return None
        return self.duration_s / self.distance_km
