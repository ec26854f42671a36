"""Demo outcome measures: load the questionnaires and give the demo runner two sets of answers
(at their screening, and four weeks later: better by more than the MCID), so their scores page
shows a chart, the band and a real change called out. Running it again changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from stridewell.accounts.models import User
from stridewell.core.time import now_london
from stridewell.outcomes.models import Questionnaire, Response
from stridewell.outcomes.services import LoadReport, questionnaires_load_files, response_submit
from stridewell.training.models import Screening

DEMO_KEY = "running-function"
# Answers at the screening (total 18/32) and four weeks later (24/32: six points better).
BASELINE = {"easy_flat": 3, "marathon_pace": 2, "long_run": 2, "downhill": 1,
            "uphill": 3, "strides": 2, "day_after": 2, "stairs_after": 3}  # fmt: skip
FOLLOW_UP = {"easy_flat": 4, "marathon_pace": 3, "long_run": 3, "downhill": 2,
             "uphill": 3, "strides": 3, "day_after": 3, "stairs_after": 3}  # fmt: skip


@transaction.atomic
def seed_outcomes_demo(*, runner: User, today: date | None = None) -> LoadReport:
    report = questionnaires_load_files()
    questionnaire = Questionnaire.objects.filter(key=DEMO_KEY, is_active=True).first()
    if questionnaire is None or Response.objects.filter(runner=runner).exists():
        return report
    screening = Screening.objects.filter(runner=runner).order_by("date").first()
    if screening is None:
        return report
    today = today or now_london().date()
    for answers, day in (
        (BASELINE, screening.date),
        (FOLLOW_UP, screening.date + timedelta(weeks=4)),
    ):
        if day <= today:
            response_submit(runner=runner, questionnaire=questionnaire, answers=answers, today=day)
    return report
