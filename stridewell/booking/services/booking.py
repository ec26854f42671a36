"""Holding a slot and booking it: the one write path for the pages, the API and the diary."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from stridewell.accounts.models import PractitionerProfile, User
from stridewell.booking import availability as core
from stridewell.booking.db import retry_deadlocks
from stridewell.booking.discounts import discount_apply, discount_reference, discounted_price
from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.models import (
    Appointment,
    AppointmentType,
    IdempotencyRecord,
    Source,
    Status,
)
from stridewell.booking.policy import POLICY_VERSION
from stridewell.booking.selectors import ANY, appointment_type_get, slot_next_free
from stridewell.booking.services import notify, placing
from stridewell.booking.services.links import links_issue
from stridewell.clinic.phone import to_e164

MAX_REASON_LENGTH = 2000


def iso_utc(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _type(slug: str) -> AppointmentType:
    appointment_type = appointment_type_get(slug=slug)
    if appointment_type is None:
        raise BookingError.field("type", "unknown_type", "We do not offer that appointment type.")
    return appointment_type


# --- booking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingRequest:
    type_slug: str
    practitioner: str  # a practitioner's slug or "any"
    start: datetime
    name: str
    email: str
    phone: str
    is_new_patient: bool
    accept_policy: bool
    reason: str = ""
    discount_code: str = ""
    hold: str = ""  # the public id of a hold made earlier

    def fingerprint(self) -> str:
        data = asdict(self) | {"start": iso_utc(self.start), "email": self.email.strip().lower()}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class BookingResult:
    appointment: Appointment
    receipt: dict[str, Any]
    is_replay: bool = False
    links: dict[str, str] = field(default_factory=dict)


def booking_receipt(appointment: Appointment) -> dict[str, Any]:
    """What a client is told about its new booking (kept for idempotent replays)."""
    return {
        "id": str(appointment.public_id),
        "status": appointment.status,
        "start": iso_utc(appointment.start),
        "end": iso_utc(appointment.end),
        "practitioner": appointment.practitioner.slug,
        "type": appointment.appointment_type.slug,
        "price_pence": appointment.price_pence,
        "discount_percent": appointment.discount_percent,
        "final_price_pence": appointment.final_price_pence,
    }


def _validate(request: BookingRequest, appointment_type: AppointmentType) -> None:
    errors: dict[str, list[str]] = {}
    if not request.name.strip():
        errors["name"] = ["Please tell us your name."]
    elif len(request.name) > 120:
        errors["name"] = ["Please shorten your name to 120 characters."]
    try:
        validate_email(request.email.strip())
    except ValidationError:
        errors["email"] = ["Please enter a valid e-mail address, like name@example.com."]
    if to_e164(request.phone) is None:
        errors["phone"] = ["Please enter a phone number we can call, e.g. 07700 900123."]
    if len(request.reason) > MAX_REASON_LENGTH:
        errors["reason"] = [f"Please keep this under {MAX_REASON_LENGTH} characters."]
    if not request.accept_policy:
        errors["accept_policy"] = ["Please read and accept the cancellation policy."]
    if not appointment_type.accepts(is_new_patient=request.is_new_patient):
        errors["is_new_patient"] = [
            f"{appointment_type.name} is for "
            f"{appointment_type.get_eligibility_display().lower()} only."
        ]
    if errors:
        raise BookingError("invalid", "Some details need correcting.", errors)


class _Replay(Exception):  # noqa: N818 - control flow, never leaves this module
    def __init__(self, result: BookingResult) -> None:
        self.result = result


def _replay(record: IdempotencyRecord, fingerprint: str) -> BookingResult:
    if record.fingerprint != fingerprint:
        raise BookingError(
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different booking request. Use a new "
            "key for a new request.",
            status=422,
        )
    if record.appointment is None or record.response is None:
        raise BookingError(
            "idempotency_in_progress", "That request is still being processed.", status=409
        )
    return BookingResult(appointment=record.appointment, receipt=record.response, is_replay=True)


def _claim_key(key: str, fingerprint: str, now: datetime) -> IdempotencyRecord:
    """Take the key before booking: a second request with it waits here, then replays."""
    existing = IdempotencyRecord.objects.select_related("appointment").filter(key=key).first()
    if existing is not None:
        raise _Replay(_replay(existing, fingerprint))
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(
                key=key, fingerprint=fingerprint, created_at=now
            )
    except IntegrityError:
        # The same key committed while we waited (PostgreSQL blocks on the unique index).
        existing = IdempotencyRecord.objects.select_related("appointment").get(key=key)
        raise _Replay(_replay(existing, fingerprint)) from None


def appointment_book(
    *,
    request: BookingRequest,
    source: str = Source.WEB,
    user: User | None = None,
    booked_by: User | None = None,
    idempotency_key: str = "",
    notify_patient: bool = True,
    now: datetime | None = None,
) -> BookingResult:
    """Book an appointment (converting the caller's hold when given). Atomic.

    The same `idempotency_key` with the same request returns the first result; with a
    different request it is refused (422). A taken slot raises SlotUnavailableError carrying
    the next free slots; any other problem raises BookingError and writes nothing. The
    confirmation e-mail leaves after COMMIT (`notify_patient=False`: no e-mail, e.g. for
    demo data or an import).
    """
    now = now or timezone.now()
    if booked_by is not None and not booked_by.is_clinic_staff:
        own = PractitionerProfile.objects.filter(user=booked_by).values_list("slug", flat=True)
        if request.practitioner not in list(own):
            raise PermissionDenied("You can only book into your own diary.")
    try:
        return _book(
            request,
            source=source,
            user=user,
            booked_by=booked_by,
            key=idempotency_key,
            notify_patient=notify_patient,
            now=now,
        )
    except _Replay as replay:
        return replay.result
    except SlotUnavailableError as exc:
        appointment_type = appointment_type_get(slug=request.type_slug)
        if appointment_type is None:
            raise
        offers = slot_next_free(
            appointment_type=appointment_type,
            practitioner=request.practitioner,
            after=request.start,
        )
        raise exc.with_slots(offers) from None


@retry_deadlocks
@transaction.atomic
def _book(
    request: BookingRequest,
    *,
    source: str,
    user: User | None,
    booked_by: User | None,
    key: str,
    notify_patient: bool,
    now: datetime,
) -> BookingResult:
    placing.start_check(request.start)
    record = _claim_key(key, request.fingerprint(), now) if key else None
    appointment_type = _type(request.type_slug)
    _validate(request, appointment_type)
    patient = user if user is not None and user.is_authenticated and user.is_runner else None
    preferred = None
    if not request.is_new_patient:
        preferred = placing.last_seen_practitioner(
            email=request.email.strip(),
            user_id=patient.pk if patient else None,
            before=now,
        )
    public_id = uuid.uuid4()
    details: dict[str, Any] = {
        "patient": patient,
        "patient_name": request.name.strip(),
        "patient_email": request.email.strip(),
        "patient_phone": request.phone.strip(),
        "is_new_patient": request.is_new_patient,
        "reason": request.reason.strip(),
        "status": Status.PENDING if appointment_type.needs_confirmation else Status.CONFIRMED,
        "policy_version": POLICY_VERSION,
        "policy_accepted_at": now,
        "source": source,
        "booked_by": booked_by,
        "booked_at": now,
    }
    details["confirmed_at"] = now if details["status"] == Status.CONFIRMED else None
    details["reminder_due_at"] = notify.reminder_due(start=request.start, now=now)
    price = appointment_type.total_price_pence
    details |= {"price_pence": price, "final_price_pence": price, "discount_percent": 0}
    if request.discount_code.strip():
        held = _live_hold(request, now)
        reference = discount_reference(held.public_id if held else public_id)
        applied = discount_apply(code=request.discount_code.strip(), reference=reference, at=now)
        details |= {
            "discount_code": applied.code,
            "discount_percent": applied.percent_off,
            "final_price_pence": discounted_price(price, applied.percent_off),
        }
    appointment = _hold_convert(request, appointment_type, details, preferred=preferred, now=now)
    if appointment is None:
        appointment = _insert(
            request,
            appointment_type,
            details,
            public_id=public_id,
            preferred=preferred,
            ignore_notice=booked_by is not None,
            now=now,
        )
    # Nothing updates the row after it is written: on PostgreSQL an update re-checks the
    # exclusion constraint and could wait on (and deadlock with) a racing insert.
    links = links_issue(appointment=appointment, now=now)
    if notify_patient:
        notify.reminder_queue(appointment)
        notify.notify_booked(appointment, links=links)
    receipt = booking_receipt(appointment)
    if record is not None:
        record.appointment = appointment
        record.response = receipt
        record.save(update_fields=["appointment", "response"])
    return BookingResult(appointment=appointment, receipt=receipt, links=links)


def _live_hold(request: BookingRequest, now: datetime) -> Appointment | None:
    if not request.hold:
        return None
    try:
        hold_id = uuid.UUID(str(request.hold))
    except ValueError:
        raise BookingError.field(
            "hold", "hold_invalid", "That hold reference is not valid."
        ) from None
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("practitioner", "appointment_type")
        .filter(public_id=hold_id, status=Status.HELD, hold_expires_at__gt=now)
        .first()
    )


def _hold_convert(
    request: BookingRequest,
    appointment_type: AppointmentType,
    details: dict[str, Any],
    *,
    preferred: str | None,
    now: datetime,
) -> Appointment | None:
    """Turn the caller's live hold into the booking; None when there is no live hold."""
    held = _live_hold(request, now)
    if held is None:
        return None
    wanted = request.practitioner
    if (
        held.appointment_type_id != appointment_type.pk
        or held.start != request.start
        or wanted not in (ANY, held.practitioner.slug)
    ):
        raise BookingError.field(
            "hold", "hold_mismatch", "The hold is for a different appointment or time."
        )
    # The rules are judged as they stood when the slot was held: the hold protects it.
    context = placing.context_for(
        appointment_type=appointment_type,
        start=held.start,
        now=held.created_at,
        exclude_appointment_id=held.pk,
    )
    own = held.practitioner.slug
    if not core.slot_is_available(context.data, start=held.start, practitioner=own):
        raise placing.refusal(context, start=held.start, practitioner=own)
    # "Any available" was chosen before we knew who the patient was: a returning patient goes
    # back to the physio they saw last when that physio is free at the same time.
    if (
        preferred
        and held.chose_any_practitioner
        and preferred != own
        and core.slot_is_available(context.data, start=held.start, practitioner=preferred)
    ):
        target = context.practitioner(preferred)
        if target is not None:
            placing.practitioner_switch(held, to=target)
    for name, value in details.items():
        setattr(held, name, value)
    held.hold_expires_at = None
    held.save()
    return held


def _insert(
    request: BookingRequest,
    appointment_type: AppointmentType,
    details: dict[str, Any],
    *,
    public_id: uuid.UUID,
    preferred: str | None,
    ignore_notice: bool,
    now: datetime,
) -> Appointment:
    times = placing.times_for(appointment_type, request.start)
    placing.holds_release_expired(times=times, now=now)
    context = placing.context_for(
        appointment_type=appointment_type, start=request.start, now=now, ignore_notice=ignore_notice
    )
    ranked = placing.candidates(
        context, start=request.start, practitioner=request.practitioner, preferred=preferred
    )

    def build(practitioner: Any, room: Any) -> Appointment:
        return Appointment(
            public_id=public_id,
            appointment_type=appointment_type,
            practitioner=practitioner,
            room=room,
            chose_any_practitioner=request.practitioner == ANY,
            created_at=now,
            **asdict(times),
            **details,
        )

    return placing.place(context, start=request.start, ranked=ranked, build=build)
