"""Cancel and reschedule links: single use, expiring, stored only as SHA-256 hashes."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from stridewell.booking.errors import BookingError
from stridewell.booking.links import link_secret_generate, link_secret_hash
from stridewell.booking.models import Appointment, AppointmentToken, TokenPurpose


def links_revoke(*, appointment: Appointment, now: datetime) -> None:
    """Every link sent so far stops working (the appointment changed or was cancelled)."""
    AppointmentToken.objects.filter(
        appointment=appointment, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)


def links_issue(*, appointment: Appointment, now: datetime) -> dict[str, str]:
    """New cancel and reschedule secrets (shown once, in the e-mail); older links are revoked.

    They expire when the appointment starts: after that there is nothing left to change.
    """
    links_revoke(appointment=appointment, now=now)
    secrets: dict[str, str] = {}
    for purpose in (TokenPurpose.CANCEL, TokenPurpose.RESCHEDULE):
        raw = link_secret_generate()
        AppointmentToken.objects.create(
            appointment=appointment,
            purpose=purpose,
            token_hash=link_secret_hash(raw),
            created_at=now,
            expires_at=appointment.start,
        )
        secrets[str(purpose)] = raw
    return secrets


def _token(raw: str, purpose: str) -> AppointmentToken:
    token = (
        AppointmentToken.objects.select_related(
            "appointment__appointment_type", "appointment__practitioner"
        )
        .filter(token_hash=link_secret_hash(raw or ""), purpose=purpose)
        .first()
    )
    if token is None:
        raise BookingError(
            "link_invalid",
            "This link is not valid. Please use the newest e-mail from us.",
            status=404,
        )
    return token


def link_check(*, raw: str, purpose: str, now: datetime | None = None) -> Appointment:
    """The appointment behind a live link, without using it up (e.g. to show a page)."""
    now = now or timezone.now()
    token = _token(raw, purpose)
    if token.used_at is not None or token.revoked_at is not None:
        raise BookingError(
            "link_used",
            "This link has already been used or replaced by a newer e-mail. Please use the "
            "newest e-mail from us, or phone the clinic.",
            status=410,
        )
    if token.expires_at <= now:
        raise BookingError(
            "link_expired", "This link has expired. Please phone the clinic.", status=410
        )
    return token.appointment


def link_use(*, raw: str, purpose: str, now: datetime) -> Appointment:
    """Use a link up. Call inside the transaction of the change it authorises: if the change
    fails, the rollback gives the link back.

    A conditional UPDATE decides between two simultaneous uses: exactly one wins.
    """
    appointment = link_check(raw=raw, purpose=purpose, now=now)
    claimed = AppointmentToken.objects.filter(
        Q(token_hash=link_secret_hash(raw)),
        used_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).update(used_at=now)
    if claimed != 1:
        raise BookingError("link_used", "This link has already been used.", status=410)
    return appointment
