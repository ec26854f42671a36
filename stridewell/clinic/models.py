"""Clinic facts edited by staff: the profile, how to get there, when it is open, who is on call."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from stridewell.accounts.models import Role
from stridewell.clinic import hours
from stridewell.clinic.phone import to_e164

PHONE_HELP = "A UK number as patients should dial it, e.g. 020 7946 0321."


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class ClinicProfile(models.Model):
    """The one clinic this installation runs. A constant unique column keeps it to one row."""

    singleton = models.BooleanField(default=True, editable=False)
    name = models.CharField(max_length=120)
    address_line1 = models.CharField("address line 1", max_length=120)
    address_line2 = models.CharField("address line 2", max_length=120, blank=True)
    city = models.CharField(max_length=80, default="London")
    postcode = models.CharField(max_length=10)
    phone = models.CharField(max_length=32, help_text=PHONE_HELP)
    email = models.EmailField("e-mail address")
    emergency_phone = models.CharField(max_length=32, blank=True, help_text=PHONE_HELP)
    emergency_cover_text = models.TextField(
        blank=True, help_text="What the on-call service covers and when to call it."
    )

    class Meta:
        verbose_name = "clinic profile"
        constraints = (
            models.UniqueConstraint(
                fields=("singleton",),
                name="clinic_profile_singleton",
                violation_error_message="There is already a clinic profile: edit that one instead.",
            ),
            models.CheckConstraint(
                condition=Q(singleton=True), name="clinic_profile_singleton_true"
            ),
        )

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.phone and to_e164(self.phone) is None:
            errors["phone"] = f"“{self.phone}” is not a UK phone number. {PHONE_HELP}"
        if self.emergency_phone and to_e164(self.emergency_phone) is None:
            errors["emergency_phone"] = (
                f"“{self.emergency_phone}” is not a UK phone number. {PHONE_HELP}"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def phone_e164(self) -> str:
        return to_e164(self.phone) or ""

    @property
    def emergency_phone_e164(self) -> str:
        return to_e164(self.emergency_phone) or ""

    @property
    def address_lines(self) -> list[str]:
        return [
            line
            for line in (self.address_line1, self.address_line2, self.city, self.postcode)
            if line
        ]


class Station(models.Model):
    profile = models.ForeignKey(ClinicProfile, on_delete=models.CASCADE, related_name="stations")
    name = models.CharField(max_length=80)
    lines = models.CharField(max_length=160, blank=True, help_text="e.g. Northern, Jubilee")
    walking_minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "walking_minutes", "name")
        constraints = (
            models.CheckConstraint(
                condition=Q(walking_minutes__gt=0), name="clinic_station_walk_positive"
            ),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.walking_minutes} min)"


class OpeningHours(models.Model):
    """One wall-clock range on a weekday; a day may have several (e.g. a lunch break)."""

    profile = models.ForeignKey(
        ClinicProfile, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        ordering = ("weekday", "opens")
        constraints = (
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="clinic_hours_closes_after_opens"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="clinic_hours_weekday_range"),
        )

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {hours.span_text(self.opens, self.closes)}"

    def clean(self) -> None:
        if self.opens is not None and self.closes is not None:
            errors = hours.range_errors(self.opens, self.closes)
            if errors:
                raise ValidationError({"closes": errors})

    def to_range(self) -> hours.OpeningRange:
        return hours.OpeningRange(weekday=self.weekday, opens=self.opens, closes=self.closes)


class ClosureSource(models.TextChoices):
    MANUAL = "manual", "Entered by staff"
    BANK_HOLIDAY = "bank_holiday", "Bank holiday"


class Closure(models.Model):
    """Whole days the clinic is shut; the end date is inclusive."""

    start_date = models.DateField("first day")
    end_date = models.DateField("last day")
    reason = models.CharField(max_length=120, blank=True)
    source = models.CharField(
        max_length=16, choices=ClosureSource.choices, default=ClosureSource.MANUAL
    )

    class Meta:
        ordering = ("start_date", "end_date")
        constraints = (
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="clinic_closure_end_after_start",
                violation_error_message="The last day cannot be before the first day.",
            ),
            # Makes the bank-holiday import idempotent, even when two imports race.
            models.UniqueConstraint(
                fields=("start_date", "source"),
                condition=Q(source="bank_holiday"),
                name="clinic_closure_one_bank_holiday_per_day",
                violation_error_message="A bank holiday is already recorded on this date.",
            ),
        )

    def __str__(self) -> str:
        span = self.start_date.isoformat()
        if self.end_date != self.start_date:
            span += f" {hours.DASH} {self.end_date.isoformat()}"
        return f"{span} {self.reason}".strip()

    def clean(self) -> None:
        if self.start_date and self.end_date:
            errors = hours.closure_errors(self.start_date, self.end_date)
            if errors:
                raise ValidationError({"end_date": errors})

    def to_engine(self) -> hours.Closure:
        return hours.Closure(start=self.start_date, end=self.end_date, reason=self.reason)


class OnCallShift(models.Model):
    """A physio carries the emergency line; `ends` at or before `starts` runs past midnight."""

    # PROTECT: removing a physio must not silently leave holes in the emergency rota.
    physio = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="oncall_shifts",
        limit_choices_to={"role": Role.PHYSIO},
    )
    date = models.DateField()
    starts = models.TimeField()
    ends = models.TimeField(
        help_text="At or before the start time means the shift ends the next day."
    )
    phone = models.CharField(
        max_length=32, blank=True, help_text="Leave blank to use the clinic's emergency line."
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "on-call shift"
        ordering = ("date", "starts")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {hours.span_text(self.starts, self.ends)}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.physio_id is not None and getattr(self.physio, "role", None) != Role.PHYSIO:
            errors["physio"] = "Only physiotherapists can be on call."
        if self.phone and to_e164(self.phone) is None:
            errors["phone"] = f"“{self.phone}” is not a UK phone number. {PHONE_HELP}"
        if errors:
            raise ValidationError(errors)

    def to_engine(self) -> hours.OnCallShift:
        physio = self.physio
        return hours.OnCallShift(
            day=self.date,
            starts=self.starts,
            ends=self.ends,
            physio=physio.get_full_name() or physio.email,
            phone=self.phone,
            note=self.note,
        )
