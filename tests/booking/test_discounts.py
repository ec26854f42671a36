"""A newsletter code takes 10% off once, redeemed inside the booking's transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from stridewell.booking.errors import BookingError, SlotUnavailableError
from stridewell.booking.models import Appointment, Status
from stridewell.booking.services.changes import appointment_cancel, appointment_cancel_by_link
from stridewell.newsletter.discounts import discount_check, discount_issue_welcome
from stridewell.newsletter.models import Subscriber, SubscriberStatus
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def code(db) -> str:
    subscriber = Subscriber.objects.create(
        email="maya@example.test", status=SubscriberStatus.CONFIRMED
    )
    return discount_issue_welcome(subscriber=subscriber).code


@pytest.fixture
def now(monday):
    return at(monday, 10) - timedelta(days=4)


@pytest.mark.usefixtures("screening", "asha")
def test_a_valid_code_takes_ten_percent_off_and_is_used_up(book, monday, code, now):
    result = book(
        type_slug="initial-screening",
        start=at(monday, 10),
        is_new_patient=True,
        discount_code=code,
        now=now,
    )

    appointment = result.appointment
    assert (
        appointment.price_pence,
        appointment.discount_percent,
        appointment.final_price_pence,
    ) == (9500, 10, 8550)
    assert appointment.discount_code == code
    assert result.receipt["final_price_pence"] == 8550
    assert discount_check(code=code).is_valid is False


def test_a_bad_code_is_a_field_error_and_nothing_is_booked(book, follow_up, asha, monday, now):
    with pytest.raises(BookingError) as caught:
        book(start=at(monday, 10), discount_code="NOT-A-CODE", now=now)

    assert caught.value.code == "discount_invalid"
    assert list(caught.value.fields) == ["discount_code"]
    assert Appointment.objects.count() == 0


@pytest.mark.usefixtures("follow_up", "asha")
def test_a_code_cannot_be_used_twice(book, monday, code, now):
    book(start=at(monday, 10), discount_code=code, now=now)

    with pytest.raises(BookingError) as caught:
        book(start=at(monday, 11), discount_code=code, email="friend@example.test", now=now)

    assert caught.value.fields == {"discount_code": ["This code has already been used."]}
    assert Appointment.objects.count() == 1


@pytest.mark.usefixtures("follow_up", "asha")
def test_a_booking_that_loses_the_slot_does_not_use_the_code(book, monday, code, now):
    book(start=at(monday, 10), email="first@example.test", now=now)

    with pytest.raises(SlotUnavailableError):
        book(start=at(monday, 10), discount_code=code, now=now)

    assert discount_check(code=code).is_valid is True


@pytest.mark.usefixtures("follow_up", "asha")
def test_cancelling_a_day_ahead_gives_the_code_back(book, monday, code, now):
    result = book(start=at(monday, 10), discount_code=code, now=now)

    appointment_cancel_by_link(
        public_id=str(result.appointment.public_id), raw_token=result.links["cancel"], now=now
    )

    assert discount_check(code=code).is_valid is True


@pytest.mark.usefixtures("follow_up", "asha")
def test_a_late_cancellation_keeps_the_code_used(book, monday, code, now, make_user):
    from stridewell.accounts.models import Role

    result = book(start=at(monday, 10), discount_code=code, now=now)
    staff = make_user("desk@stridewell.test", role=Role.STAFF)

    appointment_cancel(appointment_id=result.appointment.pk, actor=staff, now=at(monday, 9))

    assert Appointment.objects.get().status == Status.CANCELLED
    assert discount_check(code=code).is_valid is False


def test_the_booking_page_shows_a_bad_code_next_to_its_field(client, screening, asha, monday):
    client.post(
        reverse("booking:hold"),
        {
            "type": "initial-screening",
            "practitioner": "asha-patel",
            "start": at(monday, 10).isoformat(),
        },
    )

    response = client.post(
        reverse("booking:details"),
        {
            "name": "Maya Okafor",
            "email": "maya@example.test",
            "phone": "07700 900123",
            "patient": "new",
            "accept_policy": "on",
            "discount_code": "NOPE-NOPE",
        },
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_discount_code_error"' in page
    assert Appointment.objects.get().status == Status.HELD
