"""Write the library data file into the database: one transaction, idempotent, never deleting.

The file is the source of truth for what it names: running the loader again overwrites admin
edits to those rows. Exercises and ladders missing from the file are unpublished (deactivated),
and rungs missing from it are retired, because runners' programmes and history point at them.

Rows are compared with what is stored and only differences are written, in bulk, so a second
run is a handful of reads (the demo seed and the tests run it often).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from stridewell.training.library_data import (
    DATA_FILE,
    ExerciseData,
    FigureData,
    LibraryData,
    library_data_read,
)
from stridewell.training.models.library import (
    Equipment,
    EvidenceFigure,
    Exercise,
    Ladder,
    Muscle,
    Rung,
    RungPrerequisite,
    Source,
)


@dataclass
class LoadReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unpublished: list[str] = field(default_factory=list)
    retired_rungs: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated"
            for name in ("exercises", "ladders", "rungs", "prerequisites")
        ]
        if self.unpublished:
            parts.append("unpublished: " + ", ".join(self.unpublished))
        if self.retired_rungs:
            parts.append("retired rungs: " + ", ".join(self.retired_rungs))
        return "; ".join(parts)


def _sync(
    model: type[models.Model],
    key: str,
    rows: dict[str, dict[str, Any]],
    report: LoadReport,
    label: str,
) -> dict[str, Any]:
    """Create or update `model` rows identified by `key`; only changed rows are written."""
    existing = {getattr(o, key): o for o in model._default_manager.filter(**{f"{key}__in": rows})}
    new, changed = [], []
    for ident, values in rows.items():
        obj = existing.get(ident)
        if obj is None:
            new.append(model(**{key: ident}, **values))
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            changed.append(obj)
    model._default_manager.bulk_create(new)
    if changed:
        model._default_manager.bulk_update(changed, list(next(iter(rows.values()))))
    report.created[label] += len(new)
    report.updated[label] += len(changed)
    return existing | {getattr(o, key): o for o in new}


def _sync_links(
    through: Any, owner: str, target: str, owners: list[int], wanted: Iterable[tuple[int, int]]
) -> None:
    """Make the M2M rows of `owners` exactly `wanted` (other owners' rows are untouched)."""
    wanted = set(wanted)
    rows = through.objects.filter(**{f"{owner}_id__in": owners})
    have = {(getattr(r, f"{owner}_id"), getattr(r, f"{target}_id")): r.pk for r in rows}
    through.objects.filter(pk__in=[pk for pair, pk in have.items() if pair not in wanted]).delete()
    through.objects.bulk_create(
        [through(**{f"{owner}_id": o, f"{target}_id": t}) for o, t in wanted - have.keys()]
    )


def _exercise_fields(e: ExerciseData, sources: dict[str, Source]) -> dict[str, Any]:
    g = e.gmed
    return {
        "slug": e.slug,
        "name": e.name,
        "description": e.description,
        "cues": list(e.cues),
        "unit": e.unit,
        "is_per_side": e.per_side,
        "level": e.level,
        "gmed_mvic": g.value if g else None,
        "gmed_mvic_high": g.value_high if g else None,
        "gmed_sd": g.sd if g else None,
        "gmed_note": g.note if g else "",
        "gmed_source_id": sources[g.source].pk if g else None,
        "gmed_verification": g.verification if g else "",
        "evidence_note": e.evidence_note,
        "clinical_note": e.clinical_note,
        "is_published": True,
    }


def _figure_fields(figure: FigureData, sources: dict[str, Source]) -> dict[str, Any]:
    return {
        "measure": figure.measure,
        "value": figure.value,
        "value_high": figure.value_high,
        "sd": figure.sd,
        "text": figure.text,
        "source_id": sources[figure.source].pk,
        "verification": figure.verification,
        "note": figure.note,
    }


def _evidence_save(
    data: LibraryData, exercises: dict[str, Exercise], sources: dict[str, Source]
) -> None:
    # Figures have no key of their own: their order in the file is their identity.
    stored: dict[int, list[EvidenceFigure]] = {}
    ids = [x.pk for x in exercises.values()]
    for f in EvidenceFigure.objects.filter(exercise_id__in=ids).order_by("position", "pk"):
        stored.setdefault(f.exercise_id, []).append(f)
    new, changed, extra = [], [], []
    for e in data.exercises:
        have = stored.get(exercises[e.key].pk, [])
        for position, figure in enumerate(e.evidence):
            values = _figure_fields(figure, sources) | {"position": position}
            if position >= len(have):
                new.append(EvidenceFigure(exercise_id=exercises[e.key].pk, **values))
            elif any(getattr(have[position], k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(have[position], k, v)
                changed.append(have[position])
        extra += [f.pk for f in have[len(e.evidence) :]]
    EvidenceFigure.objects.bulk_create(new)
    if changed:
        EvidenceFigure.objects.bulk_update(changed, FIGURE_FIELDS)
    EvidenceFigure.objects.filter(pk__in=extra).delete()


FIGURE_FIELDS = [
    "measure",
    "value",
    "value_high",
    "sd",
    "text",
    "source_id",
    "verification",
    "note",
    "position",
]


def _exercises_save(data: LibraryData, report: LoadReport) -> dict[str, Exercise]:
    sources = _sync(
        Source,
        "key",
        {k: {"label": label, "citation": text} for k, (label, text) in data.sources.items()},
        report,
        "sources",
    )
    names = {k: {"name": v} for k, v in data.muscles.items()}
    muscles = _sync(Muscle, "slug", names, report, "muscles")
    names = {k: {"name": v} for k, v in data.equipment.items()}
    kit = _sync(Equipment, "slug", names, report, "equipment")
    rows = {e.key: _exercise_fields(e, sources) for e in data.exercises}
    exercises = _sync(Exercise, "key", rows, report, "exercises")
    pk = {key: x.pk for key, x in exercises.items()}
    links = (
        (Exercise.muscles.through, "muscle", lambda e: (muscles[m].pk for m in e.muscles)),
        (Exercise.equipment.through, "equipment", lambda e: (kit[q].pk for q in e.equipment)),
        (
            Exercise.optional_equipment.through,
            "equipment",
            lambda e: (kit[q].pk for q in e.optional_equipment),
        ),
        (Exercise.sources.through, "source", lambda e: (sources[s].pk for s in e.sources)),
    )
    owners = list(pk.values())
    for through, target, targets in links:
        wanted = {(pk[e.key], t) for e in data.exercises for t in targets(e)}
        _sync_links(through, "exercise", target, owners, wanted)
    wanted = {(pk[e.key], pk[p]) for e in data.exercises for p in e.progressions}
    _sync_links(Exercise.progressions.through, "from_exercise", "to_exercise", owners, wanted)
    _evidence_save(data, exercises, sources)
    gone = Exercise.objects.filter(is_published=True).exclude(key__in=exercises)
    report.unpublished = sorted(gone.values_list("key", flat=True))
    gone.update(is_published=False)
    return exercises


def _ladders_save(
    data: LibraryData, exercises: dict[str, Exercise], report: LoadReport
) -> dict[str, Rung]:
    ladders = _sync(
        Ladder,
        "key",
        {
            x.key: {
                "name": x.name,
                "description": x.description,
                "position": x.position,
                "is_active": True,
                "is_placed_by_screening": x.is_placed_by_screening,
            }
            for x in data.ladders
        },
        report,
        "ladders",
    )
    Ladder.objects.exclude(key__in=ladders).update(is_active=False)
    rows: dict[str, dict[str, Any]] = {}
    for x in data.ladders:
        for r in x.rungs:
            fields = {k: v for k, v in r.spec_fields.items() if k not in {"key", "prerequisites"}}
            rows[r.spec_fields["key"]] = fields | {
                "ladder_id": ladders[x.key].pk,
                "exercise_id": exercises[r.exercise].pk,
                "label": r.label,
                "is_active": True,
            }
    live = set(Rung.objects.filter(is_active=True).values_list("key", flat=True))
    stored = {
        r.key: (r.ladder_id, r.position, r.is_active) for r in Rung.objects.filter(key__in=rows)
    }
    moving = any(stored.get(k) != (v["ladder_id"], v["position"], True) for k, v in rows.items())
    retiring = Rung.objects.filter(is_active=True)
    # Live rungs need distinct positions. When any rung moves, retire every live rung first so
    # a reordered ladder cannot collide with itself half-way; `_sync` brings the named ones back.
    (retiring if moving else retiring.exclude(key__in=rows)).update(is_active=False)
    rungs = _sync(Rung, "key", rows, report, "rungs")
    report.retired_rungs = sorted(live - rows.keys())
    return rungs


def _prerequisites_save(data: LibraryData, rungs: dict[str, Rung], report: LoadReport) -> None:
    wanted = {
        (rungs[r.spec_fields["key"]].pk, rungs[p.rung_key].pk): (p.kind, p.min_good_sessions)
        for x in data.ladders
        for r in x.rungs
        for p in r.spec_fields["prerequisites"]
    }
    have = {(p.rung_id, p.requires_id): p for p in RungPrerequisite.objects.all()}
    file_rungs = {r.pk for r in rungs.values()}
    stale = [p.pk for pair, p in have.items() if pair not in wanted and pair[0] in file_rungs]
    RungPrerequisite.objects.filter(pk__in=stale).delete()
    RungPrerequisite.objects.filter(rung__is_active=False).delete()
    new, changed = [], []
    for (rung_id, requires_id), (kind, sessions) in wanted.items():
        p = have.get((rung_id, requires_id))
        if p is None:
            new.append(
                RungPrerequisite(
                    rung_id=rung_id, requires_id=requires_id, kind=kind, min_good_sessions=sessions
                )
            )
        elif (p.kind, p.min_good_sessions) != (kind, sessions):
            p.kind, p.min_good_sessions = kind, sessions
            changed.append(p)
    RungPrerequisite.objects.bulk_create(new)
    RungPrerequisite.objects.bulk_update(changed, ["kind", "min_good_sessions"])
    report.created["prerequisites"] += len(new)
    report.updated["prerequisites"] += len(changed)


@transaction.atomic
def library_load(*, data: LibraryData) -> LoadReport:
    """Write checked library data (see `library_data_read`); all or nothing."""
    report = LoadReport()
    exercises = _exercises_save(data, report)
    rungs = _ladders_save(data, exercises, report)
    _prerequisites_save(data, rungs, report)
    return report


def library_load_file(path: Path = DATA_FILE) -> LoadReport:
    """Check the whole file first (raises `LibraryDataError` listing every problem), then write."""
    return library_load(data=library_data_read(path))
