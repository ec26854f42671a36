from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Role(models.TextChoices):
    RUNNER = "runner", "Runner"
    PHYSIO = "physio", "Physiotherapist"
    STAFF = "staff", "Clinic staff"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra |= {"is_staff": True, "is_superuser": True, "role": Role.STAFF}
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who logs in with an e-mail address. `role` decides what they may see."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("e-mail address", unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.RUNNER)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ("email",)
        constraints = (
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message="An account with this e-mail address already exists.",
            ),
        )

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_runner(self) -> bool:
        return self.role == Role.RUNNER

    @property
    def is_physio(self) -> bool:
        return self.role == Role.PHYSIO

    @property
    def is_clinic_staff(self) -> bool:
        return self.role == Role.STAFF or self.is_superuser


SPECIALTY_MAX_LENGTH = 80


def validate_specialties(value: object) -> None:
    """Specialties are a list of short, non-empty labels such as "Achilles tendinopathy"."""
    if not isinstance(value, list):
        raise ValidationError("Specialties must be a list of short labels.", code="not_a_list")
    problems: list[str] = []
    seen: set[str] = set()
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str):
            problems.append(f"Specialty {position} must be text.")
            continue
        if not item.strip():
            problems.append(f"Specialty {position} is empty; write a short label or remove it.")
            continue
        if len(item) > SPECIALTY_MAX_LENGTH:
            problems.append(
                f"Specialty {position} is longer than {SPECIALTY_MAX_LENGTH} characters."
            )
        if item.strip().casefold() in seen:
            problems.append(f"Specialty {position} (“{item.strip()}”) is listed twice.")
        seen.add(item.strip().casefold())
    if problems:
        raise ValidationError(problems, code="invalid_specialty")


class PractitionerProfile(models.Model):
    """The public face of a physiotherapist: shown on the clinic pages and used by booking."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="practitioner_profile")
    display_name = models.CharField(max_length=120, help_text="As shown to patients.")
    title = models.CharField(
        max_length=120, help_text="For example “Senior Sports Physiotherapist”."
    )
    slug = models.SlugField(max_length=80, unique=True)
    bio = models.TextField(blank=True, help_text="Plain text; blank lines separate paragraphs.")
    specialties = models.JSONField(default=list, blank=True, validators=[validate_specialties])
    is_active = models.BooleanField(
        default=True, help_text="Untick to hide this practitioner from patients and booking."
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )

    class Meta:
        ordering = ("sort_order", "display_name")

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        # A profile makes someone bookable; only physiotherapists may be booked.
        if self.user_id is not None and self.user.role != Role.PHYSIO:
            raise ValidationError(
                {
                    "user": (
                        f"{self.user.email} is not a physiotherapist (role: "
                        f"{self.user.get_role_display()}). Change their role to "
                        "Physiotherapist before giving them a practitioner profile."
                    )
                },
                code="not_physio",
            )


class PersonalAccessToken(models.Model):
    """A long-lived API credential. Only the SHA-256 of the secret is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. “Garmin sync”.")
    prefix = models.CharField(max_length=8, help_text="The first characters, to recognise it.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, *, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())
