"""Footer data for every template: `clinic`, `clinic_stations`, `clinic_hours`, `clinic_status`.

Each value is lazy: nothing is read from the database until a template touches one of them,
and then everything is loaded once (at most 4 queries) and shared for the rest of the request.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from stridewell.clinic.selectors import ClinicOverview, clinic_overview_for_request


def clinic(request: HttpRequest) -> dict[str, Any]:
    def overview() -> ClinicOverview:
        return clinic_overview_for_request(request)

    return {
        # ClinicProfile or None (a lazy None is falsy in templates).
        "clinic": SimpleLazyObject(lambda: overview().profile),
        # Station objects: .name, .lines, .walking_minutes.
        "clinic_stations": SimpleLazyObject(lambda: overview().stations),
        # Monday-first rows: .day_name, .ranges_text (e.g. "Closed"), .is_today.
        "clinic_hours": SimpleLazyObject(lambda: overview().hours_rows),
        # .is_open, .label, .is_emergency_cover, .next_opens_at, .closes_at (None: no clinic).
        "clinic_status": SimpleLazyObject(lambda: overview().status),
    }
