"""Newsletter discount codes, as booking uses them.

The newsletter app owns the codes (`stridewell.newsletter.discounts`): `discount_redeem` must run
inside the booking transaction, so a booking that fails (the slot was taken) never uses up the
patient's code, and a code can never be redeemed twice by two racing bookings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stridewell.booking.errors import BookingError

UNAVAILABLE_MESSAGE = "Discount codes cannot be used at the moment; please book without one."


@dataclass(frozen=True, slots=True)
class AppliedDiscount:
    code: str
    percent_off: int


def discount_reference(public_id: object) -> str:
    return f"booking:{public_id}"


def discounted_price(price_pence: int, percent_off: int) -> int:
    """The price after `percent_off`, rounding the discount to the nearest penny (half up)."""
    discount = (price_pence * percent_off + 50) // 100
    return max(price_pence - discount, 0)


def discount_apply(*, code: str, reference: str, at: datetime) -> AppliedDiscount:
    """Redeem `code` for this booking. Call inside the booking's transaction."""
    try:
        from stridewell.newsletter import discounts
    except ImportError:
        raise BookingError.field(
            "discount_code", "discount_unavailable", UNAVAILABLE_MESSAGE
        ) from None
    try:
        redemption = discounts.discount_redeem(code=code, reference=reference, at=at)
    except discounts.DiscountError as exc:
        message = getattr(exc, "message", "") or str(exc) or "That discount code cannot be used."
        raise BookingError.field("discount_code", "discount_invalid", message) from None
    return AppliedDiscount(code=redemption.code, percent_off=int(redemption.percent_off))


def discount_give_back(*, reference: str) -> None:
    """Let the patient use their code again (the appointment it paid for was cancelled)."""
    from stridewell.newsletter import discounts

    discounts.discount_release(reference=reference)
