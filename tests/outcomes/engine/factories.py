"""Questionnaire mappings for the engine tests, built in code (never from the clinic's files)."""

from __future__ import annotations

import copy
from typing import Any

FIVE = [{"score": s, "text": t} for s, t in enumerate(["None", "Low", "Mid", "High", "Top"])]


def raw(n_items: int = 4, **overrides: Any) -> dict[str, Any]:
    """A valid file: `n_items` items scored 0-4, sum, higher is better, MCID 3."""
    data: dict[str, Any] = {
        "format": 1,
        "key": "test-scale",
        "name": "Test scale",
        "version": "1.0",
        "licence": "Test wording, ours.",
        "answer_sets": {"five": FIVE},
        "items": [{"key": f"i{n}", "text": f"Item {n}", "answers": "five"} for n in range(n_items)],
        "scoring": {"method": "sum", "reverse": [], "missing": {"policy": "refuse"}},
        "range": {"min": 0, "max": 4 * n_items},
        "direction": "higher_is_better",
        "mcid": {"points": 3, "source": "Test figure."},
        "schedule": {"at_screening": True, "every_weeks": 4},
    }
    data.update(copy.deepcopy(overrides))
    return data
