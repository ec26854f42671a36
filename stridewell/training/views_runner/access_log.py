"""Who looked at my data: a runner's view of the access log, and the CSV export for staff."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from stridewell.accounts.models import Role, User
from stridewell.training.access import is_staff
from stridewell.training.selectors_access_log import (
    ACCOUNT_PAGE_LIMIT,
    access_log_csv,
    access_log_for_runner,
    what_label,
)


@login_required
@require_GET
def access_log_mine(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own entries only: the last 100, newest first, with the count."""
    me = cast(User, request.user)
    entries = access_log_for_runner(me)
    context = {
        "entries": [(e, what_label(e.what)) for e in entries[:ACCOUNT_PAGE_LIMIT]],
        "total": entries.count(),
        "limit": ACCOUNT_PAGE_LIMIT,
    }
    return render(request, "training/runner/access_log.html", context)


@login_required
@require_GET
def access_log_export(request: HttpRequest, runner_id: int) -> HttpResponse:
    """One runner's access log as CSV, for clinic staff only (404 for anyone else)."""
    if not is_staff(request.user):
        raise Http404("Not found.")
    runner = User.objects.filter(pk=runner_id, role=Role.RUNNER).first()
    if runner is None:
        raise Http404("No such runner.")
    response = HttpResponse(access_log_csv(runner), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-runner-{runner.pk}.csv"'
    return response
