"""Demo booking data: rooms, appointment types, the demo physios' hours, and a fortnight of
appointments with free time left every day. Safe to run again: it only fills in what is missing.

Appointments are booked through `appointment_book` (the real rules and the collision guard)
with patient e-mails switched off; the patients are invented and use example addresses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from stridewell.accounts.models import PractitionerProfile
from stridewell.accounts.selectors import practitioner_list_active
from stridewell.booking.errors import BookingError
from stridewell.booking.models import (
    Appointment,
    AppointmentType,
    Eligibility,
    Room,
    Source,
    WorkingHours,
)
from stridewell.booking.selectors import slot_list_available
from stridewell.booking.services.booking import BookingRequest, appointment_book
from stridewell.booking.services.catalogue import appointment_type_save
from stridewell.core.time import LONDON

DEMO_DOMAIN = "demo.stridewell.test"
FORTNIGHT = 14
# Share of each physio's day that gets booked; the rest stays free for people trying the demo.
BOOKED_SHARE = 0.55

ROOMS = (
    ("treatment-room-1", "Treatment room 1", "Couch, ultrasound, mirror wall."),
    ("treatment-room-2", "Treatment room 2", "Couch and a short run-up strip."),
    ("gym", "Gym", "Treadmill with video capture, racks and plyo boxes."),
)


@dataclass(frozen=True)
class _Type:
    slug: str
    name: str
    description: str
    fields: dict[str, Any]
    rooms: tuple[str, ...]


TYPES = (
    _Type(
        "initial-screening",
        "Initial full screening",
        "An hour with a sports physio: your running history and goals, a strength and mobility "
        "screen, a look at how you run on the treadmill, and a plan to take away.",
        {
            "duration_minutes": 60,
            "price_pence": 9500,
            "buffer_after_minutes": 15,
            "eligibility": Eligibility.NEW,
            "sort_order": 0,
        },
        ("gym", "treatment-room-1", "treatment-room-2"),
    ),
    _Type(
        "follow-up-30",
        "Follow-up (30 minutes)",
        "Review how the programme is going, progress the exercises, hands-on treatment if needed.",
        {
            "duration_minutes": 30,
            "price_pence": 6000,
            "eligibility": Eligibility.RETURNING,
            "sort_order": 10,
        },
        ("treatment-room-1", "treatment-room-2"),
    ),
    _Type(
        "follow-up-45",
        "Follow-up (45 minutes)",
        "A longer review, for example before a return to running or a change of training block.",
        {
            "duration_minutes": 45,
            "price_pence": 7500,
            "eligibility": Eligibility.RETURNING,
            "sort_order": 20,
        },
        ("treatment-room-1", "treatment-room-2", "gym"),
    ),
    _Type(
        "gait-review",
        "Running gait review",
        "Filmed treadmill running with a frame-by-frame review. We confirm these by e-mail, "
        "because the gym has to be free.",
        {
            "duration_minutes": 45,
            "price_pence": 8000,
            "eligibility": Eligibility.ANY,
            "needs_confirmation": True,
            "sort_order": 30,
        },
        ("gym",),
    ),
    _Type(
        "emergency",
        "Out-of-hours emergency appointment",
        "For an injury that cannot wait for opening hours, with the physio on call. The price "
        "includes an out-of-hours surcharge.",
        {
            "duration_minutes": 30,
            "price_pence": 8000,
            "surcharge_pence": 4000,
            "min_notice_minutes": 30,
            "horizon_days": 3,
            "grid_minutes": 30,
            "is_emergency": True,
            "eligibility": Eligibility.ANY,
            "sort_order": 40,
        },
        ("treatment-room-1", "treatment-room-2"),
    ),
)

# Weekday -> (starts, ends) per demo physio (London wall clock).
HOURS = {
    "priya-raman": {d: (time(7), time(15)) for d in range(5)},
    "callum-reid": {**{d: (time(12), time(20)) for d in range(5)}, 5: (time(8), time(14))},
    "sofia-lindqvist": {**{d: (time(8), time(18)) for d in (1, 2, 3)}, 5: (time(8), time(14))},
}

FIRST_NAMES = (
    "Amara",
    "Tom",
    "Grace",
    "Idris",
    "Hannah",
    "Ravi",
    "Niamh",
    "Oskar",
    "Leah",
    "Kwame",
    "Elif",
    "Joe",
    "Mei",
    "Sam",
    "Freya",
    "Dev",
    "Lucia",
    "Ollie",
)
LAST_NAMES = (
    "Adeyemi",
    "Barker",
    "Chowdhury",
    "Doyle",
    "Evans",
    "Fraser",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jensen",
    "Kowalski",
    "Lloyd",
    "Murphy",
    "Nakamura",
    "Owusu",
    "Patel",
)
REASONS = (
    "Right Achilles stiff in the mornings since upping mileage for the spring marathon.",
    "Outside of the left knee aches after 10 km; worse downhill.",
    "Shin pain on both legs after starting speed sessions.",
    "Plantar heel pain, first steps in the morning are the worst.",
    "Hamstring tightness after a parkrun sprint finish, no bruising.",
    "Hip pain when running on cambered roads.",
    "Back from a stress fracture, want a plan to build up safely.",
    "Calf cramps late in long runs; want a strength check before race day.",
)


def _rooms() -> dict[str, Room]:
    rooms = {}
    for order, (slug, name, description) in enumerate(ROOMS):
        rooms[slug], _ = Room.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    return rooms


def _types(rooms: dict[str, Room]) -> None:
    for spec in TYPES:
        if AppointmentType.objects.filter(slug=spec.slug).exists():
            continue  # left as staff may have edited it
        appointment_type = appointment_type_save(
            appointment_type=AppointmentType(
                slug=spec.slug, name=spec.name, description=spec.description, **spec.fields
            )
        )
        appointment_type.rooms.set([rooms[slug] for slug in spec.rooms])


def _hours(people: list[PractitionerProfile]) -> None:
    for person in people:
        week = HOURS.get(person.slug)
        if week is None or WorkingHours.objects.filter(practitioner=person).exists():
            continue
        WorkingHours.objects.bulk_create(
            WorkingHours(practitioner=person, weekday=d, starts=s, ends=e)
            for d, (s, e) in week.items()
        )


def _patient(rnd: random.Random) -> dict[str, str]:
    first, last = rnd.choice(FIRST_NAMES), rnd.choice(LAST_NAMES)
    return {
        "name": f"{first} {last}",
        "email": f"{first}.{last}@{DEMO_DOMAIN}".lower(),
        "phone": f"07700 900{rnd.randint(100, 999)}",  # Ofcom's drama range: never a real line
    }


def _book_day(day: date, person: PractitionerProfile, rnd: random.Random, now: datetime) -> int:
    """Book about half of one physio's day, leaving gaps, through the real service."""
    booked = 0
    routine = list(AppointmentType.objects.filter(is_emergency=False, is_active=True))
    if not routine:
        return 0
    follow_up = next((t for t in routine if t.slug == "follow-up-30"), routine[0])
    candidates = slot_list_available(
        appointment_type=follow_up, practitioner=person.slug, first_day=day, last_day=day, now=now
    )
    target = round(len(candidates) * BOOKED_SHARE / 2.5)  # a booking covers 2-5 grid starts
    taken: list[tuple[datetime, datetime]] = []
    for slot in rnd.sample(candidates, len(candidates)):
        if booked >= target:
            break
        kind = rnd.choices(
            routine, weights=[4 if t.slug.startswith("follow") else 1 for t in routine]
        )[0]
        end = slot.start + timedelta(minutes=kind.duration_minutes + kind.buffer_after_minutes)
        if any(slot.start < b_end and b_start < end for b_start, b_end in taken):
            continue  # would overlap a booking made a moment ago: no need to ask the database
        patient = _patient(rnd)
        request = BookingRequest(
            type_slug=kind.slug,
            practitioner=person.slug,
            start=slot.start,
            is_new_patient=kind.eligibility == Eligibility.NEW,
            accept_policy=True,
            reason=rnd.choice(REASONS),
            **patient,
        )
        try:
            appointment_book(request=request, source=Source.DIARY, notify_patient=False, now=now)
        except BookingError:
            continue  # outside this physio's hours for a longer type, or no room free
        taken.append((slot.start, end))
        booked += 1
    return booked


