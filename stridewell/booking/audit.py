"""Appointments are the patient's health data: every time staff or a physio opens or changes one
of a runner's appointments, it goes to the access log (`stridewell.core.audit`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from stridewell.booking.models import Appointment
from stridewell.core.audit import Access, record_access


def appointments_audit(*, viewer: Any, appointments: Iterable[Appointment], what: str) -> None:
    """Log `what` for each appointment that belongs to a runner's account (one INSERT)."""
    record_access(
        viewer=viewer,
        accesses=[
            Access(runner_id=a.patient_id, what=what, obj=str(a.public_id))
            for a in appointments
            if a.patient_id is not None
        ],
    )
