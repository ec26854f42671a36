"""When each practitioner works: a usual week, date overrides and days off (London wall clock)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from stridewell.accounts.models import PractitionerProfile
from stridewell.booking import rota
from stridewell.clinic.hours import span_text
from stridewell.clinic.models import Weekday


class WorkingHours(models.Model):
    """One range on a weekday; a split day has two rows (e.g. 07:00-12:00 and 15:00-20:00)."""

    practitioner = models.ForeignKey(
        PractitionerProfile, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        verbose_name = "working hours"
        verbose_name_plural = "working hours"
        ordering = ("practitioner", "weekday", "starts")
        constraints = (
            models.CheckConstraint(
                condition=Q(ends__gt=F("starts")), name="booking_hours_ends_after_starts"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="booking_hours_weekday"),
        )

    def __str__(self) -> str:
        return (
            f"{self.practitioner} {self.get_weekday_display()} {span_text(self.starts, self.ends)}"
        )

    def clean(self) -> None:
        errors = rota.range_errors(self.starts, self.ends)
        if errors:
            raise ValidationError({"ends": errors})

    def to_engine(self) -> rota.WeeklyRange:
        return rota.WeeklyRange(weekday=self.weekday, starts=self.starts, ends=self.ends)


class DateOverride(models.Model):
    """On this date the practitioner works these hours instead of their usual ones."""

    practitioner = models.ForeignKey(
        PractitionerProfile, on_delete=models.CASCADE, related_name="date_overrides"
    )
    date = models.DateField()
    starts = models.TimeField(
        null=True, blank=True, help_text="Leave both times empty: not working."
    )
    ends = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ("practitioner", "date", "starts")
        constraints = (
            models.CheckConstraint(
                condition=(Q(starts__isnull=True) & Q(ends__isnull=True))
                | (Q(starts__isnull=False) & Q(ends__gt=F("starts"))),
                name="booking_override_times",
            ),
        )

    def __str__(self) -> str:
        if self.starts is None or self.ends is None:
            return f"{self.practitioner} {self.date}: not working"
        return f"{self.practitioner} {self.date}: {span_text(self.starts, self.ends)}"

    def clean(self) -> None:
        errors = rota.range_errors(self.starts, self.ends)
        if errors:
            raise ValidationError({"ends": errors})

    def to_engine(self) -> rota.DateRange:
        return rota.DateRange(day=self.date, starts=self.starts, ends=self.ends)


class TimeOff(models.Model):
    """Whole days away (leave, a course). The last day is included."""

    practitioner = models.ForeignKey(
        PractitionerProfile, on_delete=models.CASCADE, related_name="time_off"
    )
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = "time off"
        verbose_name_plural = "time off"
        ordering = ("practitioner", "first_day")
        constraints = (
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")),
                name="booking_timeoff_order",
                violation_error_message="The last day cannot be before the first day.",
            ),
        )

    def __str__(self) -> str:
        return f"{self.practitioner} off {self.first_day} to {self.last_day}"

    def clean(self) -> None:
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": "The last day cannot be before the first day."})

    def to_engine(self) -> rota.DaysOff:
        return rota.DaysOff(first=self.first_day, last=self.last_day)
