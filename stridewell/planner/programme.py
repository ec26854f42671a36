"""The link to the runner's strength programme (training app), when they have one."""

from __future__ import annotations

from django.apps import apps


def programme_active_for(runner) -> object | None:
    """The runner's active training programme, or None (sessions are then generic)."""
    if not apps.is_installed("stridewell.training"):
        return None
    programme = apps.get_model("training", "Programme")
    return programme.objects.filter(runner=runner, is_active=True).first()


def programme_entries(programme) -> list[dict[str, str]]:
    """The exercises of a programme as label and dose, in programme order."""
    if programme is None:
        return []
    entries = programme.entries.select_related("rung").order_by("position", "id")
    return [{"name": e.rung.display_name, "dose": e.dose_text} for e in entries]
