"""Handing a runner over to another physio: explicit, recorded, and seen by everyone involved.

Only clinic staff, or the runner choosing a physio, can change who a runner's physio is (ADR
0014). The active programme and the runner's open alerts move to the new physio; the previous
physio stops seeing the runner's data from then on but sees that the hand-over happened.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet

from stridewell.accounts.models import Role, User
from stridewell.training.access import is_staff, runner_physio
from stridewell.training.models import Alert, HandOver, HandOverKind, Programme

REASON_MAX = 500
RUNNER_CHOICE_REASON = "The runner chose this physio."


def physios_available() -> QuerySet[User]:
    """Physios a runner can be handed to (active accounts), by name."""
    return User.objects.filter(role=Role.PHYSIO, is_active=True).order_by(
        "first_name", "last_name", "email"
    )


@transaction.atomic
def runner_hand_over(*, runner: User, to_physio: User, by: User, reason: str = "") -> HandOver:
    """Make `to_physio` the runner's physio. `by` is clinic staff (a reason is required) or the
    runner themselves (choosing a physio). Raises PermissionDenied for anyone else."""
    is_runner_choice = by.pk == runner.pk
    if not (is_staff(by) or is_runner_choice):
        raise PermissionDenied("Only clinic staff or the runner can change the runner's physio.")
    if runner.role != Role.RUNNER:
        raise ValidationError({"runner": "Only runners have a physio."})
    if not (to_physio.is_physio and to_physio.is_active):
        raise ValidationError({"to_physio": "Choose one of the clinic's physios."})
    reason = reason.strip()
    if not reason and is_runner_choice:
        reason = RUNNER_CHOICE_REASON
    if not reason:
        raise ValidationError({"reason": "Say why the runner is handed over."})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"Keep the reason under {REASON_MAX} characters."})
    # Lock the runner's row so two hand-overs of one runner cannot interleave.
    User.objects.select_for_update().filter(pk=runner.pk).first()
    current = runner_physio(runner)
    if current is not None and current.pk == to_physio.pk:
        raise ValidationError({"to_physio": f"{to_physio} is already this runner's physio."})
    Programme.objects.filter(runner=runner, is_active=True).update(physio=to_physio)
    Alert.objects.filter(runner=runner, acknowledged_at__isnull=True).update(physio=to_physio)
    return HandOver.objects.create(
        runner=runner,
        from_physio=current,
        to_physio=to_physio,
        by=by,
        by_email=by.email,
        kind=HandOverKind.RUNNER_CHOICE if is_runner_choice else HandOverKind.STAFF,
        reason=reason,
    )
