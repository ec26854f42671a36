"""Run files over a limit are refused at once, with a sentence that says which limit.

The big files are generated here, in a temporary folder, never committed. How fast the
refusal is lives in bench/bench_import_limits.py (a benchmark prints times; tests do not).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stridewell.planner.importers import (
    MAX_FILE_BYTES,
    MAX_FIT_MESSAGES,
    MAX_RUNS_PER_FILE,
    MAX_TRACK_POINTS,
    RunFileError,
    csv_runs,
    fit,
    gpx,
    runs_parse,
    tcx,
)
from stridewell.planner.importers.limits import FitCounts, count_upto, fit_count, xml_start_tags
from stridewell.planner.models import ActualRun

from .conftest import PASSWORD
from .fitwriter import fit_file, fit_records_only

START = datetime(2026, 6, 16, 6, 30, tzinfo=UTC)
TOO_MANY_RUNS = (
    f"This file holds more than {MAX_RUNS_PER_FILE:,} runs; import at most "
    f"{MAX_RUNS_PER_FILE:,} at a time. Nothing was imported."
)


def csv_text(rows: int) -> bytes:
    return ("date,distance_km\n" + "2026-06-01,5\n" * rows).encode()


def gpx_text(points: int, *, tracks: int = 1) -> bytes:
    rows = "".join(
        f'<trkpt lat="{51.5 + i * 0.0001:.4f}" lon="-0.1">'
        f"<time>2026-06-01T07:{i // 60 % 60:02d}:{i % 60:02d}Z</time></trkpt>"
        for i in range(points)
    )
    track = f"<trk><trkseg>{rows}</trkseg></trk>"
    return (
        '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f"{track * tracks}</gpx>"
    ).encode()


def tcx_text(points: int, *, activities: int = 1) -> bytes:
    point = "<Trackpoint><DistanceMeters>5</DistanceMeters></Trackpoint>"
    activity = (
        '<Activity Sport="Running"><Id>2026-06-01T07:00:00Z</Id>'
        '<Lap StartTime="2026-06-01T07:00:00Z"><TotalTimeSeconds>1800</TotalTimeSeconds>'
        f"<DistanceMeters>5000</DistanceMeters><Track>{point * points}</Track></Lap></Activity>"
    )
    return (
        '<?xml version="1.0"?><TrainingCenterDatabase xmlns='
        '"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        f"{activity * activities}</Activities></TrainingCenterDatabase>"
    ).encode()


def written(tmp_path: Path, name: str, data: bytes) -> tuple[str, bytes]:
    path = tmp_path / name
    path.write_bytes(data)
    return name, path.read_bytes()


# --- the real limits, with files as big as the ones that held a worker ----------------------


def test_a_9_mb_csv_of_700_000_rows_is_refused_for_its_runs(tmp_path):
    name, data = written(tmp_path, "export.csv", csv_text(700_000))
    assert len(data) > 9_000_000

    with pytest.raises(RunFileError) as refused:
        runs_parse(name, data)

    assert str(refused.value) == TOO_MANY_RUNS


@pytest.mark.parametrize(
    ("name", "build", "what"),
    [
        ("big.gpx", lambda: gpx_text(MAX_TRACK_POINTS + 1), "track points"),
        ("big.tcx", lambda: tcx_text(MAX_TRACK_POINTS + 1), "track points and laps"),
        (
            "big.fit",
            lambda: fit_records_only(
                start=START, points=[(i, i * 3.0) for i in range(MAX_TRACK_POINTS + 1)]
            ),
            "track points (record messages)",
        ),
    ],
)
def test_a_file_with_too_many_track_points_is_refused(tmp_path, name, build, what):
    name, data = written(tmp_path, name, build())
    assert len(data) <= MAX_FILE_BYTES

    with pytest.raises(RunFileError) as refused:
        runs_parse(name, data)

    assert str(refused.value).startswith(
        f"This file holds more than {MAX_TRACK_POINTS:,} {what}; we read at most that many"
    )


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("many.gpx", lambda: gpx_text(1, tracks=MAX_RUNS_PER_FILE + 1)),
        ("many.tcx", lambda: tcx_text(0, activities=MAX_RUNS_PER_FILE + 1)),
        (
            "many.fit",
            lambda: fit_file(
                start=START, distance_m=5000, seconds=1800, sessions=MAX_RUNS_PER_FILE + 1
            ),
        ),
    ],
)
def test_a_file_with_too_many_runs_is_refused(tmp_path, name, build):
    name, data = written(tmp_path, name, build())

    with pytest.raises(RunFileError) as refused:
        runs_parse(name, data)

    assert str(refused.value) == TOO_MANY_RUNS


# --- exactly at the limit is read; one more is refused (small limits, same code) --------------


@pytest.fixture
def small_limits(monkeypatch):
    for module in (csv_runs, gpx, tcx, fit):
        if hasattr(module, "MAX_TRACK_POINTS"):
            monkeypatch.setattr(module, "MAX_TRACK_POINTS", 40)
        monkeypatch.setattr(module, "MAX_RUNS_PER_FILE", 3)
    monkeypatch.setattr(fit, "MAX_FIT_MESSAGES", 60)


def test_a_csv_at_the_run_limit_is_read_and_one_row_more_is_refused(small_limits):
    assert len(runs_parse("ok.csv", csv_text(3))) == 3
    with pytest.raises(RunFileError, match="more than 3 runs"):
        runs_parse("over.csv", csv_text(4))


def test_a_gpx_at_the_point_limit_is_read_and_one_point_more_is_refused(small_limits):
    assert len(runs_parse("ok.gpx", gpx_text(40))) == 1
    with pytest.raises(RunFileError, match="track points"):
        runs_parse("over.gpx", gpx_text(41))


def test_a_tcx_at_the_point_limit_is_read_and_one_point_more_is_refused(small_limits):
    assert len(runs_parse("ok.tcx", tcx_text(39))) == 1  # 39 points and 1 lap
    with pytest.raises(RunFileError, match="track points and laps"):
        runs_parse("over.tcx", tcx_text(40))


def test_a_fit_at_the_record_limit_is_read_and_one_record_more_is_refused(small_limits):
    def records(n: int) -> bytes:
        return fit_records_only(start=START, points=[(i, i * 3.0) for i in range(n)])

    assert len(runs_parse("ok.fit", records(40))) == 1
    with pytest.raises(RunFileError, match="record messages"):
        runs_parse("over.fit", records(41))


def test_a_fit_over_the_message_limit_is_refused(monkeypatch):
    monkeypatch.setattr(fit, "MAX_FIT_MESSAGES", 5)
    data = fit_file(start=START, distance_m=5000, seconds=1800, sessions=5)  # + file_id

    with pytest.raises(RunFileError, match="more than 5 messages"):
        runs_parse("chatty.fit", data)


# --- the counters ------------------------------------------------------------------------------


def test_the_fit_counter_counts_sessions_and_records_without_decoding():
    assert fit_count(
        fit_file(start=START, distance_m=5000, seconds=1800, sessions=3), message_limit=100
    ) == FitCounts(messages=4, sessions=3, records=0)
    records = fit_records_only(start=START, points=[(i, float(i)) for i in range(7)])
    assert fit_count(records, message_limit=100) == FitCounts(7, sessions=0, records=7)
    assert fit_count(records, message_limit=3).messages == 4  # stops after limit + 1


@pytest.mark.parametrize("data", [b"", b"garbage", b"\x0e\x10" + b"\x00" * 40, b"\x0e" * 13])
def test_the_fit_counter_stops_quietly_on_damaged_files(data):
    assert fit_count(data, message_limit=MAX_FIT_MESSAGES).messages == 0


def test_the_xml_counter_counts_prefixed_and_self_closing_tags_but_not_longer_names():
    data = b'<gpx:trkpt lat="1"/><trkpt>x</trkpt><trkpts/><trkseg><wpt lat="1"></wpt>'

    assert count_upto(xml_start_tags("trkpt|wpt"), data, 100) == 3
    assert count_upto(xml_start_tags("trkpt|wpt"), data, 1) == 2  # stops after limit + 1


# --- through the API and the page: refused, nothing stored -----------------------------------


@pytest.fixture
def logged_in(client, runner):
    client.login(email=runner.email, password=PASSWORD)
    return client


def test_the_api_refuses_a_huge_csv_with_a_422_naming_the_limit(logged_in, tmp_path):
    name, data = written(tmp_path, "export.csv", csv_text(700_000))

    response = logged_in.post("/api/plan/imports", {"file": SimpleUploadedFile(name, data)})

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"file": [TOO_MANY_RUNS]}
    assert not ActualRun.objects.exists()


def test_the_api_refuses_a_file_over_the_size_limit_with_a_413(logged_in):
    upload = SimpleUploadedFile("huge.gpx", b" " * (MAX_FILE_BYTES + 1))

    response = logged_in.post("/api/plan/imports", {"file": upload})

    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "too_large",
        "message": "This file is over the 10 MB limit.",
        "fields": {"file": ["This file is over the 10 MB limit."]},
    }


def test_the_import_page_shows_the_limit_as_a_form_error(logged_in, tmp_path):
    name, data = written(tmp_path, "track.gpx", gpx_text(MAX_TRACK_POINTS + 1))

    response = logged_in.post("/plan/import/", {"file": SimpleUploadedFile(name, data)})

    assert response.status_code == 422
    assert f"more than {MAX_TRACK_POINTS:,} track points" in response.content.decode()
    assert not ActualRun.objects.exists()


# --- an upload over the byte cap is not even read ---------------------------------------------


def test_an_upload_over_the_byte_cap_is_a_413_on_the_api(logged_in, settings):
    settings.UPLOAD_MAX_BYTES = 4_096
    upload = SimpleUploadedFile("big.gpx", gpx_text(200))
    assert upload.size > 4_096

    response = logged_in.post("/api/plan/imports", {"file": upload})

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert not ActualRun.objects.exists()


def test_an_upload_over_the_byte_cap_is_the_friendly_413_page_on_the_form(logged_in, settings):
    settings.UPLOAD_MAX_BYTES = 4_096

    response = logged_in.post("/plan/import/", {"file": SimpleUploadedFile("a.gpx", gpx_text(200))})

    assert response.status_code == 413
    assert "too much to send" in response.content.decode()


def test_the_cap_also_holds_without_a_content_length(settings, rf):
    from django.core.exceptions import RequestDataTooBig

    from stridewell.core.uploads import CappedUploadHandler

    settings.UPLOAD_MAX_BYTES = 4_096
    handler = CappedUploadHandler()
    handler.handle_raw_input(None, {}, 0, "x")
    handler.receive_data_chunk(b"x" * 4_096, 0)

    with pytest.raises(RequestDataTooBig):
        handler.receive_data_chunk(b"x", 4_096)
