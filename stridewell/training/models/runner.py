"""A runner's screening, programme, logged sessions, check-ins and the decisions made on them.

This is health data: only the runner, their physio and clinic staff may read it (see
`stridewell.training.access`), and every read by a physio or staff member is written to
`AccessLog`. The progression rules themselves live in the pure `engine`; these rows store what
the engine was given and what it decided, so every decision can be explained later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from stridewell.training.models.library import Ladder, Rung

USER = settings.AUTH_USER_MODEL


def _range(field: str, low: int, high: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name
    )


def _optional_range(field: str, low: int, high: int, name: str) -> models.CheckConstraint:
    within = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return models.CheckConstraint(condition=Q(**{f"{field}__isnull": True}) | within, name=name)


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_STATED = "not_stated", "Prefer not to say"


class Screening(models.Model):
    """One screening: the measures as recorded, and where the engine placed the runner.

    `measures` holds the per-side tests in the shape `services_screening.screening_input_build`
    reads (every test optional); it is validated by building the engine's `ScreeningInput`.
    """

    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_screenings")
    recorded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_self_screen = models.BooleanField(default=False)
    date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    age = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=12, choices=Sex.choices)
    current_pain = models.PositiveSmallIntegerField()
    measures = models.JSONField(default=dict, blank=True)
    red_flags = models.JSONField(default=list, blank=True)
    injuries = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    has_red_flags = models.BooleanField(default=False)
    is_referred = models.BooleanField(default=False, help_text="No programme: see a physio.")
    placement = models.JSONField(default=dict, blank=True)
    years_running = models.PositiveSmallIntegerField(null=True, blank=True)
    weekly_km = models.PositiveSmallIntegerField(null=True, blank=True)
    marathons_finished = models.PositiveSmallIntegerField(null=True, blank=True)
    bone_stress_signs = models.JSONField(default=list, blank=True)
    start_despite_pain = models.BooleanField(
        default=False,
        help_text="The physio chose to start a programme despite pain of 5/10 or more at rest.",
    )

    class Meta:
        ordering = ("-date", "-id")
        constraints = (
            _range("current_pain", 0, 10, "training_screening_pain_0_10"),
            _range("age", 12, 100, "training_screening_age_12_100"),
            _optional_range("years_running", 0, 80, "training_screening_years_0_80"),
            _optional_range("weekly_km", 0, 300, "training_screening_weekly_km_0_300"),
            _optional_range("marathons_finished", 0, 500, "training_screening_marathons_0_500"),
        )

    def __str__(self) -> str:
        kind = "Self-screen" if self.is_self_screen else "Screening"
        return f"{kind} of {self.runner} on {self.date:%d %b %Y}"


class Programme(models.Model):
    """A runner's exercises, one entry per ladder. A runner has at most one active programme."""

    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_programmes")
    physio = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_programmes_cared_for",
        help_text="The runner's physio: sees their logs and receives their alerts.",
    )
    assigned_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_from = models.ForeignKey(
        Screening, on_delete=models.SET_NULL, null=True, blank=True, related_name="programmes"
    )
    started_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    sessions_per_week = models.PositiveSmallIntegerField(default=2)
    is_active = models.BooleanField(default=True)
    ended_on = models.DateField(null=True, blank=True)
    # Rungs the screening took as done on ladders outside the programme: prerequisites there.
    assumed_progress = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-started_on", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("runner",),
                condition=Q(is_active=True),
                name="training_programme_one_active_per_runner",
            ),
            _range("sessions_per_week", 1, 4, "training_programme_sessions_1_4"),
        )

    def __str__(self) -> str:
        return f"Programme for {self.runner} from {self.started_on:%d %b %Y}"


