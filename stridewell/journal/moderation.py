"""Does a new comment appear at once or wait for a moderator? Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Two or more links is what link spam looks like; one link (a race page, a study) is normal.
LINK_HOLD_THRESHOLD = 2


class HoldReason(StrEnum):
    NONE = ""
    FIRST_COMMENT = "first_comment"
    LINKS = "links"
    PREVIOUS_SPAM = "previous_spam"


HOLD_REASON_LABELS = {
    HoldReason.FIRST_COMMENT: "First comment from this address",
    HoldReason.LINKS: "Contains two or more links",
    HoldReason.PREVIOUS_SPAM: "This address has sent spam before",
}


@dataclass(frozen=True, slots=True)
class Decision:
    publish_now: bool
    reason: HoldReason


def decide(*, link_count: int, has_approved_before: bool, has_spam_before: bool) -> Decision:
    """First-time commenters wait; known commenters appear at once unless the comment has
    two or more links or the address has been marked as spam."""
    if has_spam_before:
        return Decision(publish_now=False, reason=HoldReason.PREVIOUS_SPAM)
    if link_count >= LINK_HOLD_THRESHOLD:
        return Decision(publish_now=False, reason=HoldReason.LINKS)
    if not has_approved_before:
        return Decision(publish_now=False, reason=HoldReason.FIRST_COMMENT)
    return Decision(publish_now=True, reason=HoldReason.NONE)
