"""Newsletter data: subscribers and their consent, welcome codes, issues and their delivery.

Privacy shapes the tables: an address appears in exactly one row (`Subscriber.email`), so
erasing a person is deleting that row; everything else points at it and either goes with it
(consents) or lets go of it (codes, deliveries). Growth is counted in `ListTally`, which
never names anyone, so the numbers survive erasure.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Subscribed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"


class Subscriber(models.Model):
    # Links in e-mails carry a signature over `public_id`, never the address.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField("e-mail address", max_length=254)
    first_name = models.CharField(max_length=60, blank=True)
    status = models.CharField(
        max_length=16, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
        )
        indexes = (models.Index(fields=("status",), name="newsletter_sub_status_idx"),)

    def __str__(self) -> str:
        # Never the address: this string ends up in logs and admin breadcrumbs.
        return f"Subscriber {self.public_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == SubscriberStatus.CONFIRMED


class ConsentEvent(models.TextChoices):
    GIVEN = "given", "Ticked the consent box"
    CONFIRMED = "confirmed", "Confirmed by the e-mailed link"
    WITHDRAWN = "withdrawn", "Withdrawn (unsubscribed)"


class Consent(models.Model):
    """One step in the consent trail: when, from which form, under which wording, from where."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    event = models.CharField(max_length=16, choices=ConsentEvent.choices)
    source = models.CharField(max_length=40, help_text="Which form: footer, article, api, …")
    wording_version = models.CharField(max_length=20)
    # HMAC-SHA256 of the client address keyed with SECRET_KEY: enough to spot abuse from one
    # address, useless for finding out who someone is.
    ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.get_event_display()} via {self.source} ({self.wording_version})"


class DiscountCode(models.Model):
    """A single-use welcome code. Kept in clear: staff and the subscriber both need to read it."""

    code = models.CharField(max_length=20, unique=True)
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discount_codes",
    )
    percent_off = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    issued_at = models.DateTimeField(default=timezone.now)
    # The first instant the code no longer works (midnight London after its last valid day).
    expires_at = models.DateTimeField()
    redeemed_at = models.DateTimeField(null=True, blank=True)
    # What used it, e.g. the appointment id; given by the booking service.
    reference = models.CharField(max_length=100, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-issued_at", "-id")
        constraints = (
            # One welcome code per subscriber, even if two confirmations race.
            models.UniqueConstraint(
                fields=("subscriber",),
                condition=Q(subscriber__isnull=False),
                name="newsletter_one_code_per_subscriber",
            ),
            models.CheckConstraint(
                condition=Q(percent_off__gte=1, percent_off__lte=100),
                name="newsletter_code_percent_range",
            ),
            # Redeemed exactly when it names what redeemed it.
            models.CheckConstraint(
                condition=(Q(redeemed_at__isnull=True) & Q(reference=""))
                | (Q(redeemed_at__isnull=False) & ~Q(reference="")),
                name="newsletter_code_redeemed_has_reference",
            ),
        )
        indexes = (models.Index(fields=("reference",), name="newsletter_code_ref_idx"),)

    def __str__(self) -> str:
        return self.code


class IssueStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class Issue(models.Model):
    subject = models.CharField(max_length=150)
    preheader = models.CharField(
        max_length=150,
        blank=True,
        help_text="The short line many mail apps show after the subject. Optional.",
    )
    body_markdown = models.TextField("body (Markdown)")
    status = models.CharField(max_length=16, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.subject

    @property
    def is_draft(self) -> bool:
        return self.status == IssueStatus.DRAFT


class Send(models.Model):
    """Sending one issue to the list. One per issue: an issue is never sent twice."""

    issue = models.OneToOneField(Issue, on_delete=models.PROTECT, related_name="send")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Send of “{self.issue.subject}”"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    CLAIMED = "claimed", "Picked up by a worker"
    SENDING = "sending", "Being handed to the mail server"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped (left the list before their turn)"
    # The worker stopped while the mail server had the message: it may have gone out. Never
    # re-sent, because a second copy is worse than a missing one.
    UNCONFIRMED = "unconfirmed", "Not confirmed (interrupted while sending)"


class Delivery(models.Model):
    """One issue to one subscriber. The unique pair is what makes a double send impossible."""

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=("issue", "subscriber"), name="newsletter_one_delivery_per_subscriber"
            ),
        )
        indexes = (models.Index(fields=("send", "status"), name="newsletter_delivery_queue_idx"),)

    def __str__(self) -> str:
        return f"Delivery {self.pk} ({self.status})"


class ListTally(models.Model):
    """Anonymous weekly counts (week starting Monday, London). Never linked to a person."""

    week_start = models.DateField(unique=True)
    joined = models.PositiveIntegerField(default=0, help_text="Confirmed a subscription.")
    left = models.PositiveIntegerField(
        default=0, help_text="Stopped being a subscriber (unsubscribed or erased)."
    )
    erased = models.PositiveIntegerField(default=0, help_text="Asked for their data to be erased.")

    class Meta:
        ordering = ("week_start",)
        verbose_name_plural = "list tallies"

    def __str__(self) -> str:
        return f"Week of {self.week_start:%d %b %Y}"
