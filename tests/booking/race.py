"""Many clients racing for the same slot through the real API, on the connected database.

Used in-process on PostgreSQL (threads, one connection each) and, for SQLite, inside a child
process on a throw-away database file (see race_worker.py): an in-memory SQLite test database
is shared through one cache and cannot host concurrent writers the way a file does.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.test import Client

from stridewell.accounts.models import PractitionerProfile, Role, User
from stridewell.accounts.services import practitioner_profile_create
from stridewell.booking.models import AppointmentType, WorkingHours
from stridewell.clinic.models import ClinicProfile, OpeningHours
from stridewell.core.time import LONDON


def race_start() -> datetime:
    """10:00 London time on a Tuesday two weeks ahead."""
    today = datetime.now(tz=LONDON).date() + timedelta(days=14)
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7)
    return datetime.combine(tuesday, time(10), tzinfo=LONDON).astimezone(UTC)


def seed(*, practitioners: int, needs_confirmation: bool = False) -> list[str]:
    """A clinic open every weekday, `practitioners` physios working 08-18, one 30-minute type."""
    profile = ClinicProfile.objects.create(
        name="Stridewell",
        address_line1="Unit 4",
        postcode="SE1 1ZZ",
        phone="020 7946 0321",
        email="clinic@stridewell.test",
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(profile=profile, weekday=d, opens=time(7), closes=time(20)) for d in range(5)
    )
    AppointmentType.objects.create(
        name="Follow-up",
        slug="follow-up-30",
        duration_minutes=30,
        price_pence=6000,
        needs_confirmation=needs_confirmation,
    )
    slugs = []
    for n in range(practitioners):
        user = User.objects.create_user(
            email=f"physio{n}@stridewell.test", password="pw-for-tests-only", role=Role.PHYSIO
        )
        person = practitioner_profile_create(
            user=user, display_name=f"Physio {n}", title="Physio", slug=f"physio-{n}", sort_order=n
        )
        WorkingHours.objects.bulk_create(
            WorkingHours(practitioner=person, weekday=d, starts=time(8), ends=time(18))
            for d in range(5)
        )
        slugs.append(person.slug)
    return slugs


def race(
    *, clients: int, practitioner: str, path: str = "/api/booking/appointments"
) -> dict[str, Any]:
    """`clients` threads POST the same slot at once; returns status counts and who got what."""
    start = race_start().isoformat().replace("+00:00", "Z")
    barrier = threading.Barrier(clients)
    statuses: list[int] = []
    winners: list[str] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        # Each client has its own address, as real clients do (rate limits are per address).
        client = Client(REMOTE_ADDR=f"10.0.{n // 250}.{n % 250 + 1}")
        body = {
            "type": "follow-up-30",
            "practitioner": practitioner,
            "start": start,
            "patient": {
                "name": f"Runner {n}",
                "email": f"runner{n}@example.test",
                "phone": "07700 900123",
            },
            "is_new_patient": False,
            "accept_policy": True,
        }
        if path.endswith("/holds"):
            body = {k: body[k] for k in ("type", "practitioner", "start")}
        try:
            barrier.wait(timeout=30)
            response = client.post(path, json.dumps(body), content_type="application/json")
            with lock:
                statuses.append(response.status_code)
                if response.status_code == 201:
                    winners.append(response.json()["practitioner"])
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return {"statuses": dict(Counter(statuses)), "winners": sorted(winners)}


def confirm_race(*, clients: int) -> dict[str, Any]:
    """A pending request; `clients` members of staff press "confirm" at the same moment."""
    from stridewell.booking.errors import BookingError
    from stridewell.booking.models import Appointment, Status
    from stridewell.booking.services.changes import appointment_confirm

    start = race_start()
    person = PractitionerProfile.objects.get(slug="physio-0")
    pending = Appointment.objects.create(
        appointment_type=AppointmentType.objects.get(),
        practitioner=person,
        status=Status.PENDING,
        start=start,
        end=start + timedelta(minutes=30),
        blocked_start=start,
        blocked_end=start + timedelta(minutes=30),
        patient_email="runner@example.test",
    )
    staff = [
        User.objects.create_user(
            email=f"desk{n}@stridewell.test", password="pw-for-tests-only", role=Role.STAFF
        )
        for n in range(clients)
    ]
    barrier = threading.Barrier(clients)
    outcomes: list[str] = []
    lock = threading.Lock()

    def one(user: User) -> None:
        try:
            barrier.wait(timeout=30)
            try:
                appointment_confirm(appointment_id=pending.pk, actor=user)
                outcome = "confirmed"
            except BookingError as exc:
                outcome = exc.code
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(user,)) for user in staff]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    pending.refresh_from_db()
    return {"outcomes": dict(Counter(outcomes)), "status": pending.status}
