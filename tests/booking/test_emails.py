"""What patients receive: confirmation with a calendar file, changes with a higher SEQUENCE,
cancellations with METHOD:CANCEL, requests without a calendar file until confirmed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from stridewell.accounts.models import Role
from stridewell.booking.errors import SlotUnavailableError
from stridewell.booking.services.changes import (
    appointment_cancel_by_link,
    appointment_confirm,
    appointment_reschedule_by_link,
)
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    """Run `action` and deliver what it queued after commit; returns the new messages."""

    def run(action):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        return result, mailoutbox[before:]

    return run


def _calendar(message):
    ((_name, content, mimetype),) = [a for a in message.attachments if a[0].endswith(".ics")]
    assert mimetype.startswith("text/calendar")
    data = content if isinstance(content, bytes) else content.encode()
    cal = Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    return cal, event


def test_the_confirmation_has_a_valid_request_calendar_file_and_working_links(
    sent, book, follow_up, asha, monday
):
    result, messages = sent(
        lambda: book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))
    )

    (message,) = messages
    assert message.to == ["maya.okafor@example.test"]
    assert message.subject.startswith("Booked: Follow up 30, ")
    cal, event = _calendar(message)
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(cal["VERSION"]) == "2.0"
    assert str(event["UID"]) == f"{result.appointment.public_id}@booking.stridewell"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == at(monday, 10)
    assert event.decoded("DTEND") == at(monday, 10, 30)
    assert event["DTSTART"].to_ical().endswith(b"Z")  # UTC: no VTIMEZONE needed
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "mailto:clinic@stridewell.test" in str(event["ORGANIZER"])
    assert "mailto:maya.okafor@example.test" in str(event["ATTENDEE"])
    body = message.body
    assert f"/booking/cancel/{result.links['cancel']}/" in body
    assert f"/booking/reschedule/{result.links['reschedule']}/" in body
    assert "Asha Patel" in body
    assert re.search(r"10:00 to 10:30 \((GMT|BST), London time\)", body)


def test_a_reschedule_sends_the_same_uid_with_the_next_sequence(
    sent, book, follow_up, asha, monday
):
    result, (first,) = sent(
        lambda: book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))
    )

    _moved, (second,) = sent(
        lambda: appointment_reschedule_by_link(
            public_id=str(result.appointment.public_id),
            raw_token=result.links["reschedule"],
            start=at(monday, 14),
            now=at(monday, 10) - timedelta(days=2),
        )
    )

    _, old_event = _calendar(first)
    cal, event = _calendar(second)
    assert str(cal["METHOD"]) == "REQUEST"
    assert event["UID"] == old_event["UID"]
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == at(monday, 14)
    assert second.subject.startswith("Moved: ")
    assert result.links["reschedule"] not in second.body


def test_a_cancellation_sends_method_cancel_for_the_same_event(sent, book, follow_up, asha, monday):
    result, (first,) = sent(
        lambda: book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))
    )

    _, (message,) = sent(
        lambda: appointment_cancel_by_link(
            public_id=str(result.appointment.public_id),
            raw_token=result.links["cancel"],
            now=at(monday, 10) - timedelta(days=2),
        )
    )

    cal, event = _calendar(message)
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["UID"] == _calendar(first)[1]["UID"]
    assert int(event["SEQUENCE"]) == 1


@pytest.mark.usefixtures("asha")
def test_a_request_needing_confirmation_gets_a_calendar_file_only_once_confirmed(
    sent, book, make_type, monday, make_user
):
    make_type("sports-massage", needs_confirmation=True)
    staff = make_user("desk@stridewell.test", role=Role.STAFF)
    result, (request_mail,) = sent(
        lambda: book(
            type_slug="sports-massage", start=at(monday, 11), now=at(monday, 10) - timedelta(days=4)
        )
    )

    _, (confirmation,) = sent(
        lambda: appointment_confirm(appointment_id=result.appointment.pk, actor=staff)
    )

    assert request_mail.subject.startswith("We have your request")
    assert not request_mail.attachments
    cal, event = _calendar(confirmation)
    assert str(cal["METHOD"]) == "REQUEST"
    assert int(event["SEQUENCE"]) == 0


def test_a_refused_booking_sends_nothing(sent, book, follow_up, asha, monday):
    now = at(monday, 10) - timedelta(days=4)
    sent(lambda: book(start=at(monday, 10), now=now))

    def refused():
        with pytest.raises(SlotUnavailableError):
            book(start=at(monday, 10), email="second@example.test", now=now)

    _, messages = sent(refused)

    assert messages == []
