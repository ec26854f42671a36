"""Questionnaires (loaded from data files) and a runner's answers to them.

A questionnaire row keeps the validated definition exactly as the engine reads it
(`engine.spec_dump`), so scoring never depends on a file still being on disk. A response keeps
the answers, the score the engine gave them, the rule that scored them and the version answered:
scores stay explainable after the file changes. Responses are health data: the runner, their
physio and staff only (`stridewell.training.access`).
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone

from stridewell.outcomes import engine


class Questionnaire(models.Model):
    key = models.SlugField(max_length=49, unique=True)
    name = models.CharField(max_length=120)
    version = models.CharField(max_length=20)
    definition = models.JSONField(help_text="The validated file, as the engine reads it.")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the canonical definition.")
    is_active = models.BooleanField(default=True, help_text="Offered to runners.")
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @cached_property
    def spec(self) -> engine.QuestionnaireSpec:
        return engine.spec_read(self.definition)


class Response(models.Model):
    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outcome_responses"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    version = models.CharField(max_length=20, help_text="The questionnaire version answered.")
    date = models.DateField(help_text="The day answered (London).")
    created_at = models.DateTimeField(default=timezone.now)
    answers = models.JSONField(help_text="Item key -> the chosen answer's score (null = blank).")
    score = models.IntegerField()
    answered = models.PositiveSmallIntegerField()
    rule = models.CharField(max_length=60, help_text="The engine rule that scored the answers.")

    class Meta:
        ordering = ("date", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("runner", "questionnaire", "date"), name="outcomes_one_response_a_day"
            ),
        )
        indexes = (models.Index(fields=("runner", "questionnaire", "date")),)

    def __str__(self) -> str:
        return f"{self.questionnaire.key} by {self.runner} on {self.date:%d %b %Y}: {self.score}"

    @property
    def is_prorated(self) -> bool:
        return self.rule == engine.OutcomeRule.Q11_SCORED_PRORATED
