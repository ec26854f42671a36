"""Who may see and change which diary. Staff: everyone's; a physio: their own."""

from __future__ import annotations

from typing import Any

from stridewell.accounts.models import PractitionerProfile


def practitioner_of(user: Any) -> PractitionerProfile | None:
    if not getattr(user, "is_authenticated", False) or not user.is_physio:
        return None
    return PractitionerProfile.objects.filter(user=user).first()


def diary_can_open(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_clinic_staff or user.is_physio
    )


def diary_can_manage(user: Any, practitioner_id: int) -> bool:
    """May `user` see and change appointments in this practitioner's diary?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_clinic_staff:
        return True
    if not user.is_physio:
        return False
    return PractitionerProfile.objects.filter(pk=practitioner_id, user=user).exists()
