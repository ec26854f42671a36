"""Public pages of the exercise library: list with filters, one page per exercise, ladders."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from stridewell.training import engine
from stridewell.training.forms_library import ExerciseFilterForm
from stridewell.training.models.library import Exercise
from stridewell.training.selectors_library import (
    exercise_get,
    exercise_ladder_positions,
    exercise_list,
    ladder_filter_choices,
    ladder_list,
    ladders_to_engine,
    rung_labels,
)
from stridewell.training.svg import ladder_svg


def _exercise_href(rung: engine.Rung) -> str:
    return reverse("training:exercise_detail", kwargs={"slug": rung.exercise_slug})


def _is_htmx_fragment(request: HttpRequest) -> bool:
    # A history restore needs the whole page, not the fragment.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


@require_safe
def exercise_list_view(request: HttpRequest) -> HttpResponse:
    form = ExerciseFilterForm(request.GET or None, choices=ladder_filter_choices())
    filters = form.filters()
    context = {"form": form, "exercises": list(exercise_list(**filters)), "filters": filters}
    template = (
        "training/library/_exercise_results.html"
        if _is_htmx_fragment(request)
        else "training/library/exercise_list.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def exercise_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        exercise = exercise_get(slug=slug)
    except Exercise.DoesNotExist:
        raise Http404("No such exercise.") from None
    ladders = ladders_to_engine(ladder_list())
    labels = rung_labels(ladders)
    placements = [
        {
            "position": position,
            "svg": ladder_svg(
                position.ladder,
                current=position.rung.key,
                labels=labels,
                href=_exercise_href,
                current_note="This exercise",
                ident=f"ladder-{position.rung.key}",
            ),
        }
        for position in exercise_ladder_positions(exercise, ladders=ladders)
    ]
    return render(
        request,
        "training/library/exercise_detail.html",
        {"exercise": exercise, "placements": placements},
    )


@require_safe
def ladder_list_view(request: HttpRequest) -> HttpResponse:
    ladders = ladder_list()
    engine_ladders = ladders_to_engine(ladders)
    labels = rung_labels(engine_ladders)
    rows = [
        {
            "ladder": ladder,
            "svg": ladder_svg(engine_ladders[ladder.key], labels=labels, href=_exercise_href),
        }
        for ladder in ladders
    ]
    return render(request, "training/library/ladder_list.html", {"rows": rows})


@require_safe
def ladder_detail_view(request: HttpRequest, key: str) -> HttpResponse:
    ladders = ladder_list()
    ladder = next((x for x in ladders if x.key == key), None)
    if ladder is None:
        raise Http404("No such ladder.")
    engine_ladders = ladders_to_engine(ladders)
    labels = rung_labels(engine_ladders)
    svg = ladder_svg(engine_ladders[key], labels=labels, href=_exercise_href)
    return render(
        request,
        "training/library/ladder_detail.html",
        {"ladder": ladder, "svg": svg, "labels": labels},
    )
