"""Retrying a booking with the same Idempotency-Key never books twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stridewell.booking.errors import BookingError
from stridewell.booking.models import Appointment, IdempotencyRecord
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


def test_the_same_key_and_request_returns_the_same_appointment_and_receipt(
    book, follow_up, asha, monday
):
    now = at(monday, 7) - timedelta(days=2)
    first = book(start=at(monday, 10), key="retry-me-7f3a", now=now)

    again = book(start=at(monday, 10), key="retry-me-7f3a", now=now + timedelta(seconds=30))

    assert again.is_replay
    assert not first.is_replay
    assert again.appointment.pk == first.appointment.pk
    assert again.receipt == first.receipt
    assert Appointment.objects.count() == 1


def test_the_same_key_with_a_different_request_is_refused_and_books_nothing(
    book, follow_up, asha, monday
):
    now = at(monday, 7) - timedelta(days=2)
    book(start=at(monday, 10), key="retry-me-7f3a", now=now)

    with pytest.raises(BookingError) as caught:
        book(start=at(monday, 11), key="retry-me-7f3a", now=now)

    assert (caught.value.code, caught.value.status) == ("idempotency_key_reused", 422)
    assert Appointment.objects.count() == 1


def test_a_failed_request_does_not_use_up_its_key(book, follow_up, asha, monday):
    now = at(monday, 7) - timedelta(days=2)
    with pytest.raises(BookingError):
        book(start=at(monday, 10), key="retry-me-7f3a", now=now, phone="12")

    result = book(start=at(monday, 10), key="retry-me-7f3a", now=now)

    assert not result.is_replay
    assert IdempotencyRecord.objects.get().appointment == result.appointment


def test_without_a_key_a_repeat_is_a_second_request_and_meets_the_first(
    book, follow_up, asha, monday
):
    now = at(monday, 7) - timedelta(days=2)
    book(start=at(monday, 10), now=now)

    with pytest.raises(BookingError) as caught:
        book(start=at(monday, 10), now=now)

    assert caught.value.code == "slot_unavailable"
    assert Appointment.objects.count() == 1


def test_the_email_case_does_not_make_a_request_different(book, follow_up, asha, monday):
    now = at(monday, 7) - timedelta(days=2)
    first = book(start=at(monday, 10), key="k-1", now=now)

    again = book(start=at(monday, 10), key="k-1", email="Maya.Okafor@Example.test", now=now)

    assert again.appointment.pk == first.appointment.pk
