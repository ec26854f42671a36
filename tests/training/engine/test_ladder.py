"""Ladder validation (clear errors) and moving up a rung (never past a locked one)."""

from __future__ import annotations

import pytest

from stridewell.training.engine import (
    EngineInputError,
    Ladder,
    LadderError,
    Prerequisite,
    PrerequisiteKind,
    Rung,
    ladder_validate,
    ladders_validate,
    next_rung,
)

from .builders import glute_med_ladder, small_ladder

COMPLETED, REACHED = PrerequisiteKind.COMPLETED, PrerequisiteKind.REACHED


def rung(key, position, *prerequisites):
    return Rung(key, key, position, prerequisites=tuple(prerequisites))


def needs(key, kind=COMPLETED, sessions=2):
    return Prerequisite(key, kind, sessions)


def test_the_clinic_ladders_are_valid():
    assert ladder_validate(glute_med_ladder()) == []
    assert ladders_validate([glute_med_ladder(), small_ladder()]) == []


INVALID = [
    (
        "empty ladder",
        Ladder("x", "X", ()),
        [LadderError("empty_ladder", "Ladder 'x' has no rungs.")],
    ),
    (
        "duplicate key",
        Ladder("x", "X", (rung("a", 1), rung("a", 2))),
        [LadderError("duplicate_key", "Rung key 'a' is used twice (ladders 'x' and 'x').", "a")],
    ),
    (
        "duplicate position",
        Ladder("x", "X", (rung("a", 1), rung("b", 1))),
        [
            LadderError(
                "duplicate_position", "Rungs 'a' and 'b' share position 1 in ladder 'x'.", "b"
            )
        ],
    ),
    (
        "unknown prerequisite",
        Ladder("x", "X", (rung("a", 1), rung("b", 2, needs("zz")))),
        [
            LadderError(
                "unknown_prerequisite",
                "Rung 'b' requires 'zz', which is not a rung of any ladder.",
                "b",
            )
        ],
    ),
    (
        "zero sessions",
        Ladder("x", "X", (rung("a", 1), rung("b", 2, needs("a", sessions=0)))),
        [
            LadderError(
                "invalid_prerequisite",
                "Rung 'b' requires 'a' in 0 sessions; it must be at least 1.",
                "b",
            )
        ],
    ),
    (
        "prerequisite later in the ladder",
        Ladder("x", "X", (rung("a", 1), rung("b", 2, needs("c")), rung("c", 3))),
        [
            LadderError(
                "unreachable",
                "Rung 'b' can never be reached: it requires 'c', which comes later in the ladder "
                "(rung 3), and rungs are climbed in order.",
                "b",
            ),
            LadderError(
                "unreachable",
                "Rung 'c' can never be reached: the rung below it, 'b', can never be reached.",
                "c",
            ),
        ],
    ),
    (
        "self prerequisite",
        Ladder("x", "X", (rung("a", 1), rung("b", 2, needs("b")))),
        [
            LadderError("cycle", "Prerequisites form a cycle: b → b.", "b"),
            LadderError(
                "unreachable",
                "Rung 'b' can never be reached: it requires 'b', which is part of a "
                "prerequisite cycle.",
                "b",
            ),
        ],
    ),
]


@pytest.mark.parametrize(("ladder", "errors"), [pytest.param(*c[1:], id=c[0]) for c in INVALID])
def test_invalid_ladders_are_reported_clearly(ladder, errors):
    assert ladder_validate(ladder) == errors


def test_a_cycle_is_reported_once_with_its_path():
    ladder = Ladder(
        "x",
        "X",
        (
            rung("a", 1),
            rung("b", 2, needs("d")),
            rung("c", 3, needs("b")),
            rung("d", 4, needs("c")),
        ),
    )
    errors = ladder_validate(ladder)
    cycles = [e.message for e in errors if e.code == "cycle"]
    assert cycles == ["Prerequisites form a cycle: b → d → c → b."]
    assert [e.rung_key for e in errors if e.code == "unreachable"] == ["b", "c", "d"]


def test_prerequisites_on_other_ladders_are_known_by_key():
    balance = Ladder("balance", "Balance", (rung("stance", 1), rung("hitch", 2)))
    squat = Ladder("squat", "Squat", (rung("banded", 1), rung("step_up", 2, needs("stance"))))
    assert [e.code for e in ladder_validate(squat)] == ["unknown_prerequisite"]
    assert ladder_validate(squat, external_keys={"stance"}) == []
    assert ladders_validate([balance, squat]) == []


def test_a_cycle_across_ladders_is_found():
    one = Ladder("one", "One", (rung("a1", 1), rung("a2", 2, needs("b2"))))
    two = Ladder("two", "Two", (rung("b1", 1), rung("b2", 2, needs("a2"))))
    errors = ladders_validate([one, two])
    assert [e.message for e in errors if e.code == "cycle"] == [
        "Prerequisites form a cycle: a2 → b2 → a2."
    ]
    assert sorted(e.rung_key for e in errors if e.code == "unreachable") == ["a2", "b2"]


def test_duplicate_keys_across_ladders():
    errors = ladders_validate(
        [Ladder("one", "One", (rung("a", 1),)), Ladder("two", "Two", (rung("a", 1),))]
    )
    assert errors == [
        LadderError("duplicate_key", "Rung key 'a' is used twice (ladders 'one' and 'two').", "a")
    ]


# --- next_rung ---------------------------------------------------------------------------------


def test_banded_single_leg_squat_waits_for_weighted_squats_done_with_good_control():
    ladder = glute_med_ladder()
    locked = next_rung(ladder, "gm_weighted_squat", {"gm_weighted_squat": 2})
    assert not locked.is_allowed
    assert locked.rung.key == "gm_weighted_squat"
    assert locked.unmet == (Prerequisite("gm_weighted_squat", COMPLETED, 3),)
    assert locked.message == (
        "'Banded single-leg squat' unlocks once 'Banded weighted squat' has been done at its full "
        "dose with good control in 3 sessions (so far 2)."
    )
    unlocked = next_rung(ladder, "gm_weighted_squat", {"gm_weighted_squat": 3})
    assert unlocked.is_allowed
    assert unlocked.rung.key == "gm_single_leg_squat"


def test_next_rung_is_only_ever_the_one_directly_above():
    ladder = glute_med_ladder()
    assert next_rung(ladder, "gm_clam", {}).rung.key == "gm_side_lying"


def test_a_reached_prerequisite_needs_only_to_have_been_stood_on():
    ladder = Ladder("x", "X", (rung("a", 1), rung("b", 2), rung("c", 3, needs("a", REACHED))))
    assert next_rung(ladder, "b", {"a": 0}).is_allowed
    blocked = next_rung(ladder, "b", {})
    assert blocked.message == "'C' unlocks once you have reached 'A'."


def test_the_top_rung_has_nowhere_to_go():
    result = next_rung(small_ladder(), "squat", {})
    assert result.candidate is None
    assert not result.is_allowed
    assert result.message == "'Banded squat' is the top of the hip ladder."


def test_an_unknown_current_rung_is_an_input_error():
    with pytest.raises(EngineInputError, match="ladder 'hip' has no rung 'nope'"):
        next_rung(small_ladder(), "nope", {})
