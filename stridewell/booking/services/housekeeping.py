"""Tidying that keeps the booking tables small. Safe to run at any time, as often as wanted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from stridewell.booking.models import Appointment, IdempotencyRecord, Status

# A client retrying a booking does so within minutes; a week is generous.
IDEMPOTENCY_KEEP = timedelta(days=7)


@dataclass(frozen=True)
class Tidied:
    holds: int
    idempotency_records: int


@transaction.atomic
def booking_tidy(*, now: datetime | None = None) -> Tidied:
    """Delete expired holds (they no longer block anyone) and old idempotency records."""
    now = now or timezone.now()
    holds, _ = Appointment.objects.filter(status=Status.HELD, hold_expires_at__lte=now).delete()
    records, _ = IdempotencyRecord.objects.filter(created_at__lt=now - IDEMPOTENCY_KEEP).delete()
    return Tidied(holds=holds, idempotency_records=records)
