"""The access log seen from both sides: the runner's "Who looked at my data" page (their own
entries only, newest first, the last 100 with a count), the staff CSV export (staff only, formula
cells made inert) and the training API writing one row per clinician read or write, with the
client address."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stridewell.training.access import access_record
from stridewell.training.models import AccessLog
from stridewell.training.selectors_access_log import csv_cell, what_label

from .conftest import URLCONF

pytestmark = pytest.mark.urls(URLCONF)


def _page(client, user):
    client.force_login(user)
    return client.get(reverse("training:access_log"))


def test_the_runner_sees_who_looked_newest_first(client, runner, physio, staff):
    access_record(viewer=physio, runner=runner, what="training.timeline")
    access_record(viewer=staff, runner=runner, what="booking.appointment")

    response = _page(client, runner)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Who looked at my data" in page
    assert page.index("jess@example.test") < page.index("priya@example.test")
    assert "training.timeline" in page
    assert "booking.appointment" in page
    assert "2 records" in page


def test_the_runner_never_sees_another_runners_entries(client, runner, other_runner, physio):
    access_record(viewer=physio, runner=other_runner, what="training.secret-of-tom")

    page = _page(client, runner).content.decode()

    assert "training.secret-of-tom" not in page
    assert "Nobody else has looked at your data." in page


def test_the_page_shows_the_last_100_with_the_total(client, runner, physio):
    now = timezone.now()
    AccessLog.objects.bulk_create(
        AccessLog(
            viewer=physio,
            viewer_email=physio.email,
            viewer_role=physio.role,
            runner=runner,
            what=f"training.read-{n}",
            at=now - timedelta(minutes=n),
        )
        for n in range(105)
    )

    page = _page(client, runner).content.decode()

    assert "The last 100 of 105 records" in page
    assert "training.read-0<" in page
    assert "training.read-99<" in page
    assert "training.read-100<" not in page


def _export(client, user, runner):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("training:access_log_export", args=[runner.pk]))


@pytest.mark.parametrize("who", ["runner", "other_runner", "physio", "other_physio"])
def test_the_export_is_404_for_anyone_but_staff(  # noqa: PLR0917 - pytest parameters
    client, runner, other_runner, physio, other_physio, who
):
    user = {"runner": runner, "other_runner": other_runner, "physio": physio}.get(who, other_physio)
    assert _export(client, user, runner).status_code == 404


def test_staff_export_one_runners_log_as_csv(client, runner, other_runner, physio, staff):
    access_record(viewer=physio, runner=runner, what="training.timeline", obj="7")
    access_record(viewer=physio, runner=other_runner, what="training.runner")
    physio.email = "=HYPERLINK(1)@example.test"
    access_record(viewer=physio, runner=runner, what="-2+3")

    response = _export(client, staff, runner)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["when (UTC)", "who", "e-mail", "role", "what"]
    body = rows[1:]
    assert [row[4] for row in body] == ["'-2+3", "training.timeline"]
    assert body[0][2] == "'=HYPERLINK(1)@example.test"
    assert body[1][2:6] == ["priya@example.test", "physio", "training.timeline", "7"]
    assert "training.runner" not in response.content.decode()


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("a=1", "a=1")],
)
def test_csv_cells_that_start_a_formula_are_made_inert(value, cell):
    assert csv_cell(value) == cell


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("/api/training/programme?runner={id}", "training.programme"),
        ("/api/training/decisions?runner={id}", "training.decisions"),
        ("/api/training/hand-overs?runner={id}", "training.handovers"),
    ],
)
@pytest.mark.parametrize("who", ["physio", "staff"])
def test_each_training_api_read_writes_one_row(  # noqa: PLR0917 - pytest parameters
    client, runner, physio, staff, path, what, who
):
    viewer = physio if who == "physio" else staff
    client.force_login(viewer)

    response = client.get(path.format(id=runner.pk), REMOTE_ADDR="192.0.2.44")

    assert response.status_code == 200
    (entry,) = AccessLog.objects.all()
    assert (entry.viewer, entry.viewer_email, entry.viewer_role) == (
        viewer,
        viewer.email,
        viewer.role,
    )
    assert (entry.runner, entry.what, entry.ip) == (runner, what, "192.0.2.44")


def test_the_runner_reading_their_own_data_writes_nothing(client, runner):
    client.force_login(runner)

    client.get("/api/training/programme")
    client.get(f"/api/training/decisions?runner={runner.pk}")
    client.get(reverse("training:access_log"))

    assert AccessLog.objects.count() == 0


def test_the_log_write_is_one_insert(client, runner, physio):
    client.force_login(physio)

    with CaptureQueriesContext(connection) as queries:
        client.get(f"/api/training/decisions?runner={runner.pk}")

    writes = [q for q in queries.captured_queries if q["sql"].upper().startswith("INSERT")]
    assert len(writes) == 1
    assert "training_accesslog" in writes[0]["sql"].lower()


def test_only_staff_see_the_export_link_on_the_runner_page(client, runner, physio, staff):
    url = reverse("training:physio_runner", args=[runner.pk])
    client.force_login(physio)
    physio_page = client.get(url).content.decode()
    client.force_login(staff)
    staff_page = client.get(url).content.decode()

    export = reverse("training:access_log_export", args=[runner.pk])
    assert export in staff_page
    assert export not in physio_page


@pytest.mark.parametrize(
    ("what", "label"),
    [
        ("booking.move", "your appointments (move)"),
        ("training.screening_form", "your training (screening form)"),
        ("outcomes.scores", "your questionnaires (scores)"),
        ("mystery", "mystery"),
    ],
)
def test_the_runner_reads_each_code_in_plain_english(what, label):
    assert what_label(what) == label


@pytest.mark.parametrize("who", ["physio", "staff"])
def test_a_clinician_write_is_logged_with_its_object(  # noqa: PLR0917 - pytest parameters
    client, runner, physio, staff, assign, who
):
    entries = assign(runner)
    viewer = physio if who == "physio" else staff
    client.force_login(viewer)

    response = client.post(
        "/api/training/overrides",
        {"entry": entries[0].pk, "rung": "hip_clam", "note": "Ease off"},
        content_type="application/json",
        REMOTE_ADDR="192.0.2.8",
    )

    assert response.status_code == 201
    (entry,) = AccessLog.objects.all()
    assert (entry.viewer, entry.runner, entry.what, entry.obj, entry.ip) == (
        viewer,
        runner,
        "training.override",
        str(entries[0].pk),
        "192.0.2.8",
    )


def test_a_refused_clinician_write_logs_nothing(client, runner, other_physio, assign):
    entries = assign(runner)
    client.force_login(other_physio)

    response = client.post(
        "/api/training/overrides",
        {"entry": entries[0].pk, "rung": "hip_clam", "note": "Ease off"},
        content_type="application/json",
    )

    assert response.status_code == 404
    assert AccessLog.objects.count() == 0
