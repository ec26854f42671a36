"""Forms for the planner pages. They only parse and label; the engine decides what is valid,
and its messages are attached to the fields they concern."""

from __future__ import annotations

import re
from datetime import time, timedelta

from django import forms
from django.core.exceptions import ValidationError

from stridewell.core.text import CleanTextFormMixin
from stridewell.planner.engine import WEEKDAYS

DAY_CHOICES = [(str(i), name) for i, name in enumerate(WEEKDAYS)]
GOAL = re.compile(r"^\s*(\d{1,2})[:h.](\d{2})(?:[:m.](\d{2}))?\s*$")


def goal_parse(text: str | None) -> timedelta | None:
    """ "3:45" or "3:45:30" as a duration; empty means no goal. Raises ValidationError."""
    if not text or not text.strip():
        return None
    match = GOAL.match(text)
    if match is None:
        raise ValidationError("Write the goal as hours and minutes, for example 3:45.")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    if minutes >= 60 or seconds >= 60:
        raise ValidationError("Minutes and seconds go up to 59, for example 3:45.")
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def goal_text(value: timedelta | None) -> str | None:
    if value is None:
        return None
    total = int(value.total_seconds())
    return f"{total // 3600}:{total % 3600 // 60:02d}"


class GoalTimeField(forms.CharField):
    """Hours and minutes ("3:45" or "3:45:30"). Django's duration field would read "3:45"
    as three minutes, which is not what a runner means."""

    def to_python(self, value):
        return goal_parse(super().to_python(value))

    def prepare_value(self, value):
        return goal_text(value) if isinstance(value, timedelta) else value


def _days(value) -> frozenset[int]:
    return frozenset(int(v) for v in value or [])


class _PatternFields(CleanTextFormMixin, forms.Form):
    available_days = forms.MultipleChoiceField(
        label="Days you can train",
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="At least three.",
    )
    long_run_day = forms.TypedChoiceField(
        label="Long-run day", choices=DAY_CHOICES, coerce=int, initial="6"
    )
    quality_days = forms.MultipleChoiceField(
        label="Quality-session days",
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Up to two, not back to back: hills, tempo or intervals.",
    )
    run_time = forms.TimeField(
        label="Usual run start",
        initial=time(7, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="For your calendar, London time.",
    )
    strength_time = forms.TimeField(
        label="Usual strength-session start",
        initial=time(18, 30),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Later than your run on days with both.",
    )

    def pattern(self) -> dict:
        data = self.cleaned_data
        return {
            "available_days": _days(data["available_days"]),
            "long_run_day": data["long_run_day"],
            "quality_days": _days(data.get("quality_days")),
        }


class PlanForm(_PatternFields):
    race_name = forms.CharField(label="Race name", max_length=120)
    race_date = forms.DateField(
        label="Race date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    race_start_time = forms.TimeField(
        label="Race start time",
        initial=time(9, 30),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    goal_time = GoalTimeField(
        label="Goal time",
        required=False,
        help_text="Hours and minutes, for example 3:45. Leave blank to run by effort.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    current_weekly_km = forms.FloatField(
        label="Current weekly distance (km)",
        min_value=0,
        help_text="Your average over the last four weeks.",
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    longest_recent_run_km = forms.FloatField(
        label="Longest run in the last 30 days (km)",
        min_value=0,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )

    field_order = (
        "race_name",
        "race_date",
        "race_start_time",
        "goal_time",
        "current_weekly_km",
        "longest_recent_run_km",
        "available_days",
        "long_run_day",
        "quality_days",
        "run_time",
        "strength_time",
    )


class PlanEditForm(_PatternFields):
    race_name = forms.CharField(label="Race name", max_length=120)
    race_date = forms.DateField(
        label="Race date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="A new date re-plans the weeks ahead; what you have logged stays.",
    )
    race_start_time = forms.TimeField(
        label="Race start time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    goal_time = GoalTimeField(
        label="Goal time",
        required=False,
        help_text="Hours and minutes, for example 3:45. Leave blank to run by effort.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    field_order = (
        "race_name",
        "race_date",
        "race_start_time",
        "goal_time",
        "available_days",
        "long_run_day",
        "quality_days",
        "run_time",
        "strength_time",
    )


class LogForm(CleanTextFormMixin, forms.Form):
    action = forms.ChoiceField(choices=[("done", "Done"), ("missed", "Missed")])
    actual_km = forms.FloatField(
        label="Distance run (km)",
        required=False,
        min_value=0.1,
        max_value=300,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )


class MoveForm(forms.Form):
    new_date = forms.DateField(
        label="Move to", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Run file",
        help_text="GPX, TCX, FIT or CSV, up to 10 MB. A CSV needs the columns date and "
        "distance_km (duration and name are optional).",
        widget=forms.ClearableFileInput(attrs={"accept": ".gpx,.tcx,.fit,.csv"}),
    )


def errors_to_form(form: forms.Form, error: ValidationError, aliases: dict | None = None) -> None:
    """Attach a service's field errors to the form's fields (unknown fields: to the top)."""
    aliases = aliases or {}
    for name, messages in error.message_dict.items():
        target = aliases.get(name, name)
        form.add_error(target if target in form.fields else None, messages)
