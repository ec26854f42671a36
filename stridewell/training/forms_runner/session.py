"""The session log form, built from the runner's programme: one card per exercise, one row per
set."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from stridewell.training.forms_runner.common import date_field, pain_field
from stridewell.training.models import Control
from stridewell.training.selectors_runner import LogEntry
from stridewell.training.services_logging import ExerciseInput, SetInput

MAX_ROWS = 20
EFFORT_CHOICES = [
    ("", "Choose…"),
    *((n, f"{n}{' – every set to failure' if n == 10 else ''}") for n in range(1, 11)),
]


class SessionLogForm(forms.Form):
    """A whole session: per exercise, whether it was done, control, and one row per set.

    Rows start at the prescribed number of sets with the prescribed reps and load filled in,
    so a runner who did what was asked only types their pain. Blank rows are ignored.
    """

    client_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, entries: list[LogEntry], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"date": date_field("Date of the session", today), **self.fields}
        self.entries = entries
        source = self.data if self.is_bound else self.initial
        for item in entries:
            p = f"e{item.entry.pk}"
            rows = _int(source.get(f"{p}-rows"), item.sets)
            self.fields[f"{p}-rows"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=rows, required=False
            )
            self.fields[f"{p}-done"] = forms.BooleanField(
                label="I did this exercise", required=False, initial=True
            )
            self.fields[f"{p}-control"] = forms.ChoiceField(
                label="How well did you control the movement?",
                choices=Control.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"{p}-effort"] = forms.TypedChoiceField(
                label="How hard was it overall?",
                help_text="Effort 1-10: 7 means you could have done about 3 more reps; "
                "10 means every set to failure.",
                choices=EFFORT_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )
            for n in range(1, min(rows, MAX_ROWS) + 1):
                self._add_row(item, p, n)

    def _add_row(self, item: LogEntry, p: str, n: int) -> None:
        unit = "Seconds" if item.is_seconds else "Reps"
        self.fields[f"{p}-s{n}-reps"] = forms.IntegerField(
            label=f"Set {n}: {unit.lower()}",
            min_value=0,
            max_value=600,
            required=False,
            initial=item.target,
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        )
        load = forms.TypedChoiceField(
            label=f"Set {n}: load",
            coerce=int,
            choices=list(enumerate(item.loads)),
            initial=item.load_step,
            required=False,
            empty_value=None,
        )
        if len(item.loads) == 1:
            load.widget = forms.HiddenInput()
        self.fields[f"{p}-s{n}-load"] = load
        self.fields[f"{p}-s{n}-pain"] = pain_field(f"Set {n}: pain", required=False)

    def rows(self, item: LogEntry) -> int:
        p = f"e{item.entry.pk}"
        return sum(
            1 for name in self.fields if name.startswith(f"{p}-s") and name.endswith("-pain")
        )

    def groups(self) -> list[dict[str, Any]]:
        """Bound fields per exercise, for the template."""
        out = []
        for item in self.entries:
            p = f"e{item.entry.pk}"
            rows = [
                (self[f"{p}-s{n}-reps"], self[f"{p}-s{n}-load"], self[f"{p}-s{n}-pain"])
                for n in range(1, self.rows(item) + 1)
            ]
            out.append(
                {
                    "item": item,
                    "done": self[f"{p}-done"],
                    "control": self[f"{p}-control"],
                    "effort": self[f"{p}-effort"],
                    "rows_field": self[f"{p}-rows"],
                    "rows": rows,
                    "can_add": self.rows(item) < MAX_ROWS,
                }
            )
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.exercise_inputs: list[ExerciseInput] = []
        self.where: list[tuple[str, list[str]]] = []  # per exercise: prefix, row field prefixes
        for item in self.entries:
            p = f"e{item.entry.pk}"
            if not data.get(f"{p}-done"):
                continue
            if not data.get(f"{p}-control"):
                self.add_error(f"{p}-control", "Choose how well you controlled the movement.")
            sets, names = [], []
            for n in range(1, self.rows(item) + 1):
                reps, pain = data.get(f"{p}-s{n}-reps"), data.get(f"{p}-s{n}-pain")
                if reps is None and pain is None:
                    continue
                if reps is None:
                    self.add_error(f"{p}-s{n}-reps", "Enter what you did (0 if none).")
                if pain is None:
                    self.add_error(f"{p}-s{n}-pain", "Enter your pain, 0 to 10.")
                if reps is not None and pain is not None:
                    load = data.get(f"{p}-s{n}-load")
                    sets.append(SetInput(reps, item.load_step if load is None else load, pain))
                    names.append(f"{p}-s{n}")
            if not sets and f"{p}-s1-reps" in self.fields and not self.has_error(f"{p}-s1-pain"):
                self.add_error(f"{p}-s1-pain", "Log at least one set, or untick this exercise.")
            self.exercise_inputs.append(
                ExerciseInput(
                    item.entry.pk,
                    data.get(f"{p}-control") or "",
                    tuple(sets),
                    data.get(f"{p}-effort"),
                )
            )
            self.where.append((p, names))
        if not self.exercise_inputs:
            raise forms.ValidationError("Tick at least one exercise you did.")
        return data

    def add_service_errors(self, error: forms.ValidationError) -> None:
        """Put the service's errors ("exercises.0.sets.1.pain_during") by the right fields."""
        suffix = {"reps_or_seconds": "reps", "pain_during": "pain", "load_step": "load"}
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            parts = key.split(".")
            target: str | None = key if key in self.fields else None
            if parts[0] == "exercises" and len(parts) > 1 and int(parts[1]) < len(self.where):
                p, names = self.where[int(parts[1])]
                named = {"control": f"{p}-control", "effort": f"{p}-effort"}
                target = named.get(parts[2]) if len(parts) > 2 else None
                if len(parts) == 5 and int(parts[3]) < len(names):
                    target = f"{names[int(parts[3])]}-{suffix.get(parts[4], 'pain')}"
            for e in errors:
                self.add_error(target, e)


def _int(value: object, default: int) -> int:
    try:
        return max(1, min(int(str(value)), MAX_ROWS))
    except (TypeError, ValueError):
        return default
