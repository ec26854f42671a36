"""The welcome discount: issue a code, and the hook the booking service calls to use it.

Contract for booking (keep stable):

* `discount_check(code=…)` — read-only; says whether a code would be accepted now and, if
  not, a sentence to show the runner.
* `discount_redeem(code=…, reference=…)` — inside the booking's own `transaction.atomic()`:
  locks the code row and marks it used by `reference` (e.g. the appointment id). If the
  booking rolls back, so does the redemption. Raises `DiscountError` when the code cannot be
  used. Two bookings racing with one code: the second waits for the first's lock, then sees
  the code used (PostgreSQL: `SELECT … FOR UPDATE`; SQLite: IMMEDIATE transactions take the
  write lock at BEGIN, so writers queue).
* `discount_release(reference=…)` — gives the code back when that booking is cancelled in the
  grace period. Booking decides when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from stridewell.core.time import LONDON, local_dt
from stridewell.newsletter.codes import add_months, code_generate, code_normalise
from stridewell.newsletter.models import DiscountCode, Subscriber

WELCOME_PERCENT_OFF = 10
VALID_MONTHS = 6
_GENERATE_ATTEMPTS = 8


class DiscountError(Exception):
    """Why a code cannot be redeemed. `code`: unknown, used, expired or revoked."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class DiscountCheck:
    is_valid: bool
    percent_off: int
    # A sentence for the runner when the code is not valid; "" when it is.
    reason: str
    expires_at: datetime | None


@dataclass
class DiscountRedemption:
    code: str
    percent_off: int
    redeemed_at: datetime
    reference: str


MESSAGES = {
    "unknown": "We do not recognise this code. Please check it against your welcome e-mail.",
    "used": "This code has already been used.",
    "revoked": "This code has been withdrawn and can no longer be used.",
}


def last_valid_day_text(expires_at: datetime) -> str:
    """'15 July 2026': the London date of the last day a code works."""
    last = (expires_at - timedelta(microseconds=1)).astimezone(LONDON)
    return f"{last.day} {last:%B %Y}"


def _problem(row: DiscountCode | None, at: datetime) -> tuple[str, str] | None:
    if row is None:
        return "unknown", MESSAGES["unknown"]
    if row.revoked_at is not None:
        return "revoked", MESSAGES["revoked"]
    if row.redeemed_at is not None:
        return "used", MESSAGES["used"]
    if at >= row.expires_at:
        return "expired", (
            f"This code was valid until {last_valid_day_text(row.expires_at)} and has expired."
        )
    return None


def _find(code: str) -> DiscountCode | None:
    normalised = code_normalise(code)
    if normalised is None:
        return None
    return DiscountCode.objects.filter(code=normalised).first()


def discount_check(*, code: str, at: datetime | None = None) -> DiscountCheck:
    """Would `code` be accepted at `at` (default now)? Reads only; locks nothing."""
    at = at or timezone.now()
    row = _find(code)
    problem = _problem(row, at)
    if problem is not None or row is None:
        return DiscountCheck(
            is_valid=False,
            percent_off=0,
            reason=problem[1] if problem else MESSAGES["unknown"],
            expires_at=row.expires_at if row else None,
        )
    return DiscountCheck(
        is_valid=True, percent_off=row.percent_off, reason="", expires_at=row.expires_at
    )


def discount_redeem(*, code: str, reference: str, at: datetime | None = None) -> DiscountRedemption:
    """Mark `code` used by `reference`. Must run inside the caller's transaction.atomic().

    Redeeming again with the same reference returns the same redemption (a retried booking
    request is not a second use); any other reference gets DiscountError("used").
    """
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "discount_redeem() must be called inside the booking's transaction.atomic(), "
            "so the code is only used if the booking commits."
        )
    reference = (reference or "").strip()
    if not reference or len(reference) > 100:
        raise ValueError("discount_redeem() needs a reference of 1 to 100 characters")
    at = at or timezone.now()
    normalised = code_normalise(code)
    row = (
        DiscountCode.objects.select_for_update().filter(code=normalised).first()
        if normalised
        else None
    )
    if row is not None and row.redeemed_at is not None and row.reference == reference:
        return _redemption(row)
    problem = _problem(row, at)
    if problem is not None or row is None:
        error_code, message = problem or ("unknown", MESSAGES["unknown"])
        raise DiscountError(error_code, message)
    row.redeemed_at = at
    row.reference = reference
    row.save(update_fields=["redeemed_at", "reference"])
    return _redemption(row)


def _redemption(row: DiscountCode) -> DiscountRedemption:
    assert row.redeemed_at is not None
    return DiscountRedemption(
        code=row.code,
        percent_off=row.percent_off,
        redeemed_at=row.redeemed_at,
        reference=row.reference,
    )


@transaction.atomic
def discount_release(*, reference: str) -> list[str]:
    """Give back every code used by `reference`; returns them. Releasing twice is harmless.

    An expired or withdrawn code comes back in that state: it is still refused next time.
    """
    reference = (reference or "").strip()
    if not reference:
        return []
    rows = list(DiscountCode.objects.select_for_update().filter(reference=reference))
    for row in rows:
        row.redeemed_at = None
        row.reference = ""
        row.save(update_fields=["redeemed_at", "reference"])
    return [row.code for row in rows]


def discount_expiry_for(issued_at: datetime) -> datetime:
    """Midnight (London) after the same date VALID_MONTHS later: the code works all that day."""
    last_day = add_months(issued_at.astimezone(LONDON).date(), VALID_MONTHS)
    return local_dt(last_day + timedelta(days=1), time(0, 0))


def discount_issue_welcome(*, subscriber: Subscriber, at: datetime | None = None) -> DiscountCode:
    """The subscriber's welcome code: created once, returned unchanged on every later call.

    Call it with the subscriber row locked; the one-code-per-subscriber constraint is the
    backstop if that is ever forgotten.
    """
    existing = DiscountCode.objects.filter(subscriber=subscriber).first()
    if existing is not None:
        return existing
    at = at or timezone.now()
    for _ in range(_GENERATE_ATTEMPTS):
        try:
            with transaction.atomic():
                return DiscountCode.objects.create(
                    code=code_generate(),
                    subscriber=subscriber,
                    percent_off=WELCOME_PERCENT_OFF,
                    issued_at=at,
                    expires_at=discount_expiry_for(at),
                )
        except IntegrityError:
            existing = DiscountCode.objects.filter(subscriber=subscriber).first()
            if existing is not None:
                return existing
            # Otherwise the random code collided with another one: draw again.
    raise RuntimeError("could not draw an unused discount code; is the alphabet exhausted?")
