"""What a physio meets, replayed day by day through the pure engine on the real clinic ladders.

Each scenario builds a runner, replays their sessions and check-ins through the engine entry
points a service calls (`screening_place`, `progression_start`, `progression_after_session`,
`progression_after_check_in`, `progression_before_session`, `progression_resume`, a physio's
pin, the plateau scan), and the tests check the exact rules and doses. Dates are pinned (from
Monday 4 January 2027); nothing reads today's date.

To print every replay as markdown tables for a release note:
    .venv/bin/python -m tests.training.engine.test_physio_scenarios
"""

from __future__ import annotations

import pytest

from stridewell.training.engine import plateau_find

from .physio_scenarios import (
    LADDER,
    PHYSIO,
    SCENARIOS,
    back_after,
    days,
    first_week,
    ill_then_back,
    long_run_flare,
    numbness_after_a_painful_session,
    numbness_on_a_rest_day,
    pain_9_in_a_set,
    pinned_then_pain_6,
    plateau,
)
from .scenario_replay import MONDAY, Replay, Row, clinic_ladder, started_at

P3, H5, H9 = (
    "P3_big_step",
    "H5_learning_morning_baseline",
    "H9_next_morning_a_little_above_baseline",
)
F1, F2, F3 = (
    "F1_red_flag_stop_see_physio",
    "F2_unwell_no_progress",
    ("F3_morning_rise_after_race_or_long_run"),
)
S1, S2, S3, S4 = (
    "S1_paused_pain_during_7_or_more",
    "S2_paused_next_morning_4_above_baseline",
    "S3_paused_pinned_dose_painful",
    "S4_resumed_by_physio",
)


def engine_rows(replay: Replay) -> list[Row]:
    """The rows that are engine decisions (not notes such as the check-in page's advice)."""
    return [row for row in replay.rows if row.rule != "-"]


def at(row: Row) -> tuple[str, int, int]:
    return row.rung_key, row.dose.target, row.dose.load_step


def test_1_a_new_runner_holds_through_the_baseline_week_then_earns_a_step() -> None:
    replay = first_week()
    rows = engine_rows(replay)
    assert replay.rules == ["S6_placed_at_start_level", H5, H5, H5, P3]
    assert [row.day for row in rows[1:]] == [days(0), days(2), days(4), days(7)]
    # Placed on the first rung at its entry dose, and nothing moves while stiffness is learnt.
    assert [at(row) for row in rows[:4]] == [("gmed_clam", 10, 0)] * 4
    # The first session judged against a learnt usual morning: two rep stops (10 -> 20).
    assert at(rows[4]) == ("gmed_clam", 20, 0)
    assert replay.state.baseline.stiffness == 1
    assert not any(row.alert for row in rows)


def test_2a_two_points_up_after_a_long_run_holds_without_an_alert() -> None:
    replay = long_run_flare(3)
    assert replay.rules == [P3, F3]
    flare = replay.rows[-1]
    assert at(flare) == ("gmed_banded_clam", 10, 1)  # the medium band: no change
    assert not flare.alert
    assert not flare.paused
    assert "race or long run" in flare.reason
    assert "kept the same dose" in flare.reason


def test_2b_four_points_up_after_a_long_run_pauses_and_alerts() -> None:
    replay = long_run_flare(5)
    assert replay.rules == [P3, S2]
    flare = replay.rows[-1]
    assert flare.alert
    assert flare.paused
    # Eased back to the dose last tolerated (3 x 12, light band), not to 3 x 15 light, which a
    # plain step down from 3 x 10 medium would give after the big step: never done, so harder.
    assert at(flare) == ("gmed_banded_clam", 12, 0)
    assert "please stop this exercise" in flare.reason
    assert "next time" not in flare.reason
    assert flare.reason.endswith(
        "When they restart it, you'll start at 3 × 12 reps, light band, tempo 2-1-2."
    )


def test_3a_unwell_mornings_hold_then_15_days_off_eases_back_one_step() -> None:
    replay = ill_then_back()
    assert replay.rules == [
        F2,
        "-",
        F2,
        "-",
        F2,
        "-",
        "C1_check_in_recorded",
        "G1_resume_after_14_days",
        P3,
    ]
    rows = engine_rows(replay)
    assert [at(row) for row in rows[:4]] == [("gmed_banded_clam", 12, 0)] * 4
    assert rows[4].day == days(15)
    assert at(rows[4]) == ("gmed_banded_clam", 10, 0)  # one rep stop down
    # Told as she opens the session the lower dose is for: today, not "next time".
    assert rows[4].reason.endswith("for today's session do 3 × 10 reps, light band, tempo 2-1-2.")
    assert not any(row.alert for row in rows)


def test_3b_30_days_off_eases_back_about_a_third() -> None:
    replay = back_after(30, "gmed_banded_squat", target=12, load_step=1)
    assert replay.rules == [P3, "G2_resume_after_4_weeks", P3]
    rows = engine_rows(replay)
    assert at(rows[0]) == ("gmed_banded_squat", 10, 2)  # heavy band
    assert at(rows[1]) == ("gmed_banded_squat", 10, 1)  # medium band, under 3 x 12 tolerated
    assert not rows[1].alert


def test_3c_60_days_off_drops_a_rung_suggests_a_rescreen_and_alerts() -> None:
    replay = back_after(60, "gmed_banded_squat", target=12, load_step=1)
    assert replay.rules == [P3, "G3_rescreen_after_8_weeks", P3]
    back = engine_rows(replay)[1]
    below = replay.ladder.below("gmed_banded_squat")
    assert below is not None
    assert at(back) == (below.key, below.dose.target, below.dose.load_step)  # its entry dose
    assert back.alert
    assert "re-screen" in back.reason


