"""Admin for the exercise library and ladders.

Ladder edits are checked over the would-be state of every ladder (`library_state`) while the
forms are validated, i.e. before anything is written; an invalid edit comes back as form
errors and saves nothing. Ladders and rungs are never deleted here — runners' programmes point
at them — they are retired with "is active".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from stridewell.training import engine
from stridewell.training.library_engine import RungSpec, load_scale_build
from stridewell.training.library_state import (
    PrerequisiteDraft,
    library_edit_problems,
    rung_is_buildable,
)
from stridewell.training.models.library import (
    Equipment,
    EvidenceFigure,
    Exercise,
    Ladder,
    Muscle,
    Rung,
    RungPrerequisite,
    Source,
)


class CuesField(forms.CharField):
    """A list of cues edited as text, one cue per line."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class ExerciseForm(forms.ModelForm):
    cues = CuesField(required=False, help_text="One coaching cue per line.")

    class Meta:
        model = Exercise
        fields = (
            "key",
            "slug",
            "name",
            "description",
            "cues",
            "unit",
            "is_per_side",
            "level",
            "muscles",
            "equipment",
            "optional_equipment",
            "gmed_mvic",
            "gmed_mvic_high",
            "gmed_sd",
            "gmed_note",
            "gmed_source",
            "gmed_verification",
            "evidence_note",
            "clinical_note",
            "sources",
            "progressions",
            "is_published",
        )


