"""Benchmark: the marathon planner's engine and calendar feed.

Budgets (issue 4): a 30-week plan is generated in <= 20 ms and re-flowed after a change in
<= 10 ms in the engine; a one-year iCalendar feed renders in <= 100 ms.

* generate: `plan_generate` for a runner 30 weeks from race day (the longest plan);
* re-flow: `plan_reflow` on that plan for each kind of change the runner makes (a missed
  quality session that moves, a moved run, a moved strength session, a new race date that
  re-plans the future); the budget applies to every one;
* feed (pure): `calendar_text` for a year of events (52 weeks of 6 runs and 2 strength
  sessions, plus 12 clinic appointments: 428 events);
* feed (whole request): GET of the secret feed address through Django's test Client for a
  runner with a 30-week plan, in a throw-away SQLite database (queries, event building,
  text).

Each figure is the median of many runs (alternated, so all see the same machine conditions),
with the 90th percentile beside it. Exit status 1 when a median misses its budget.

Run: .venv/bin/python bench/bench_planner.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_TMP = tempfile.TemporaryDirectory(prefix="bench-planner-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["STRIDEWELL_TESTING"] = "1"
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP.name}/bench.sqlite3"
os.environ.pop("REDIS_URL", None)

from stridewell.core.time import LONDON  # noqa: E402
from stridewell.planner.engine import (  # noqa: E402
    PlanChanged,
    PlanInputs,
    RunKind,
    RunMissed,
    RunMoved,
    StrengthMoved,
    plan_generate,
    plan_reflow,
)
from stridewell.planner.ics import FeedEvent, calendar_text  # noqa: E402

GENERATE_BUDGET_MS = 20.0
REFLOW_BUDGET_MS = 10.0
FEED_BUDGET_MS = 100.0
ROUNDS = 300

TODAY = date(2026, 1, 7)  # a Wednesday; the plan starts on Monday 12 January
INPUTS = PlanInputs(
    race_date=date(2026, 8, 9),  # Sunday of the 30th week
    today=TODAY,
    current_weekly_km=45.0,
    longest_recent_run_km=18.0,
    available_days=frozenset({0, 1, 2, 3, 5, 6}),
    long_run_day=6,
    quality_days=frozenset({1, 3}),
    goal_time=timedelta(hours=3, minutes=40),
)


def _ms(seconds: float) -> float:
    return seconds * 1000


def _time(fn, rounds: int = ROUNDS) -> list[float]:
    fn()  # warm up
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(_ms(time.perf_counter() - start))
    return samples


def _row(name: str, samples: list[float], budget: float) -> bool:
    median = statistics.median(samples)
    p90 = statistics.quantiles(samples, n=10)[-1]
    ok = median <= budget
    print(
        f"  {name:<42} median {median:7.2f} ms  p90 {p90:7.2f} ms  budget {budget:5.0f} ms  "
        f"{median / budget:5.0%} of budget  {'ok' if ok else 'MISSED'}"
    )
    return ok


def engine_figures() -> bool:
    plan = plan_generate(INPUTS)
    assert len(plan.weeks) == 30, len(plan.weeks)
    week = plan.weeks[10]
    monday = week.start
    quality = next(r for r in week.runs if r.kind is RunKind.QUALITY)
    easy = next(r for r in week.runs if r.kind is RunKind.EASY and r.day > monday)
    session = week.strength[-1]
    free_day = next(
        d for d in week.days if d not in {s.day for s in week.strength} and d.weekday() == 4
    )
    changes = {
        "missed quality session (moves)": (RunMissed(quality.key), quality.day),
        "run moved": (RunMoved(easy.key, easy.day + timedelta(days=1)), monday),
        "strength session moved": (StrengthMoved(session.key, free_day), monday),
        "race date changed (re-plans the future)": (
            PlanChanged(race_date=INPUTS.race_date + timedelta(weeks=1)),
            monday,
        ),
    }
    print(
        f"Engine ({len(plan.weeks)}-week plan, {len(plan.runs())} runs, "
        f"{len(plan.strength())} strength sessions)"
    )
    ok = _row("generate a 30-week plan", _time(lambda: plan_generate(INPUTS)), GENERATE_BUDGET_MS)
    for name, (change, today) in changes.items():
        plan_reflow(plan, change, today=today)  # must be accepted
        ok &= _row(
            f"re-flow: {name}",
            _time(lambda c=change, t=today: plan_reflow(plan, c, today=t)),
            REFLOW_BUDGET_MS,
        )
    return ok


def year_of_events() -> list[FeedEvent]:
    events = []
    first = datetime(2026, 1, 5, 7, 0, tzinfo=LONDON)
    for week in range(52):
        for day, kind in (
            (0, "Easy"),
            (1, "Tempo"),
            (2, "Easy"),
            (3, "Intervals"),
            (5, "Easy"),
            (6, "Long"),
        ):
            start = (first + timedelta(weeks=week, days=day)).replace(tzinfo=None)
            start = start.replace(tzinfo=LONDON)
            events.append(
                FeedEvent(
                    uid=f"run-{week}-{day}@stridewell.planner",
                    sequence=week % 3,
                    start=start,
                    end=start + timedelta(minutes=55),
                    summary=f"{kind} run · 10 km",
                    description="Relaxed, conversational pace (about 6:10 min/km): you could talk "
                    "in full sentences.\n\nWeek view: https://example.test/plan/this-week/",
                    category="Run",
                )
            )
        for day in (1, 3):
            start = first + timedelta(weeks=week, days=day, hours=11, minutes=30)
            events.append(
                FeedEvent(
                    uid=f"strength-{week}-{day}@stridewell.planner",
                    sequence=0,
                    start=start,
                    end=start + timedelta(minutes=45),
                    summary="Strength: full session (45 min)",
                    description="Tuesday, after your tempo run: run first and do the strength work "
                    "afterwards. Base phase: two heavier sessions a week.",
                    category="Strength",
                )
            )
    for month in range(1, 13):
        start = datetime(2026, month, 15, 17, 0, tzinfo=UTC)
        events.append(
            FeedEvent(
                uid=f"appointment-{month}@stridewell.planner",
                sequence=0,
                start=start,
                end=start + timedelta(minutes=45),
                summary="Clinic: Follow-up",
                category="Appointment",
            )
        )
    return sorted(events, key=lambda e: e.start)


def feed_figures() -> bool:
    events = year_of_events()
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    body = calendar_text(events, name="Stridewell: bench", stamp=stamp)
    print(f"Calendar feed ({len(events)} events, {len(body) / 1024:.0f} KiB)")
    ok = _row(
        "render one year of events (pure)",
        _time(lambda: calendar_text(events, name="Stridewell: bench", stamp=stamp)),
        FEED_BUDGET_MS,
    )
    return ok & request_figures()


def request_figures() -> bool:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client, override_settings

    from stridewell.accounts.models import User
    from stridewell.planner.feed_tokens import feed_token_rotate
    from stridewell.planner.services import plan_create

    call_command("migrate", verbosity=0)
    runner = User.objects.create_user(email="bench@example.test", password="x" * 20)
    plan_create(
        runner=runner,
        race_name="Bench Marathon",
        race_date=INPUTS.race_date,
        current_weekly_km=INPUTS.current_weekly_km,
        longest_recent_run_km=INPUTS.longest_recent_run_km,
        available_days=INPUTS.available_days,
        long_run_day=INPUTS.long_run_day,
        quality_days=INPUTS.quality_days,
        goal_time=INPUTS.goal_time,
        today=TODAY,
    )
    url = f"/plan/feed/{feed_token_rotate(runner=runner)}.ics"
    client = Client()
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        count = response.content.count(b"BEGIN:VEVENT")
        return _row(
            f"GET the feed address ({count} events, DB included)",
            _time(lambda: client.get(url), rounds=100),
            FEED_BUDGET_MS,
        )


def main() -> int:
    ok = engine_figures()
    ok &= feed_figures()
    print("All budgets met." if ok else "A budget was missed.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
