"""The one rule for text people send us: no control characters, no broken Unicode.

PostgreSQL refuses NUL in text (a server error if it gets that far), SQLite stores it, and
neither can store a lone surrogate. Other control characters are invisible, break e-mails and
CSV exports, and are never typed on purpose. So every text field refuses them:

- single-line fields (names, titles, slugs, codes): no control character at all;
- multi-line fields (notes, messages, comments): tab, line feed and carriage return only.

Plain Python plus Django's `ValidationError` for forms; the pydantic types built on it for the
API are in `stridewell.api.types`.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

# C0 and C1 control characters (Unicode category Cc) and lone surrogates (category Cs).
_ANY_CONTROL = "\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff"
_CONTROL_BUT_LINE_BREAKS = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff"
SINGLE_LINE_BAD = re.compile(f"[{_ANY_CONTROL}]")
MULTI_LINE_BAD = re.compile(f"[{_CONTROL_BUT_LINE_BREAKS}]")
# What no database here can store at all: NUL (PostgreSQL) and lone surrogates (both).
UNSTORABLE = re.compile("[\\x00\\ud800-\\udfff]")
# The same rules as JSON Schema patterns for the OpenAPI document, without the surrogate
# range: JSON text cannot carry a lone surrogate except as an escape, and regex engines that
# read these patterns (ECMA-262, Rust's) refuse surrogates in a character class.
SINGLE_LINE_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
MULTI_LINE_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"

SINGLE_LINE_MESSAGE = (
    "Remove the control characters (such as NUL or a line break): this field is one line of text."
)
MULTI_LINE_MESSAGE = (
    "Remove the control characters (such as NUL): only line breaks and tabs are allowed here."
)
ANY_FIELD_MESSAGE = "Remove the NUL or broken characters: they cannot be stored."


def text_problem(value: str, *, multiline: bool) -> str | None:
    """Why `value` cannot be stored as text, or None when it can."""
    if multiline:
        return MULTI_LINE_MESSAGE if MULTI_LINE_BAD.search(value) else None
    return SINGLE_LINE_MESSAGE if SINGLE_LINE_BAD.search(value) else None


def bad_text_paths(data: Any, *, path: str = "") -> dict[str, str]:
    """Every string in a JSON value (keys included) that no database can store, by its path.

    The backstop behind the typed fields: whatever a schema says, or does not say (a field not
    typed yet, an unknown field), NUL and lone surrogates never reach the database and never
    cause a server error. The full rule (no control characters) is the typed fields' job.
    """
    found: dict[str, str] = {}
    if isinstance(data, str):
        if UNSTORABLE.search(data):
            found[path or "__all__"] = ANY_FIELD_MESSAGE
    elif isinstance(data, dict):
        for key, value in data.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and UNSTORABLE.search(key):
                found[path or "__all__"] = "A field name contains NUL or a broken character."
                continue
            found.update(bad_text_paths(value, path=where))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.update(bad_text_paths(value, path=f"{path}.{index}" if path else str(index)))
    return found


def validate_single_line(value: Any) -> None:
    """Django validator: one line of text, no control characters."""
    if isinstance(value, str) and text_problem(value, multiline=False):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")


def validate_multi_line(value: Any) -> None:
    """Django validator: text that may hold line breaks and tabs, no other control character."""
    if isinstance(value, str) and text_problem(value, multiline=True):
        raise ValidationError(MULTI_LINE_MESSAGE, code="control_characters")


class CleanTextFormMixin:
    """Give every text field of a Django form the rule above (textareas are multi-line).

    Put it first in the bases: `class RaceForm(CleanTextFormMixin, forms.Form)`.
    """

    fields: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django import forms

        for field in self.fields.values():
            if not isinstance(field, forms.CharField):
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            field.validators.append(validate_multi_line if multiline else validate_single_line)
