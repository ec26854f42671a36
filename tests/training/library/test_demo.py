"""The demo seed loads the library; running it twice changes nothing."""

from __future__ import annotations

import pytest

from stridewell.training.demo_library import seed_training_library_demo
from tests.training.library.conftest import snapshot

pytestmark = pytest.mark.django_db


def test_seeding_twice_changes_nothing():
    first_report = seed_training_library_demo()
    first = snapshot()

    second_report = seed_training_library_demo()

    assert snapshot() == first
    assert sum(first_report.created.values()) > 0
    assert sum(second_report.created.values()) == 0
    assert len(first["exercises"]) == 47
