"""CSV of runs: a header row, then one run per row.

Columns (any order, any case): `date` (2026-06-14, 2026-06-14 07:30 or 14/06/2026), `distance_km`
(also `distance` or `km`), optional `duration` (1:02:30, 48:10, or minutes such as 48.5) and
optional `name`. Times are London wall-clock times; a date without a time is stored as noon.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time

from stridewell.core.time import local_dt

from .common import MAX_RUNS_PER_FILE, ParsedRun, RunFileError, checked, too_many_runs

ALIASES = {
    "date": "date",
    "start": "date",
    "distance_km": "distance_km",
    "distance": "distance_km",
    "distance (km)": "distance_km",
    "km": "distance_km",
    "duration": "duration",
    "name": "name",
    "title": "name",
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M",
)
NOON = time(12, 0)


def _start(text: str) -> tuple[datetime, bool]:
    text = text.strip()
    for fmt in DATETIME_FORMATS:
        try:
            wall = datetime.strptime(text, fmt)  # noqa: DTZ007 - London wall time, made aware below
        except ValueError:
            continue
        return local_dt(wall.date(), wall.time()).astimezone(UTC), True
    for fmt in DATE_FORMATS:
        try:
            day: date = datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
        return local_dt(day, NOON).astimezone(UTC), False
    raise ValueError(f"“{text}” is not a date (use 2026-06-14 or 14/06/2026)")


def _km(text: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a distance in km") from None


def _duration(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if ":" in text:
        try:
            parts = [int(p) for p in text.split(":")]
        except ValueError:
            raise ValueError(f"“{text}” is not a duration (use 1:02:30 or 48:10)") from None
        if len(parts) == 2:
            parts = [0, *parts]
        if len(parts) != 3 or parts[1] >= 60 or parts[2] >= 60 or min(parts) < 0:
            raise ValueError(f"“{text}” is not a duration (use 1:02:30 or 48:10)")
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    try:
        return round(float(text) * 60)
    except ValueError:
        raise ValueError(f"“{text}” is not a duration (use 1:02:30, 48:10 or minutes)") from None


def read(data: bytes) -> list[ParsedRun]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RunFileError("This CSV file is not UTF-8 text. Save it as “CSV UTF-8”.") from error
    rows = csv.DictReader(io.StringIO(text))
    header = {ALIASES.get((h or "").strip().lower()): h for h in rows.fieldnames or []}
    missing = [c for c in ("date", "distance_km") if c not in header]
    if missing:
        raise RunFileError(
            "The first row must name the columns; “date” and “distance_km” are required "
            f"(missing: {', '.join(missing)})."
        )
    runs, problems = [], []
    for line, row in enumerate(rows, start=2):
        if line - 1 > MAX_RUNS_PER_FILE:  # stop reading at the limit: refuse at once
            raise too_many_runs(MAX_RUNS_PER_FILE)
        try:
            started, has_time = _start(row.get(header["date"]) or "")
            km = _km(row.get(header["distance_km"]) or "")
            seconds = _duration(row.get(header["duration"]) or "") if "duration" in header else None
            name = (row.get(header["name"]) or "").strip()[:120] if "name" in header else ""
            runs.append(checked(ParsedRun(started, km, seconds, name, has_time), f"Row {line}"))
        except RunFileError as error:
            problems.append(f"{error}")
        except ValueError as error:
            problems.append(f"Row {line}: {error}.")
        if len(problems) >= 5:
            break
    if problems:
        raise RunFileError("Nothing was imported. " + " ".join(problems))
    return runs
