"""Pieces shared by the booking pages: the week strip of days and the slot list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone

from stridewell.booking.availability import Slot
from stridewell.booking.models import AppointmentType
from stridewell.booking.selectors import availability_load, slots_for
from stridewell.core.time import LONDON

STRIP_DAYS = 7


@dataclass(frozen=True)
class DayCell:
    day: date
    free: int
    is_selected: bool
    is_today: bool


@dataclass(frozen=True)
class SlotGroup:
    label: str
    slots: list[Slot]


@dataclass(frozen=True)
class SlotPicker:
    days: list[DayCell]
    selected: date
    groups: list[SlotGroup]
    previous_from: date | None
    next_from: date | None
    shows_zone: bool  # a DST-change day: "01:30 BST" and "01:30 GMT" must be told apart

    @property
    def is_empty(self) -> bool:
        return not any(group.slots for group in self.groups)


def parse_day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def parse_start(raw: str | None) -> datetime | None:
    """An ISO 8601 instant with its offset ("...Z" or "+01:00"); naive values are refused."""
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def _group(slots: list[Slot]) -> list[SlotGroup]:
    parts: dict[str, list[Slot]] = {"Morning": [], "Afternoon": [], "Evening": [], "Night": []}
    for slot in slots:
        hour = slot.start.astimezone(LONDON).hour
        label = (
            "Night"
            if hour < 6
            else "Morning"
            if hour < 12
            else "Afternoon"
            if hour < 17
            else "Evening"
        )
        parts[label].append(slot)
    return [SlotGroup(label, found) for label, found in parts.items() if found]


def slot_picker(
    request: HttpRequest,
    *,
    appointment_type: AppointmentType,
    practitioner: str,
    exclude_appointment_id: int | None = None,
) -> SlotPicker:
    """Seven days from `?from=` (default: today) with free counts; slots of `?day=`."""
    today = timezone.now().astimezone(LONDON).date()
    last_bookable = today + timedelta(days=appointment_type.horizon_days)
    first = max(parse_day(request.GET.get("from")) or today, today)
    first = min(first, last_bookable)
    last = first + timedelta(days=STRIP_DAYS - 1)
    context = availability_load(
        appointment_type=appointment_type,
        first_day=first,
        last_day=last,
        exclude_appointment_id=exclude_appointment_id,
    )
    slots = slots_for(context, practitioner=practitioner, first_day=first, last_day=last)
    by_day: dict[date, list[Slot]] = {}
    for slot in slots:
        by_day.setdefault(slot.start.astimezone(LONDON).date(), []).append(slot)
    wanted = parse_day(request.GET.get("day"))
    if wanted is None or not first <= wanted <= last:
        wanted = next((d for d in sorted(by_day)), first)
    days = [first + timedelta(days=n) for n in range(STRIP_DAYS)]
    chosen = by_day.get(wanted, [])
    offsets = {s.start.astimezone(LONDON).utcoffset() for s in chosen}
    return SlotPicker(
        days=[
            DayCell(
                day=d, free=len(by_day.get(d, [])), is_selected=d == wanted, is_today=d == today
            )
            for d in days
        ],
        selected=wanted,
        groups=_group(chosen),
        previous_from=max(first - timedelta(days=STRIP_DAYS), today) if first > today else None,
        next_from=last + timedelta(days=1) if last < last_bookable else None,
        shows_zone=len(offsets) > 1,
    )


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