class ProgrammeEntry(models.Model):
    """One exercise in a programme: where the runner is on one ladder, and the carried state.

    `state` is the engine's `ProgressionState` (`engine.state_dump`); the dose columns repeat it
    for display, so pages need no engine call to show today's session.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="entries")
    ladder = models.ForeignKey(Ladder, on_delete=models.PROTECT, related_name="+")
    rung = models.ForeignKey(Rung, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    sets = models.PositiveSmallIntegerField()
    target = models.PositiveSmallIntegerField()
    low = models.PositiveSmallIntegerField()
    high = models.PositiveSmallIntegerField()
    unit = models.CharField(max_length=10, default="reps")
    load_step = models.PositiveSmallIntegerField(default=0)
    load_label = models.CharField(max_length=40)
    dose_text = models.CharField(max_length=160)
    tempo = models.CharField(max_length=40, blank=True)
    rest_seconds = models.PositiveSmallIntegerField(default=60)
    state = models.JSONField()
    # Rung number plus progress through its doses, now and at the start (for the step chart).
    ladder_position = models.FloatField(default=1)
    start_position = models.FloatField(default=1)
    is_overridden = models.BooleanField(default=False)
    # Stopped after a severe reaction until the physio resumes it (the state's `paused_on`).
    is_paused = models.BooleanField(default=False)
    override_note = models.TextField(blank=True)
    override_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("programme", "position", "id")
        verbose_name_plural = "programme entries"
        constraints = (
            models.UniqueConstraint(
                fields=("programme", "ladder"), name="training_entry_one_per_ladder"
            ),
            models.CheckConstraint(
                condition=Q(low__lte=F("target"), target__lte=F("high")),
                name="training_entry_target_in_range",
            ),
        )

    def __str__(self) -> str:
        return f"{self.rung.display_name}: {self.dose_text}"


class Control(models.TextChoices):
    GOOD = "good", "Good: hips level, knee over toes throughout"
    OK = "ok", "OK: lost it only in the last few reps"
    POOR = "poor", "Poor: lost it for most reps"


class Session(models.Model):
    """One logged training day. `client_token` makes a retried or double-tapped submission
    record once: the same token returns the session already stored."""

    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_sessions")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    client_token = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-date", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("runner", "client_token"), name="training_session_token_once"
            ),
            models.UniqueConstraint(fields=("runner", "date"), name="training_session_one_a_day"),
        )

    def __str__(self) -> str:
        return f"Session of {self.runner} on {self.date:%d %b %Y}"


class LogStatus(models.TextChoices):
    PENDING = "pending", "Waiting for tomorrow morning's check-in"
    DECIDED = "decided", "Decided"
    CLOSED = "closed", "Closed without a decision"


class ExerciseLog(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="exercises")
    entry = models.ForeignKey(ProgrammeEntry, on_delete=models.CASCADE, related_name="logs")
    rung = models.ForeignKey(Rung, on_delete=models.PROTECT, related_name="+")
    control = models.CharField(max_length=8, choices=Control.choices)
    status = models.CharField(max_length=10, choices=LogStatus.choices, default=LogStatus.PENDING)
    prescribed = models.JSONField(help_text="The dose asked for (engine dose_dump).")
    dose_text = models.CharField(max_length=160)
    max_pain = models.PositiveSmallIntegerField(default=0)
    # Rating of perceived exertion, 1-10 (10: every set to failure); null when not reported.
    effort = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("session", "entry__position", "id")
        constraints = (
            models.UniqueConstraint(fields=("session", "entry"), name="training_log_once"),
            _range("max_pain", 0, 10, "training_log_max_pain_0_10"),
            models.CheckConstraint(
                condition=Q(effort__isnull=True) | Q(effort__gte=1, effort__lte=10),
                name="training_log_effort_1_10",
            ),
        )

    def __str__(self) -> str:
        return f"{self.rung.display_name} on {self.session.date:%d %b %Y}"


class SetLog(models.Model):
    exercise_log = models.ForeignKey(ExerciseLog, on_delete=models.CASCADE, related_name="sets")
    number = models.PositiveSmallIntegerField()
    reps_or_seconds = models.PositiveSmallIntegerField()
    load_step = models.PositiveSmallIntegerField(default=0)
    load_label = models.CharField(max_length=40)
    pain_during = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("exercise_log", "number")
        constraints = (
            models.UniqueConstraint(fields=("exercise_log", "number"), name="training_set_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="training_set_number_min"),
            models.CheckConstraint(
                condition=Q(reps_or_seconds__gte=0), name="training_set_reps_not_negative"
            ),
            _range("pain_during", 0, 10, "training_set_pain_0_10"),
        )

    def __str__(self) -> str:
        return f"Set {self.number}: {self.reps_or_seconds} at pain {self.pain_during}/10"


class Urgency(models.TextChoices):
    """What a check-in told the runner to do (engine `Urgency`), most urgent last."""

    NONE = "none", "Nothing to add"
    EASY_DAY = "easy_day", "Unwell: no hard training today"
    SEE_PHYSIO = "see_physio", "Stop and see a physio"
    NHS_111_TODAY = "nhs_111_today", "NHS 111 today"
    EMERGENCY_999 = "emergency_999", "999 / A&E now"


class CheckIn(models.Model):
    """Pain and stiffness on waking, and the optional answers (red flags, illness, a long run).
    Never dated in the future (London date; checked by the service, since a database
    constraint cannot read the clock). `urgency` and `advice` keep what the runner was told."""

    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_check_ins")
    date = models.DateField()
    pain = models.PositiveSmallIntegerField()
    stiffness = models.PositiveSmallIntegerField()
    night_pain = models.BooleanField(default=False)
    numbness = models.BooleanField(default=False, help_text="Numbness or tingling.")
    swelling = models.BooleanField(default=False)
    unwell = models.BooleanField(default=False, help_text="Feeling ill or feverish.")
    emergency_signs = models.BooleanField(
        default=False,
        help_text="Bladder or bowel change, saddle numbness, sudden leg weakness, chest pain or "
        "sudden breathlessness.",
    )
    urgent_signs = models.BooleanField(
        default=False, help_text="A hot, swollen, tender calf, or a hot swollen joint."
    )
    long_run_yesterday = models.BooleanField(default=False, help_text="A race or long run.")
    urgency = models.CharField(max_length=16, choices=Urgency.choices, default=Urgency.NONE)
    advice = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-date",)
        constraints = (
            models.UniqueConstraint(fields=("runner", "date"), name="training_check_in_one_a_day"),
            _range("pain", 0, 10, "training_check_in_pain_0_10"),
            _range("stiffness", 0, 10, "training_check_in_stiffness_0_10"),
        )

    def __str__(self) -> str:
        return f"Check-in of {self.runner} on {self.date:%d %b %Y}"

    @property
    def is_red_flag(self) -> bool:
        """The runner was told to stop and get help (a physio, NHS 111 or 999)."""
        return self.urgency in {Urgency.SEE_PHYSIO, Urgency.NHS_111_TODAY, Urgency.EMERGENCY_999}

    def reported(self) -> list[str]:
        """The optional answers given, in short words, for the physio's tables."""
        short = {
            "night_pain": "night pain",
            "numbness": "numbness/tingling",
            "swelling": "swelling",
            "unwell": "unwell",
            "emergency_signs": "999 signs",
            "urgent_signs": "hot swollen calf/joint",
            "long_run_yesterday": "race/long run yesterday",
        }
        return [words for name, words in short.items() if getattr(self, name)]


