"""TCX (Garmin Training Center): one run per activity, summed over its laps."""

from __future__ import annotations

from datetime import UTC, datetime

from .common import (
    MAX_RUNS_PER_FILE,
    MAX_TRACK_POINTS,
    ParsedRun,
    RunFileError,
    checked,
    too_many_points,
    too_many_runs,
)
from .limits import count_upto, xml_start_tags
from .xml import safe_root

POINTS = xml_start_tags("Trackpoint|Lap")
ACTIVITIES = xml_start_tags("Activity")

NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def _when(text: str | None, where: str) -> datetime:
    try:
        value = datetime.fromisoformat((text or "").strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise RunFileError(f"{where}: the start time “{text}” is not a date and time.") from error
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _number(element, tag: str) -> float | None:
    found = element.find(f"{NS}{tag}")
    if found is None or not (found.text or "").strip():
        return None
    try:
        return float(found.text)
    except ValueError:
        return None


def read(data: bytes) -> list[ParsedRun]:
    if count_upto(POINTS, data, MAX_TRACK_POINTS) > MAX_TRACK_POINTS:
        raise too_many_points(MAX_TRACK_POINTS, "track points and laps")
    if count_upto(ACTIVITIES, data, MAX_RUNS_PER_FILE) > MAX_RUNS_PER_FILE:
        raise too_many_runs(MAX_RUNS_PER_FILE)
    root = safe_root(data, "TCX")
    if root.tag != f"{NS}TrainingCenterDatabase":
        raise RunFileError("This does not look like a TCX file (no TrainingCenterDatabase).")
    runs = []
    for number, activity in enumerate(root.iter(f"{NS}Activity"), start=1):
        where = f"Activity {number}"
        laps = activity.findall(f"{NS}Lap")
        if not laps:
            raise RunFileError(f"{where} has no laps, so it has no distance or time.")
        start = _when(laps[0].get("StartTime") or activity.findtext(f"{NS}Id"), where)
        metres = sum(_number(lap, "DistanceMeters") or 0.0 for lap in laps)
        if not metres:
            points = [_number(p, "DistanceMeters") for p in activity.iter(f"{NS}Trackpoint")]
            metres = max((p for p in points if p is not None), default=0.0)
        seconds = sum(_number(lap, "TotalTimeSeconds") or 0.0 for lap in laps)
        runs.append(
            checked(
                ParsedRun(
                    started_at=start,
                    distance_km=round(metres / 1000, 2),
                    duration_s=round(seconds) or None,
                    name=(activity.findtext(f"{NS}Notes") or "").strip()[:120],
                ),
                where,
            )
        )
    return runs
