"""Demo content for the exercise library: the clinic's own data file, loaded idempotently."""

from __future__ import annotations

from stridewell.training.library_loader import LoadReport, library_load_file


def seed_training_library_demo() -> LoadReport:
    """Load (or refresh) the library and ladders; running it twice changes nothing."""
    return library_load_file()
