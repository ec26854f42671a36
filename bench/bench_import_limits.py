"""Benchmark: a run file over an import limit is refused in under 1 s (issue 11, part 4).

For each format it builds, in memory, the kind of file that used to hold a worker (a 9 MB CSV
of 700,000 rows; GPX, TCX and FIT files of about 10 MB, over the track-point limit) and a file
exactly at the limit, then times `runs_parse` on each (the median of a few runs):

* refused: the time to refuse the file over the limit; the budget is 1 s;
* at limit: the time to read the largest file that is accepted, for comparison;
* ratio: refused / at limit (well under 1: refusing costs less than reading).

Times are the CPU time of this thread (parsing is pure Python and C, no I/O), with the
wall-clock median alongside. Exit status 1 when a refusal misses the budget.

Run: .venv/bin/python bench/bench_import_limits.py
"""

from __future__ import annotations

import statistics
import struct
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stridewell.planner.importers import (  # noqa: E402
    MAX_FILE_BYTES,
    MAX_RUNS_PER_FILE,
    MAX_TRACK_POINTS,
    RunFileError,
    runs_parse,
)
from tests.planner.fitwriter import fit_records_only  # noqa: E402

BUDGET_S = 1.0
REPEATS = 3
START = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)


def csv_rows(rows: int) -> bytes:
    body = "".join(f"2026-06-{1 + i % 28:02d} 07:{i % 60:02d},{5 + i % 17}\n" for i in range(rows))
    return ("date,distance_km\n" + body).encode()


def csv_bare(rows: int) -> bytes:
    """The file from the issue: 700,000 short rows, about 9 MB."""
    return ("date,distance_km\n" + "2026-06-01,5\n" * rows).encode()


def gpx_points(points: int) -> bytes:
    rows = "".join(
        f'<trkpt lat="{51.5 + i * 0.00002:.6f}" lon="-0.157"><ele>35</ele>'
        f"<time>2026-06-01T{6 + i // 3600 % 18:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z</time>"
        "</trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="bench" '
        'xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>Long run</name><trkseg>{rows}</trkseg></trk></gpx>"
    ).encode()


def gpx_bare(points: int) -> bytes:
    """The hostile kind: as many bare points as fit in 10 MB."""
    rows = '<trkpt lat="51.5" lon="-0.1"/>' * points
    return f'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{rows}</trkseg></trk></gpx>'.encode()


def tcx_bare(points: int) -> bytes:
    rows = "<Trackpoint/>" * points
    return tcx_points(0).replace(b"<Track></Track>", f"<Track>{rows}</Track>".encode())


def tcx_points(points: int) -> bytes:
    rows = "".join(
        f"<Trackpoint><Time>2026-06-01T06:00:00Z</Time><DistanceMeters>{i * 3}</DistanceMeters>"
        "</Trackpoint>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        '<Activity Sport="Running"><Id>2026-06-01T06:00:00Z</Id>'
        '<Lap StartTime="2026-06-01T06:00:00Z"><TotalTimeSeconds>36000</TotalTimeSeconds>'
        f"<DistanceMeters>100000</DistanceMeters><Track>{rows}</Track></Lap></Activity>"
        "</Activities></TrainingCenterDatabase>"
    ).encode()


def fit_points(points: int) -> bytes:
    """A valid FIT file (CRCs included) of `points` record messages, via the tests' writer."""
    return fit_records_only(start=START, points=[(i, i * 2.8) for i in range(points)])


def fit_bare(points: int) -> bytes:
    """The hostile kind: 10 MB of record messages. Built directly (the tests' writer is slow
    at this size); its CRCs are zeros, which does not matter as it is refused before any
    CRC is checked."""
    definition = bytes([0x40]) + struct.pack("<BBHB", 0, 0, 20, 2)
    definition += struct.pack("<BBBBBB", 253, 4, 0x86, 5, 4, 0x86)
    record = bytes([0]) + struct.pack("<II", 1_117_000_000, 0)
    records = definition + record * points
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(records), b".FIT") + b"\x00\x00"
    return header + records + b"\x00\x00"


def _largest_under(build: Callable[[int], bytes], count: int) -> int:
    """Shrink `count` until the built file fits under the byte limit."""
    while len(build(count)) > MAX_FILE_BYTES:
        count = int(count * 0.9)
    return count


def timed(name: str, data: bytes) -> tuple[float, float, str]:
    cpu, wall, outcome = [], [], ""
    for _ in range(REPEATS):
        c0, w0 = time.thread_time(), time.perf_counter()
        try:
            outcome = f"{len(runs_parse(name, data))} run(s) read"
        except RunFileError as error:
            outcome = f"refused: {str(error)[:60]}…"
        cpu.append(time.thread_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall), outcome


def main() -> int:
    cases = [
        ("csv", csv_bare(700_000), csv_rows(MAX_RUNS_PER_FILE)),
        (
            "gpx",
            gpx_bare(_largest_under(gpx_bare, 400_000)),
            gpx_points(_largest_under(gpx_points, MAX_TRACK_POINTS)),
        ),
        (
            "tcx",
            tcx_bare(_largest_under(tcx_bare, 900_000)),
            tcx_points(_largest_under(tcx_points, MAX_TRACK_POINTS - 1)),  # + 1 lap
        ),
        (
            "fit",
            fit_bare(_largest_under(fit_bare, 1_200_000)),
            fit_points(MAX_TRACK_POINTS),
        ),
    ]
    print(
        f"Limits: {MAX_FILE_BYTES // 1024 // 1024} MB, {MAX_RUNS_PER_FILE:,} runs, "
        f"{MAX_TRACK_POINTS:,} track points; budget for a refusal {BUDGET_S:.1f} s "
        f"(median of {REPEATS}, CPU time; wall clock in brackets)\n"
    )
    header = f"{'format':<6} {'file over the limit':<24} {'refused':>16} {'at the limit':>16} ratio"
    print(header)
    print("-" * len(header))
    failed = False
    for fmt, over, at_limit in cases:
        refused_cpu, refused_wall, refused_outcome = timed(f"over.{fmt}", over)
        limit_cpu, limit_wall, limit_outcome = timed(f"limit.{fmt}", at_limit)
        if not refused_outcome.startswith("refused") or refused_cpu > BUDGET_S:
            failed = True
        if limit_outcome.startswith("refused"):
            failed = True
        size = f"{len(over) / 1e6:.1f} MB"
        print(
            f"{fmt:<6} {size:<24} {refused_cpu:6.3f} s ({refused_wall:5.2f}) "
            f"{limit_cpu:6.3f} s ({limit_wall:5.2f}) {refused_cpu / max(limit_cpu, 1e-9):5.2f}"
        )
        print(f"       over: {refused_outcome}\n       at limit: {limit_outcome}")
    verdict = "FAIL" if failed else "OK"
    print(f"\n{verdict}: every file over a limit refused in under {BUDGET_S:.1f} s, every file")
    print("at the limit read")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
