"""Writes for enquiries: submit a question, reply to it, move it through the inbox.

Physiotherapists answer the advice questions and clinic staff run the inbox, so both roles
may reply and change status; the services check it themselves for every interface.
"""

from __future__ import annotations

import logging
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from stridewell.accounts.models import User
from stridewell.clinic.phone import to_e164
from stridewell.core.email import email_send
from stridewell.core.ratelimit import rate_limit_hit
from stridewell.enquiries.models import (
    ContactPreference,
    Enquiry,
    EnquiryReply,
    EnquiryStatus,
)

logger = logging.getLogger(__name__)


def can_answer_enquiries(user: User | None) -> bool:
    return bool(user and user.is_authenticated and (user.is_clinic_staff or user.is_physio))


def _require_answerer(user: User) -> None:
    if not can_answer_enquiries(user):
        raise PermissionDenied("Only the clinic team can read and answer enquiries.")


def booking_url() -> str:
    return f"{settings.SITE_URL}{reverse('booking:start')}"


def clinic_inbox_address() -> str:
    """Where new enquiries are announced: the clinic profile's address, else our sender."""
    from stridewell.clinic.selectors import clinic_profile_get

    profile = clinic_profile_get()
    if profile is not None and profile.email:
        return profile.email
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def _clean_phone(phone: str, preferred_contact: str) -> str:
    phone = " ".join((phone or "").split())
    if phone and to_e164(phone) is None:
        raise ValidationError(
            {"phone": "Enter a phone number we can dial, such as 07700 900123 or +44 7700 900123."}
        )
    if preferred_contact == ContactPreference.PHONE and not phone:
        raise ValidationError({"phone": "Give us a number to call, or choose e-mail instead."})
    return phone


ACKNOWLEDGEMENT_LIMIT = 3
ACKNOWLEDGEMENT_WINDOW_SECONDS = 24 * 60 * 60


def _may_acknowledge(email: str) -> bool:
    decision = rate_limit_hit(
        key=f"enquiries:acknowledgement:{email}",
        limit=ACKNOWLEDGEMENT_LIMIT,
        window_seconds=ACKNOWLEDGEMENT_WINDOW_SECONDS,
    )
    return decision.allowed


@transaction.atomic
def enquiry_submit(
    *,
    name: str,
    email: str,
    question: str,
    background: str,
    background_detail: str = "",
    phone: str = "",
    preferred_contact: str = ContactPreference.EMAIL,
) -> Enquiry:
    """Store a question, tell the clinic, and send the runner an acknowledgement."""
    enquiry = Enquiry(
        name=" ".join((name or "").split()),
        email=(email or "").strip().lower(),
        phone=_clean_phone(phone, preferred_contact),
        background=background,
        background_detail=(background_detail or "").strip(),
        question=(question or "").strip(),
        preferred_contact=preferred_contact,
    )
    enquiry.full_clean()
    enquiry.save()
    context = {
        "enquiry": enquiry,
        "inbox_url": f"{settings.SITE_URL}{reverse('enquiries:staff_detail', args=[enquiry.pk])}",
    }
    email_send(
        to=[clinic_inbox_address()],
        subject=f"New advice enquiry from {enquiry.name}",
        template="email/enquiries/clinic_notification",
        context=context,
        reply_to=[enquiry.email],
    )
    if not _may_acknowledge(enquiry.email):
        # Anyone can type any address into the form: cap what one inbox can be sent.
        logger.info("enquiries: acknowledgement withheld (address limit reached)")
        return enquiry
    email_send(
        to=[enquiry.email],
        subject="We have your question: Stridewell Sports Physiotherapy",
        template="email/enquiries/acknowledgement",
        context=context,
        reply_to=[clinic_inbox_address()],
    )
    return enquiry


@transaction.atomic
def enquiry_reply(
    *,
    enquiry_id: int,
    by: User,
    body: str,
    suggest_screening: bool = False,
    send_email: bool = True,
) -> EnquiryReply:
    """Answer an enquiry: e-mail the reply (or keep it as a phone-call note) and mark it
    answered. The reply is stored exactly as sent."""
    _require_answerer(by)
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry_id)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write your reply."})
    now = timezone.now()
    reply = EnquiryReply(
        enquiry=enquiry,
        author=by,
        body=body,
        is_emailed=send_email,
        suggests_screening=suggest_screening,
        booking_url=booking_url() if suggest_screening else "",
        created_at=now,
    )
    reply.full_clean()
    reply.save()
    enquiry.status = EnquiryStatus.ANSWERED
    enquiry.answered_at = enquiry.answered_at or now
    enquiry.closed_at = None
    enquiry.updated_at = now
    enquiry.save(update_fields=["status", "answered_at", "closed_at", "updated_at"])
    if send_email:
        email_send(
            to=[enquiry.email],
            subject="Re: your question to Stridewell Sports Physiotherapy",
            template="email/enquiries/reply",
            context={"enquiry": enquiry, "reply": reply, "author_name": by.get_full_name()},
            reply_to=[clinic_inbox_address()],
        )
    return reply


@transaction.atomic
def enquiry_status_change(*, enquiry_id: int, by: User, status: str) -> Enquiry:
    _require_answerer(by)
    if status not in EnquiryStatus.values:
        raise ValidationError({"status": f"Choose one of: {', '.join(EnquiryStatus.values)}."})
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry_id)
    if enquiry.status == status:
        return enquiry
    now = timezone.now()
    enquiry.status = status
    enquiry.closed_at = now if status == EnquiryStatus.CLOSED else None
    enquiry.updated_at = now
    enquiry.save(update_fields=["status", "closed_at", "updated_at"])
    return enquiry
