"""Reads for the exercise library and ladders. Every selector runs a fixed number of queries,
whatever the size of the library (tests assert the counts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from stridewell.training import engine
from stridewell.training.library_engine import (
    LadderSpec,
    PrerequisiteSpec,
    RungSpec,
    ladder_specs_build,
)
from stridewell.training.models.library import (
    Equipment,
    EvidenceFigure,
    Exercise,
    Ladder,
    Muscle,
    Rung,
    RungPrerequisite,
)


def _live_rungs() -> QuerySet[Rung]:
    return Rung.objects.filter(is_active=True, ladder__is_active=True)


def _published() -> QuerySet[Exercise]:
    return Exercise.objects.filter(is_published=True)


def exercise_list(
    *,
    ladder: str | None = None,
    level: int | None = None,
    equipment: str | None = None,
    muscle: str | None = None,
) -> QuerySet[Exercise]:
    """Published exercises, optionally only those on a ladder (key), at a level, using a piece
    of equipment (needed or optional; slug) or working a muscle (slug).

    Each exercise carries `muscles`, `equipment`, `optional_equipment` and `live_rungs` (its
    rungs on active ladders, with the ladder) prefetched: 5 queries in all.
    """
    qs = _published()
    if ladder is not None:
        qs = qs.filter(Exists(_live_rungs().filter(exercise=OuterRef("pk"), ladder__key=ladder)))
    if level is not None:
        qs = qs.filter(level=level)
    if equipment is not None:
        through = Exercise.equipment.through.objects.filter(exercise=OuterRef("pk"))
        optional = Exercise.optional_equipment.through.objects.filter(exercise=OuterRef("pk"))
        qs = qs.filter(
            Exists(through.filter(equipment__slug=equipment))
            | Exists(optional.filter(equipment__slug=equipment))
        )
    if muscle is not None:
        works = Exercise.muscles.through.objects.filter(exercise=OuterRef("pk"))
        qs = qs.filter(Exists(works.filter(muscle__slug=muscle)))
    return qs.prefetch_related(
        "muscles",
        "equipment",
        "optional_equipment",
        Prefetch(
            "rungs",
            queryset=_live_rungs().select_related("ladder").order_by("ladder__position"),
            to_attr="live_rungs",
        ),
    )


def exercise_get(*, slug: str) -> Exercise:
    """One published exercise with everything its page shows (8 queries).

    Raises `Exercise.DoesNotExist` for an unknown or unpublished slug.
    """
    published = _published().only("pk", "slug", "name", "level")
    return (
        _published()
        .select_related("gmed_source")
        .prefetch_related(
            "muscles",
            "equipment",
            "optional_equipment",
            "sources",
            Prefetch("progressions", queryset=published.order_by("level", "name")),
            Prefetch("regressions", queryset=published.order_by("level", "name")),
            Prefetch("evidence", queryset=EvidenceFigure.objects.select_related("source")),
        )
        .get(slug=slug)
    )


def ladder_list() -> list[Ladder]:
    """Active ladders in display order, each with `live_rungs` (position order, exercise
    selected) and each rung's `prerequisites` (with the required rung): 3 queries."""
    prerequisites = RungPrerequisite.objects.select_related("requires__exercise").order_by(
        "requires__position"
    )
    rungs = (
        Rung.objects.filter(is_active=True)
        .select_related("exercise")
        .prefetch_related(Prefetch("prerequisites", queryset=prerequisites))
        .order_by("position", "key")
    )
    return list(
        Ladder.objects.filter(is_active=True).prefetch_related(
            Prefetch("rungs", queryset=rungs, to_attr="live_rungs")
        )
    )


def live_rungs(obj: Ladder | Exercise) -> list[Rung]:
    """The rungs prefetched by `ladder_list` / `exercise_list` (attribute set by Prefetch)."""
    return obj.live_rungs  # type: ignore[union-attr]


def rung_spec(rung: Rung) -> RungSpec:
    """The engine's view of a stored rung (its prerequisites must be prefetched)."""
    return RungSpec(
        key=rung.key,
        position=rung.position,
        exercise_slug=rung.exercise.slug,
        name=rung.label or rung.exercise.name,
        level=rung.exercise.level,
        unit=rung.exercise.unit,
        sets=rung.sets,
        low=rung.low,
        high=rung.high,
        increment=rung.increment,
        load_kind=rung.load_kind,
        band_lightest=rung.band_lightest,
        band_heaviest=rung.band_heaviest,
        kg_start=rung.kg_start,
        kg_max=rung.kg_max,
        kg_increment=rung.kg_increment,
        tempo=rung.tempo,
        rest_seconds=rung.rest_seconds,
        prerequisites=tuple(
            PrerequisiteSpec(p.requires.key, p.kind, p.min_good_sessions)
            for p in rung.prerequisites.all()
        ),
    )


def ladders_to_engine(ladders: list[Ladder]) -> dict[str, engine.Ladder]:
    """Engine ladders for the result of `ladder_list()` (no queries). Rungs whose stored dose
    the engine rejects are left out; the admin and the loader refuse to save such rungs, so
    this only guards against rows edited by hand."""
    specs = [
        LadderSpec(ladder.key, ladder.name, tuple(rung_spec(r) for r in live_rungs(ladder)))
        for ladder in ladders
    ]
    built, _ = ladder_specs_build(specs)
    return {ladder.key: ladder for ladder in built}


def ladders_as_engine() -> dict[str, engine.Ladder]:
    """Every active ladder as an engine `Ladder`, keyed by ladder key, in display order
    (3 queries)."""
    return ladders_to_engine(ladder_list())


def exercise_link_targets() -> list[tuple[str, str]]:
    """(exercise name, page path) for every published exercise, longest name first so that an
    auto-linker tries "Banded single-leg squat" before "Single-leg squat" (1 query)."""
    rows = _published().values_list("name", "slug")
    targets = [
        (name, reverse("training:exercise_detail", kwargs={"slug": slug})) for name, slug in rows
    ]
    return sorted(targets, key=lambda t: (-len(t[0]), t[0]))


@dataclass(frozen=True, slots=True)
class LadderPosition:
    ladder: engine.Ladder
    rung: engine.Rung
    number: int  # 1-based place on the ladder
    total: int


def exercise_ladder_positions(
    exercise: Exercise, *, ladders: dict[str, engine.Ladder] | None = None
) -> list[LadderPosition]:
    """Where `exercise` sits on each active ladder (an exercise may be on several, or twice on
    one). Pass `ladders` from `ladders_as_engine()` to reuse them; otherwise 3 queries."""
    ladders = ladders_as_engine() if ladders is None else ladders
    return [
        LadderPosition(ladder, rung, i + 1, len(ladder.ordered))
        for ladder in ladders.values()
        for i, rung in enumerate(ladder.ordered)
        if rung.exercise_slug == exercise.slug
    ]


def rung_labels(ladders: dict[str, engine.Ladder]) -> dict[str, str]:
    """Rung key -> label across all ladders (for prerequisites on other ladders)."""
    return {r.key: r.label for ladder in ladders.values() for r in ladder.ordered}


def ladder_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Options for the library filters: active ladders, and only the muscles and equipment that
    some published exercise uses (3 queries)."""
    used = Q(exercises__is_published=True)
    return {
        "ladder": list(Ladder.objects.filter(is_active=True).values_list("key", "name")),
        "equipment": list(
            Equipment.objects.filter(used | Q(optional_for__is_published=True))
            .distinct()
            .values_list("slug", "name")
        ),
        "muscle": list(Muscle.objects.filter(used).distinct().values_list("slug", "name")),
    }
