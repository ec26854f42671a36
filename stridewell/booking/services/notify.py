"""E-mails to patients about their appointment, with calendar files, and the 24-hour reminder.

Everything here is called inside the transaction of the change it reports: `email_send`
delivers only after COMMIT, so a change that rolls back never reaches anyone's inbox.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail.message import sanitize_address
from django.db import transaction
from django.tasks import default_task_backend
from django.urls import reverse

from stridewell.booking.ics import CalendarEvent, calendar_bytes
from stridewell.booking.models import Appointment
from stridewell.booking.policy import POLICY_TEXT
from stridewell.clinic.models import ClinicProfile
from stridewell.core.email import email_send
from stridewell.core.time import LONDON

REMINDER_AHEAD = timedelta(hours=24)
ICS_FILENAME = "appointment.ics"
ICS_MIMETYPE = "text/calendar; method={method}; charset=UTF-8"
UID_DOMAIN = "booking.stridewell"


def _clinic() -> ClinicProfile | None:
    return ClinicProfile.objects.first()


def _location(clinic: ClinicProfile | None) -> str:
    if clinic is None:
        return "Stridewell Sports Physiotherapy"
    return ", ".join([clinic.name, *clinic.address_lines])


def _organizer(clinic: ClinicProfile | None) -> tuple[str, str]:
    if clinic is not None and clinic.email:
        return clinic.email, clinic.name
    address = sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8")
    return address.rsplit("<", 1)[-1].rstrip(">"), "Stridewell Sports Physiotherapy"


def calendar_event(appointment: Appointment, *, is_cancelled: bool = False) -> CalendarEvent:
    clinic = _clinic()
    organizer_email, organizer_name = _organizer(clinic)
    kind = appointment.appointment_type.name
    who = appointment.practitioner.display_name
    return CalendarEvent(
        uid=f"{appointment.public_id}@{UID_DOMAIN}",
        sequence=appointment.sequence,
        start=appointment.start,
        end=appointment.end,
        summary=f"{kind} with {who} (Stridewell)",
        description=(
            f"{kind} with {who}.\n\nTo cancel or move it, use the links in our e-mail or "
            f"phone us{f' on {clinic.phone}' if clinic else ''}.\n\n{POLICY_TEXT}"
        ),
        location=_location(clinic),
        organizer_email=organizer_email,
        organizer_name=organizer_name,
        attendee_email=appointment.patient_email,
        attendee_name=appointment.patient_name,
        stamp=datetime.now(tz=UTC),
        is_cancelled=is_cancelled,
    )


def _ics(appointment: Appointment, *, is_cancelled: bool = False) -> tuple[str, bytes, str]:
    method = "CANCEL" if is_cancelled else "REQUEST"
    content = calendar_bytes(calendar_event(appointment, is_cancelled=is_cancelled))
    return ICS_FILENAME, content, ICS_MIMETYPE.format(method=method)


def _link(name: str, raw: str) -> str:
    return settings.SITE_URL + reverse(name, args=[raw])


def _context(appointment: Appointment, links: dict[str, str] | None) -> dict[str, Any]:
    clinic = _clinic()
    local_start = appointment.start.astimezone(LONDON)
    return {
        "appointment": appointment,
        "clinic": clinic,
        "first_name": appointment.patient_name.split(" ")[0] if appointment.patient_name else "",
        "local_start": local_start,
        "local_end": appointment.end.astimezone(LONDON),
        "zone_name": local_start.tzname(),
        "cancel_url": _link("booking:cancel", links["cancel"]) if links else "",
        "reschedule_url": _link("booking:reschedule", links["reschedule"]) if links else "",
        "policy_text": POLICY_TEXT,
    }


def _send(
    appointment: Appointment,
    *,
    template: str,
    subject: str,
    links: dict[str, str] | None,
    attach: bool,
    is_cancelled: bool = False,
) -> None:
    if not appointment.patient_email:
        return
    email_send(
        to=[appointment.patient_email],
        subject=subject,
        template=f"email/booking/{template}",
        context=_context(appointment, links),
        attachments=[_ics(appointment, is_cancelled=is_cancelled)] if attach else None,
    )


def _when(appointment: Appointment) -> str:
    local = appointment.start.astimezone(LONDON)
    return f"{local:%a} {local.day} {local:%b} at {local:%H:%M}"


def notify_booked(appointment: Appointment, *, links: dict[str, str]) -> None:
    if appointment.status == "pending":
        _send(
            appointment,
            template="requested",
            subject=f"We have your request for {_when(appointment)}",
            links=links,
            attach=False,
        )
        return
    notify_confirmed(appointment, links=links)


def notify_confirmed(appointment: Appointment, *, links: dict[str, str]) -> None:
    _send(
        appointment,
        template="confirmed",
        subject=f"Booked: {appointment.appointment_type.name}, {_when(appointment)}",
        links=links,
        attach=True,
    )


def notify_rescheduled(appointment: Appointment, *, links: dict[str, str]) -> None:
    _send(
        appointment,
        template="rescheduled",
        subject=f"Moved: your appointment is now {_when(appointment)}",
        links=links,
        attach=appointment.status != "pending",
    )


def notify_cancelled(appointment: Appointment) -> None:
    _send(
        appointment,
        template="cancelled",
        subject=f"Cancelled: your appointment on {_when(appointment)}",
        links=None,
        attach=True,
        is_cancelled=True,
    )


def notify_reminder(appointment: Appointment) -> None:
    _send(
        appointment,
        template="reminder",
        subject=f"Reminder: {appointment.appointment_type.name} tomorrow at "
        f"{appointment.start.astimezone(LONDON):%H:%M}",
        links=None,
        attach=False,
    )


def reminder_due(*, start: datetime, now: datetime) -> datetime | None:
    """A day before; none when the appointment is less than a day away (just booked)."""
    due = start - REMINDER_AHEAD
    return due if due > now else None


def reminder_queue(appointment: Appointment) -> None:
    """When the task backend can defer work, queue the reminder for its due time (after
    COMMIT). Either way the periodic `send_reminders` command finds it: whichever runs first
    sends it, and only once (see services/reminders.py).
    """
    due = appointment.reminder_due_at
    if due is None or appointment.status != "confirmed" or not default_task_backend.supports_defer:
        return
    from stridewell.booking.tasks import appointment_reminder

    pk = appointment.pk
    transaction.on_commit(
        lambda: appointment_reminder.using(run_after=due).enqueue(appointment_id=pk)
    )
