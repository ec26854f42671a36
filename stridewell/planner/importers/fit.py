"""FIT (Garmin's binary activity format), read with fitdecode, CRCs checked.

One run per `session` message; a file without sessions falls back to its `record` messages
(first and last timestamp, greatest distance).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import fitdecode

from .common import (
    MAX_FIT_MESSAGES,
    MAX_RUNS_PER_FILE,
    MAX_TRACK_POINTS,
    ParsedRun,
    RunFileError,
    checked,
    too_many_points,
    too_many_runs,
)
from .limits import fit_count

DAMAGED = (
    "This FIT file is damaged or is not a FIT file ({}). Export the activity again from your "
    "watch or app."
)


def _utc(value) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _frames(data: bytes):
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    )
    with reader as fit:
        yield from fit


def _refuse_over_limits(data: bytes) -> None:
    """fitdecode decodes every message in Python: count them first, without decoding."""
    counts = fit_count(data, message_limit=MAX_FIT_MESSAGES)
    if counts.sessions > MAX_RUNS_PER_FILE:
        raise too_many_runs(MAX_RUNS_PER_FILE)
    if counts.records > MAX_TRACK_POINTS:
        raise too_many_points(MAX_TRACK_POINTS, "track points (record messages)")
    if counts.messages > MAX_FIT_MESSAGES:
        raise RunFileError(
            f"This FIT file holds more than {MAX_FIT_MESSAGES:,} messages, more than one run "
            "records. Export a single run, or split the file. Nothing was imported."
        )


def read(data: bytes) -> list[ParsedRun]:
    _refuse_over_limits(data)
    sessions: list[dict] = []
    records: list[dict] = []
    try:
        for frame in _frames(data):
            if not isinstance(frame, fitdecode.FitDataMessage):
                continue
            if frame.name == "session":
                sessions.append({f.name: f.value for f in frame.fields})
            elif frame.name == "record":
                records.append({f.name: f.value for f in frame.fields})
    except (fitdecode.FitError, EOFError, ValueError, KeyError) as error:
        raise RunFileError(DAMAGED.format(error)) from error
    runs = []
    for number, session in enumerate(sessions, start=1):
        start = _utc(session.get("start_time")) or _utc(session.get("timestamp"))
        if start is None:
            raise RunFileError(f"Session {number} has no start time.")
        seconds = session.get("total_timer_time") or session.get("total_elapsed_time")
        runs.append(
            checked(
                ParsedRun(
                    started_at=start,
                    distance_km=round((session.get("total_distance") or 0.0) / 1000, 2),
                    duration_s=round(seconds) if seconds else None,
                ),
                f"Session {number}",
            )
        )
    if runs or not records:
        return runs
    times = [t for t in (_utc(r.get("timestamp")) for r in records) if t is not None]
    distances = [d for d in (r.get("distance") for r in records) if isinstance(d, int | float)]
    if not times or not distances:
        raise RunFileError("This FIT file has no session and no timed distance records.")
    seconds = round((max(times) - min(times)).total_seconds())
    return [
        checked(ParsedRun(min(times), round(max(distances) / 1000, 2), seconds or None), "The run")
    ]
