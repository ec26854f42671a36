"""What every reader returns, the one error they raise, and choosing a reader for a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_RUNS_PER_FILE = 2000
# Track points (GPX trkpt/rtept/wpt, TCX Trackpoint and Lap, FIT record messages) in one
# file: about 27 hours at one point a second, more than a 100-mile race at that rate.
MAX_TRACK_POINTS = 100_000
# FIT data messages of any kind (records, laps, events, heart-rate variability...).
MAX_FIT_MESSAGES = 2 * MAX_TRACK_POINTS
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


def too_many_runs(limit: int = MAX_RUNS_PER_FILE) -> RunFileError:
    return RunFileError(
        f"This file holds more than {limit:,} runs; import at most {limit:,} at a time. "
        "Nothing was imported."
    )


def too_many_points(limit: int = MAX_TRACK_POINTS, what: str = "track points") -> RunFileError:
    return RunFileError(
        f"This file holds more than {limit:,} {what}; we read at most that many "
        "(about 27 hours at one point a second). Export a single run, or split the file. "
        "Nothing was imported."
    )


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
    if len(runs) > MAX_RUNS_PER_FILE:  # each reader stops earlier; kept as a backstop
        raise too_many_runs()
    return runs
