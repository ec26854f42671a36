"""The exercise library is another app: its absence means no links, not a broken page."""

from __future__ import annotations

import sys
import types

import pytest

from stridewell.journal.selectors.exercises import exercise_targets


def test_targets_come_from_the_training_selector(monkeypatch):
    fake = types.ModuleType("stridewell.training.selectors")
    fake.exercise_link_targets = lambda: [("Clam", "/training/exercises/clam/")]
    monkeypatch.setitem(sys.modules, "stridewell.training.selectors", fake)

    assert exercise_targets() == [("Clam", "/training/exercises/clam/")]


def test_without_the_training_app_there_are_no_targets(monkeypatch):
    monkeypatch.setitem(sys.modules, "stridewell.training.selectors", None)

    assert exercise_targets() == []


def test_other_errors_in_the_training_app_are_not_hidden(monkeypatch):
    def broken():
        raise RuntimeError("library exploded")

    fake = types.ModuleType("stridewell.training.selectors")
    fake.exercise_link_targets = broken
    monkeypatch.setitem(sys.modules, "stridewell.training.selectors", fake)

    with pytest.raises(RuntimeError):
        exercise_targets()
