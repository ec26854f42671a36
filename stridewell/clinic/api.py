"""GET /api/clinic: the public facts about the clinic, its hours and whether it is open now."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema

from stridewell.api.errors import ApiError
from stridewell.api.openapi import ErrorOut
from stridewell.clinic.hours import ClinicStatus, DayHours, hhmm
from stridewell.clinic.models import ClinicProfile, Closure, Station
from stridewell.clinic.selectors import clinic_overview_for_request, closures_ahead

router = Router(tags=["clinic"])

CLOSURES_AHEAD_LIMIT = 10


class StationOut(Schema):
    name: str
    lines: str
    walking_minutes: int


class ProfileOut(Schema):
    name: str
    address: str  # street lines and city, comma-separated; postcode separate
    postcode: str
    phone: str
    phone_e164: str
    email: str
    emergency_phone: str
    emergency_phone_e164: str
    emergency_cover_text: str
    stations: list[StationOut]


class RangeOut(Schema):
    opens: str  # "07:00", clinic wall-clock time
    closes: str


class OpeningDayOut(Schema):
    weekday: int  # 0 = Monday
    day_name: str
    ranges: list[RangeOut]
    ranges_text: str


class ClosureOut(Schema):
    start_date: date
    end_date: date  # inclusive
    reason: str
    source: str


class StatusOut(Schema):
    is_open: bool
    label: str
    closes_at: datetime | None
    next_opens_at: datetime | None
    is_emergency_cover: bool


class ClinicOut(Schema):
    profile: ProfileOut
    opening_hours: list[OpeningDayOut]
    closures_ahead: list[ClosureOut]
    status: StatusOut


def _profile(profile: ClinicProfile, stations: list[Station]) -> ProfileOut:
    return ProfileOut(
        name=profile.name,
        address=", ".join(
            line for line in (profile.address_line1, profile.address_line2, profile.city) if line
        ),
        postcode=profile.postcode,
        phone=profile.phone,
        phone_e164=profile.phone_e164,
        email=profile.email,
        emergency_phone=profile.emergency_phone,
        emergency_phone_e164=profile.emergency_phone_e164,
        emergency_cover_text=profile.emergency_cover_text,
        stations=[
            StationOut(name=s.name, lines=s.lines, walking_minutes=s.walking_minutes)
            for s in stations
        ],
    )


def _day(row: DayHours) -> OpeningDayOut:
    return OpeningDayOut(
        weekday=row.weekday,
        day_name=row.day_name,
        ranges=[RangeOut(opens=hhmm(o), closes=hhmm(c)) for o, c in row.ranges],
        ranges_text=row.ranges_text,
    )


def _closure(c: Closure) -> ClosureOut:
    return ClosureOut(
        start_date=c.start_date, end_date=c.end_date, reason=c.reason, source=c.source
    )


def _status(status: ClinicStatus) -> StatusOut:
    return StatusOut(
        is_open=status.is_open,
        label=status.label,
        closes_at=status.closes_at,
        next_opens_at=status.next_opens_at,
        is_emergency_cover=status.is_emergency_cover,
    )


@router.get(
    "", response={200: ClinicOut, 404: ErrorOut}, summary="Clinic details, hours and status"
)
def clinic_detail(request: HttpRequest) -> ClinicOut:
    overview = clinic_overview_for_request(request)
    if overview.profile is None or overview.status is None:
        raise ApiError(404, "not_found", "The clinic has not been set up yet.")
    return ClinicOut(
        profile=_profile(overview.profile, overview.stations),
        opening_hours=[_day(row) for row in overview.hours_rows],
        closures_ahead=[
            _closure(c) for c in closures_ahead(today=overview.today, limit=CLOSURES_AHEAD_LIMIT)
        ],
        status=_status(overview.status),
    )
