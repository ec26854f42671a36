"""Appointments (and holds), their e-mailed action tokens, and idempotency records.

A hold is an appointment row in status "held" with an expiry: it sits in the same table as
bookings so the same database guard stops a hold and a booking (or two holds) from colliding.
The guard itself (an exclusion constraint on PostgreSQL, triggers on SQLite) is created by
migration 0002 because it differs per database; see `stridewell.booking.db`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from stridewell.accounts.models import PractitionerProfile
from stridewell.booking.models.catalogue import AppointmentType, Room


class Status(models.TextChoices):
    HELD = "held", "Held (choosing details)"
    PENDING = "pending", "Awaiting confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    ARRIVED = "arrived", "Arrived"
    NO_SHOW = "no_show", "Did not attend"
    CANCELLED = "cancelled", "Cancelled"


# Rows in these statuses occupy their practitioner and room. "Arrived" stays blocking: the
# patient is in the room, so nothing may be moved on top of them.
BLOCKING_STATUSES = (Status.HELD, Status.PENDING, Status.CONFIRMED, Status.ARRIVED)
BOOKED_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.ARRIVED)


class Source(models.TextChoices):
    WEB = "web", "Booking pages"
    API = "api", "API"
    DIARY = "diary", "Staff diary"


class Appointment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    appointment_type = models.ForeignKey(
        AppointmentType, on_delete=models.PROTECT, related_name="appointments"
    )
    practitioner = models.ForeignKey(
        PractitionerProfile, on_delete=models.PROTECT, related_name="appointments"
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    start = models.DateTimeField()
    end = models.DateTimeField()
    # The start and end widened by the type's buffers; the collision guard compares these.
    blocked_start = models.DateTimeField(editable=False)
    blocked_end = models.DateTimeField(editable=False)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    chose_any_practitioner = models.BooleanField(default=False)

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
    )
    patient_name = models.CharField(max_length=120, blank=True)
    patient_email = models.EmailField(blank=True)
    patient_phone = models.CharField(max_length=32, blank=True)
    is_new_patient = models.BooleanField(null=True, blank=True)
    # Health information: shown only to the patient's practitioner and clinic staff.
    reason = models.TextField("what is wrong", blank=True)
    staff_notes = models.TextField(blank=True)

    price_pence = models.PositiveIntegerField(default=0)
    discount_code = models.CharField(max_length=40, blank=True)
    discount_percent = models.PositiveSmallIntegerField(default=0)
    final_price_pence = models.PositiveIntegerField(default=0)

    policy_version = models.CharField(max_length=20, blank=True)
    policy_accepted_at = models.DateTimeField(null=True, blank=True)

    # RFC 5545 SEQUENCE of the calendar event; bumped on every change the patient is told of.
    sequence = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.WEB)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The member of staff who booked it for the patient, if any.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    booked_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    arrived_at = models.DateTimeField(null=True, blank=True)
    no_show_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by_patient = models.BooleanField(default=False)
    is_late_cancellation = models.BooleanField(default=False)
    cancellation_reason = models.CharField(max_length=200, blank=True)
    reminder_due_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("start", "practitioner_id")
        indexes = (
            models.Index(fields=("practitioner", "blocked_start"), name="booking_appt_prac_idx"),
            models.Index(fields=("room", "blocked_start"), name="booking_appt_room_idx"),
            models.Index(fields=("start",), name="booking_appt_start_idx"),
            models.Index(fields=("status", "reminder_due_at"), name="booking_appt_reminder_idx"),
            models.Index(fields=("patient_email",), name="booking_appt_email_idx"),
        )
        constraints = (
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_appt_order"),
            models.CheckConstraint(
                condition=Q(blocked_start__lte=F("start")) & Q(blocked_end__gte=F("end")),
                name="booking_appt_buffers_contain_appointment",
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(hold_expires_at__isnull=False),
                name="booking_appt_hold_expires",
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__lte=100) & Q(final_price_pence__lte=F("price_pence")),
                name="booking_appt_price",
            ),
        )

    def __str__(self) -> str:
        return (
            f"{self.appointment_type} with {self.practitioner} at {self.start:%Y-%m-%d %H:%M} UTC"
        )

    @property
    def is_blocking(self) -> bool:
        return self.status in BLOCKING_STATUSES

    @property
    def is_cancelled(self) -> bool:
        return self.status == Status.CANCELLED


class TokenPurpose(models.TextChoices):
    CANCEL = "cancel", "Cancel"
    RESCHEDULE = "reschedule", "Reschedule"


class AppointmentToken(models.Model):
    """A secret from an e-mailed link. Only its SHA-256 is kept; it works once, until expiry."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="tokens")
    purpose = models.CharField(max_length=16, choices=TokenPurpose.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} link for appointment {self.appointment_id}"


class IdempotencyRecord(models.Model):
    """The first answer to a booking request, replayed when the same key comes again."""

    key = models.CharField(max_length=255, unique=True)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the request payload.")
    # Written first (it serialises requests with the same key), completed once booked.
    appointment = models.ForeignKey(
        Appointment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="idempotency_records",
    )
    response = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.key
