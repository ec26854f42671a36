"""Public clinic pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from stridewell.clinic.selectors import clinic_jsonld, clinic_overview_for_request, closures_ahead

VISIT_CLOSURES_SHOWN = 6


@require_GET
def visit(request: HttpRequest) -> HttpResponse:
    """How to find us, when we are open and what to do out of hours."""
    overview = clinic_overview_for_request(request)
    closures = (
        closures_ahead(today=overview.today, limit=VISIT_CLOSURES_SHOWN) if overview.profile else []
    )
    context = {
        "overview": overview,
        "closures": closures,
        "jsonld": clinic_jsonld(request=request, overview=overview, closures=closures),
    }
    return render(request, "clinic/visit.html", context)
