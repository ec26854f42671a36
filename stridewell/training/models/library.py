"""The exercise library and its progression ladders, stored as data that staff can edit.

The rules that read these rows live in `stridewell.training.engine` (pure Python); the
`selectors` module turns rows into engine `Ladder`/`Rung` objects.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse


class Source(models.Model):
    """A published study or guideline that a figure in the library comes from."""

    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=80, blank=True, help_text="Short form, e.g. Boren 2011.")
    citation = models.TextField()

    class Meta:
        ordering = ("key",)

    def __str__(self) -> str:
        return self.label or self.key


class Muscle(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Equipment(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "equipment"

    def __str__(self) -> str:
        return self.name


def number_text(value: Decimal | float | None) -> str:
    """47.0 -> '47', 99.90 -> '99.9' (figures are printed as the study gave them)."""
    if value is None:
        return ""
    return format(Decimal(str(value)).normalize(), "f")


def figure_text(value: Decimal | None, high: Decimal | None, sd: Decimal | None) -> str:
    if value is None:
        return ""
    text = number_text(value)
    if high is not None:
        text += f"–{number_text(high)}"
    if sd is not None:
        text += f" ± {number_text(sd)}"
    return text


VERIFICATION_CHOICES = [
    ("V", "Seen in the study's text"),
    ("S", "Secondary summary only"),
    ("M", "From memory; unverified"),
]


class ExerciseUnit(models.TextChoices):
    REPS = "reps", "Repetitions"
    SECONDS = "seconds", "Seconds hold"
    METRES = "metres", "Metres"


class Exercise(models.Model):
    key = models.SlugField(
        max_length=80, unique=True, help_text="Stable identifier from the library data file."
    )
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    cues = models.JSONField(default=list, blank=True, help_text="Coaching cues, one per item.")
    unit = models.CharField(max_length=10, choices=ExerciseUnit.choices, default=ExerciseUnit.REPS)
    is_per_side = models.BooleanField(default=True, help_text="Dose is counted for each side.")
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="1 = activation / non-weight-bearing … 6 = plyometric / energy storage.",
    )
    muscles = models.ManyToManyField(Muscle, related_name="exercises", blank=True)
    equipment = models.ManyToManyField(Equipment, related_name="exercises", blank=True)
    optional_equipment = models.ManyToManyField(
        Equipment,
        related_name="optional_for",
        blank=True,
        help_text="Useful but not needed (a dumbbell to add load, say).",
    )
    gmed_mvic = models.DecimalField(
        "gluteus medius %MVIC",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(300)],
        help_text="Mean %MVIC, or the bottom of a range.",
    )
    gmed_mvic_high = models.DecimalField(
        "gluteus medius %MVIC (top of range)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(300)],
    )
    gmed_sd = models.DecimalField(
        "gluteus medius %MVIC SD", max_digits=5, decimal_places=1, null=True, blank=True
    )
    gmed_note = models.CharField(max_length=200, blank=True)
    gmed_source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gmed_verification = models.CharField(
        max_length=1,
        blank=True,
        choices=VERIFICATION_CHOICES,
    )
    evidence_note = models.TextField(blank=True)
    clinical_note = models.TextField(
        blank=True, help_text="Dose conventions, screening links, tendon-loading notes."
    )
    sources = models.ManyToManyField(Source, related_name="exercises", blank=True)
    progressions = models.ManyToManyField(
        "self", symmetrical=False, related_name="regressions", blank=True
    )
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ("level", "name")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=6), name="training_exercise_level_1_6"
            ),
        )

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("training:exercise_detail", kwargs={"slug": self.slug})

    @property
    def gmed_text(self) -> str:
        """E.g. '81 ± 42' or '47–55' (%MVIC); empty when unknown."""
        return figure_text(self.gmed_mvic, self.gmed_mvic_high, self.gmed_sd)

    @property
    def cited_sources(self) -> list[Source]:
        """Every source the page cites, once each, headline first (uses prefetched rows)."""
        found = [self.gmed_source, *(f.source for f in self.evidence.all()), *self.sources.all()]
        unique: dict[int, Source] = {}
        for source in found:
            if source is not None:
                unique.setdefault(source.pk, source)
        return list(unique.values())

    @property
    def amount_word(self) -> str:
        return {"reps": "reps", "seconds": "s holds", "metres": "m"}[self.unit]


class EvidenceMeasure(models.TextChoices):
    GMED_MVIC = "gmed_mvic", "Gluteus medius %MVIC"
    GMAX_MVIC = "gmax_mvic", "Gluteus maximus %MVIC"
    GLUTEAL_TFL = "gluteal_tfl_index", "Gluteal-to-TFL activation index"
    RELATIVE = "relative", "Relative change"


class EvidenceFigure(models.Model):
    """A further published figure for an exercise (other studies, other muscles).

    The headline gluteus medius figure stays on `Exercise`; these are the alternatives that
    show how much %MVIC varies between studies.
    """

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="evidence")
    measure = models.CharField(max_length=20, choices=EvidenceMeasure.choices)
    value = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    value_high = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    sd = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    text = models.CharField(max_length=200, blank=True, help_text="For relative changes.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    verification = models.CharField(max_length=1, choices=VERIFICATION_CHOICES)
    note = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("exercise", "position")

    def __str__(self) -> str:
        return f"{self.exercise} · {self.get_measure_display()}"

    @property
    def amount(self) -> str:
        return self.text or figure_text(self.value, self.value_high, self.sd)


class Ladder(models.Model):
    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    is_placed_by_screening = models.BooleanField(
        default=True,
        help_text="Screening places every runner on this ladder. Turn off for ladders a physio "
        "assigns for one condition (proximal hamstring tendinopathy, say).",
    )

    class Meta:
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.name


class LoadKind(models.TextChoices):
    BODYWEIGHT = "bodyweight", "Body weight"
    BAND = "band", "Resistance band"
    KG = "kg", "Kilograms"


class BandStrength(models.TextChoices):
    # The names match `engine.dose.BAND_NAMES`.
    NONE = "none", "No band"
    LIGHT = "light", "Light"
    MEDIUM = "medium", "Medium"
    HEAVY = "heavy", "Heavy"
    EXTRA_HEAVY = "extra heavy", "Extra heavy"


class Rung(models.Model):
    """One step of a ladder: an exercise with its dose range and load scale.

    Rung keys are unique across the clinic so that a prerequisite may name a rung on another
    ladder (a step-up needing single-leg balance, say).
    """

    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="rungs")
    key = models.SlugField(max_length=80, unique=True)
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="rungs")
    label = models.CharField(
        max_length=120, blank=True, help_text="Shown instead of the exercise name when set."
    )
    position = models.PositiveSmallIntegerField()
    sets = models.PositiveSmallIntegerField(default=3, validators=[MinValueValidator(1)])
    low = models.PositiveSmallIntegerField(
        default=10, help_text="Bottom of the reps (or seconds) range."
    )
    high = models.PositiveSmallIntegerField(
        default=15, help_text="Top of the reps (or seconds) range."
    )
    increment = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1)], help_text="Reps (or seconds) added per step."
    )
    load_kind = models.CharField(
        max_length=12, choices=LoadKind.choices, default=LoadKind.BODYWEIGHT
    )
    band_lightest = models.CharField(
        max_length=12, choices=BandStrength.choices, default=BandStrength.LIGHT
    )
    band_heaviest = models.CharField(
        max_length=12, choices=BandStrength.choices, default=BandStrength.EXTRA_HEAVY
    )
    kg_start = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    kg_max = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    kg_increment = models.DecimalField(max_digits=5, decimal_places=2, default=2.5)
    tempo = models.CharField(max_length=40, blank=True, help_text="For example 2-1-2.")
    rest_seconds = models.PositiveSmallIntegerField(default=60)
    note = models.TextField(blank=True)
    is_active = models.BooleanField(
        default=True,
        help_text="Retired rungs stay for runners' history but leave the ladder.",
    )

    class Meta:
        ordering = ("ladder", "position")
        constraints = (
            # Only live rungs compete for a position: a retired rung keeps its old number.
            models.UniqueConstraint(
                fields=("ladder", "position"),
                condition=models.Q(is_active=True),
                name="training_rung_unique_active_position",
            ),
            models.CheckConstraint(
                condition=models.Q(high__gte=models.F("low")), name="training_rung_range_ordered"
            ),
            models.CheckConstraint(condition=models.Q(low__gte=1), name="training_rung_low_min"),
        )

    def __str__(self) -> str:
        return f"{self.ladder.name} · {self.position}. {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.label or self.exercise.name

    @property
    def dose_summary(self) -> str:
        """E.g. '3 × 10–15 reps per side, 2 at a time; tempo 2-1-2; rest 60 s'."""
        amount = f"{self.low}–{self.high}" if self.high != self.low else f"{self.low}"
        text = f"{self.sets} × {amount} {self.exercise.amount_word}"
        if self.exercise.is_per_side:
            text += " per side"
        if self.tempo:
            text += f"; tempo {self.tempo}"
        return f"{text}; rest {self.rest_seconds} s"

    @property
    def load_summary(self) -> str:
        if self.load_kind == LoadKind.BAND:
            lightest, heaviest = (
                "no band" if b == BandStrength.NONE else f"{b} band"
                for b in (self.band_lightest, self.band_heaviest)
            )
            return f"{lightest} → {heaviest}"
        if self.load_kind == LoadKind.KG:
            start = f"{number_text(self.kg_start)} kg" if self.kg_start else "no added weight"
            return (
                f"{start} → {number_text(self.kg_max)} kg "
                f"in {number_text(self.kg_increment)} kg steps"
            )
        return "body weight"


class PrerequisiteKind(models.TextChoices):
    REACHED = "reached", "Reached"
    COMPLETED = "completed", "Completed with good control"


class RungPrerequisite(models.Model):
    """`rung` stays locked until `requires` is reached (or completed in N good sessions)."""

    rung = models.ForeignKey(Rung, on_delete=models.CASCADE, related_name="prerequisites")
    requires = models.ForeignKey(Rung, on_delete=models.CASCADE, related_name="unlocks")
    kind = models.CharField(
        max_length=10, choices=PrerequisiteKind.choices, default=PrerequisiteKind.COMPLETED
    )
    min_good_sessions = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Sessions at the top dose with good control (for 'completed').",
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("rung", "requires"), name="training_prerequisite_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(rung=models.F("requires")),
                name="training_prerequisite_not_self",
            ),
        )

    def __str__(self) -> str:
        return f"{self.rung.key} needs {self.requires.key} ({self.kind})"
