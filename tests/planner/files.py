"""Small activity files built in the tests: GPX and TCX as text, FIT via `fitwriter`."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

# One degree of latitude is about 111.2 km on the sphere gpxpy uses.
KM_PER_DEGREE_LAT = 6378.137 * math.pi / 180


def gpx_file(
    *, start: datetime, km: float, minutes: float, name: str = "Morning run", points: int = 20
) -> bytes:
    """A GPX track running due north from Regent's Park, evenly timed."""
    lat0, lon = 51.5313, -0.1570
    rows = []
    for i in range(points + 1):
        lat = lat0 + (km / KM_PER_DEGREE_LAT) * i / points
        when = start + timedelta(minutes=minutes * i / points)
        rows.append(
            f'<trkpt lat="{lat:.7f}" lon="{lon}"><ele>35</ele>'
            f"<time>{when.strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>{name}</name><trkseg>{''.join(rows)}</trkseg></trk></gpx>"
    ).encode()


def tcx_file(*, start: datetime, laps: list[tuple[float, float]], notes: str = "") -> bytes:
    """A TCX activity with laps of (metres, seconds)."""
    parts, at = [], start
    for metres, seconds in laps:
        parts.append(
            f'<Lap StartTime="{at.strftime("%Y-%m-%dT%H:%M:%SZ")}">'
            f"<TotalTimeSeconds>{seconds}</TotalTimeSeconds>"
            f"<DistanceMeters>{metres}</DistanceMeters></Lap>"
        )
        at += timedelta(seconds=seconds)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="Running"><Id>{start.strftime("%Y-%m-%dT%H:%M:%SZ")}</Id>'
        f"{''.join(parts)}<Notes>{notes}</Notes></Activity></Activities></TrainingCenterDatabase>"
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&lol2;</name></trk></gpx>
"""
