"""The cancellation policy patients accept, and when they may still change a booking online.

Pure Python, no Django. The version is stored with every appointment, so the clinic can tell
which wording a patient agreed to when the policy changes later: change POLICY_VERSION whenever
POLICY_TEXT changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

POLICY_VERSION = "2026-01"
LATE_WINDOW = timedelta(hours=24)
# Right after booking a patient may notice a mistake (wrong day, wrong type); let them fix it
# online for a short while even when the appointment is less than a day away.
GRACE_PERIOD = timedelta(minutes=30)

POLICY_TEXT = (
    "You can cancel or move your appointment online until 24 hours before it starts, using "
    "the links in your confirmation e-mail. Within 24 hours, please phone us instead: we may "
    "be able to offer the time to another injured runner. If you booked less than 24 hours "
    "ahead, you can still change your booking online in the first 30 minutes after booking. "
    "Missed appointments and cancellations within 24 hours may be charged in full."
)


@dataclass(frozen=True, slots=True)
class ChangeDecision:
    is_allowed: bool
    reason: str  # "ok", "grace", "late" or "started"


def online_change_decision(
    *, start: datetime, booked_at: datetime, now: datetime
) -> ChangeDecision:
    """May the patient cancel or reschedule online at `now`? (Staff always may.)"""
    if now >= start:
        return ChangeDecision(is_allowed=False, reason="started")
    if start - now >= LATE_WINDOW:
        return ChangeDecision(is_allowed=True, reason="ok")
    if now - booked_at <= GRACE_PERIOD:
        return ChangeDecision(is_allowed=True, reason="grace")
    return ChangeDecision(is_allowed=False, reason="late")
