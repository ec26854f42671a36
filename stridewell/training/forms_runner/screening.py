"""Screening forms (clinic and self-screen), check-in, override and programme choice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from django import forms

from stridewell.training import engine
from stridewell.training.engine.screening_input import (
    BONE_STRESS_WORDS,
    MAX_MARATHONS,
    MAX_WEEKLY_KM,
    MAX_YEARS_RUNNING,
    RED_FLAG_WORDS,
)
from stridewell.training.forms_runner.common import (
    RATINGS,
    SIDES,
    SQUAT_CRITERIA,
    date_field,
    decimal_field,
    pain_field,
)
from stridewell.training.models import Sex
from stridewell.training.services_screening import RunningHistory


def _count(label: str, high: int, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=high,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": high}),
    )


class _ScreeningBase(forms.Form):
    """Fields every screening asks; the clinic form adds the tests a physio performs."""

    SIDED: tuple[str, ...] = ()

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields = {"date": date_field("Date of screening", today), **self.fields}

    age = forms.IntegerField(
        label="Age", min_value=12, max_value=100, widget=forms.NumberInput({"inputmode": "numeric"})
    )
    sex = forms.ChoiceField(
        label="Sex", choices=Sex.choices, help_text="Used only to compare hip strength with norms."
    )
    current_pain = pain_field("Pain today")
    injuries = forms.CharField(
        label="Injury history",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: where, then how many months ago. For example: left calf, 4",
    )
    red_flags = forms.MultipleChoiceField(
        label="Do any of these apply?",
        required=False,
        choices=[(str(flag), words.capitalize()) for flag, words in RED_FLAG_WORDS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    years_running = _count("Years running", MAX_YEARS_RUNNING, "Round to whole years.")
    weekly_km = _count("Distance in a usual week (km)", MAX_WEEKLY_KM, "Over the last month or so.")
    marathons_finished = _count("Marathons finished", MAX_MARATHONS)
    bone_stress_signs = forms.MultipleChoiceField(
        label="Have you noticed any of these?",
        required=False,
        choices=[(str(sign), words.capitalize()) for sign, words in BONE_STRESS_WORDS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    sessions_per_week = forms.TypedChoiceField(
        label="Strength sessions a week",
        coerce=int,
        initial=2,
        choices=[(n, str(n)) for n in (1, 2, 3, 4)],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        years, age = data.get("years_running"), data.get("age")
        if years is not None and age is not None and years > age:
            self.add_error("years_running", "Years running can't be more than your age.")
        return data

    def history(self) -> RunningHistory:
        data = self.cleaned_data
        return RunningHistory(
            years_running=data.get("years_running"),
            weekly_km=data.get("weekly_km"),
            marathons_finished=data.get("marathons_finished"),
            bone_stress=data.get("bone_stress_signs") or (),
        )

    def clean_date(self) -> date:
        day = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError("The screening can't be dated in the future.")
        return day

    def clean_injuries(self) -> list[dict[str, Any]]:
        items = []
        for n, line in enumerate(self.cleaned_data["injuries"].splitlines(), start=1):
            if not line.strip():
                continue
            area, _, months = line.rpartition(",")
            if not area.strip() or not months.strip().isdigit():
                raise forms.ValidationError(
                    f"Line {n}: write the area, a comma, then months ago (e.g. left calf, 4)."
                )
            items.append({"area": area.strip(), "months_ago": int(months)})
        return items

    def _sided(self, name: str, cast: Callable[[Any], Any]) -> dict[str, Any] | None:
        values = [self.cleaned_data.get(f"{name}_{side}") for side in SIDES]
        if all(v in (None, "") for v in values):
            return None
        if any(v in (None, "") for v in values):
            self.add_error(f"{name}_left", "Give both sides, or leave both empty.")
            return None
        return {side: cast(v) for side, v in zip(SIDES, values, strict=True)}

    def measures(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        casts: dict[str, Callable[[Any], Any]] = {
            "step_down": int,
            "trendelenburg_positive": lambda v: v == "positive",
        }
        for name in self.SIDED:
            value = self._sided(name, casts.get(name, float))
            if value is not None:
                out[name] = value
        return out


def _step_down(label: str) -> forms.Field:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=6,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _trendelenburg(label: str) -> forms.Field:
    choices = [("", "Not tested"), ("negative", "Negative"), ("positive", "Positive")]
    return forms.ChoiceField(label=label, required=False, choices=choices)


def _seconds(label: str, high: int) -> forms.Field:
    return decimal_field(label, low=0, high=high, step="1")


# name -> (label, field factory); each test is asked per side.
TESTS: dict[str, tuple[str, Callable[[str], forms.Field]]] = {
    "step_down": ("Lateral step-down score (0-6)", _step_down),
    "trendelenburg_positive": ("Trendelenburg", _trendelenburg),
    "side_bridge_seconds": ("Side bridge hold (seconds)", lambda lb: _seconds(lb, 600)),
    "hip_abduction_nm_kg": (
        "Hip-abduction strength (Nm/kg)",
        lambda lb: decimal_field(lb, low=0.01, high=5, step="0.01"),
    ),
    "balance_seconds": (
        "Single-leg balance (seconds, best of 3, max 45)",
        lambda lb: _seconds(lb, 45),
    ),
}


def _add_sided(form_class: type[forms.Form], names: tuple[str, ...]) -> None:
    for name in names:
        label, make = TESTS[name]
        for side in SIDES:
            form_class.base_fields[f"{name}_{side}"] = make(f"{label}, {side}")


class ClinicScreeningForm(_ScreeningBase):
    """The physio's screening: every test, per side."""

    SIDED = tuple(TESTS)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea({"rows": 3}))
    start_despite_pain = forms.BooleanField(
        label="Start a programme despite pain of 5/10 or more at rest",
        required=False,
        help_text=(
            "Without this, pain today of 5/10 or more records a referral and no programme. "
            "Your name goes in the runner's placement reasons."
        ),
    )

    def squat_names(self) -> dict[str, list[str]]:
        return {side: [f"sls_{side}_{c}" for c in SQUAT_CRITERIA] for side in SIDES}

    def measures(self) -> dict[str, Any]:
        out = super().measures()
        ratings = {
            side: {c: self.cleaned_data.get(f"sls_{side}_{c}") or "" for c in SQUAT_CRITERIA}
            for side in SIDES
        }
        given = [r for side in SIDES for r in ratings[side].values() if r]
        if given and len(given) < 2 * len(SQUAT_CRITERIA):
            self.add_error("sls_left_overall", "Rate all five criteria on both sides, or none.")
        elif given:
            out["single_leg_squat"] = ratings
        return out


