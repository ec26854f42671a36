"""Fields shared by the training forms: pain on 0-10 with words at the anchors, ISO dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms

PAIN_HELP = "0 none · 5 moderate · 10 worst"
SIDES = ("left", "right")
SQUAT_CRITERIA = ("overall", "trunk", "pelvis", "hip", "knee")
RATINGS = [("", "Not tested"), ("good", "Good"), ("fair", "Fair"), ("poor", "Poor")]


def pain_field(label: str, *, required: bool = True, help_text: str = PAIN_HELP) -> forms.Field:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10,
        required=required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 10}),
    )


def date_field(label: str, today: date) -> forms.DateField:
    return forms.DateField(
        label=label,
        initial=today,
        # A date input only accepts ISO dates, whatever the locale's display format.
        widget=forms.DateInput(attrs={"type": "date", "max": today.isoformat()}, format="%Y-%m-%d"),
    )


def decimal_field(label: str, *, low: float, high: float, step: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(str(low)),
        max_value=Decimal(str(high)),
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": step}),
    )
