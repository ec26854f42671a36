"""Hand-overs: the recorded moment a runner's physio changed (ADR 0014).

A runner's physio changes only through `services_handover.runner_hand_over`, by clinic staff or
by the runner choosing a physio; never as a side effect of a screening or a programme. Each
hand-over is kept (who, when, from whom, to whom, why) and shown to the runner and both physios.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class HandOverKind(models.TextChoices):
    STAFF = "staff", "Clinic staff"
    RUNNER_CHOICE = "runner_choice", "The runner chose"


class HandOver(models.Model):
    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_hand_overs")
    from_physio = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_physio = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="training_hand_overs_to"
    )
    by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    by_email = models.EmailField(help_text="Kept if the account is later removed.")
    kind = models.CharField(max_length=16, choices=HandOverKind.choices)
    reason = models.TextField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(from_physio__isnull=True) | ~Q(from_physio=F("to_physio")),
                name="training_handover_changes_physio",
            ),
        )

    def __str__(self) -> str:
        return f"{self.runner} handed over to {self.to_physio} on {self.at:%d %b %Y}"
