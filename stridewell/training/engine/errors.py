"""Errors raised by the training engine.

Every invalid input (pain outside 0-10, negative reps, an unknown rung, a session dated before the
last one) raises `EngineInputError`, a `ValueError`, so the service layer can turn any of them into
one "invalid input" response without knowing the engine's internals.
"""

from __future__ import annotations


class EngineInputError(ValueError):
    """An input to the engine breaks one of its rules; the message says which, in plain words."""


def require_int(name: str, value: object, *, low: int, high: int) -> int:
    """Return `value` if it is a whole number within [low, high], else raise `EngineInputError`."""
    # bool is an int subclass; `True` as a rep count is always a caller's bug.
    if not isinstance(value, int) or isinstance(value, bool):
        raise EngineInputError(f"{name} must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise EngineInputError(f"{name} must be between {low} and {high}, got {value}")
    return value


def require_number(name: str, value: object, *, low: float, high: float) -> float:
    """Return `value` as a float if it is a real number within [low, high]."""
    if not isinstance(value, int | float) or isinstance(value, bool) or value != value:  # noqa: PLR0124
        raise EngineInputError(f"{name} must be a number, got {value!r}")
    if not low <= value <= high:
        raise EngineInputError(f"{name} must be between {low:g} and {high:g}, got {value:g}")
    return float(value)
