"""Background tasks for booking (django.tasks; `db_worker` runs them in production)."""

from __future__ import annotations

from django.tasks import task

from stridewell.booking.services.reminders import reminder_send


@task
def appointment_reminder(*, appointment_id: int) -> bool:
    """Queued with run_after = start - 24 h. A no-op if the appointment moved or was cancelled
    meanwhile (the reminder is then no longer due, or was already sent)."""
    return reminder_send(appointment_id=appointment_id)
