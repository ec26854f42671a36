"""iCalendar (RFC 5545 / iTIP RFC 5546) files for appointments. No Django.

One UID per appointment for its whole life; SEQUENCE goes up with every change, so calendar
apps replace the event they already have instead of adding a second one; a cancellation is the
same UID with METHOD:CANCEL and STATUS:CANCELLED. Times are written in UTC ("...Z"), which every
client understands without a VTIMEZONE and which cannot drift across a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Stridewell Sports Physiotherapy//Booking//EN"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str
    sequence: int
    start: datetime
    end: datetime
    summary: str
    description: str
    location: str
    organizer_email: str
    organizer_name: str
    attendee_email: str
    attendee_name: str
    stamp: datetime
    is_cancelled: bool = False
    url: str = ""


def calendar_bytes(event: CalendarEvent) -> bytes:
    """A complete VCALENDAR with METHOD:REQUEST (or CANCEL) holding one VEVENT."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "CANCEL" if event.is_cancelled else "REQUEST")

    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", event.stamp.astimezone(UTC))
    vevent.add("dtstart", event.start.astimezone(UTC))
    vevent.add("dtend", event.end.astimezone(UTC))
    vevent.add("summary", event.summary)
    vevent.add("description", event.description)
    vevent.add("location", event.location)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    if event.url:
        vevent.add("url", event.url)

    organizer = vCalAddress(f"mailto:{event.organizer_email}")
    organizer.params["cn"] = vText(event.organizer_name)
    vevent.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{event.attendee_email}")
    attendee.params["cn"] = vText(event.attendee_name or event.attendee_email)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    vevent.add("attendee", attendee)

    cal.add_component(vevent)
    return cal.to_ical()