class EvidenceFigureInline(admin.TabularInline):
    model = EvidenceFigure
    extra = 0
    fields = (
        "position",
        "measure",
        "value",
        "value_high",
        "sd",
        "text",
        "source",
        "verification",
        "note",
    )


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    form = ExerciseForm
    list_display = ("name", "level", "unit", "is_per_side", "gmed_mvic", "is_published")
    list_filter = ("is_published", "level", "unit", "rungs__ladder", "muscles", "equipment")
    search_fields = ("name", "key", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("muscles", "equipment", "optional_equipment", "sources", "progressions")
    inlines = (EvidenceFigureInline,)
    fieldsets = (
        (None, {"fields": ("name", "key", "slug", "is_published", "level", "description")}),
        ("How it is done", {"fields": ("cues", "unit", "is_per_side")}),
        ("What it works and needs", {"fields": ("muscles", "equipment", "optional_equipment")}),
        ("Easier and harder", {"fields": ("progressions",)}),
        (
            "Evidence",
            {
                "fields": (
                    ("gmed_mvic", "gmed_mvic_high", "gmed_sd"),
                    ("gmed_source", "gmed_verification"),
                    "gmed_note",
                    "evidence_note",
                    "clinical_note",
                    "sources",
                )
            },
        ),
    )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # unpublish instead: rungs and runners' history refer to exercises


class RungForm(forms.ModelForm):
    class Meta:
        model = Rung
        fields = (
            "ladder",
            "key",
            "exercise",
            "label",
            "position",
            "sets",
            "low",
            "high",
            "increment",
            "load_kind",
            "band_lightest",
            "band_heaviest",
            "kg_start",
            "kg_max",
            "kg_increment",
            "tempo",
            "rest_seconds",
            "note",
            "is_active",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("low"), data.get("high")
        if low is not None and high is not None and high < low:
            self.add_error("high", "The top of the range must be at least the bottom.")
        if data.get("load_kind") and not self.errors:
            spec = RungSpec(
                key="",
                position=0,
                exercise_slug="",
                name="",
                level=1,
                load_kind=data["load_kind"],
                band_lightest=data.get("band_lightest") or "light",
                band_heaviest=data.get("band_heaviest") or "extra heavy",
                kg_start=data.get("kg_start") or 0,
                kg_max=data.get("kg_max") or 0,
                kg_increment=data.get("kg_increment") or 1,
            )
            try:
                load_scale_build(spec)
            except engine.EngineInputError as exc:
                self.add_error("load_kind", f"This load does not work: {exc}.")
        return data

    def validate_constraints(self) -> None:
        # Positions and ranges are checked with clearer words by clean() and by the ladder
        # check over all rungs together (two rungs may swap positions in one edit).
        exclude = self._get_validation_exclusions()  # type: ignore[attr-defined]
        exclude |= {"position", "low", "high"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as e:
            self._update_errors(e)  # type: ignore[attr-defined]


def _problems_error(problems: list[Any]) -> ValidationError:
    return ValidationError([f"{p.message}" for p in problems], code="ladder_invalid")


class LadderRungFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return  # field errors first; the ladder check needs every rung to be valid
        rungs = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):  # type: ignore[attr-defined]
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            rungs.append(form.instance)
        problems = library_edit_problems(ladder=self.instance, ladder_rungs=rungs)
        if problems:
            raise _problems_error(problems)


class RungInline(admin.TabularInline):
    model = Rung
    form = RungForm
    formset = LadderRungFormSet
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("position",)
    fields = (
        "position",
        "key",
        "exercise",
        "label",
        "is_active",
        "sets",
        "low",
        "high",
        "increment",
        "load_kind",
        "tempo",
        "rest_seconds",
        "prerequisite_list",
    )
    readonly_fields = ("prerequisite_list",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Rung]:
        return super().get_queryset(request).prefetch_related("prerequisites__requires__exercise")

    @admin.display(description="Needs first")
    def prerequisite_list(self, rung: Rung) -> str:
        if rung.pk is None:
            return "Save, then open the rung to add prerequisites."
        items = [
            f"{p.requires.key} ({p.kind}, {p.min_good_sessions})" for p in rung.prerequisites.all()
        ]
        return ", ".join(items) or "—"


@admin.register(Ladder)
class LadderAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "position", "is_active", "is_placed_by_screening")
    list_filter = ("is_active", "is_placed_by_screening")
    search_fields = ("name", "key")
    inlines = (RungInline,)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if isinstance(formset, LadderRungFormSet):
            # Live rungs need distinct positions; take the edited ones out of the way first so
            # that two rungs can swap places. The admin view runs in one transaction.
            changed = [f.instance.pk for f in formset.forms if f.instance.pk and f.has_changed()]
            Rung.objects.filter(pk__in=changed).update(is_active=False)
        super().save_formset(request, form, formset, change)


class PrerequisiteFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        drafts = [
            PrerequisiteDraft(
                form.cleaned_data["requires"],
                form.cleaned_data["kind"],
                form.cleaned_data["min_good_sessions"],
            )
            for form in self.forms
            if form.cleaned_data
            and not (self.can_delete and self._should_delete_form(form))  # type: ignore[attr-defined]
            and form.cleaned_data.get("requires") is not None
        ]
        rung = self.instance
        if rung.ladder_id is None or rung.exercise_id is None or not rung_is_buildable(rung):
            return  # the rung's own form reports what is wrong with the rung itself
        problems = library_edit_problems(rung=self.instance, rung_prerequisites=drafts)
        if problems:
            raise _problems_error(problems)


class PrerequisiteInline(admin.TabularInline):
    model = RungPrerequisite
    fk_name = "rung"
    formset = PrerequisiteFormSet
    extra = 1
    fields = ("requires", "kind", "min_good_sessions")
    verbose_name = "prerequisite"
    verbose_name_plural = "prerequisites (what must be done before this rung unlocks)"

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "requires":
            kwargs["queryset"] = (
                Rung.objects.filter(is_active=True)
                .select_related("ladder", "exercise")
                .order_by("ladder__position", "position")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Rung)
class RungAdmin(admin.ModelAdmin):
    form = RungForm
    inlines = (PrerequisiteInline,)
    list_display = ("key", "ladder", "position", "display_name", "is_active")
    list_filter = ("ladder", "is_active", "load_kind")
    list_select_related = ("ladder", "exercise")
    search_fields = ("key", "label", "exercise__name")
    ordering = ("ladder__position", "position")
    fieldsets = (
        (None, {"fields": ("ladder", "position", "key", "exercise", "label", "is_active")}),
        ("Dose", {"fields": (("sets", "low", "high", "increment"), "tempo", "rest_seconds")}),
        (
            "Load",
            {
                "fields": (
                    "load_kind",
                    ("band_lightest", "band_heaviest"),
                    ("kg_start", "kg_max", "kg_increment"),
                )
            },
        ),
        (None, {"fields": ("note",)}),
    )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.register(Source, search_fields=("key", "label", "citation"), list_display=("key",))
admin.site.register(Muscle, search_fields=("name",), prepopulated_fields={"slug": ("name",)})
admin.site.register(Equipment, search_fields=("name",), prepopulated_fields={"slug": ("name",)})
