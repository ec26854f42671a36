"""Field types shared by every API schema, so one rule is enforced and documented once.

- `SingleLineText` / `MultiLineText`: text without control characters (see
  `stridewell.core.text`); the OpenAPI document carries the rule as a `pattern`.
- `WallTime`: a time of day on the clinic's wall clock (Europe/London), written `HH:MM` or
  `HH:MM:SS`, *without* an offset. A plan's run time is "07:00 wherever the clocks are", the
  same in winter and summer, so an offset (`07:00:00Z`, `08:00+01:00`) has no single meaning
  and is refused with a 422 rather than guessed. It is documented as a pattern, not as
  `format: time` (which in OpenAPI means an RFC 3339 time with a required offset).
- `CalendarDate`: a date between 1900-01-01 and 2999-12-31. Dates at the very ends of the
  calendar (0001-01-01, 9999-12-31) cannot be stepped past and once gave server errors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, GetJsonSchemaHandler, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from stridewell.core.text import (
    MULTI_LINE_PATTERN,
    SINGLE_LINE_PATTERN,
    text_problem,
)


class _NoControlCharacters:
    """Annotated marker: refuse control characters after the str checks; document the rule."""

    def __init__(self, *, multiline: bool) -> None:
        self.multiline = multiline

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = MULTI_LINE_PATTERN if self.multiline else SINGLE_LINE_PATTERN
        return json_schema

    def _check(self, value: str) -> str:
        problem = text_problem(value, multiline=self.multiline)
        if problem:
            raise ValueError(problem)
        return value


SingleLineText = Annotated[str, _NoControlCharacters(multiline=False)]
MultiLineText = Annotated[str, _NoControlCharacters(multiline=True)]

WALL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"
_WALL_TIME = re.compile(WALL_TIME_PATTERN)
WALL_TIME_MESSAGE = (
    "Give a time of day on the clinic's clock without an offset or Z, e.g. 07:00 or 18:30:00 "
    "(London time)."
)


def _wall_time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise ValueError(WALL_TIME_MESSAGE)
        return value
    if not isinstance(value, str) or not _WALL_TIME.match(value):
        raise ValueError(WALL_TIME_MESSAGE)
    return dt.time.fromisoformat(value)


WallTime = Annotated[
    dt.time,
    BeforeValidator(_wall_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": WALL_TIME_PATTERN,
            "description": "Clinic wall-clock time (Europe/London), HH:MM or HH:MM:SS, no offset.",
            "examples": ["07:00"],
        }
    ),
]

FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2999, 12, 31)
CALENDAR_DATE_MESSAGE = f"Give a date between {FIRST_DATE:%Y-%m-%d} and {LAST_DATE:%Y-%m-%d}."


def _calendar_date(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(CALENDAR_DATE_MESSAGE)
    return value


CalendarDate = Annotated[
    dt.date,
    AfterValidator(_calendar_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            # JSON Schema has no date range; the pattern keeps the year within 1900-2999.
            "pattern": r"^(19[0-9]{2}|2[0-9]{3})-[0-9]{2}-[0-9]{2}$",
            "description": f"YYYY-MM-DD, from {FIRST_DATE:%Y-%m-%d} to {LAST_DATE:%Y-%m-%d}.",
        }
    ),
]

__all__ = [
    "CALENDAR_DATE_MESSAGE",
    "WALL_TIME_MESSAGE",
    "CalendarDate",
    "MultiLineText",
    "SingleLineText",
    "WallTime",
]
