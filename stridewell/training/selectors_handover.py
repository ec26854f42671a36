"""Reads of hand-overs (ADR 0014): who may see that a runner changed physio."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from stridewell.accounts.models import Role, User
from stridewell.training.access import is_staff
from stridewell.training.models import HandOver


def hand_overs_for(*, viewer: User, runner: User | None = None) -> QuerySet[HandOver]:
    """Hand-overs `viewer` may see: staff all (or one runner's), a runner their own, a physio
    those to or from them (the previous physio learns the runner has moved on)."""
    rows = HandOver.objects.select_related("runner", "from_physio", "to_physio")
    if runner is not None:
        rows = rows.filter(runner=runner)
    if is_staff(viewer):
        return rows
    if viewer.role == Role.RUNNER:
        return rows.filter(runner=viewer)
    if viewer.role == Role.PHYSIO:
        return rows.filter(Q(from_physio=viewer) | Q(to_physio=viewer))
    return rows.none()
