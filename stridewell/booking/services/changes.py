"""Changing a booking: cancel, move, confirm, arrived, no-show. Patients (by e-mailed link) and
staff (in the diary, the API or the admin) all come through here.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from stridewell.accounts.models import User
from stridewell.booking.db import retry_deadlocks
from stridewell.booking.discounts import discount_give_back, discount_reference
from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.links import is_uuid
from stridewell.booking.models import Appointment, Status, TokenPurpose
from stridewell.booking.permissions import diary_can_manage
from stridewell.booking.policy import LATE_WINDOW, online_change_decision
from stridewell.booking.selectors import slot_next_free
from stridewell.booking.services import notify, placing
from stridewell.booking.services.links import link_use, links_issue, links_revoke
from stridewell.clinic.models import ClinicProfile

CHANGEABLE = (Status.PENDING, Status.CONFIRMED)
ARRIVAL_EARLIEST = timedelta(hours=1)  # before the start: early patients can be checked in


def _locked(appointment_id: int) -> Appointment:
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("appointment_type", "practitioner", "room")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None:
        raise BookingError("not_found", "No such appointment.", status=404)
    return appointment


def _require_staff_rights(actor: User, appointment: Appointment) -> None:
    if not diary_can_manage(actor, appointment.practitioner_id):
        raise PermissionDenied("You may only change appointments in your own diary.")


def _phone_message() -> str:
    clinic = ClinicProfile.objects.first()
    phone = f" on {clinic.phone}" if clinic and clinic.phone else ""
    return (
        "Your appointment is less than 24 hours away, so it can no longer be changed online. "
        f"Please phone us{phone}."
    )


def _require_online_change_allowed(appointment: Appointment, now: datetime) -> None:
    if appointment.status not in CHANGEABLE:
        raise BookingError(
            "not_changeable", "This appointment can no longer be changed.", status=409
        )
    decision = online_change_decision(
        start=appointment.start, booked_at=appointment.booked_at or appointment.created_at, now=now
    )
    if not decision.is_allowed:
        raise BookingError("too_late_to_change", _phone_message(), status=409)


# --- cancel ---------------------------------------------------------------------------------


def _cancel(
    appointment: Appointment, *, by_patient: bool, reason: str, now: datetime
) -> Appointment:
    if appointment.status not in CHANGEABLE:
        raise BookingError(
            "not_changeable", "This appointment is not open to cancellation.", status=409
        )
    appointment.status = Status.CANCELLED
    appointment.cancelled_at = now
    appointment.cancelled_by_patient = by_patient
    appointment.is_late_cancellation = appointment.start - now < LATE_WINDOW
    appointment.cancellation_reason = reason.strip()[:200]
    appointment.sequence += 1
    appointment.reminder_due_at = None
    appointment.save()
    links_revoke(appointment=appointment, now=now)
    # The code comes back when the patient may still cancel for free (a day ahead, or in the
    # grace period); a late cancellation may be charged, and keeps the code used.
    free = online_change_decision(
        start=appointment.start, booked_at=appointment.booked_at or appointment.created_at, now=now
    )
    if appointment.discount_code and free.is_allowed:
        discount_give_back(reference=discount_reference(appointment.public_id))
    notify.notify_cancelled(appointment)
    return appointment


@retry_deadlocks
@transaction.atomic
def appointment_cancel_by_link(
    *, public_id: str, raw_token: str, now: datetime | None = None
) -> Appointment:
    """The patient cancels with the link from their e-mail (not within 24 hours; see policy)."""
    now = now or timezone.now()
    found = link_use(raw=raw_token, purpose=TokenPurpose.CANCEL, now=now)
    if str(found.public_id) != str(public_id):
        raise BookingError("link_invalid", "This link is not for that appointment.", status=404)
    appointment = _locked(found.pk)
    _require_online_change_allowed(appointment, now)
    return _cancel(appointment, by_patient=True, reason="", now=now)


@retry_deadlocks
@transaction.atomic
def appointment_cancel(
    *,
    appointment_id: int,
    actor: User,
    reason: str = "",
    by_patient: bool = False,
    now: datetime | None = None,
) -> Appointment:
    """Staff (or the practitioner) cancel, at any time; a late one is flagged for the records."""
    now = now or timezone.now()
    appointment = _locked(appointment_id)
    _require_staff_rights(actor, appointment)
    return _cancel(appointment, by_patient=by_patient, reason=reason, now=now)


# --- move -----------------------------------------------------------------------------------


def _move(
    appointment: Appointment,
    *,
    start: datetime,
    practitioner: str | None,
    by_staff: bool,
    now: datetime,
) -> Appointment:
    if appointment.status not in CHANGEABLE:
        raise BookingError("not_changeable", "This appointment can no longer be moved.", status=409)
    target_key = practitioner or appointment.practitioner.slug
    appointment_type = appointment.appointment_type
    times = placing.times_for(appointment_type, start)
    placing.holds_release_expired(times=times, now=now)
    context = placing.context_for(
        appointment_type=appointment_type,
        start=start,
        now=now,
        exclude_appointment_id=appointment.pk,
        ignore_notice=by_staff,
    )
    placing.candidates(context, start=start, practitioner=target_key)
    target = context.practitioner(target_key)
    rows = Appointment.objects.filter(pk=appointment.pk)
    changes = {
        "start": times.start,
        "end": times.end,
        "blocked_start": times.blocked_start,
        "blocked_end": times.blocked_end,
        "practitioner": target,
        "sequence": F("sequence") + 1,
        "reminder_due_at": notify.reminder_due(start=times.start, now=now),
        "reminder_sent_at": None,
    }
    for room in placing.room_options(context, start=start):
        # One UPDATE: the guard checks the new interval, and nothing updates the row again.
        clash = placing.guarded_write(functools.partial(rows.update, room=room, **changes))
        if clash == placing.Clash.ROOM:
            continue
        if clash == placing.Clash.PRACTITIONER:
            break
        appointment.refresh_from_db()
        notify.reminder_queue(appointment)
        links = links_issue(appointment=appointment, now=now)
        notify.notify_rescheduled(appointment, links=links)
        return appointment
    raise SlotUnavailableError()


def _with_offers(
    appointment_id: int, exc: SlotUnavailableError, start: datetime
) -> SlotUnavailableError:
    appointment = Appointment.objects.select_related("appointment_type", "practitioner").get(
        pk=appointment_id
    )
    offers = slot_next_free(
        appointment_type=appointment.appointment_type,
        practitioner=appointment.practitioner.slug,
        after=start,
    )
    return exc.with_slots(offers)


@retry_deadlocks
@transaction.atomic
def _reschedule_by_link(
    *, public_id: str, raw_token: str, start: datetime, now: datetime
) -> Appointment:
    found = link_use(raw=raw_token, purpose=TokenPurpose.RESCHEDULE, now=now)
    if str(found.public_id) != str(public_id):
        raise BookingError("link_invalid", "This link is not for that appointment.", status=404)
    appointment = _locked(found.pk)
    _require_online_change_allowed(appointment, now)
    return _move(appointment, start=start, practitioner=None, by_staff=False, now=now)


def appointment_reschedule_by_link(
    *, public_id: str, raw_token: str, start: datetime, now: datetime | None = None
) -> Appointment:
    """The patient moves their appointment (same type and practitioner) with the e-mailed link.

    The link is used up only if the move succeeds; the new e-mail carries fresh links.
    """
    now = now or timezone.now()
    try:
        return _reschedule_by_link(public_id=public_id, raw_token=raw_token, start=start, now=now)
    except SlotUnavailableError as exc:
        appointment = (
            Appointment.objects.filter(public_id=public_id).first() if is_uuid(public_id) else None
        )
        if appointment is None:
            raise
        raise _with_offers(appointment.pk, exc, start) from None


@retry_deadlocks
@transaction.atomic
def _move_by_staff(
    *, appointment_id: int, actor: User, start: datetime, practitioner: str | None, now: datetime
) -> Appointment:
    appointment = _locked(appointment_id)
    _require_staff_rights(actor, appointment)
    if practitioner and practitioner != appointment.practitioner.slug and not actor.is_clinic_staff:
        raise PermissionDenied("Only clinic staff can give an appointment to another physio.")
    return _move(appointment, start=start, practitioner=practitioner, by_staff=True, now=now)


def appointment_move(
    *,
    appointment_id: int,
    actor: User,
    start: datetime,
    practitioner: str | None = None,
    now: datetime | None = None,
) -> Appointment:
    """Staff move an appointment to another time and/or practitioner in their diary."""
    now = now or timezone.now()
    try:
        return _move_by_staff(
            appointment_id=appointment_id,
            actor=actor,
            start=start,
            practitioner=practitioner,
            now=now,
        )
    except SlotUnavailableError as exc:
        raise _with_offers(appointment_id, exc, start) from None


# --- confirm, arrived, no-show -------------------------------------------------------------------


def _transition(
    appointment_id: int,
    *,
    actor: User,
    from_status: str,
    to_status: str,
    stamp_field: str,
    now: datetime,
) -> Appointment:
    appointment = (
        Appointment.objects.select_related("appointment_type", "practitioner")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None:
        raise BookingError("not_found", "No such appointment.", status=404)
    _require_staff_rights(actor, appointment)
    # A conditional UPDATE: when two people click at once, exactly one changes the row.
    changed = Appointment.objects.filter(pk=appointment_id, status=from_status).update(
        status=to_status, **{stamp_field: now}
    )
    if changed != 1:
        appointment.refresh_from_db()
        raise BookingError(
            "already_changed",
            f"This appointment is already {appointment.get_status_display().lower()}.",
            status=409,
        )
    appointment.refresh_from_db()
    return appointment


@retry_deadlocks
@transaction.atomic
def appointment_confirm(
    *, appointment_id: int, actor: User, now: datetime | None = None
) -> Appointment:
    """Confirm a pending request; exactly one of several simultaneous confirmations wins."""
    now = now or timezone.now()
    appointment = _transition(
        appointment_id,
        actor=actor,
        from_status=Status.PENDING,
        to_status=Status.CONFIRMED,
        stamp_field="confirmed_at",
        now=now,
    )
    notify.reminder_queue(appointment)
    notify.notify_confirmed(appointment, links=links_issue(appointment=appointment, now=now))
    return appointment


@retry_deadlocks
@transaction.atomic
def appointment_mark_arrived(
    *, appointment_id: int, actor: User, now: datetime | None = None
) -> Appointment:
    now = now or timezone.now()
    appointment = Appointment.objects.filter(pk=appointment_id).only("start", "end").first()
    if appointment is not None and now < appointment.start - ARRIVAL_EARLIEST:
        raise BookingError(
            "too_early", "A patient can be marked as arrived from an hour before.", status=409
        )
    appointment = _transition(
        appointment_id,
        actor=actor,
        from_status=Status.CONFIRMED,
        to_status=Status.ARRIVED,
        stamp_field="arrived_at",
        now=now,
    )
    links_revoke(appointment=appointment, now=now)
    return appointment


@retry_deadlocks
@transaction.atomic
def appointment_mark_no_show(
    *, appointment_id: int, actor: User, now: datetime | None = None
) -> Appointment:
    now = now or timezone.now()
    appointment = Appointment.objects.filter(pk=appointment_id).only("start").first()
    if appointment is not None and now < appointment.start:
        raise BookingError(
            "too_early", "You can record a no-show once the start time has passed.", status=409
        )
    appointment = _transition(
        appointment_id,
        actor=actor,
        from_status=Status.CONFIRMED,
        to_status=Status.NO_SHOW,
        stamp_field="no_show_at",
        now=now,
    )
    links_revoke(appointment=appointment, now=now)
    return appointment


@transaction.atomic
def appointment_notes_update(*, appointment_id: int, actor: User, notes: str) -> Appointment:
    """Staff notes are the one thing editable in place; they change nothing for the patient."""
    appointment = _locked(appointment_id)
    _require_staff_rights(actor, appointment)
    appointment.staff_notes = notes.strip()
    appointment.save(update_fields=["staff_notes"])
    return appointment
