"""Writes: load questionnaires from their files, and record a runner's answers."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stridewell.accounts.models import Role, User
from stridewell.outcomes import engine
from stridewell.outcomes.models import Questionnaire, Response


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


def _digest(definition: dict[str, Any]) -> str:
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _change_problem(old: engine.QuestionnaireSpec, new: engine.QuestionnaireSpec) -> str | None:
    if old.version == new.version:
        return (
            f"'{new.key}' changed but its version is still {new.version}: give the new wording "
            "or scoring a new version"
        )
    if (old.low, old.high, old.direction) != (new.low, new.high, new.direction):
        return (
            f"'{new.key}' version {new.version} changes the score range or direction, so its "
            "scores could not be compared with earlier ones: load it under a new key"
        )
    return None


@transaction.atomic
def questionnaires_load(*, specs: list[engine.QuestionnaireSpec]) -> LoadReport:
    """Create or update each questionnaire; running it again with the same files changes
    nothing. A changed questionnaire needs a new version, and keeps its score range and
    direction (earlier scores stay comparable); otherwise nothing at all is written.
    Whether a questionnaire is offered (`is_active`) is the clinic's choice in the admin and is
    left alone here, except that a new one starts active."""
    report = LoadReport()
    problems: list[str] = []
    existing = {q.key: q for q in Questionnaire.objects.select_for_update().filter(
        key__in=[s.key for s in specs])}  # fmt: skip
    for spec in specs:
        definition = engine.spec_dump(spec)
        digest = _digest(definition)
        row = existing.get(spec.key)
        if row is None:
            Questionnaire.objects.create(
                key=spec.key, name=spec.name, version=spec.version,
                definition=definition, digest=digest,
            )  # fmt: skip
            report.created.append(spec.key)
        elif row.digest == digest:
            report.unchanged.append(spec.key)
        elif problem := _change_problem(row.spec, spec):
            problems.append(problem)
        else:
            row.name, row.version, row.definition, row.digest = (
                spec.name, spec.version, definition, digest,
            )  # fmt: skip
            row.save(update_fields=["name", "version", "definition", "digest", "loaded_at"])
            report.updated.append(spec.key)
    if problems:
        raise ValidationError(problems)
    return report


def questionnaires_load_files() -> LoadReport:
    """Load every file in the app's data folder (the demo and `make run` use this)."""
    from stridewell.outcomes.data_files import data_files, questionnaire_files_read

    return questionnaires_load(specs=questionnaire_files_read(data_files()))


def _invalid(fields: dict[str, list[str]]) -> ValidationError:
    return ValidationError({k: list(v) for k, v in fields.items()})


def response_submit(
    *,
    runner: User,
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    today: date,
) -> Response:
    """Score `answers` with the engine and store them for `today` (London).

    Raises ValidationError keyed by item (and `__all__`) for answers that cannot be scored,
    for a questionnaire that is not offered, and (code "conflict") for a second response on
    the same day. Nothing is written on any failure.
    """
    if runner.role != Role.RUNNER:
        raise ValidationError({engine.ALL: ["Only runners answer questionnaires."]})
    if not questionnaire.is_active:
        raise ValidationError({engine.ALL: ["This questionnaire is no longer offered."]})
    spec = questionnaire.spec
    try:
        score = engine.answers_score(spec, answers)
    except engine.AnswerError as exc:
        raise _invalid(exc.fields) from None
    stored = {item.key: answers.get(item.key) for item in spec.items}
    try:
        with transaction.atomic():
            return Response.objects.create(
                runner=runner,
                questionnaire=questionnaire,
                version=questionnaire.version,
                date=today,
                answers=stored,
                score=score.total,
                answered=score.answered,
                rule=score.rule.value,
            )
    except IntegrityError:
        raise ValidationError(
            {
                engine.ALL: ValidationError(
                    "You have already answered this questionnaire today.", code="conflict"
                )
            }
        ) from None
