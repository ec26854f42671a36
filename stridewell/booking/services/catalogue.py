"""Writes for what can be booked: appointment types and practitioners' rotas (admin, demo)."""

from __future__ import annotations

from django.db import models, transaction

from stridewell.booking.models import AppointmentType


@transaction.atomic
def appointment_type_save(*, appointment_type: AppointmentType) -> AppointmentType:
    """Validate (conflicting settings such as notice longer than horizon are refused) and save."""
    appointment_type.full_clean()
    appointment_type.save()
    return appointment_type


@transaction.atomic
def rota_entry_save(*, entry: models.Model) -> models.Model:
    """Save a working-hours row, date override or time off after validating it.

    Existing appointments are left where they are: staff move them in the diary if needed.
    """
    entry.full_clean()
    entry.save()
    return entry
