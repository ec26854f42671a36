"""Demo enquiries: one new, one answered (with a screening suggested), one closed.

Written directly, without e-mails. Running it again changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from stridewell.accounts.models import User
from stridewell.enquiries.models import (
    ContactPreference,
    Enquiry,
    EnquiryReply,
    EnquiryStatus,
    RunningBackground,
)
from stridewell.enquiries.services import booking_url

NEW_QUESTION = (
    "I have just signed up for my first marathon in April and have only ever run 10k. "
    "Where should I start with strength work, and how many sessions a week is sensible "
    "alongside four runs?"
)
ANSWERED_QUESTION = (
    "My left Achilles is stiff for the first few minutes of every run and first thing in the "
    "morning. It eases off once I am going. Should I stop running until it settles?"
)
ANSWER = (
    "Thank you for the detail. Stiffness that eases as you warm up is common and usually means "
    "the tendon is a little irritated rather than injured. Most people do not need to stop: "
    "keep your runs easy and flat for a week or two, skip hills and speed work, and start slow "
    "calf raises off a step every other day.\n\n"
    "If it is getting worse week on week, or it hurts more than 3 out of 10 while you run, we "
    "would like to have a proper look."
)
CLOSED_QUESTION = (
    "Do you see children? My daughter (14) runs cross-country for her school and keeps getting "
    "sore shins."
)
CLOSED_ANSWER = (
    "Called back: we do see young athletes from 12 with a parent present. Suggested booking a "
    "screening after half-term; mum will call to book."
)


@transaction.atomic
def seed_enquiries_demo(*, answerer: User | None = None) -> list[Enquiry]:
    """Create the three demo enquiries if they are missing; return them."""
    now = timezone.now()
    if answerer is None:
        answerer = User.objects.filter(email="physio@stridewell.test").first()
    new, _ = Enquiry.objects.get_or_create(
        email="amir.haddad@example.com",
        defaults={
            "name": "Amir Haddad",
            "background": RunningBackground.MARATHON,
            "background_detail": "Four runs a week, longest 12 km. No injuries so far.",
            "question": NEW_QUESTION,
            "created_at": now - timedelta(hours=5),
            "updated_at": now - timedelta(hours=5),
        },
    )
    answered, created = Enquiry.objects.get_or_create(
        email="beth.lowry@example.com",
        defaults={
            "name": "Beth Lowry",
            "background": RunningBackground.INJURED,
            "question": ANSWERED_QUESTION,
            "status": EnquiryStatus.ANSWERED,
            "created_at": now - timedelta(days=3),
            "updated_at": now - timedelta(days=2),
            "answered_at": now - timedelta(days=2),
        },
    )
    if created:
        EnquiryReply.objects.create(
            enquiry=answered, author=answerer, body=ANSWER, suggests_screening=True,
            booking_url=booking_url(), created_at=now - timedelta(days=2),
        )  # fmt: skip
    closed, created = Enquiry.objects.get_or_create(
        email="nadia.kowalski@example.com",
        defaults={
            "name": "Nadia Kowalski",
            "phone": "07700 900456",
            "background": RunningBackground.OTHER,
            "background_detail": "Asking for my daughter.",
            "question": CLOSED_QUESTION,
            "preferred_contact": ContactPreference.PHONE,
            "status": EnquiryStatus.CLOSED,
            "created_at": now - timedelta(days=9),
            "updated_at": now - timedelta(days=8),
            "answered_at": now - timedelta(days=8),
            "closed_at": now - timedelta(days=8),
        },
    )
    if created:
        EnquiryReply.objects.create(
            enquiry=closed, author=answerer, body=CLOSED_ANSWER, is_emailed=False,
            created_at=now - timedelta(days=8),
        )  # fmt: skip
    return [new, answered, closed]
