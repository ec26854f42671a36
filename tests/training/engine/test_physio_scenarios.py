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

from dataclasses import replace
from datetime import date, timedelta

import pytest

from stridewell.training.engine import (
    Control,
    Override,
    ScreeningInput,
    Sex,
    dose_describe,
    plateau_find,
    progression_start,
    screening_place,
)
from stridewell.training.engine.screening import LadderPlacement

from .scenario_replay import MONDAY, Replay, Row, clinic_ladder, clinic_ladders, started_at

LADDER = "clinic_glute_med"
PHYSIO = "Priya Shah"


def days(n: int) -> date:
    """`n` days after Monday 4 January 2027."""
    return MONDAY + timedelta(days=n)


# --- 1. First session after screening --------------------------------------------------------


def first_week() -> Replay:
    """A new runner self-screens, is placed on the clam, and trains Monday, Wednesday and Friday.

    The first week of check-ins teaches their usual morning stiffness, so nothing moves that week
    (H5); the first session judged against a learnt usual level earns a step."""
    screening = ScreeningInput(
        age=31,
        sex=Sex.FEMALE,
        current_pain=1,
        is_self_screen=True,
        years_running=1,
        weekly_km=20,
        marathons_finished=0,
    )
    placement = screening_place(screening, clinic_ladders())
    ladder = clinic_ladder(LADDER)
    placed = next(p for p in placement.placements if p.ladder_key == LADDER)
    state = progression_start(
        ladder=ladder,
        rung_key=placed.rung_key,
        started_on=MONDAY,
        baseline_pain=placement.baseline_pain,
        assumed_progress=dict(placement.assumed_progress),
    )
    replay = Replay(
        "1. First sessions after a self-screen (a new runner's baseline week)",
        ladder,
        state,
        note=(
            "Self-screen: 31, 1 year running, 20 km a week, pain 1/10 today. Sessions Monday, "
            "Wednesday, Friday, every one easy (pain 1/10, good control, effort 6/10), every "
            "next morning back to normal."
        ),
    )
    _placed_row(replay, placed, placement.baseline_pain)
    for n in (0, 2, 4, 7):
        replay.session(days(n), pain=1, effort=6, morning=(1, 1))
    return replay


def _placed_row(replay: Replay, placed: LadderPlacement, baseline_pain: int) -> None:
    rung = replay.ladder.rung(placed.rung_key)
    replay.rows.append(
        Row(
            MONDAY,
            f"screening (usual morning pain set to {baseline_pain}/10)",
            str(placed.rule),
            "placed",
            rung.key,
            rung.dose,
            f"{rung.label.split(' (')[0]}: {dose_describe(rung.dose, rung.scale)}",
            placed.reason,
        )
    )


# --- 2. Flare after a long run ---------------------------------------------------------------


def long_run_flare(morning_pain: int) -> Replay:
    """Saturday: banded clams, then a long run. Sunday morning's pain is `morning_pain` (usual
    1/10) and the check-in says "a race or long run yesterday"."""
    ladder = clinic_ladder(LADDER)
    state = started_at(ladder, "gmed_banded_clam", target=12)
    replay = Replay(
        f"2{'ab'[morning_pain > 3]}. The morning after a long run, "
        f"{morning_pain - 1} points above usual",
        ladder,
        state,
        note=(
            "Usual morning 1/10 pain and stiffness. Banded clams on Wednesday and Saturday "
            f"(easy), a 30 km long run on Saturday, Sunday morning pain {morning_pain}/10."
        ),
    )
    replay.session(days(2), pain=1, morning=(1, 1))
    replay.session(days(5), pain=1, morning=(morning_pain, 2), long_run_yesterday=True)
    return replay


# --- 3. Ill, then back after a break ---------------------------------------------------------


def ill_then_back() -> Replay:
    """Ill for a fortnight after Monday's session: unwell mornings, no sessions, back 15 days on."""
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "3a. Two weeks ill, back after 15 days",
        ladder,
        started_at(ladder, "gmed_banded_clam", target=12),
        note=(
            "Usual morning 1/10. A session on Monday 4 January, then a fortnight of flu: she "
            "checks in feeling ill, skips her sessions, and opens the next one on 19 January."
        ),
    )
    replay.session(days(0), pain=1, morning=(2, 2), unwell=True)
    replay.check_in(days(2), 2, 2, unwell=True)
    replay.check_in(days(5), 1, 2, unwell=True)
    replay.check_in(days(9), 1, 1)
    replay.open_session(days(15))
    replay.session(days(15), pain=1, morning=(1, 1))
    return replay


def back_after(gap: int, rung_key: str, *, target: int, load_step: int = 0) -> Replay:
    """One session, then `gap` days off (an injury elsewhere, a holiday), then back."""
    ladder = clinic_ladder(LADDER)
    rule = {30: "G2", 60: "G3"}.get(gap, "G1")
    replay = Replay(
        f"3{'bc'[gap > 30]}. Back after {gap} days off ({rule})",
        ladder,
        started_at(ladder, rung_key, target=target, load_step=load_step),
        note=f"Usual morning 1/10. A good session, then {gap} days without one.",
    )
    replay.session(days(0), pain=1, morning=(1, 1))
    replay.open_session(days(gap))
    replay.session(days(gap), pain=1, morning=(1, 1))
    return replay


