"""UK phone numbers as written on the site -> E.164 for `tel:` links (pure Python)."""

from __future__ import annotations

import re

_UK_NATIONAL_DIGITS = 10  # after the leading 0: 020 7946 0321 -> 2079460321


def to_e164(number: str) -> str | None:
    """'020 7946 0321' -> '+442079460321'; None when it cannot be a dialable number.

    Accepts national UK numbers (leading 0), '+' and '00' international prefixes, and the
    common '+44 (0)20 ...' style whose '(0)' must be dropped when dialling from abroad.
    """
    text = number.strip().replace("(0)", "")
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        pass
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        # A UK national number has 10 digits after the trunk 0 (a few old ones have 9).
        if len(digits) - 1 not in (_UK_NATIONAL_DIGITS, _UK_NATIONAL_DIGITS - 1):
            return None
        digits = "44" + digits[1:]
    else:
        return None
    if not 8 <= len(digits) <= 15 or digits.startswith("0"):
        return None
    return "+" + digits
