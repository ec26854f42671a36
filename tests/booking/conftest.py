"""Booking fixtures: a clinic week, physios with working hours, appointment types and rooms,
all created through the real models and services. Dates are London dates a week or two ahead
of the real clock, so pages and the API (which use the real "now") see them as bookable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from stridewell.accounts.models import PractitionerProfile, Role, User
from stridewell.accounts.services import practitioner_profile_create
from stridewell.booking.models import AppointmentType, Eligibility, Room, WorkingHours
from stridewell.booking.services.booking import BookingRequest, appointment_book
from stridewell.clinic.models import ClinicProfile, OpeningHours
from stridewell.clinic.services import oncall_shift_create
from stridewell.core.time import LONDON

PASSWORD = "pw-for-tests-only"
USUAL_WEEK = (*((day, time(7), time(20)) for day in range(5)), (5, time(8), time(14)))


def at(day: date, hh: int, mm: int = 0) -> datetime:
    """London wall-clock time on `day` as a UTC instant."""
    return datetime.combine(day, time(hh, mm), tzinfo=LONDON).astimezone(UTC)


def weekday_ahead(weekday: int, *, weeks: int = 1) -> date:
    """The first `weekday` (0 = Monday) at least `weeks` weeks from today, London time."""
    today = datetime.now(tz=LONDON).date()
    day = today + timedelta(days=7 * weeks)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def monday() -> date:
    return weekday_ahead(0)


@pytest.fixture
def clinic(db) -> ClinicProfile:
    profile = ClinicProfile.objects.create(
        name="Stridewell Sports Physiotherapy",
        address_line1="Unit 4, Kestrel Yard",
        city="London",
        postcode="SE1 1ZZ",
        phone="020 7946 0321",
        email="clinic@stridewell.test",
        emergency_phone="07700 900321",
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(profile=profile, weekday=d, opens=o, closes=c) for d, o, c in USUAL_WEEK
    )
    return profile


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(email: str, *, role: str = Role.RUNNER, first: str = "Ada", last: str = "Lovelace"):
        return User.objects.create_user(
            email=email, password=PASSWORD, role=role, first_name=first, last_name=last
        )

    return make


@pytest.fixture
def make_physio(make_user) -> Callable[..., PractitionerProfile]:
    def make(slug: str, *, hours: tuple[time, time] = (time(8), time(18)), order: int = 0):
        first, last = (
            slug.split("-", maxsplit=1)[0].title(),
            slug.rsplit("-", maxsplit=1)[-1].title(),
        )
        user = make_user(f"{slug}@stridewell.test", role=Role.PHYSIO, first=first, last=last)
        profile = practitioner_profile_create(
            user=user,
            display_name=f"{first} {last}",
            title="Sports Physiotherapist",
            slug=slug,
            sort_order=order,
        )
        WorkingHours.objects.bulk_create(
            WorkingHours(practitioner=profile, weekday=d, starts=hours[0], ends=hours[1])
            for d in range(6)
        )
        return profile

    return make


@pytest.fixture
def asha(clinic, make_physio) -> PractitionerProfile:
    return make_physio("asha-patel", order=0)


@pytest.fixture
def ben(clinic, make_physio) -> PractitionerProfile:
    return make_physio("ben-okoro", order=10)


@pytest.fixture
def make_type(db) -> Callable[..., AppointmentType]:
    def make(slug: str = "follow-up-30", **fields: Any) -> AppointmentType:
        defaults: dict[str, Any] = {
            "name": slug.replace("-", " ").capitalize(),
            "duration_minutes": 30,
            "price_pence": 6000,
            "min_notice_minutes": 120,
            "horizon_days": 60,
            "grid_minutes": 15,
            "eligibility": Eligibility.ANY,
        }
        rooms = fields.pop("rooms", None)
        appointment_type = AppointmentType(slug=slug, **(defaults | fields))
        appointment_type.full_clean()
        appointment_type.save()
        if rooms:
            appointment_type.rooms.set(rooms)
        return appointment_type

    return make


@pytest.fixture
def follow_up(make_type) -> AppointmentType:
    return make_type("follow-up-30")


@pytest.fixture
def screening(make_type) -> AppointmentType:
    return make_type(
        "initial-screening",
        name="Initial full screening",
        duration_minutes=60,
        price_pence=9500,
        buffer_after_minutes=15,
        eligibility=Eligibility.NEW,
    )


@pytest.fixture
def emergency(make_type) -> AppointmentType:
    return make_type(
        "emergency",
        name="Emergency appointment",
        price_pence=8000,
        surcharge_pence=4000,
        min_notice_minutes=30,
        horizon_days=3,
        grid_minutes=30,
        is_emergency=True,
    )


@pytest.fixture
def make_room(db) -> Callable[..., Room]:
    def make(slug: str, order: int = 0) -> Room:
        return Room.objects.create(name=slug.replace("-", " ").title(), slug=slug, sort_order=order)

    return make


@pytest.fixture
def on_call(db) -> Callable[..., Any]:
    def make(physio: PractitionerProfile, day: date, starts: time, ends: time):
        return oncall_shift_create(physio=physio.user, date=day, starts=starts, ends=ends)

    return make


def booking_request(**overrides: Any) -> BookingRequest:
    fields: dict[str, Any] = {
        "type_slug": "follow-up-30",
        "practitioner": "asha-patel",
        "start": None,
        "name": "Maya Okafor",
        "email": "maya.okafor@example.test",
        "phone": "07700 900123",
        "is_new_patient": False,
        "accept_policy": True,
        "reason": "Left Achilles sore after long runs.",
    }
    return BookingRequest(**(fields | overrides))


@pytest.fixture
def book() -> Callable[..., Any]:
    """Book through the real service: book(start=..., **request fields, now=..., key=...)."""

    def make(*, now: datetime | None = None, key: str = "", source: str = "web", **fields: Any):
        return appointment_book(
            request=booking_request(**fields), source=source, idempotency_key=key, now=now
        )

    return make
