"""Demo content for the fictional clinic. Safe to run again: it only fills in what is missing."""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db import transaction

from stridewell.accounts.models import User
from stridewell.clinic.models import ClinicProfile, OnCallShift, OpeningHours, Station
from stridewell.clinic.selectors import clinic_today
from stridewell.clinic.services import bank_holidays_import, oncall_shift_create

PROFILE = {
    "name": "Stridewell Sports Physiotherapy",
    "address_line1": "Unit 4, Kestrel Yard",
    "address_line2": "118 Harrier Street",
    "city": "London",
    "postcode": "SE1 1ZZ",
    # 020 7946 and 07700 900 are Ofcom's ranges reserved for drama: never a real line.
    "phone": "020 7946 0321",
    "email": "clinic@stridewell.test",
    "emergency_phone": "07700 900321",
    "emergency_cover_text": (
        "Outside opening hours one of our physiotherapists carries the emergency phone. Ring it "
        "if a new injury stops you walking normally, or an existing one flares up badly after a "
        "race or long run and you are unsure whether to rest, ice or keep moving. We will talk it "
        "through and, if needed, see you first thing. For chest pain, fainting, a suspected "
        "fracture or heat illness call 999 or go to A&E."
    ),
}
STATIONS = (
    ("Borough", "Northern", 3),
    ("London Bridge", "Jubilee, Northern, National Rail", 8),
)
WEEKLY_HOURS = (*((day, time(7), time(20)) for day in range(5)), (5, time(8), time(14)))
# Cover starts when the doors close, so the emergency line and the front desk never overlap.
ONCALL_BY_WEEKDAY = {
    **{day: (time(20), time(22)) for day in range(5)},
    5: (time(14), time(20)),
    6: (time(9), time(17)),
}
ONCALL_DAYS = 8 * 7


@transaction.atomic
def seed_clinic_demo(*, physios: list[User], today: date | None = None) -> None:
    today = today or clinic_today()
    profile = ClinicProfile.objects.first()
    if profile is None:
        profile = ClinicProfile(**PROFILE)
        profile.full_clean()
        profile.save()
    for order, (name, lines, minutes) in enumerate(STATIONS):
        Station.objects.get_or_create(
            profile=profile,
            name=name,
            defaults={"lines": lines, "walking_minutes": minutes, "order": order},
        )
    # Hours are seeded only into an empty week so a rerun never fights edits made in the admin.
    if not profile.opening_hours.exists():
        OpeningHours.objects.bulk_create(
            OpeningHours(profile=profile, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in WEEKLY_HOURS
        )
    bank_holidays_import(years=[today.year, today.year + 1])
    if not physios:
        return
    taken = set(
        OnCallShift.objects.filter(
            date__gte=today, date__lt=today + timedelta(days=ONCALL_DAYS)
        ).values_list("date", flat=True)
    )
    for offset in range(ONCALL_DAYS):
        day = today + timedelta(days=offset)
        if day in taken:
            continue
        starts, ends = ONCALL_BY_WEEKDAY[day.weekday()]
        oncall_shift_create(
            physio=physios[day.toordinal() % len(physios)], date=day, starts=starts, ends=ends
        )
