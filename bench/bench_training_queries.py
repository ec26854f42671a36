"""Benchmark: the runner dashboard and GET /api/training/programme cost the same after 4 years
of history as after 1.

Both pages read a fixed window (recent decisions, twelve weeks of chart data, six weeks of
adherence), so their query count must not change with history, and their time should not grow
much either. The benchmark builds a throw-away SQLite database, loads the clinic's exercise
library, gives two runners 1 and 4 years of history through the real services (two sessions a
week with next-morning check-ins, plus a rest-day check-in), then requests each page many times,
alternating the runners, and prints query counts, median times and the 4-year / 1-year ratios.

Run: .venv/bin/python bench/bench_training_queries.py [--years-small 1 --years-large 4]
Exit status 1 when the query counts differ or the time ratio exceeds the budget.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MAX_TIME_RATIO = 1.5
ROUNDS = 25


def _setup(db_path: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["STRIDEWELL_TESTING"] = "1"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("training:dashboard")
    except NoReverseMatch:  # not wired into the project yet: use the tests' URLconf
        settings.ROOT_URLCONF = "tests.training.runner.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)


def _seed(email: str, years: int, today: date):
    from stridewell.accounts.models import Role, User
    from stridewell.training.services_logging import (
        ExerciseInput,
        SetInput,
        check_in_record,
        session_log,
    )
    from stridewell.training.services_screening import screening_record

    physio, _ = User.objects.get_or_create(
        email="bench-physio@example.test", defaults={"role": Role.PHYSIO}
    )
    runner = User.objects.create_user(email=email, password="x", role=Role.RUNNER)
    start = today - timedelta(days=today.weekday(), weeks=52 * years)
    programme = screening_record(
        runner=runner, recorded_by=physio, day=start, age=40, sex="male", current_pain=1,
        measures={"step_down": {"left": 1, "right": 1}}, today=start,
    ).programme  # fmt: skip
    assert programme is not None
    entries = list(programme.entries.order_by("position"))
    day = start
    while day < today:
        if day.weekday() in (1, 4):
            exercises = []
            for entry in entries:
                entry.refresh_from_db()
                pain = 6 if day.toordinal() % 37 == 0 else 1 + day.toordinal() % 3
                sets = tuple(
                    SetInput(entry.target, entry.load_step, pain) for _ in range(entry.sets)
                )
                exercises.append(ExerciseInput(entry.pk, "good", sets))
            session_log(
                runner=runner, day=day, client_token=uuid.uuid4(), exercises=exercises, today=day
            )
        if day.weekday() in (0, 2, 5):  # mornings after Tuesday/Friday, and a Monday rest day
            stiffness = 3 if day.toordinal() % 41 == 0 else 1
            check_in_record(runner=runner, day=day, pain=1, stiffness=stiffness, today=day)
        day += timedelta(days=1)
    return runner


def _measure(client, url: str) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        began = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - began
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), elapsed * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years-small", type=int, default=1)
    parser.add_argument("--years-large", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp) / "bench.sqlite3")
        from django.test import Client
        from django.urls import reverse

        from stridewell.core.time import now_london
        from stridewell.training.library_loader import library_load_file
        from stridewell.training.models import CheckIn, Decision, Session

        library_load_file()
        today = now_london().date()
        sizes = {"small": args.years_small, "large": args.years_large}
        runners = {}
        for name, years in sizes.items():
            began = time.perf_counter()
            runners[name] = _seed(f"{name}@example.test", years, today)
            r = runners[name]
            print(
                f"seeded {years} year(s): {Session.objects.filter(runner=r).count()} sessions, "
                f"{CheckIn.objects.filter(runner=r).count()} check-ins, "
                f"{Decision.objects.filter(runner=r).count()} decisions "
                f"in {time.perf_counter() - began:.1f} s"
            )
        pages = {
            "dashboard": reverse("training:dashboard"),
            "GET /api/training/programme": "/api/training/programme",
        }
        clients = {}
        for name, runner in runners.items():
            clients[name] = Client()
            clients[name].force_login(runner)
        failed = False
        for page, url in pages.items():
            queries: dict[str, set[int]] = {n: set() for n in sizes}
            times: dict[str, list[float]] = {n: [] for n in sizes}
            for name in sizes:  # warm up
                _measure(clients[name], url)
            for _ in range(ROUNDS):
                for name in sizes:  # alternate so both see the same machine conditions
                    count, ms = _measure(clients[name], url)
                    queries[name].add(count)
                    times[name].append(ms)
            small, large = (statistics.median(times[n]) for n in ("small", "large"))
            ratio = large / small
            same = queries["small"] == queries["large"] and len(queries["small"]) == 1
            print(
                f"{page}: queries {sorted(queries['small'])} ({args.years_small} y) vs "
                f"{sorted(queries['large'])} ({args.years_large} y); median "
                f"{small:.1f} ms vs {large:.1f} ms; ratio {ratio:.2f} (limit {MAX_TIME_RATIO})"
            )
            if not same:
                print(f"  FAIL: the query count of {page} depends on the history")
                failed = True
            if ratio > MAX_TIME_RATIO:
                print(f"  FAIL: {page} is {ratio:.2f}x slower with the longer history")
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
