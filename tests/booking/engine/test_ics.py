"""Calendar files: valid RFC 5545 that icalendar reads back, UTC times, one UID, CANCEL."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from stridewell.booking.ics import CalendarEvent, calendar_bytes

EVENT = CalendarEvent(
    uid="6f1c2a7e-0000-4000-8000-000000000001@booking.stridewell",
    sequence=2,
    start=datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # during the repeated autumn hour
    end=datetime(2026, 10, 25, 2, 0, tzinfo=UTC),
    summary="Emergency appointment with Priya Raman (Stridewell)",
    description="Line one;\\nwith, awkward: characters",
    location="Stridewell, Unit 4, Kestrel Yard, London, SE1 1ZZ",
    organizer_email="clinic@stridewell.test",
    organizer_name="Stridewell Sports Physiotherapy",
    attendee_email="amara@example.test",
    attendee_name="Amara Okafor",
    stamp=datetime(2026, 10, 20, 9, 0, tzinfo=UTC),
)


def test_a_request_reads_back_with_its_uid_sequence_and_utc_times():
    raw = calendar_bytes(EVENT)

    cal = Calendar.from_ical(raw)
    (event,) = cal.walk("VEVENT")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded as RFC 5545 requires
    assert (str(cal["METHOD"]), str(cal["PRODID"]).startswith("-//Stridewell")) == ("REQUEST", True)
    assert str(event["UID"]) == EVENT.uid
    assert int(event["SEQUENCE"]) == 2
    assert event.decoded("DTSTART") == EVENT.start
    assert b"DTSTART:20261025T013000Z" in raw
    assert str(event["DESCRIPTION"]) == EVENT.description
    assert str(event["ATTENDEE"]) == "mailto:amara@example.test"


def test_a_cancellation_says_so_twice():
    from dataclasses import replace

    cal = Calendar.from_ical(calendar_bytes(replace(EVENT, is_cancelled=True)))

    (event,) = cal.walk("VEVENT")
    assert (str(cal["METHOD"]), str(event["STATUS"])) == ("CANCEL", "CANCELLED")
