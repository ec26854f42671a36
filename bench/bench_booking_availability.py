"""Benchmark: free slots for 8 practitioners over 60 days, with 1k, 5k and 20k appointments.

The selector reads everything in a fixed number of queries (whatever the number of rows) and
the pure core works on sorted minute spans, so the time should grow no faster than the number
of appointments, and stay within 50 ms at 5,000 appointments. It uses a throw-away SQLite file.

For each size it prints the query count, the median of several warm runs (the clinic engine
caches wall-clock expansions across requests, as a running server does) and the first, cold
run; then the growth ratio from 1k to 20k against the 20x growth in appointments.

Times are the CPU time of the calling thread: SQLite runs in-process, so that includes the
database's work, while it leaves out time spent waiting for a CPU on a busy shared machine.
Wall-clock medians are printed alongside (equal on an idle machine).

Run: .venv/bin/python bench/bench_booking_availability.py   (exit status 1 when a limit is broken)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall
from pathlib import Path

BUDGET_MS_AT_5K = 50.0
SIZES = (1_000, 5_000, 20_000)
PRACTITIONERS = 8
DAYS = 60
RUNS = 15

_db = Path(tempfile.mkdtemp(prefix="sw-bench-")) / "bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["STRIDEWELL_TESTING"] = "1"
os.environ["DATABASE_URL"] = f"sqlite:///{_db}"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()


from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from stridewell.accounts.models import Role, User  # noqa: E402
from stridewell.accounts.services import practitioner_profile_create  # noqa: E402
from stridewell.booking.models import Appointment, AppointmentType, Status, WorkingHours  # noqa: E402
from stridewell.booking.selectors import slot_list_available  # noqa: E402
from stridewell.clinic.models import ClinicProfile, OpeningHours  # noqa: E402
from stridewell.core.time import LONDON  # noqa: E402

OPENS, CLOSES = wall(7), wall(20)
CELL_MINUTES = 15


def setup() -> tuple[AppointmentType, list, datetime]:
    call_command("migrate", verbosity=0)
    profile = ClinicProfile.objects.create(
        name="Bench clinic",
        address_line1="1 Track Lane",
        postcode="SE1 1ZZ",
        phone="020 7946 0321",
        email="clinic@bench.test",
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(profile=profile, weekday=d, opens=OPENS, closes=CLOSES) for d in range(6)
    )
    people = []
    for n in range(PRACTITIONERS):
        user = User.objects.create_user(
            email=f"physio{n}@bench.test", password=None, role=Role.PHYSIO
        )
        person = practitioner_profile_create(
            user=user, display_name=f"Physio {n}", title="Physio", slug=f"physio-{n}", sort_order=n
        )
        WorkingHours.objects.bulk_create(
            WorkingHours(practitioner=person, weekday=d, starts=OPENS, ends=CLOSES)
            for d in range(6)
        )
        people.append(person)
    kind = AppointmentType.objects.create(
        name="Follow-up",
        slug="follow-up",
        duration_minutes=30,
        price_pence=6000,
        min_notice_minutes=0,
        horizon_days=DAYS + 1,
        grid_minutes=15,
    )
    first_day = datetime.now(tz=LONDON).date() + timedelta(days=1)
    return kind, people, datetime.combine(first_day, wall(), tzinfo=LONDON)


def cells(people: list, first: datetime) -> list[tuple[object, datetime]]:
    """Every 15-minute cell a practitioner works in the 60 days (London wall clock)."""
    per_day = int((CLOSES.hour - OPENS.hour) * 60 / CELL_MINUTES)
    found = []
    for offset in range(DAYS):
        day = first.date() + timedelta(days=offset)
        if day.weekday() == 6:
            continue
        opening = datetime.combine(day, OPENS, tzinfo=LONDON).astimezone(UTC)
        for person in people:
            found.extend(
                (person, opening + timedelta(minutes=CELL_MINUTES * n)) for n in range(per_day)
            )
    return found


def fill(kind: AppointmentType, chosen: list[tuple[object, datetime]]) -> None:
    Appointment.objects.all().delete()
    rows = [
        Appointment(
            appointment_type=kind,
            practitioner=person,
            status=Status.CONFIRMED,
            start=start,
            end=start + timedelta(minutes=CELL_MINUTES),
            blocked_start=start,
            blocked_end=start + timedelta(minutes=CELL_MINUTES),
            patient_name="Bench Runner",
        )
        for person, start in chosen
    ]
    Appointment.objects.bulk_create(rows, batch_size=2000)


def measure(kind: AppointmentType, first: datetime) -> tuple[int, float, float, float, int]:
    window = {
        "appointment_type": kind,
        "practitioner": "any",
        "first_day": first.date(),
        "last_day": first.date() + timedelta(days=DAYS - 1),
    }
    with CaptureQueriesContext(connection) as queries:
        started = time.thread_time()
        slots = slot_list_available(**window)
        cold = (time.thread_time() - started) * 1000
    cpu, wall = [], []
    for _ in range(RUNS):
        started, started_wall = time.thread_time(), time.perf_counter()
        slot_list_available(**window)
        cpu.append((time.thread_time() - started) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    return len(queries), statistics.median(cpu), statistics.median(wall), cold, len(slots)


def main() -> int:
    kind, people, first = setup()
    pool = cells(people, first)
    rnd = random.Random(20260301)
    results = {}
    print(f"availability: {PRACTITIONERS} practitioners x {DAYS} days, practitioner=any")
    print(f"median of {RUNS} warm runs; cpu = the thread's CPU time, wall = elapsed")
    columns = ("appointments", "queries", "cpu ms", "wall ms", "cold ms", "free")
    print(" ".join(f"{c:>{w}}" for c, w in zip(columns, (12, 8, 8, 8, 8, 7), strict=True)))
    for size in SIZES:
        if size > len(pool):
            print(f"cannot place {size} appointments in {len(pool)} cells")
            return 1
        fill(kind, rnd.sample(pool, size))
        queries, median, wall, cold, free = measure(kind, first)
        results[size] = (queries, median)
        print(f"{size:>12,} {queries:>8} {median:>8.1f} {wall:>8.1f} {cold:>8.1f} {free:>7,}")
    ratio = results[SIZES[-1]][1] / results[SIZES[0]][1]
    growth = SIZES[-1] / SIZES[0]
    print(
        f"time ratio {SIZES[-1]:,} / {SIZES[0]:,}: {ratio:.2f}x for {growth:.0f}x the appointments"
    )
    failures = []
    if len({q for q, _ in results.values()}) != 1:
        failures.append("the number of queries changed with the number of appointments")
    if results[5_000][1] > BUDGET_MS_AT_5K:
        failures.append(
            f"{results[5_000][1]:.1f} ms at 5,000 appointments (budget {BUDGET_MS_AT_5K:.0f} ms)"
        )
    if ratio > growth:
        failures.append("time grew faster than the number of appointments")
    for failure in failures:
        print(f"FAIL: {failure}")
    print("OK" if not failures else "")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
