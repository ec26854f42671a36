"""Stable ids of the screening rules, and the pain limits they use.

Each placement stores the ids of the rules that fired, as progression decisions store theirs
(`state.Rule`). Ids are never renamed; a new rule gets a new id.
"""

from __future__ import annotations

from enum import StrEnum

# Pain at rest of 5/10 or more sits at the top of the pain-monitoring model's "acceptable" zone
# (Silbernagel 2007: 0-2 safe, 2-5 acceptable, 5-10 high risk). Starting an exercise programme
# there is a clinical judgement, so a self-screen refers and a physio must choose it explicitly.
REFER_PAIN = 5
# The next-morning rule compares each morning with the runner's usual pain, which starts from
# the screening's "pain today". Capped here, a physio's start at 6-7/10 can never make a 6/10
# morning look "back to normal": with the one-point noise band, 6/10 is always "worse".
BASELINE_PAIN_MAX = 4


class ScreeningRule(StrEnum):
    """Stable identifiers of the screening rules that fired; stored with each placement."""

    S1_RED_FLAGS = "S1_red_flags_refer"
    S2_BONE_STRESS = "S2_bone_stress_signs_refer"
    S3_SELF_SCREEN_PAIN = "S3_self_screen_pain_5_plus_refer"
    S4_CLINIC_PAIN_NOT_STARTED = "S4_clinic_pain_5_plus_refer"
    S5_STARTED_DESPITE_PAIN = "S5_physio_started_despite_pain"
    S6_PLACED = "S6_placed_at_start_level"
    S7_LADDER_ABOVE_LEVEL = "S7_ladder_above_start_level_left_out"
    S8_LADDER_LOCKED = "S8_ladder_first_rung_locked_left_out"
    S9_EXPERIENCED_ONE_LEVEL_UP = "S9_experienced_runner_one_level_up"
    S10_BASELINE_PAIN_CAPPED = "S10_baseline_pain_capped_at_4"


def baseline_pain_for(current_pain: int) -> int:
    """The morning-pain baseline a programme starts from, given the pain at screening."""
    return min(current_pain, BASELINE_PAIN_MAX)
