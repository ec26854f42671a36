"""Reading runs from GPX, TCX, FIT and CSV files, and the clear errors for bad ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stridewell.planner.importers import MAX_FILE_BYTES, ParsedRun, RunFileError, runs_parse

from .files import BILLION_LAUGHS, gpx_file, tcx_file
from .fitwriter import crc16, fit_file, fit_records_only

START = datetime(2026, 6, 16, 6, 30, tzinfo=UTC)  # 07:30 in London (BST)


def test_a_gpx_track_becomes_one_run_with_its_distance_time_and_name():
    (run,) = runs_parse("morning.gpx", gpx_file(start=START, km=10.0, minutes=55))

    assert run.started_at == START
    assert run.distance_km == pytest.approx(10.0, abs=0.05)
    assert run.duration_s == 55 * 60
    assert run.name == "Morning run"
    assert run.has_time is True


def test_a_tcx_activity_sums_its_laps():
    data = tcx_file(start=START, laps=[(5000.0, 1500.0), (5210.0, 1490.0)], notes="Tempo")

    assert runs_parse("run.TCX", data) == [ParsedRun(START, 10.21, 2990, "Tempo")]


def test_a_fit_file_gives_one_run_per_session():
    data = fit_file(start=START, distance_m=21097.5, seconds=7200.4, sessions=2)

    runs = runs_parse("race.fit", data)

    assert [(r.started_at.day, r.distance_km, r.duration_s) for r in runs] == [
        (16, 21.1, 7200),
        (17, 21.1, 7200),
    ]


def test_a_fit_file_without_sessions_falls_back_to_its_records():
    data = fit_records_only(start=START, points=[(0, 0.0), (600, 2000.0), (1500, 5012.0)])

    assert runs_parse("watch.fit", data) == [ParsedRun(START, 5.01, 1500)]


def test_the_fit_test_writer_uses_the_sdk_crc():
    # The FIT SDK's CRC of the ASCII digits 1-9 ("check" value of CRC-16/ARC).
    assert crc16(b"123456789") == 0xBB3D


def test_a_csv_of_runs_reads_dates_distances_durations_and_names():
    data = (
        b"Date,Distance_km,Duration,Name\n"
        b"2026-06-16 07:30,10.2,55:10,Easy\n"
        b"17/06/2026,8,1:02:30,\n"
        b"2026-06-18,5.5,31.5,Recovery\n"
    )

    runs = runs_parse("log.csv", data)

    assert [(r.started_at, r.has_time, r.distance_km, r.duration_s, r.name) for r in runs] == [
        (datetime(2026, 6, 16, 6, 30, tzinfo=UTC), True, 10.2, 3310, "Easy"),
        (datetime(2026, 6, 17, 11, 0, tzinfo=UTC), False, 8.0, 3750, ""),  # noon in London
        (datetime(2026, 6, 18, 11, 0, tzinfo=UTC), False, 5.5, 1890, "Recovery"),
    ]


def test_a_csv_with_bad_rows_is_refused_whole_and_says_which_rows():
    data = b"date,km\n2026-06-16,10\nnext tuesday,5\n2026-06-18,far\n2026-06-19,0\n"

    with pytest.raises(RunFileError) as caught:
        runs_parse("log.csv", data)

    assert str(caught.value) == (
        "Nothing was imported. Row 3: \u201cnext tuesday\u201d is not a date (use 2026-06-14 or "
        "14/06/2026). Row 4: \u201cfar\u201d is not a distance in km. Row 5: a distance of 0 km is "
        "not a run we can record (it must be more than 0 and at most 300 km)."
    )


def test_a_csv_without_the_required_columns_names_what_is_missing():
    with pytest.raises(RunFileError, match=r"\(missing: distance_km\)"):
        runs_parse("log.csv", b"date,name\n2026-06-16,Easy\n")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("run.gpx", b"<gpx><trk>", "This GPX file is damaged: it is not valid XML"),
        ("run.gpx", BILLION_LAUGHS, "XML features we do not accept"),
        ("run.tcx", b"<Other/>", "does not look like a TCX file"),
        ("run.fit", b"not a fit file at all", "This FIT file is damaged or is not a FIT file"),
        ("run.pdf", b"%PDF", "Choose a GPX, TCX, FIT or CSV file"),
        ("run.csv", b"", "This file is empty."),
        ("run.csv", b"\xff\xfe\x00d", "not UTF-8 text"),
    ],
)
def test_damaged_or_unsupported_files_get_a_clear_error(name, data, expected):
    with pytest.raises(RunFileError) as caught:
        runs_parse(name, data)

    assert expected in str(caught.value)


def test_a_truncated_fit_file_is_refused():
    data = fit_file(start=START, distance_m=10000, seconds=3000)

    with pytest.raises(RunFileError, match="damaged"):
        runs_parse("run.fit", data[:-6])


def test_a_gpx_track_without_times_is_refused():
    data = (
        gpx_file(start=START, km=5, minutes=30)
        .replace(b"<time>", b"<desc>")
        .replace(b"</time>", b"</desc>")
    )

    with pytest.raises(RunFileError, match="has no times on its points"):
        runs_parse("run.gpx", data)


def test_a_file_over_ten_megabytes_is_refused_before_reading():
    with pytest.raises(RunFileError) as caught:
        runs_parse("huge.gpx", b" " * (MAX_FILE_BYTES + 1))

    assert str(caught.value) == (
        "This file is 10.0 MB; the limit is 10 MB. Export a single run, or split the file."
    )
