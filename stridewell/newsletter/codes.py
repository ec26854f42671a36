"""Welcome-discount code strings and calendar arithmetic. Pure Python: no Django imports.

A code reads `RUN10-` followed by eight characters from an alphabet without look-alikes
(no 0/O, 1/I/L), so it can be read aloud at the front desk or typed from a phone. Eight
characters from 31 give about 8.5 × 10^11 codes: guessing one that exists is hopeless, and
the booking service rate-limits attempts anyway.
"""

from __future__ import annotations

import calendar
import re
import secrets
from datetime import date

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PREFIX = "RUN10-"
BODY_LENGTH = 8
CODE_LENGTH = len(PREFIX) + BODY_LENGTH

_SEPARATORS = re.compile(r"[\s\-_.]+")
_BODY = re.compile(f"[{ALPHABET}]{{{BODY_LENGTH}}}")


def code_generate() -> str:
    """A fresh random code, e.g. `RUN10-K7QX2MPA` (uniqueness is the database's job)."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))


def code_normalise(raw: str) -> str | None:
    """The canonical form of what someone typed, or None when it cannot be a code.

    People type codes in lower case, with spaces, or without the hyphen; all of those are
    the same code. Anything with a character outside the alphabet is not a code at all.
    """
    compact = _SEPARATORS.sub("", raw or "").upper()
    prefix = PREFIX.rstrip("-")
    if not compact.startswith(prefix):
        return None
    body = compact[len(prefix) :]
    if not _BODY.fullmatch(body):
        return None
    return PREFIX + body


def add_months(day: date, months: int) -> date:
    """The same day-of-month `months` later, clamped to the month's end (31 Aug + 6 → 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
