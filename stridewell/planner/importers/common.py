"""What every reader returns, the one error they raise, and choosing a reader for a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_RUNS_PER_FILE = 2000
MAX_RUN_KM = 300.0
MAX_RUN_SECONDS = 48 * 3600


class RunFileError(ValueError):
    """The file cannot be imported; the message says why, in plain words."""


@dataclass(frozen=True, slots=True)
class ParsedRun:
    started_at: datetime  # aware, UTC
    distance_km: float
    duration_s: int | None
    name: str = ""
    has_time: bool = True


def checked(run: ParsedRun, where: str) -> ParsedRun:
    if run.started_at.tzinfo is None:
        raise RunFileError(f"{where}: the start time has no time zone.")
    if not 0 < run.distance_km <= MAX_RUN_KM:
        raise RunFileError(
            f"{where}: a distance of {run.distance_km:g} km is not a run we can record "
            f"(it must be more than 0 and at most {MAX_RUN_KM:g} km)."
        )
    if run.duration_s is not None and not 0 < run.duration_s <= MAX_RUN_SECONDS:
        raise RunFileError(f"{where}: the duration must be between 1 second and 48 hours.")
    return run


def runs_parse(file_name: str, data: bytes) -> list[ParsedRun]:
    """Read every run in the file. The reader is chosen by the file's extension."""
    from . import csv_runs, fit, gpx, tcx

    if len(data) > MAX_FILE_BYTES:
        raise RunFileError(
            f"This file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB. Export a single run, or split the file."
        )
    if not data:
        raise RunFileError("This file is empty.")
    readers = {".gpx": gpx.read, ".tcx": tcx.read, ".fit": fit.read, ".csv": csv_runs.read}
    suffix = PurePath(file_name).suffix.lower()
    reader = readers.get(suffix)
    if reader is None:
        raise RunFileError(
            "Choose a GPX, TCX, FIT or CSV file (the name should end in .gpx, .tcx, .fit or .csv)."
        )
    runs = reader(data)
    if not runs:
        raise RunFileError("No runs were found in this file.")
    if len(runs) > MAX_RUNS_PER_FILE:
        raise RunFileError(
            f"This file holds {len(runs)} runs; import at most {MAX_RUNS_PER_FILE} at a time."
        )
    return runs
