"""The reminder e-mail a day before. Safe to run any number of times, from anywhere.

Two ways in, one rule: a deferred task queued at booking time (when the task backend can defer,
as the database backend does) and the `send_reminders` command run periodically (which also
covers the immediate backend, a lost task, or a worker that was down). Both call
`reminder_send`, which claims the reminder with a conditional UPDATE on `reminder_sent_at`, so
however many of them run at once, each patient gets exactly one reminder.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from stridewell.booking.models import Appointment, Status
from stridewell.booking.services import notify


@transaction.atomic
def reminder_send(*, appointment_id: int, now: datetime | None = None) -> bool:
    """Send this appointment's reminder if it is due and not sent yet; True if sent now."""
    now = now or timezone.now()
    claimed = Appointment.objects.filter(
        pk=appointment_id,
        status=Status.CONFIRMED,
        reminder_due_at__lte=now,
        reminder_sent_at__isnull=True,
        start__gt=now,
    ).update(reminder_sent_at=now)
    if claimed != 1:
        return False
    appointment = Appointment.objects.select_related("appointment_type", "practitioner").get(
        pk=appointment_id
    )
    notify.notify_reminder(appointment)
    return True


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Send every reminder that is due; returns how many were sent."""
    now = now or timezone.now()
    due = Appointment.objects.filter(
        status=Status.CONFIRMED,
        reminder_due_at__lte=now,
        reminder_sent_at__isnull=True,
        start__gt=now,
    ).values_list("pk", flat=True)
    return sum(reminder_send(appointment_id=pk, now=now) for pk in list(due))
