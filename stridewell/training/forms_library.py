"""The exercise-library filter form (a GET form: it works without JavaScript)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

LEVEL_CHOICES = [
    ("", "Any level"),
    ("1", "1 · activation"),
    ("2", "2 · floor strength"),
    ("3", "3 · supported standing"),
    ("4", "4 · single-leg control"),
    ("5", "5 · loaded single-leg"),
    ("6", "6 · hops and bounds"),
]


class ExerciseFilterForm(forms.Form):
    ladder = forms.ChoiceField(required=False)
    level = forms.TypedChoiceField(
        required=False, choices=LEVEL_CHOICES, coerce=int, empty_value=None
    )
    equipment = forms.ChoiceField(required=False)
    muscle = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, anything in (("ladder", "Any ladder"), ("equipment", "Any equipment")):
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = [("", anything), *choices[name]]
        muscle = cast(forms.ChoiceField, self.fields["muscle"])
        muscle.choices = [("", "Any muscle"), *choices["muscle"]]

    def filters(self) -> dict[str, Any]:
        """The valid, non-empty filters; a bad value is reported on its field and ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
