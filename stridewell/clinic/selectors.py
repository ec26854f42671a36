"""Reads: the clinic profile and its schedule, shaped for pages, the footer, the API and JSON-LD."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from stridewell.clinic import hours
from stridewell.clinic.models import ClinicProfile, Closure, OnCallShift, OpeningHours, Station

# Characters that could end a <script> element or start an HTML entity inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def clinic_tz() -> ZoneInfo:
    return ZoneInfo(getattr(settings, "CLINIC_TIME_ZONE", "Europe/London"))


def clinic_today(*, at: datetime | None = None) -> date:
    return (at or timezone.now()).astimezone(clinic_tz()).date()


def clinic_profile_get() -> ClinicProfile | None:
    return ClinicProfile.objects.first()


def _closures_between(start: date, end: date) -> list[hours.Closure]:
    rows = Closure.objects.filter(end_date__gte=start, start_date__lte=end)
    return [row.to_engine() for row in rows]


def _shifts_between(start: date, end: date) -> list[hours.OnCallShift]:
    # A shift from the day before `start` can still be running after midnight.
    rows = OnCallShift.objects.filter(date__gte=start - timedelta(days=1), date__lte=end)
    return [row.to_engine() for row in rows.select_related("physio")]


def clinic_schedule_get(*, start: date | None = None, end: date | None = None) -> hours.Schedule:
    """The engine's schedule for [start, end] (default: today and the search horizon). 3 queries."""
    start = start or clinic_today()
    end = end or start + timedelta(days=hours.SEARCH_DAYS + 1)
    return hours.Schedule(
        ranges=tuple(row.to_range() for row in OpeningHours.objects.all()),
        closures=tuple(_closures_between(start, end)),
        shifts=tuple(_shifts_between(start, end)),
        tz=clinic_tz(),
    )


def clinic_status_get(*, at: datetime | None = None) -> hours.ClinicStatus:
    at = at or timezone.now()
    today = clinic_today(at=at)
    schedule = clinic_schedule_get(start=today, end=today + timedelta(days=hours.SEARCH_DAYS + 1))
    return hours.clinic_status_at(at, schedule)


def opening_hours_rows(*, today: date | None = None) -> list[hours.DayHours]:
    ranges = [row.to_range() for row in OpeningHours.objects.all()]
    return hours.week_table(ranges, today or clinic_today())


def closures_ahead(*, today: date | None = None, limit: int = 10) -> list[Closure]:
    """Closures that have not finished yet, soonest first."""
    today = today or clinic_today()
    return list(
        Closure.objects.filter(end_date__gte=today).order_by("start_date", "end_date")[:limit]
    )


@dataclass(frozen=True)
class ClinicOverview:
    """Everything the footer and the visit page show, loaded together."""

    today: date
    profile: ClinicProfile | None = None
    stations: list[Station] = field(default_factory=list)
    hours_rows: list[hours.DayHours] = field(default_factory=list)
    schedule: hours.Schedule = field(default_factory=hours.Schedule)
    status: hours.ClinicStatus | None = None


def clinic_overview_get(*, at: datetime | None = None) -> ClinicOverview:
    """Profile, stations, weekly hours and status in at most 4 queries.

    The profile rides along with the opening hours (a join); it costs its own query only when
    no hours have been entered yet. The on-call rota is read for today only: that is all the
    status needs.
    """
    at = at or timezone.now()
    today = clinic_today(at=at)
    opening = list(OpeningHours.objects.select_related("profile"))
    profile = opening[0].profile if opening else clinic_profile_get()
    if profile is None:
        return ClinicOverview(today=today, hours_rows=hours.week_table([], today))
    ranges = tuple(row.to_range() for row in opening)
    # With no weekly hours there is no opening for a closure to cancel: skip that query so the
    # budget holds even when the profile had to be read on its own.
    horizon = today + timedelta(days=hours.SEARCH_DAYS + 1)
    schedule = hours.Schedule(
        ranges=ranges,
        closures=tuple(_closures_between(today, horizon)) if ranges else (),
        shifts=tuple(_shifts_between(today, today)),
        tz=clinic_tz(),
    )
    return ClinicOverview(
        today=today,
        profile=profile,
        stations=list(profile.stations.all()),
        hours_rows=hours.week_table(ranges, today),
        schedule=schedule,
        status=hours.clinic_status_at(at, schedule),
    )


def clinic_overview_for_request(request: HttpRequest) -> ClinicOverview:
    """The overview, loaded at most once per request however many templates ask for it."""
    cached = getattr(request, "_stridewell_clinic_overview", None)
    if cached is None:
        cached = clinic_overview_get()
        request._stridewell_clinic_overview = cached  # type: ignore[attr-defined]
    return cached


def _site_url(request: HttpRequest | None) -> str:
    if request is not None:
        return request.build_absolute_uri("/")
    return settings.SITE_URL.rstrip("/") + "/"


def clinic_jsonld_data(
    *, profile: ClinicProfile, ranges: list[hours.OpeningRange], closures: list[Closure], url: str
) -> dict[str, Any]:
    street = ", ".join(line for line in (profile.address_line1, profile.address_line2) if line)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        # MedicalClinic and Physiotherapy are both schema.org MedicalBusiness types.
        "@type": ["MedicalClinic", "Physiotherapy"],
        "name": profile.name,
        "url": url,
        "telephone": profile.phone_e164 or profile.phone,
        "email": profile.email,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": street,
            "addressLocality": profile.city,
            "postalCode": profile.postcode,
            "addressCountry": "GB",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{hours.DAY_NAMES[r.weekday]}",
                "opens": hours.hhmm(r.opens),
                "closes": hours.hhmm(r.closes),
            }
            for r in sorted(ranges, key=lambda r: (r.weekday, r.opens))
        ],
    }
    if closures:
        # A closed day is written as opening and closing at midnight.
        data["specialOpeningHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": c.start_date.isoformat(),
                "validThrough": c.end_date.isoformat(),
                "opens": "00:00",
                "closes": "00:00",
            }
            for c in closures
        ]
    return data


def clinic_jsonld(
    *,
    request: HttpRequest | None = None,
    overview: ClinicOverview | None = None,
    closures: list[Closure] | None = None,
) -> SafeString:
    """schema.org JSON-LD for the clinic, safe inside <script type="application/ld+json">.

    Empty when there is no clinic profile. Pass `overview`/`closures` to reuse loaded data.
    """
    if overview is None:
        overview = (
            clinic_overview_for_request(request) if request is not None else clinic_overview_get()
        )
    if overview.profile is None:
        return mark_safe("")
    if closures is None:
        closures = closures_ahead(today=overview.today)
    data = clinic_jsonld_data(
        profile=overview.profile,
        ranges=list(overview.schedule.ranges),
        closures=closures,
        url=_site_url(request),
    )
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped cannot leave the script
