"""Importing run files, with the latest runs shown beside what was planned."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from stridewell.planner import clock, selectors
from stridewell.planner.forms import ImportForm, errors_to_form
from stridewell.planner.importers import MAX_FILE_BYTES
from stridewell.planner.imports import runs_import


def _read_capped(upload) -> bytes:
    """At most the limit plus one byte: enough to know a file is too big without reading it
    all (the importer then refuses it with the size in the message)."""
    data = bytearray()
    for chunk in upload.chunks():
        data += chunk
        if len(data) > MAX_FILE_BYTES:
            break
    return bytes(data)


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    plan = selectors.plan_active(runner=request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_FILE_BYTES:
                form.add_error(
                    "file",
                    f"This file is {upload.size / 1024 / 1024:.1f} MB; the "
                    "limit is 10 MB. Export a single run, or split the file.",
                )
            else:
                try:
                    result = runs_import(
                        runner=request.user,
                        file_name=upload.name,
                        data=_read_capped(upload),
                        today=clock.today(),
                    )
                except ValidationError as error:
                    errors_to_form(form, error)
        if form.errors:
            status = 422
    context = {
        "plan": plan,
        "form": form,
        "result": result,
        "rows": selectors.actual_vs_planned(runner=request.user, plan=plan),
    }
    return render(request, "planner/import.html", context, status=status)
