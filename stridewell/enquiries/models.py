"""“E-mail us for advice”: questions from runners, and the clinic's answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from stridewell.clinic.phone import to_e164


class RunningBackground(models.TextChoices):
    NEW = "new", "New to running"
    RETURNING = "returning", "Coming back to running after a break"
    REGULAR = "regular", "Running regularly (parkrun to half marathon)"
    MARATHON = "marathon", "Training for a marathon or longer"
    INJURED = "injured", "Running with an injury, or coming back from one"
    OTHER = "other", "Something else"


class ContactPreference(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"


class EnquiryStatus(models.TextChoices):
    NEW = "new", "New"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


class Enquiry(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField("e-mail address", max_length=254)
    phone = models.CharField(max_length=32, blank=True)
    background = models.CharField(
        "running background", max_length=16, choices=RunningBackground.choices
    )
    background_detail = models.TextField("more about your running", max_length=1000, blank=True)
    question = models.TextField(max_length=5000)
    preferred_contact = models.CharField(
        max_length=8, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    status = models.CharField(
        max_length=10, choices=EnquiryStatus.choices, default=EnquiryStatus.NEW
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name_plural = "enquiries"
        constraints = (
            # Someone who asks for a call must have given a number to call.
            models.CheckConstraint(
                condition=~Q(preferred_contact="phone") | ~Q(phone=""),
                name="enquiries_phone_preference_has_phone",
            ),
        )
        indexes = (models.Index(fields=("status", "-created_at"), name="enquiries_inbox_idx"),)

    def __str__(self) -> str:
        return f"Enquiry {self.pk} from {self.name}"

    @property
    def phone_e164(self) -> str:
        return to_e164(self.phone) or ""


class EnquiryReply(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(max_length=10000)
    # False: a note of a phone call, kept on the enquiry but not e-mailed.
    is_emailed = models.BooleanField(default=True)
    suggests_screening = models.BooleanField(default=False)
    booking_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name_plural = "enquiry replies"

    def __str__(self) -> str:
        return f"Reply {self.pk} to enquiry {self.enquiry_id}"
