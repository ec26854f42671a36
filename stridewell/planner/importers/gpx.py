"""GPX (GPS Exchange Format): one run per track, timed from its first and last points."""

from __future__ import annotations

from datetime import UTC

import gpxpy
import gpxpy.gpx

from .common import ParsedRun, RunFileError, checked
from .xml import safe_root


def read(data: bytes) -> list[ParsedRun]:
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
