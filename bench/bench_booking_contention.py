"""Benchmark: 50 clients POST the same slot at once to gunicorn backed by PostgreSQL.

Exactly one booking must succeed, the other 49 must get 409 slot_unavailable, and none may
get a 5xx. It creates a fresh PostgreSQL database, migrates it, seeds one physio and one
appointment type, starts gunicorn on 127.0.0.1 with production-like settings (DEBUG off,
database task queue, several workers and threads), fires the clients behind a barrier, prints
the outcome and the p50/p99 latency, then stops gunicorn and drops the database. Every step has
a time limit.

Each client sends its own X-Forwarded-For (gunicorn is told there is one trusted proxy), as 50
different people would: the per-address rate limit is not what is being measured.

Run: .venv/bin/python bench/bench_booking_contention.py   (exit status 1 when the outcome is wrong)
Environment: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/sw_booking_bench).
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 50
WORKERS, THREADS = 4, 8
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sw_booking_bench")
STEP_TIMEOUT = 120
LOG = Path(os.environ.get("TMPDIR", "/tmp")) / "sw-bench-gunicorn.log"
WARM_UP_REQUESTS = 4 * WORKERS * THREADS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def recreate_database() -> None:
    import psycopg

    parts = urlsplit(PG_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database() -> None:
    import psycopg

    parts = urlsplit(PG_URL)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


SEED = """
from datetime import UTC, datetime, time, timedelta
from django.core.management import call_command
call_command("migrate", verbosity=0)
from stridewell.accounts.models import Role, User
from stridewell.accounts.services import practitioner_profile_create
from stridewell.booking.models import AppointmentType, WorkingHours
from stridewell.clinic.models import ClinicProfile, OpeningHours
from stridewell.core.time import LONDON
profile = ClinicProfile.objects.create(name="Bench", address_line1="1 Track Lane",
    postcode="SE1 1ZZ", phone="020 7946 0321", email="clinic@bench.test")
OpeningHours.objects.bulk_create(OpeningHours(profile=profile, weekday=d, opens=time(7),
    closes=time(20)) for d in range(5))
AppointmentType.objects.create(name="Follow-up", slug="follow-up-30", duration_minutes=30,
    price_pence=6000)
user = User.objects.create_user(email="physio@bench.test", password=None, role=Role.PHYSIO)
person = practitioner_profile_create(user=user, display_name="Asha Patel", title="Physio",
    slug="asha-patel")
WorkingHours.objects.bulk_create(WorkingHours(practitioner=person, weekday=d, starts=time(8),
    ends=time(18)) for d in range(5))
day = datetime.now(tz=LONDON).date() + timedelta(days=14)
day += timedelta(days=(1 - day.weekday()) % 7)
print(datetime.combine(day, time(10), tzinfo=LONDON).astimezone(UTC).isoformat())
"""


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"STRIDEWELL_TESTING", "CI"}}
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": PG_URL,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "TASKS_BACKEND": "database",
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_LEVEL": "WARNING",
        # Production settings refuse per-process rate-limit counters.
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    }


def seed() -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + SEED],
        cwd=ROOT,
        env=server_env(),
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding failed:\n{done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def start_gunicorn(port: int) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--worker-class",
        "gthread",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    # Its log (one "Conflict" line per 409, start-up warnings) goes to a file, shown on failure.
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=server_env(),
        start_new_session=True,
        stdout=LOG.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited while starting")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def warm_up(port: int, start: str) -> None:
    """Let every worker import its code and open its database connections before the storm:
    the numbers should describe a running server, not its first seconds."""
    day = start[:10]
    path = f"/api/booking/availability?type=follow-up-30&practitioner=any&start={day}&end={day}"

    def get(_: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", path)
        conn.getresponse().read()

    threads = [threading.Thread(target=get, args=(n,)) for n in range(WARM_UP_REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=STEP_TIMEOUT)


def storm(port: int, start: str) -> tuple[Counter[int], list[float]]:
    barrier = threading.Barrier(CLIENTS)
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        body = json.dumps(
            {
                "type": "follow-up-30",
                "practitioner": "asha-patel",
                "start": start,
                "patient": {
                    "name": f"Runner {n}",
                    "email": f"runner{n}@bench.test",
                    "phone": "07700 900123",
                },
                "is_new_patient": False,
                "accept_policy": True,
            }
        )
        headers = {"Content-Type": "application/json", "X-Forwarded-For": f"10.1.0.{n + 1}"}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.connect()  # connect first so the barrier releases requests, not handshakes
        barrier.wait(timeout=30)
        began = time.perf_counter()
        try:
            conn.request("POST", "/api/booking/appointments", body=body, headers=headers)
            status = conn.getresponse().status
        except OSError:
            status = 0
        elapsed = (time.perf_counter() - began) * 1000
        with lock:
            statuses[status] += 1
            latencies.append(elapsed)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=STEP_TIMEOUT)
    return statuses, latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    try:
        recreate_database()
    except Exception as exc:
        print(f"FAIL: cannot create a PostgreSQL database at {PG_URL}: {exc}")
        return 1
    server = None
    try:
        start = seed()
        port = free_port()
        server = start_gunicorn(port)
        warm_up(port, start)
        statuses, latencies = storm(port, start)
    finally:
        if server is not None:
            stop(server)
        drop_database()
    created, conflicts = statuses[201], statuses[409]
    errors = sum(n for status, n in statuses.items() if status >= 500 or status == 0)
    print(
        f"contention: {CLIENTS} clients, one slot, gunicorn {WORKERS} workers x {THREADS} threads"
    )
    print(f"201 created: {created}   409 slot_unavailable: {conflicts}   5xx/errors: {errors}")
    others = {s: n for s, n in statuses.items() if s not in {201, 409} and s < 500 and s != 0}
    if others:
        print(f"other statuses: {others}")
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    print(f"latency p50 {p50:.0f} ms   p99 {p99:.0f} ms   mean {statistics.mean(latencies):.0f} ms")
    if (created, conflicts, errors) != (1, CLIENTS - 1, 0) or others:
        print(f"FAIL: expected 1 / {CLIENTS - 1} / 0; gunicorn's log ({LOG}):")
        print(LOG.read_text(errors="replace")[-4000:])
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