class Decision(models.Model):
    """What the engine (or a physio's override) decided for one exercise, with its inputs."""

    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_decisions")
    entry = models.ForeignKey(ProgrammeEntry, on_delete=models.CASCADE, related_name="decisions")
    created_at = models.DateTimeField(default=timezone.now)
    effective_date = models.DateField()
    action = models.CharField(max_length=10)  # engine.Action
    kind = models.CharField(max_length=20)  # engine.DecisionKind
    rule = models.CharField(max_length=60)  # engine.Rule
    reason = models.TextField()
    alert_physio = models.BooleanField(default=False)
    inputs = models.JSONField()
    state_after = models.JSONField()
    rung_after = models.ForeignKey(Rung, on_delete=models.PROTECT, related_name="+")
    dose_text = models.CharField(max_length=160)
    # Place on the ladder after the decision: rung number (1 = first) plus the fraction of the
    # way through that rung's doses, for the step chart.
    ladder_position = models.FloatField()
    source_session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    source_check_in = models.ForeignKey(
        CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    made_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-effective_date", "-id")
        indexes = (
            models.Index(fields=("runner", "effective_date"), name="training_dec_runner"),
            # The dashboard asks each exercise where it stood when the chart window opens.
            models.Index(fields=("entry", "effective_date", "id"), name="training_dec_entry"),
        )

    def __str__(self) -> str:
        return f"{self.action} ({self.rule}) on {self.effective_date:%d %b %Y}"


class AlertKind(models.TextChoices):
    PAIN_OVER_5 = "pain_over_5", "Pain over 5/10 during exercise"
    MORNING_WORSE = "morning_worse", "Next morning worse than usual"
    MISSED_TWO = "missed_two_sessions", "Two sessions missed"
    RISING_TREND = "rising_trend", "Morning symptoms rising week on week"
    RED_FLAGS = "red_flags", "Red flags reported"
    CHECK_IN_RED_FLAG = "check_in_red_flag", "Red flag at a morning check-in"
    REST_DAY_HIGH = "rest_day_high", "High morning on a rest day"
    PLATEAU_REVIEW = "plateau_review", "Plateau: please review"
    EXERCISE_PAUSED = "exercise_paused", "Exercise paused: contact the runner"
    RESCREEN = "rescreen_suggested", "Back after 8+ weeks: re-screen suggested"


class Alert(models.Model):
    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_alerts")
    physio = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="training_alerts_for"
    )
    kind = models.CharField(max_length=24, choices=AlertKind.choices)
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="alerts"
    )
    message = models.TextField()
    key = models.CharField(max_length=80, blank=True, help_text="Stops a scan alerting twice.")
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("runner", "key"), condition=~Q(key=""), name="training_alert_key_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.runner}"


class AccessLog(models.Model):
    """Every read or write of a runner's health data (training, screenings, outcomes, plans,
    appointments) by someone other than the runner: who, when, what (a short stable code and the
    object) and from where. The one access log of the site: other apps write it through
    `stridewell.core.audit.record_access`."""

    viewer = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="training_access_made"
    )
    viewer_email = models.EmailField()
    viewer_role = models.CharField(max_length=16)
    runner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_access_logs")
    what = models.CharField(max_length=80)
    obj = models.CharField(max_length=64, blank=True, default="")
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("runner", "-at"), name="training_access_runner_at"),)

    def __str__(self) -> str:
        return f"{self.viewer_email} viewed {self.what} of {self.runner} at {self.at:%Y-%m-%d}"
