"""GPX (GPS Exchange Format): one run per track, timed from its first and last points."""

from __future__ import annotations

from datetime import UTC

import gpxpy
import gpxpy.gpx

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

POINTS = xml_start_tags("trkpt|rtept|wpt")
TRACKS = xml_start_tags("trk")


def read(data: bytes) -> list[ParsedRun]:
    # gpxpy reads every point in Python: count first, and refuse a file over a limit at once.
    if count_upto(POINTS, data, MAX_TRACK_POINTS) > MAX_TRACK_POINTS:
        raise too_many_points(MAX_TRACK_POINTS)
    if count_upto(TRACKS, data, MAX_RUNS_PER_FILE) > MAX_RUNS_PER_FILE:
        raise too_many_runs(MAX_RUNS_PER_FILE)
    safe_root(data, "GPX")  # refuse DTDs and entities before gpxpy sees the text
    try:
        document = gpxpy.parse(data.decode("utf-8-sig"))
    except (gpxpy.gpx.GPXException, UnicodeDecodeError, ValueError) as error:
        raise RunFileError(f"This GPX file could not be read: {error}.") from error
    runs = []
    for number, track in enumerate(document.tracks, start=1):
        where = f"Track {number}"
        bounds = track.get_time_bounds()
        if bounds.start_time is None or bounds.end_time is None:
            raise RunFileError(
                f"{where} has no times on its points, so we cannot tell when it was run."
            )
        metres = track.length_3d() or track.length_2d() or 0.0
        start = bounds.start_time
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        duration = round((bounds.end_time - bounds.start_time).total_seconds())
        runs.append(
            checked(
                ParsedRun(
                    started_at=start.astimezone(UTC),
                    distance_km=round(metres / 1000, 2),
                    duration_s=duration or None,
                    name=(track.name or "").strip()[:120],
                ),
                where,
            )
        )
    return runs
