"""Who may see a runner's training data, and the audit trail of those who did.

Screenings, logs and decisions are health data. A runner sees only their own; their physio sees
theirs; clinic staff see everyone's. Anyone else is answered 404, never 403: a 403 would confirm
that the runner (or the record) exists. Every read by a physio or a staff member is written to
`AccessLog`, so the clinic can always say who looked at whose data.

A runner's physio is the physio on their active programme, or a physio who screened them (the
physio who referred a runner with red flags must still see the screening they recorded).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from stridewell.accounts.models import Role, User
from stridewell.training.models import AccessLog, Programme, Screening


def is_physio(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_physio", False))


def is_staff(user: object) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "is_clinic_staff", False)
    )


def is_clinician(user: object) -> bool:
    """Physios and clinic staff: may record screenings and open the physio pages."""
    return is_physio(user) or is_staff(user)


def runners_of_physio(physio: User) -> QuerySet[User]:
    """Runners whose physio is `physio` (active programme, or a screening they recorded)."""
    active = Programme.objects.filter(runner=OuterRef("pk"), is_active=True, physio=physio)
    screened = Screening.objects.filter(runner=OuterRef("pk"), recorded_by=physio)
    return User.objects.filter(role=Role.RUNNER).filter(Q(Exists(active)) | Q(Exists(screened)))


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


def access_record(*, viewer: User, runner: User, what: str) -> None:
    """Audit a clinician's read of a runner's data (a runner reading their own is not logged)."""
    if viewer.pk == runner.pk:
        return
    AccessLog.objects.create(
        viewer=viewer,
        viewer_email=viewer.email,
        viewer_role=viewer.role if not viewer.is_superuser else Role.STAFF,
        runner=runner,
        what=what[:80],
    )


def runner_get_for_viewer(*, viewer: object, runner_id: int, what: str) -> User:
    """The runner with `runner_id` if `viewer` may see their data (audited), else Http404."""
    runner = User.objects.filter(pk=runner_id, role=Role.RUNNER).first()
    if runner is None or not can_view_runner(viewer, runner):
        raise Http404("No such runner.")
    assert isinstance(viewer, User)
    access_record(viewer=viewer, runner=runner, what=what)
    return runner


def runner_check_for_viewer(*, viewer: object, runner: User, what: str) -> None:
    """Like `runner_get_for_viewer` for a runner already loaded (from a session, a screening)."""
    if not can_view_runner(viewer, runner):
        raise Http404("Not found.")
    assert isinstance(viewer, User)
    access_record(viewer=viewer, runner=runner, what=what)