def test_4_pain_9_pauses_refuses_sessions_until_resumed_then_restarts_safely() -> None:
    replay = pain_9_in_a_set()
    assert replay.rules == [P3, S1, "C1_check_in_recorded", "-", "-", S4, "-", P3]
    rows = replay.rows
    paused = rows[1]
    assert paused.day == days(2)
    assert paused.alert
    assert paused.paused
    # The dose that hurt was 3 x 10 with the heavy band (step 2); it restarts at the last dose
    # tolerated, 3 x 12 with the medium band, not at 3 x 15 medium (never done).
    assert at(rows[0]) == ("gmed_banded_squat", 10, 2)
    assert at(paused) == ("gmed_banded_squat", 12, 1)
    assert "next time" not in paused.reason
    assert "you'll start at 3 × 12 reps, medium band" in paused.reason
    # While paused: check-ins are recorded, nothing eases it back, and sessions are refused.
    assert all(row.paused for row in rows[2:5])
    assert (rows[3].action, rows[4].action) == ("nothing to change", "refused")
    assert "paused" in rows[4].reason
    resumed = rows[5]
    assert not resumed.paused
    assert at(resumed) == at(paused)
    assert PHYSIO in resumed.reason


def test_5_a_fortnight_of_holds_with_reacting_mornings_is_a_plateau_on_day_14() -> None:
    replay = plateau()
    holds = engine_rows(replay)[:6]
    assert [row.rule for row in holds] == [
        H9,
        H9,
        "H2_pain_4_to_5_settled_overnight",
        H9,
        "H3_control_only_ok",
        H9,
    ]
    assert {at(row) for row in holds} == {("gmed_banded_side_steps", 12, 0)}
    assert [row.action for row in replay.rows[-2:]] == ["no plateau", "alert: review"]
    found = plateau_find(replay.marks, since=MONDAY, today=days(14))
    assert found is not None
    assert (found.days, found.sessions) == (14, 6)
    assert found.reaction_days == (days(1), days(3), days(8), days(12))


def test_5_the_same_fortnight_with_settled_mornings_is_not_a_plateau() -> None:
    ladder = clinic_ladder(LADDER)
    replay = Replay("", ladder, started_at(ladder, "gmed_banded_side_steps", started_on=MONDAY))
    for n in (0, 2, 4, 7, 9, 11):
        replay.session(days(n), pain=4, morning=(1, 1))  # H2 holds, mornings settled
    assert plateau_find(replay.marks, since=MONDAY, today=days(14)) is None


def test_6a_pain_6_on_a_pinned_dose_pauses_it_for_the_physio() -> None:
    replay = pinned_then_pain_6()
    assert replay.rules == ["O1_physio_override_set", "O3_physio_dose_pinned", S3]
    pinned = at(replay.rows[0])
    assert pinned == ("gmed_banded_weighted_squat", 10, 1)
    stopped = replay.rows[-1]
    assert stopped.alert
    assert stopped.paused
    assert at(stopped) == pinned
    assert "stays the same" not in stopped.reason
    assert "please stop" in stopped.reason


def test_6b_pain_6_under_a_rung_pin_eases_within_the_rung() -> None:
    replay = pinned_then_pain_6(dose_pinned=False)
    assert replay.rules == ["O1_physio_override_set", P3, "R1_pain_during_above_5"]
    eased = replay.rows[-1]
    # Down from the big step (3 x 8 at step 2) to the dose last tolerated, 3 x 10 at step 1.
    assert at(replay.rows[1]) == ("gmed_banded_weighted_squat", 8, 2)
    assert at(eased) == ("gmed_banded_weighted_squat", 10, 1)
    assert eased.alert
    assert not eased.paused


def test_7a_numbness_on_a_rest_day_pauses_the_exercise_and_sends_them_to_a_physio() -> None:
    replay = numbness_on_a_rest_day()
    assert replay.rules == [P3, F1, "-", "-"]
    flagged, advice, refused = replay.rows[1:]
    assert flagged.day == days(3)
    assert flagged.alert
    assert flagged.paused
    assert at(flagged) == at(replay.rows[0])  # the dose stays for when they restart
    assert advice.action == "advice: see_physio"
    assert "book" in advice.reason
    assert refused.action == "refused"


def test_7b_a_red_flag_after_an_eased_session_says_where_it_restarts_not_next_time() -> None:
    replay = numbness_after_a_painful_session()
    assert replay.rules == [F1, "-"]
    flagged = replay.rows[0]
    assert flagged.paused
    assert flagged.alert
    assert at(flagged) == ("gmed_banded_squat", 10, 0)  # eased one step, kept for the restart
    assert "next time" not in flagged.reason
    assert flagged.reason == (
        "You reported numbness or tingling this morning, so stop this exercise until a physio "
        "has seen you. Because of your pain of 6/10 during the exercise, when you restart it, "
        "you'll start at 3 × 10 reps, light band, tempo 2-1-2. We've let your physio know."
    )


@pytest.mark.parametrize("make", SCENARIOS)
def test_every_replay_prints_as_a_markdown_table(make: object) -> None:
    replay = make()  # type: ignore[operator]
    text = replay.markdown()
    assert text.startswith("### ")
    assert text.count("\n| ") == len(replay.rows) + 1  # the header and one line per row


LEGEND = """## Physio scenarios, replayed through the training engine

Each table is one runner on the clinic glute-med ladder, day by day: what came in, the rule that
fired (its stored id), the action, the exercise and dose after the decision, whether the physio
was alerted, and the reason the runner reads. Pain and stiffness are 0-10; "usual" is the
runner's usual morning level."""


def main() -> None:
    print("\n\n".join([LEGEND, *(make().markdown() for make in SCENARIOS)]))


if __name__ == "__main__":
    main()
