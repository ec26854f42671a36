"""Reads for the training app. Library reads live in `selectors_library`; the runner half adds
`selectors_runner`. Import from here."""

from stridewell.training.selectors_library import (
    LadderPosition,
    exercise_get,
    exercise_ladder_positions,
    exercise_link_targets,
    exercise_list,
    ladder_filter_choices,
    ladder_list,
    ladders_as_engine,
    ladders_to_engine,
    live_rungs,
    rung_labels,
    rung_spec,
)

__all__ = [
    "LadderPosition",
    "exercise_get",
    "exercise_ladder_positions",
    "exercise_link_targets",
    "exercise_list",
    "ladder_filter_choices",
    "ladder_list",
    "ladders_as_engine",
    "ladders_to_engine",
    "live_rungs",
    "rung_labels",
    "rung_spec",
]
