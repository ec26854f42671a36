"""Benchmark: deciding a runner's next session costs the same after 4 years as after 1.

The engine carries a compact state from decision to decision instead of replaying history, so the
latest decision should take well under the 5 ms budget and cost about the same for a runner with
4 years of sessions as for one with 1 year (the limit is 1.5x).

It builds two synthetic runners (1 and 4 years, 3 sessions a week, four ladders, with flare-ups,
missed check-ins, rest-day check-ins, breaks and a physio override), runs the engine through each
history incrementally as the app would, then times the latest decision for each runner (the
resume check plus the post-session decision for every exercise) many times, alternating the two
runners so both see the same machine conditions, and reports the medians.

Run: .venv/bin/python bench/bench_progression.py   (exit status 1 when a limit is broken)
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from stridewell.training.engine import (
    CheckIn,
    Control,
    Decision,
    Dose,
    Ladder,
    LoadScale,
    Override,
    Prerequisite,
    ProgressionState,
    Rung,
    SessionResult,
    SetResult,
    progression_after_check_in,
    progression_after_session,
    progression_before_session,
    progression_override_clear,
    progression_override_set,
    progression_resume,
    progression_start,
    state_dump,
)

BUDGET_MS = 5.0
MAX_RATIO = 1.5
REPETITIONS = 3000
START = date(2021, 1, 4)  # a Monday
SESSION_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday


def build_ladders() -> tuple[Ladder, ...]:
    bands = LoadScale.band(lightest="light", heaviest="heavy")
    kilos = LoadScale.kg(max_kg=12.5, increment_kg=2.5)
    reps = Dose.reps(sets=3, low=8, high=15)
    holds = Dose.hold(sets=3, low=20, high=45)

    def rung(key: str, position: int, level: int, **extra: object) -> Rung:
        return Rung(key, key, position, level=level, **extra)  # type: ignore[arg-type]

    return (
        Ladder("abductor", "Side-lying abduction", (
            rung("clam", 1, 1, dose=reps, scale=bands),
            rung("side_lying_abduction", 2, 2, dose=reps),
            rung("side_lying_loaded", 3, 3, dose=reps, scale=kilos),
        )),
        Ladder("trunk", "Side plank", (
            rung("side_plank_knees", 1, 2, dose=holds),
            rung("side_plank", 2, 3, dose=holds),
            rung("side_plank_abduction", 3, 5, dose=reps,
                 prerequisites=(Prerequisite("side_lying_abduction"),)),
        )),
        Ladder("squat", "Single-leg squat", (
            rung("banded_squat", 1, 2, dose=reps, scale=bands),
            rung("banded_weighted_squat", 2, 3, dose=reps, scale=kilos),
            rung("banded_single_leg_squat", 3, 4, dose=reps, scale=bands,
                 prerequisites=(Prerequisite("banded_weighted_squat", min_good_sessions=3),)),
            rung("single_leg_squat", 4, 5, dose=reps),
        )),
        Ladder("hinge", "Hinge", (
            rung("glute_bridge", 1, 1, dose=reps),
            rung("single_leg_bridge", 2, 3, dose=reps),
            rung("single_leg_rdl", 3, 4, dose=reps, scale=kilos),
        )),
    )  # fmt: skip


@dataclass
class Runner:
    states: dict[str, ProgressionState]
    last_day: date
    decisions: int = 0
    rules: Counter[str] = field(default_factory=Counter)


def _sets(state: ProgressionState, rng: random.Random, pain: int) -> tuple[SetResult, ...]:
    dose = state.dose
    done = dose.sets if rng.random() > 0.05 else dose.sets - 1
    return tuple(SetResult(dose.target, dose.load_step, pain) for _ in range(done))


def _session_pain(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.80:
        return rng.randint(0, 3)
    return rng.randint(4, 5) if roll < 0.97 else rng.randint(6, 7)


def decide_day(
    runner: Runner, ladders: tuple[Ladder, ...], day: date, rng: random.Random
) -> list[Decision]:
    """One session day for every exercise: resume check, then the post-session decision."""
    pain = _session_pain(rng)
    control = rng.choices(list(Control), weights=(85, 12, 3))[0]
    check_in = None
    if rng.random() < 0.9:  # one missed next-morning check-in in ten
        worse = rng.random() < 0.05
        check_in = CheckIn(
            day + timedelta(days=1), 3 if worse else rng.randint(0, 1), rng.randint(0, 1)
        )
    return _decide(runner, ladders, day, pain, control, check_in, rng)


def _decide(runner, ladders, day, pain, control, check_in, rng) -> list[Decision]:  # noqa: PLR0917
    decisions = []
    progress: dict[str, int] = {}
    for state in runner.states.values():
        progress.update(state.rung_sessions)
    for ladder in ladders:
        state = runner.states[ladder.key]
        if state.is_paused:  # a severe flare paused it; the physio has reviewed and restarts it
            restart = progression_resume(state, ladder=ladder, resumed_by="Physio", today=day)
            state = restart.new_state
            decisions.append(restart)
        resumed = progression_before_session(state, ladder=ladder, today=day)
        if resumed is not None:
            state = resumed.new_state
            decisions.append(resumed)
        effort = rng.choice((None, 5, 6, 7, 8))
        session = SessionResult(state.rung_key, day, _sets(state, rng, pain), control, effort)
        decision = progression_after_session(
            state, ladder=ladder, session=session, next_morning=check_in, other_progress=progress
        )
        runner.states[ladder.key] = decision.new_state
        decisions.append(decision)
    return decisions


def build_history(years: int, seed: int) -> tuple[Runner, tuple[Ladder, ...], date, random.Random]:
    """Run the engine through `years` of history; return the runner before their next session."""
    rng = random.Random(seed)
    ladders = build_ladders()
    runner = Runner(
        {
            ladder.key: progression_start(
                ladder=ladder, rung_key=ladder.ordered[0].key, started_on=START, baseline_pain=1
            )
            for ladder in ladders
        },
        START,
    )
    weeks = 52 * years
    breaks = {rng.randrange(4, weeks) for _ in range(years * 2)}  # ~2 three-week breaks a year
    for week in range(weeks):
        monday = START + timedelta(weeks=week)
        if any(b <= week < b + 3 for b in breaks):
            continue
        if week == weeks // 2:  # a physio pins the squat ladder for a fortnight
            squat = next(ladder for ladder in ladders if ladder.key == "squat")
            pin = Override(runner.states["squat"].rung_key, None, "Sam Patel", monday)
            runner.states["squat"] = progression_override_set(
                runner.states["squat"], ladder=squat, override=pin
            ).new_state
        if week == weeks // 2 + 2:
            squat = next(ladder for ladder in ladders if ladder.key == "squat")
            runner.states["squat"] = progression_override_clear(
                runner.states["squat"], ladder=squat, cleared_by="Sam Patel"
            ).new_state
        for offset in SESSION_DAYS:
            day = monday + timedelta(days=offset)
            for decision in decide_day(runner, ladders, day, rng):
                runner.decisions += 1
                runner.rules[decision.rule] += 1
            runner.last_day = day
        sunday = monday + timedelta(days=6)
        if rng.random() < 0.5:  # a rest-day check-in on some Sundays
            rest = CheckIn(sunday, rng.randint(0, 1), rng.randint(0, 1))
            for ladder in ladders:
                runner.states[ladder.key] = progression_after_check_in(
                    runner.states[ladder.key], ladder=ladder, check_in=rest
                ).new_state
    next_monday = START + timedelta(weeks=weeks)
    return runner, ladders, next_monday, rng


def time_latest_decision(runner: Runner, ladders: tuple[Ladder, ...], day: date) -> float:
    """Seconds for one run of the next session's decisions, from the same carried states."""
    states = dict(runner.states)
    check_in = CheckIn(day + timedelta(days=1), 1, 1)
    rng = random.Random(7)
    probe = Runner(states, runner.last_day)
    started = time.perf_counter()
    _decide(probe, ladders, day, 2, Control.GOOD, check_in, rng)
    return time.perf_counter() - started