def _book_emergencies(rnd: random.Random, now: datetime, today: date) -> None:
    emergency = AppointmentType.objects.filter(slug="emergency", is_active=True).first()
    if emergency is None:
        return
    slots = slot_list_available(
        appointment_type=emergency,
        practitioner="any",
        first_day=today,
        last_day=today + timedelta(days=emergency.horizon_days),
        now=now,
    )
    for slot in slots[:: max(len(slots) // 2, 1)][:2]:
        request = BookingRequest(
            type_slug="emergency",
            practitioner="any",
            start=slot.start,
            is_new_patient=False,
            accept_policy=True,
            reason="Turned an ankle on a trail run; swollen and hard to walk on.",
            **_patient(rnd),
        )
        try:
            appointment_book(request=request, source=Source.DIARY, notify_patient=False, now=now)
        except BookingError:
            continue


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time()).replace(tzinfo=LONDON).astimezone(UTC)


@transaction.atomic
def seed_booking_demo(*, today: date | None = None) -> int:
    """Create what is missing; returns the number of appointments added (0 on a re-run)."""
    now = timezone.now()
    today = today or now.astimezone(LONDON).date()
    now = max(now, _midnight(today))
    rooms = _rooms()
    _types(rooms)
    people = list(practitioner_list_active())
    _hours(people)
    window = (_midnight(today), _midnight(today + timedelta(days=FORTNIGHT)))
    already = Appointment.objects.filter(
        patient_email__endswith=f"@{DEMO_DOMAIN}", start__range=window
    ).exists()
    if already or not people:
        return 0
    before = Appointment.objects.count()
    rnd = random.Random(today.toordinal())  # the same fortnight for the same day
    for offset in range(FORTNIGHT):
        day = today + timedelta(days=offset)
        for person in people:
            _book_day(day, person, rnd, now)
    _book_emergencies(rnd, now, today)
    return Appointment.objects.count() - before
