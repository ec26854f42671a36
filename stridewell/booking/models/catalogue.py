"""What can be booked: appointment types and the rooms they need. Edited by clinic staff."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from stridewell.accounts.models import PractitionerProfile
from stridewell.booking.availability import GRID_MINUTES_CHOICES, SlotRules, rules_problems


class Room(models.Model):
    """A treatment room, the gym... A type that needs a room gets one of its rooms."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "name")

    def __str__(self) -> str:
        return self.name


# Words the booking pages use in their addresses (/booking/diary/...): not usable as type slugs.
RESERVED_SLUGS = frozenset({"hold", "details", "booked", "cancel", "reschedule", "diary"})


class Eligibility(models.TextChoices):
    NEW = "new", "New patients"
    RETURNING = "returning", "Returning patients"
    ANY = "any", "Anyone"


class AppointmentType(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="Shown to patients when they book.")
    duration_minutes = models.PositiveSmallIntegerField(help_text="Real minutes with the patient.")
    price_pence = models.PositiveIntegerField(help_text="In pence: 7500 is £75.00.")
    surcharge_pence = models.PositiveIntegerField(
        default=0, help_text="Added to the price, e.g. for out-of-hours emergency cover."
    )
    buffer_before_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="Time kept free before, e.g. to read notes."
    )
    buffer_after_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="Time kept free after, e.g. to write notes or clean the room."
    )
    min_notice_minutes = models.PositiveIntegerField(
        default=120, help_text="How long before the start patients can still book online."
    )
    horizon_days = models.PositiveSmallIntegerField(
        default=60, help_text="How many days ahead patients can book."
    )
    grid_minutes = models.PositiveSmallIntegerField(
        default=15,
        choices=[(g, f"every {g} minutes") for g in GRID_MINUTES_CHOICES],
        help_text="Start times offered, counted from midnight London time.",
    )
    eligibility = models.CharField(
        max_length=16, choices=Eligibility.choices, default=Eligibility.ANY
    )
    needs_confirmation = models.BooleanField(
        default=False, help_text="Requests wait for a member of staff to confirm them."
    )
    is_emergency = models.BooleanField(
        default=False,
        help_text="Only outside opening hours, with the physio on call (Sundays included).",
    )
    rooms = models.ManyToManyField(
        Room, blank=True, help_text="Rooms it can take place in. Leave empty if none is needed."
    )
    practitioners = models.ManyToManyField(
        PractitionerProfile,
        blank=True,
        related_name="appointment_types",
        help_text="Who offers it. Leave empty for every active practitioner.",
    )
    is_active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "name")
        constraints = (
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=720),
                name="booking_type_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(min_notice_minutes__lt=F("horizon_days") * 24 * 60),
                name="booking_type_notice_within_horizon",
                violation_error_message="The minimum notice must be shorter than the horizon.",
            ),
            models.CheckConstraint(
                condition=Q(grid_minutes__in=GRID_MINUTES_CHOICES),
                name="booking_type_grid_choice",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def total_price_pence(self) -> int:
        return self.price_pence + self.surcharge_pence

    def rules(self) -> SlotRules:
        return SlotRules(
            duration_minutes=self.duration_minutes,
            buffer_before_minutes=self.buffer_before_minutes,
            buffer_after_minutes=self.buffer_after_minutes,
            min_notice_minutes=self.min_notice_minutes,
            horizon_days=self.horizon_days,
            is_emergency=self.is_emergency,
            grid_minutes=self.grid_minutes,
        )

    def clean(self) -> None:
        numbers = (
            "duration_minutes",
            "buffer_before_minutes",
            "buffer_after_minutes",
            "min_notice_minutes",
            "horizon_days",
            "grid_minutes",
        )
        if any(getattr(self, name) is None for name in numbers):
            return  # the field validators already report the missing values
        problems: dict[str, str] = rules_problems(self.rules())
        if self.slug in RESERVED_SLUGS:
            problems["slug"] = f"“{self.slug}” is used by the booking pages; choose another."
        if problems:
            raise ValidationError(problems)

    def accepts(self, *, is_new_patient: bool) -> bool:
        if self.eligibility == Eligibility.NEW:
            return is_new_patient
        if self.eligibility == Eligibility.RETURNING:
            return not is_new_patient
        return True