def main() -> int:
    built = {}
    for years in (1, 4):
        t0 = time.perf_counter()
        runner, ladders, day, _ = build_history(years, seed=2025)
        built[years] = (runner, ladders, day)
        size = sum(len(json.dumps(state_dump(s))) for s in runner.states.values())
        print(
            f"{years}y history: {runner.decisions} decisions replayed in "
            f"{time.perf_counter() - t0:.2f} s; carried state {size} bytes of JSON"
        )
        print("  rules fired: " + ", ".join(f"{r} {n}" for r, n in sorted(runner.rules.items())))
        print("  now on: " + ", ".join(s.rung_key for s in runner.states.values()))
    samples: dict[int, list[float]] = {1: [], 4: []}
    for _ in range(200):  # warm-up
        for years in (1, 4):
            time_latest_decision(*built[years])
    for _ in range(REPETITIONS):
        for years in (1, 4):
            samples[years].append(time_latest_decision(*built[years]))
    median = {years: statistics.median(values) * 1000 for years, values in samples.items()}
    ratio = median[4] / median[1]
    exercises = len(built[4][1])
    print(f"latest decision ({exercises} exercises), median of {REPETITIONS} runs:")
    print(f"  1 year : {median[1]:.4f} ms")
    print(f"  4 years: {median[4]:.4f} ms")
    print(f"  ratio 4y/1y: {ratio:.3f} (limit {MAX_RATIO}); budget {BUDGET_MS} ms")
    failures = []
    if median[4] > BUDGET_MS or median[1] > BUDGET_MS:
        failures.append(f"a decision took over {BUDGET_MS} ms")
    if ratio > MAX_RATIO:
        failures.append(f"4 years cost {ratio:.2f}x 1 year (limit {MAX_RATIO}x)")
    for failure in failures:
        print(f"FAIL: {failure}")
    if not failures:
        print("OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
