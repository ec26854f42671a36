"""The booking hook: check, redeem inside the booking's transaction, release."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError

from stridewell.core.time import LONDON
from stridewell.newsletter.discounts import (
    DiscountCheck,
    DiscountError,
    discount_check,
    discount_redeem,
    discount_release,
)
from stridewell.newsletter.models import DiscountCode
from stridewell.newsletter.services import subscriber_erase

pytestmark = pytest.mark.django_db


class BookingFailedError(Exception):
    pass


@pytest.fixture
def code(confirmed_subscriber) -> DiscountCode:
    confirmed_subscriber("ada@example.com")
    return DiscountCode.objects.get()


def _redeem(code: str, reference: str, at: datetime | None = None):
    with transaction.atomic():
        return discount_redeem(code=code, reference=reference, at=at)


def test_a_fresh_code_checks_valid_for_ten_percent(code):
    result = discount_check(code=code.code)

    assert result == DiscountCheck(
        is_valid=True, percent_off=10, reason="", expires_at=code.expires_at
    )


def test_check_accepts_the_code_however_it_is_typed(code):
    typed = code.code.lower().replace("-", " ")

    assert discount_check(code=typed).is_valid is True


def test_an_unknown_code_is_explained(db):
    result = discount_check(code="RUN10-ABCDEFGH")

    assert result == DiscountCheck(
        is_valid=False,
        percent_off=0,
        reason="We do not recognise this code. Please check it against your welcome e-mail.",
        expires_at=None,
    )
    assert discount_check(code="hello").is_valid is False


def test_redeeming_marks_the_code_used_with_the_booking_reference(code):
    at = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)

    redemption = _redeem(code.code.lower(), "appointment-41", at=at)

    assert (redemption.code, redemption.percent_off) == (code.code, 10)
    assert (redemption.redeemed_at, redemption.reference) == (at, "appointment-41")
    code.refresh_from_db()
    assert (code.redeemed_at, code.reference) == (at, "appointment-41")
    check = discount_check(code=code.code)
    assert (check.is_valid, check.reason) == (False, "This code has already been used.")


def test_a_code_is_accepted_once_and_refused_the_second_time(code):
    _redeem(code.code, "appointment-41")

    with pytest.raises(DiscountError) as caught:
        _redeem(code.code, "appointment-42")

    assert caught.value.code == "used"
    assert caught.value.message == "This code has already been used."
    code.refresh_from_db()
    assert code.reference == "appointment-41"


def test_redeeming_again_for_the_same_booking_is_not_a_second_use(code):
    first = _redeem(code.code, "appointment-41")

    again = _redeem(code.code, "appointment-41")

    assert again == first


@pytest.mark.django_db(transaction=True)
def test_redeeming_outside_a_transaction_is_refused(confirmed_subscriber):
    confirmed_subscriber("ada@example.com")
    code = DiscountCode.objects.get()

    with pytest.raises(TransactionManagementError, match="inside the booking's transaction"):
        discount_redeem(code=code.code, reference="appointment-41")

    code.refresh_from_db()
    assert code.redeemed_at is None


def _book_then_fail(code: str) -> None:
    with transaction.atomic():
        discount_redeem(code=code, reference="appointment-41")
        raise BookingFailedError


def test_a_booking_that_rolls_back_leaves_the_code_unused(code):
    with pytest.raises(BookingFailedError):
        _book_then_fail(code.code)

    code.refresh_from_db()
    assert code.redeemed_at is None
    assert code.reference == ""
    assert discount_check(code=code.code).is_valid is True


def test_an_expired_code_is_refused_with_its_last_day(code):
    after = code.expires_at + timedelta(seconds=1)

    check = discount_check(code=code.code, at=after)
    with pytest.raises(DiscountError) as caught:
        _redeem(code.code, "appointment-41", at=after)

    last_day = (code.expires_at.astimezone(LONDON) - timedelta(days=1)).date()
    last_day_text = f"{last_day.day} {last_day:%B %Y}"
    assert check.is_valid is False
    assert check.reason == f"This code was valid until {last_day_text} and has expired."
    assert caught.value.code == "expired"
    code.refresh_from_db()
    assert code.redeemed_at is None


def test_the_last_moment_before_expiry_still_works(code):
    just_before = code.expires_at - timedelta(seconds=1)

    assert discount_check(code=code.code, at=just_before).is_valid is True
    assert _redeem(code.code, "appointment-41", at=just_before).reference == "appointment-41"


def test_a_withdrawn_code_is_refused(code):
    subscriber_erase(email="ada@example.com")

    with pytest.raises(DiscountError) as caught:
        _redeem(code.code, "appointment-41")

    assert caught.value.code == "revoked"
    assert discount_check(code=code.code).reason == (
        "This code has been withdrawn and can no longer be used."
    )


def test_an_unknown_code_cannot_be_redeemed(db):
    with pytest.raises(DiscountError) as caught:
        _redeem("RUN10-ABCDEFGH", "appointment-41")

    assert caught.value.code == "unknown"
    assert DiscountCode.objects.count() == 0


def test_a_reference_is_required(code):
    with pytest.raises(ValueError, match="reference"):
        _redeem(code.code, "   ")


def test_release_gives_the_code_back_and_can_be_repeated(code):
    _redeem(code.code, "appointment-41")

    released = discount_release(reference="appointment-41")
    again = discount_release(reference="appointment-41")

    assert released == [code.code]
    assert again == []
    code.refresh_from_db()
    assert (code.redeemed_at, code.reference) == (None, "")
    assert _redeem(code.code, "appointment-99").reference == "appointment-99"


def test_release_of_an_unrelated_reference_changes_nothing(code):
    _redeem(code.code, "appointment-41")

    assert discount_release(reference="appointment-7") == []

    code.refresh_from_db()
    assert code.reference == "appointment-41"