for _side in SIDES:
    for _criterion in SQUAT_CRITERIA:
        ClinicScreeningForm.base_fields[f"sls_{_side}_{_criterion}"] = forms.ChoiceField(
            label=f"Single-leg squat, {_side}: {_criterion}", required=False, choices=RATINGS
        )
_add_sided(ClinicScreeningForm, ClinicScreeningForm.SIDED)


class SelfScreenForm(_ScreeningBase):
    """What a runner can test at home, with a timer and a wall to touch."""

    SIDED = ("side_bridge_seconds", "balance_seconds")


_add_sided(SelfScreenForm, SelfScreenForm.SIDED)


def _yes(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


class CheckInForm(forms.Form):
    """Pain and stiffness on waking, then optional yes/no questions in three groups (the page
    shows each group as a fieldset): red flags, urgent signs, and yesterday's context."""

    FLAGS = ("night_pain", "numbness", "swelling", "unwell")
    URGENT = ("emergency_signs", "urgent_signs")
    CONTEXT = ("long_run_yesterday",)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"date": date_field("Morning of", today), **self.fields}

    pain = pain_field("Pain on waking")
    stiffness = pain_field("Stiffness on waking")
    night_pain = _yes("Pain that woke me in the night, or that doesn't ease when I rest")
    numbness = _yes("Numbness or tingling in my leg or foot")
    swelling = _yes("New swelling around my hip, knee, ankle or calf")
    unwell = _yes("I feel ill or feverish")
    emergency_signs = _yes(
        "New trouble controlling my bladder or bowels, numbness around my bottom or genitals, "
        "sudden weakness in a leg, chest pain or sudden breathlessness"
    )
    urgent_signs = _yes(
        "A calf that is hot, swollen and tender, or a joint that is hot and swollen"
    )
    long_run_yesterday = _yes("I ran a race or a long run yesterday")

    def answers(self) -> dict[str, bool]:
        return {
            name: self.cleaned_data[name] for name in (*self.FLAGS, *self.URGENT, *self.CONTEXT)
        }

    def groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(legend, help, fields) for each fieldset of optional questions."""
        return [
            (
                "Anything else this morning?",
                "Optional. Tick any that apply; leave them blank if not.",
                [self[name] for name in self.FLAGS],
            ),
            (
                "Signs that need help today",
                "Don't wait for your physio with these: the first needs 999 or A&E now, the "
                "second NHS 111 today. Tick them so your physio knows too.",
                [self[name] for name in self.URGENT],
            ),
            ("Yesterday", "Optional.", [self[name] for name in self.CONTEXT]),
        ]


class OverrideForm(forms.Form):
    """Pin a rung; tick "fix the dose" to pin sets, reps and load as well."""

    rung = forms.ChoiceField(label="Exercise")
    fix_dose = forms.BooleanField(label="Also fix the dose below", required=False)
    sets = forms.IntegerField(label="Sets", min_value=1, max_value=20, required=False)
    target = forms.IntegerField(
        label="Reps (or seconds) per set", min_value=1, max_value=600, required=False
    )
    load_step = forms.TypedChoiceField(label="Load", coerce=int, required=False, empty_value=None)
    note = forms.CharField(label="Note for the runner", required=False, max_length=500)

    def __init__(
        self, *args: Any, ladder: engine.Ladder, current: engine.ProgressionState, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"o{current.ladder_key}")
        super().__init__(*args, **kwargs)
        rung_field = cast(forms.ChoiceField, self.fields["rung"])
        rung_field.choices = [(r.key, r.label) for r in ladder.ordered]
        self.fields["rung"].initial = current.rung_key
        scale = ladder.rung(current.rung_key).scale
        cast(forms.ChoiceField, self.fields["load_step"]).choices = list(enumerate(scale.labels))
        self.initial.setdefault("sets", current.dose.sets)
        self.initial.setdefault("target", current.dose.target)
        self.initial.setdefault("load_step", current.dose.load_step)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("fix_dose") and (data.get("sets") is None or data.get("target") is None):
            raise forms.ValidationError("Give the sets and reps to fix the dose.")
        return data


class ManualProgrammeForm(forms.Form):
    """One optional rung per ladder."""

    sessions_per_week = SelfScreenForm.base_fields["sessions_per_week"]

    def __init__(self, *args: Any, ladders: list[engine.Ladder], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for ladder in ladders:
            self.fields[f"ladder_{ladder.key}"] = forms.ChoiceField(
                label=ladder.name,
                required=False,
                choices=[("", "Not in this programme")]
                + [(r.key, f"{n}. {r.label}") for n, r in enumerate(ladder.ordered, 1)],
            )

    def rung_keys(self) -> list[str]:
        return [v for k, v in self.cleaned_data.items() if k.startswith("ladder_") and v]


class FindRunnerForm(forms.Form):
    email = forms.EmailField(label="Runner's e-mail address")
