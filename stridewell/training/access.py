"""Who may see a runner's training data, and the audit trail of those who did.

Screenings, logs and decisions are health data. A runner sees only their own; their physio sees
theirs; clinic staff see everyone's. Anyone else is answered 404, never 403: a 403 would confirm
that the runner (or the record) exists. Every read by a physio or a staff member is written to
`AccessLog`, so the clinic can always say who looked at whose data.

A runner's physio (ADR 0014) is the physio on their active programme, else the physio of their
latest hand-over, else the last physio who screened them. A physio may see a runner when they are
the runner's physio, or screened the runner since the last hand-over (the physio who referred a
runner with red flags must still see the screening they recorded), or (a new runner with no
physio yet) the runner has booked an appointment with them. Everything a physio writes about a
runner (a screening, a programme, an override, a resume, an alert) needs this same right; the
physio changes only by an explicit hand-over (`services_handover`), never as a side effect.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from stridewell.accounts.models import Role, User
from stridewell.booking.models import Appointment
from stridewell.booking.models.appointments import BOOKED_STATUSES
from stridewell.core.audit import Access, record_access
from stridewell.training.models import AccessLog, HandOver, Programme, Screening


def is_physio(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_physio", False))


def is_staff(user: object) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "is_clinic_staff", False)
    )


def is_clinician(user: object) -> bool:
    """Physios and clinic staff: may record screenings and open the physio pages."""
    return is_physio(user) or is_staff(user)


def _physio_expression(runner_ref: OuterRef) -> Coalesce:
    """SQL for the runner's physio id: active programme, else latest hand-over, else the last
    physio who screened them (the same order as `runner_physio`)."""
    active = Programme.objects.filter(runner=runner_ref, is_active=True, physio__isnull=False)
    handed = HandOver.objects.filter(runner=runner_ref, to_physio__isnull=False)
    screened = Screening.objects.filter(runner=runner_ref, recorded_by__role=Role.PHYSIO)
    return Coalesce(
        Subquery(active.values("physio")[:1]),
        Subquery(handed.order_by("-at", "-id").values("to_physio")[:1]),
        Subquery(screened.order_by("-date", "-id").values("recorded_by")[:1]),
    )


def runners_with_physio() -> QuerySet[User]:
    """Runners annotated with `physio_id_now`: their physio's id, or None for a new runner."""
    return User.objects.filter(role=Role.RUNNER).annotate(
        physio_id_now=_physio_expression(OuterRef("pk"))
    )


def runner_physio(runner: User) -> User | None:
    """The runner's physio now (ADR 0014), or None if they have none yet."""
    physio_id = (
        User.objects.filter(pk=runner.pk, role=Role.RUNNER)
        .annotate(physio_id_now=_physio_expression(OuterRef("pk")))
        .values_list("physio_id_now", flat=True)
        .first()
    )
    return None if physio_id is None else User.objects.filter(pk=physio_id).first()


def runners_of_physio(physio: User) -> QuerySet[User]:
    """Runners whose data `physio` may see: theirs, screened by them since the last hand-over,
    or new runners (no physio yet) who booked an appointment with them."""
    later_hand_over = HandOver.objects.filter(
        runner=OuterRef("runner"), at__gt=OuterRef("created_at")
    )
    screened = Screening.objects.filter(runner=OuterRef("pk"), recorded_by=physio).exclude(
        Exists(later_hand_over)
    )
    booked = Appointment.objects.filter(
        patient=OuterRef("pk"), practitioner__user=physio, status__in=BOOKED_STATUSES
    )
    return runners_with_physio().filter(
        Q(physio_id_now=physio.pk)
        | Q(Exists(screened))
        | (Q(physio_id_now__isnull=True) & Q(Exists(booked)))
    )


def is_their_physio(physio: User, runner: User) -> bool:
    if not is_physio(physio):
        return False
    return runners_of_physio(physio).filter(pk=runner.pk).exists()


def can_view_runner(viewer: object, runner: User) -> bool:
    if not getattr(viewer, "is_authenticated", False):
        return False
    assert isinstance(viewer, User)
    if viewer.pk == runner.pk:
        return True
    if is_staff(viewer):
        return True
    return is_their_physio(viewer, runner)


def access_log_write(viewer: User, accesses: list[Access], ip: str | None) -> None:
    """The writer behind `core.audit.record_access`: one INSERT for every access given."""
    role = Role.STAFF if viewer.is_superuser else viewer.role
    AccessLog.objects.bulk_create(
        AccessLog(
            viewer=viewer,
            viewer_email=viewer.email,
            viewer_role=role,
            runner_id=access.runner_id,
            what=access.what[:80],
            obj=access.obj[:64],
            ip=ip,
        )
        for access in accesses
    )


def access_record(*, viewer: User, runner: User, what: str, obj: object = "") -> None:
    """Audit a clinician's read or write of a runner's data (a runner's own is not logged)."""
    record_access(viewer=viewer, accesses=[Access(runner_id=runner.pk, what=what, obj=str(obj))])


def runner_get_for_viewer(*, viewer: object, runner_id: int, what: str) -> User:
    """The runner with `runner_id` if `viewer` may see their data (audited), else Http404."""
    runner = User.objects.filter(pk=runner_id, role=Role.RUNNER).first()
    if runner is None or not can_view_runner(viewer, runner):
        raise Http404("No such runner.")
    assert isinstance(viewer, User)
    access_record(viewer=viewer, runner=runner, what=what)
    return runner


def runner_check_for_viewer(*, viewer: object, runner: User, what: str, obj: object = "") -> None:
    """Like `runner_get_for_viewer` for a runner already loaded (from a session, a screening)."""
    if not can_view_runner(viewer, runner):
        raise Http404("Not found.")
    assert isinstance(viewer, User)
    access_record(viewer=viewer, runner=runner, what=what, obj=obj)
