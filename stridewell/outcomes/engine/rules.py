"""Stable identifiers of the outcome rules; stored with what they decided, never renamed."""

from __future__ import annotations

from enum import StrEnum


class OutcomeRule(StrEnum):
    # When a questionnaire is due (`due.questionnaire_due`).
    Q1_BASELINE_DUE = "Q1_baseline_due"
    Q2_FOLLOW_UP_DUE = "Q2_follow_up_due"
    Q3_WAITING_FOR_SCREENING = "Q3_waiting_for_screening"
    Q4_NOT_YET_DUE = "Q4_not_yet_due"
    # How a set of answers became a score (`scoring.answers_score`).
    Q10_SCORED_ALL_ANSWERED = "Q10_scored_all_answered"
    Q11_SCORED_PRORATED = "Q11_scored_prorated"
    # What the latest score says against the first (`interpret.change_interpret`).
    Q20_BASELINE_ONLY = "Q20_baseline_only"
    Q21_BETTER_BEYOND_MCID = "Q21_better_by_at_least_mcid"
    Q22_WORSE_BEYOND_MCID = "Q22_worse_by_at_least_mcid"
    Q23_WITHIN_MCID = "Q23_change_within_mcid"
