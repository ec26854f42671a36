"""The questionnaire as a form: one radio group per item, built from the questionnaire's data.

The form only turns the posted choices into numbers; what counts as complete, in range and how
blanks are handled is the engine's decision (`services.response_submit`), whose errors are put
back next to the item they concern.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from stridewell.outcomes import engine

PREFIX = "q_"


class QuestionnaireForm(forms.Form):
    def __init__(self, *args: Any, spec: engine.QuestionnaireSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        for number, item in enumerate(spec.items, start=1):
            self.fields[PREFIX + item.key] = forms.TypedChoiceField(
                label=f"{number}. {item.text}",
                choices=[(str(o.score), o.text) for o in item.options],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choose one of the answers shown."},
            )

    def answers(self) -> dict[str, int | None]:
        return {item.key: self.cleaned_data.get(PREFIX + item.key) for item in self.spec.items}

    def add_service_errors(self, exc: ValidationError) -> None:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {engine.ALL: exc.messages}
        for key, messages in fields.items():
            name = PREFIX + key
            self.add_error(name if name in self.fields else None, messages)

    def items(self) -> list[tuple[engine.Item, forms.BoundField]]:
        return [(item, self[PREFIX + item.key]) for item in self.spec.items]