# --- 4. Severe pain during a set -------------------------------------------------------------


def pain_9_in_a_set() -> Replay:
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "4. Pain 9/10 during a set: paused until the physio resumes it",
        ladder,
        started_at(ladder, "gmed_banded_squat", target=12, load_step=1),
        note=(
            "Usual morning 1/10. Banded squats at 3 × 12 with the medium band; on Wednesday a "
            "set hurts 9/10. The decision is made when the session is logged, not the next "
            "morning."
        ),
    )
    replay.session(days(0), pain=2, morning=(1, 1))
    replay.session(days(2), pain=9, morning=None)
    replay.check_in(days(3), 3, 3, session_yesterday=True)
    replay.open_session(days(4))
    replay.refused_session(days(4))
    replay.resume(days(6), PHYSIO)
    replay.open_session(days(7))
    replay.session(days(7), pain=1, morning=(1, 1))
    return replay


# --- 5. Plateau ------------------------------------------------------------------------------


def plateau() -> Replay:
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "5. Two weeks of holds with reacting mornings: a plateau for the physio",
        ladder,
        started_at(ladder, "gmed_banded_side_steps", target=12, started_on=MONDAY),
        note=(
            "Usual morning 1/10. Banded side steps Monday, Wednesday, Friday for two weeks. "
            "Nothing alarming, but nothing earns a step either: most next mornings are 2/10, one "
            "session reaches 4/10, one is done with only ok control. The plateau scan runs daily."
        ),
    )
    # (day, pain during, control, next-morning pain)
    pattern = (
        (0, 1, Control.GOOD, 2),
        (2, 1, Control.GOOD, 2),
        (4, 4, Control.GOOD, 1),
        (7, 1, Control.GOOD, 2),
        (9, 1, Control.OK, 1),
        (11, 1, Control.GOOD, 2),
    )
    for n, pain, control, morning_pain in pattern:
        replay.session(days(n), pain=pain, control=control, morning=(morning_pain, 1))
    replay.plateau_scan(days(13), since=MONDAY)
    replay.plateau_scan(days(14), since=MONDAY)
    return replay


# --- 6. A physio's pin -----------------------------------------------------------------------


def pinned_then_pain_6(*, dose_pinned: bool = True) -> Replay:
    """A physio pins banded weighted squats (the dose too, or only the rung); a session on the
    pin hurts 6/10."""
    ladder = clinic_ladder(LADDER)
    rung = ladder.rung("gmed_banded_weighted_squat")
    state = started_at(ladder, rung.key, target=8, load_step=1)
    pinned = replace(state.dose, target=10)
    what = dose_describe(pinned, rung.scale)
    if dose_pinned:
        title = "6a. A physio's pinned dose hurts 6/10: safety beats the pin (S3)"
        note = f"{PHYSIO} pins banded weighted squats at {what} after a review."
    else:
        title = "6b. Only the rung is pinned, and it hurts 6/10: eased within the rung (R1)"
        note = f"{PHYSIO} pins the banded weighted squat (the dose may still move), from {what}."
    replay = Replay(
        title,
        ladder,
        state,
        note=note + " On Wednesday the sets hurt 6/10 (usual morning 1/10).",
    )
    override = Override(rung.key, pinned if dose_pinned else None, PHYSIO, days(0), "review")
    if not dose_pinned:
        replay.state = replace(replay.state, dose=pinned)
    replay.pin(days(0), override)
    replay.session(days(0), pain=2, morning=(1, 1))
    replay.session(days(2), pain=6, morning=None)
    return replay


# --- 7. A red flag on a rest day -------------------------------------------------------------


def numbness_on_a_rest_day() -> Replay:
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "7a. Numbness reported at a rest-day check-in",
        ladder,
        started_at(ladder, "gmed_banded_squat", target=10),
        note=(
            "Usual morning 1/10. A good session on Monday; on Thursday, a rest day, she "
            "reports numbness or tingling in the leg."
        ),
    )
    replay.session(days(0), pain=1, morning=(1, 1))
    replay.check_in(days(3), 1, 1, numbness=True)
    replay.refused_session(days(4))
    return replay


def numbness_after_a_painful_session() -> Replay:
    ladder = clinic_ladder(LADDER)
    replay = Replay(
        "7b. Numbness the morning after a session that hurt 6/10",
        ladder,
        started_at(ladder, "gmed_banded_squat", target=12),
        note=(
            "Usual morning 1/10. Monday's banded squats hurt 6/10 (the session rules ease the "
            "dose), and on Tuesday morning she reports numbness or tingling in the leg."
        ),
    )
    replay.session(days(0), pain=6, morning=(2, 1), numbness=True)
    return replay


SCENARIOS = (
    first_week,
    lambda: long_run_flare(3),
    lambda: long_run_flare(5),
    ill_then_back,
    lambda: back_after(30, "gmed_banded_squat", target=12, load_step=1),
    lambda: back_after(60, "gmed_banded_squat", target=12, load_step=1),
    pain_9_in_a_set,
    plateau,
    pinned_then_pain_6,
    lambda: pinned_then_pain_6(dose_pinned=False),
    numbness_on_a_rest_day,
    numbness_after_a_painful_session,
)


# --- the tests -------------------------------------------------------------------------------

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


def main() -> None:
    print("\n\n".join(make().markdown() for make in SCENARIOS))


if __name__ == "__main__":
    main()
