"""A person's own data from every part of Stridewell, as one JSON document (UK GDPR, Art. 15/20).

The core package may depend on the feature apps (never the reverse), so the export lives here.
Secrets (password hash, token and feed-token hashes) and other people's data are never included;
health data (screenings, logs, decisions) is included because it is the runner's own.

Only data tied to the *account* is exported here. Comments, enquiries and newsletter records are
matched by e-mail address, and sign-up does not prove that the address belongs to the person
(anyone could register someone else's address), so those are exported only by e-mail to the
address itself (the newsletter's preferences page does this).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

SCHEMA_VERSION = 1


def _rows(queryset: QuerySet[Any], *, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    fields = [
        field.attname
        for field in queryset.model._meta.concrete_fields
        if field.attname not in exclude
    ]
    return list(queryset.values(*fields))


def personal_data_export(*, user: Any) -> dict[str, Any]:
    """Everything stored about `user` that is theirs to take away, ready for JSON encoding."""
    from stridewell.booking.models import Appointment
    from stridewell.outcomes.models import Response as OutcomeResponse
    from stridewell.planner.models import ActualRun, Plan, PlannedRun, PlannedStrength, Race
    from stridewell.training.models.runner import (
        CheckIn,
        Decision,
        ExerciseLog,
        Programme,
        ProgrammeEntry,
        Screening,
        Session,
        SetLog,
    )

    return {
        "schema_version": SCHEMA_VERSION,
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "training": {
            "screenings": _rows(Screening.objects.filter(runner=user)),
            "programmes": _rows(Programme.objects.filter(runner=user)),
            "programme_entries": _rows(ProgrammeEntry.objects.filter(programme__runner=user)),
            "sessions": _rows(Session.objects.filter(runner=user)),
            "exercise_logs": _rows(ExerciseLog.objects.filter(session__runner=user)),
            "sets": _rows(SetLog.objects.filter(exercise_log__session__runner=user)),
            "check_ins": _rows(CheckIn.objects.filter(runner=user)),
            "decisions": _rows(Decision.objects.filter(runner=user)),
        },
        "outcomes": {
            "responses": list(
                OutcomeResponse.objects.filter(runner=user).values(
                    "id",
                    "questionnaire__key",
                    "version",
                    "date",
                    "created_at",
                    "answers",
                    "score",
                    "answered",
                    "rule",
                )
            ),
        },
        "planner": {
            "races": _rows(Race.objects.filter(runner=user)),
            "plans": _rows(Plan.objects.filter(runner=user)),
            "planned_runs": _rows(PlannedRun.objects.filter(plan__runner=user)),
            "planned_strength": _rows(PlannedStrength.objects.filter(plan__runner=user)),
            "actual_runs": _rows(ActualRun.objects.filter(runner=user)),
        },
        "appointments": _rows(Appointment.objects.filter(patient=user), exclude=("staff_notes",)),
    }
