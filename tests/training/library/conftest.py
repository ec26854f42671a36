"""Library fixtures: the clinic's real data file loaded through the loader, and copies of it
with one deliberate mistake for the failure paths."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from stridewell.training.library_data import DATA_FILE
from stridewell.training.library_loader import library_load_file
from stridewell.training.models.library import (
    EvidenceFigure,
    Exercise,
    Ladder,
    Rung,
    RungPrerequisite,
)


@pytest.fixture
def library(db):
    """The real library, loaded the way `manage.py load_exercises` loads it."""
    return library_load_file()


@pytest.fixture
def raw_library() -> dict[str, Any]:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def write_library(tmp_path) -> Callable[[dict[str, Any]], Path]:
    def write(doc: dict[str, Any]) -> Path:
        path = tmp_path / "exercises.yaml"
        path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), "utf-8")
        return path

    return write


def ladder_of(doc: dict[str, Any], key: str) -> dict[str, Any]:
    return next(x for x in doc["ladders"] if x["key"] == key)


def rung_of(doc: dict[str, Any], key: str) -> dict[str, Any]:
    return next(r for x in doc["ladders"] for r in x["rungs"] if r["key"] == key)


def snapshot() -> dict[str, list[tuple]]:
    """Every library row as plain values (primary keys included), to compare before/after."""
    return {
        "exercises": list(
            Exercise.objects.order_by("pk").values_list(
                "pk", "key", "slug", "name", "cues", "level", "unit", "is_published"
            )
        ),
        "m2m": list(
            Exercise.objects.order_by("pk", "muscles__slug", "progressions__key").values_list(
                "pk", "muscles__slug", "progressions__key"
            )
        ),
        "evidence": list(EvidenceFigure.objects.order_by("pk").values_list()),
        "ladders": list(Ladder.objects.order_by("pk").values_list()),
        "rungs": list(Rung.objects.order_by("pk").values_list()),
        "prerequisites": list(RungPrerequisite.objects.order_by("pk").values_list()),
    }


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="coach@stridewell.test", password="pw-for-tests-only"
    )
    client.force_login(admin)
    return client
