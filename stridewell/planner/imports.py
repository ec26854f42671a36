"""Importing actual runs: read the file, skip duplicates, store, and log matching planned runs.

All or nothing: a file that cannot be read, is too big, or was imported before changes
nothing. Duplicates are runs that start within a minute of a stored run and are within 2% of
its distance (for runs with only a date: the same day and within 2%).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from stridewell.core.time import LONDON
from stridewell.planner import engine
from stridewell.planner.importers import MAX_FILE_BYTES, ParsedRun, RunFileError, runs_parse
from stridewell.planner.models import ActualRun, Plan, PlannedRun
from stridewell.planner.services import london_today, plan_changes_apply

SAME_START = timedelta(minutes=1)
SAME_DISTANCE = 0.02


@dataclass
class ImportResult:
    created: list[ActualRun] = field(default_factory=list)
    duplicates: list[tuple[ParsedRun, ActualRun]] = field(default_factory=list)
    matched: list[tuple[ActualRun, PlannedRun]] = field(default_factory=list)
    notes: tuple[str, ...] = ()


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_DISTANCE * max(a, b)


def _same_run(new: ParsedRun, old: ActualRun) -> bool:
    if not _close(new.distance_km, old.distance_km):
        return False
    if new.has_time and old.has_time:
        return abs(new.started_at - old.started_at) <= SAME_START
    return new.started_at.astimezone(LONDON).date() == old.local_date


def _match(plan: Plan | None, actual: ActualRun, taken: set[int], today) -> PlannedRun | None:
    if plan is None or actual.local_date > today:
        return None
    candidates = [
        run
        for run in PlannedRun.objects.filter(plan=plan, date=actual.local_date)
        if run.pk not in taken
        and (
            run.status == "planned"
            or (run.status == "done" and run.actual_run_id is None and run.actual_km is None)
        )
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda run: abs(run.distance_km - actual.distance_km))


@transaction.atomic
def runs_import(*, runner, file_name: str, data: bytes, today=None) -> ImportResult:
    """Store the file's new runs and mark the planned runs they match as done."""
    today = today or london_today()
    try:
        parsed = runs_parse(file_name, data)
    except RunFileError as error:
        raise ValidationError({"file": [str(error)]}) from error
    digest = hashlib.sha256(data).hexdigest()
    earlier = ActualRun.objects.filter(runner=runner, file_sha256=digest).first()
    if earlier is not None:
        raise ValidationError(
            {
                "file": [
                    f"You imported this file on {earlier.imported_at.astimezone(LONDON):%d %B %Y}"
                    "; nothing new was added."
                ]
            }
        )
    first = min(r.started_at for r in parsed) - timedelta(days=1)
    last = max(r.started_at for r in parsed) + timedelta(days=1)
    stored = list(ActualRun.objects.filter(runner=runner, started_at__range=(first, last)))
    result = ImportResult()
    for run in parsed:
        twin = next((old for old in stored if _same_run(run, old)), None)
        if twin is not None:
            result.duplicates.append((run, twin))
            continue
        row = ActualRun.objects.create(
            runner=runner,
            started_at=run.started_at,
            local_date=run.started_at.astimezone(LONDON).date(),
            has_time=run.has_time,
            distance_km=run.distance_km,
            duration_s=run.duration_s,
            name=run.name,
            source=file_name.rsplit(".", 1)[-1].lower(),
            file_name=file_name[:200],
            file_sha256=digest,
        )
        stored.append(row)
        result.created.append(row)
    plan = Plan.objects.filter(runner=runner, is_active=True).first()
    changes: list[engine.Change] = []
    taken: set[int] = set()
    for actual in result.created:
        planned = _match(plan, actual, taken, today)
        if planned is None:
            continue
        taken.add(planned.pk)
        changes.append(engine.RunDone(planned.key, actual.distance_km))
        result.matched.append((actual, planned))
    if plan is not None and changes:
        result.notes = plan_changes_apply(plan=plan, changes=changes, today=today)
        for actual, planned in result.matched:
            PlannedRun.objects.filter(pk=planned.pk).update(actual_run=actual)
    return result


__all__ = ["MAX_FILE_BYTES", "ImportResult", "runs_import"]
