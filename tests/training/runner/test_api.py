"""The private training API: each endpoint for anonymous, the owner, another runner, an
unrelated physio, their physio and staff; bad input is a 4xx in the shared error shape with
nothing saved."""

from __future__ import annotations

import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest

from stridewell.accounts.services import token_create
from stridewell.core.time import now_london
from stridewell.training.models import CheckIn, Decision, ExerciseLog, Screening, Session, SetLog
from stridewell.training.selectors_runner import booking_path
from stridewell.training.services_screening import screening_record

from .conftest import MONDAY, URLCONF, check_in, learn_baseline, log

pytestmark = pytest.mark.urls(URLCONF)
WEEK2 = MONDAY + timedelta(days=7)
BASE = "/api/training"


@pytest.fixture
def people(runner, other_runner, physio, other_physio, staff):
    return SimpleNamespace(
        runner=runner, other_runner=other_runner, physio=physio, other_physio=other_physio,
        staff=staff,
    )  # fmt: skip


@pytest.fixture
def world(people, library):
    screening_record(
        runner=people.runner, recorded_by=people.physio, day=MONDAY, age=35, sex="female",
        current_pain=0, today=MONDAY,
    )  # fmt: skip
    entries = list(people.runner.training_programmes.get().entries.order_by("position"))
    learn_baseline(people.runner)
    log(people.runner, entries, WEEK2, pain=6)
    check_in(people.runner, WEEK2 + timedelta(days=1))
    for entry in entries:
        entry.refresh_from_db()
    return SimpleNamespace(**vars(people), entries=entries)


def _client(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client


def _counts():
    return tuple(
        m.objects.count() for m in (Screening, Session, ExerciseLog, SetLog, CheckIn, Decision)
    )


def _session_body(world, *, day=None, pain=1, reps=None, entry=None, token=None):
    e = world.entries[0] if entry is None else entry
    return {
        "client_token": str(token or uuid.uuid4()),
        "date": (day or WEEK2 + timedelta(days=3)).isoformat(),
        "exercises": [
            {
                "entry": e.pk,
                "control": "good",
                "sets": [
                    {
                        "reps_or_seconds": e.target if reps is None else reps,
                        "load_step": e.load_step,
                        "pain_during": pain,
                    }
                ]
                * e.sets,
            }
        ],
    }


# --- GET /programme and GET /decisions ---------------------------------------------------------


@pytest.mark.parametrize("path", ["/programme", "/decisions"])
def test_reads_need_credentials(client, world, path):
    response = client.get(BASE + path)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_the_owner_reads_their_programme(client, world):
    body = _client(client, world, "runner").get(BASE + "/programme").json()

    assert body["runner"] == {"id": world.runner.pk, "name": "Amara Okafor"}
    assert body["programme"]["physio"] == "Priya Raman"
    # Pain of 6/10 eased every exercise back one step: from each rung's bottom dose to the rung
    # below, at its entry dose (never its top: issue #10).
    assert [e["rung"]["key"] for e in body["programme"]["entries"]] == [
        "hip_clam",
        "trunk_knees",
        "bal_stand",
    ]
    assert body["programme"]["entries"][0]["dose"] == {
        "sets": 2,
        "target": 10,
        "low": 10,
        "high": 14,
        "unit": "reps",
        "load_step": 0,
        "load": "light band",
        "tempo": "",
        "rest_seconds": 60,
        "text": "2 × 10 reps, light band",
    }
    assert body["waiting_for_check_in"] == []


def test_the_owner_reads_their_decisions_newest_first(client, world):
    body = _client(client, world, "runner").get(BASE + "/decisions").json()
    assert [d["rule"] for d in body][:3] == ["R1_pain_during_above_5"] * 3
    assert body[0]["action"] == "regress"
    assert "6/10" in body[0]["reason"]
    assert all(d["rule"] != "C1_check_in_recorded" for d in body)


def test_another_runner_asking_for_the_owner_gets_404(client, world):
    c = _client(client, world, "other_runner")
    for path in ("/programme", "/decisions"):
        response = c.get(f"{BASE}{path}?runner={world.runner.pk}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_another_runner_reading_their_own_sees_nothing_of_the_owner(client, world):
    c = _client(client, world, "other_runner")
    assert c.get(BASE + "/programme").json()["programme"] is None
    assert c.get(BASE + "/decisions").json() == []


@pytest.mark.parametrize(
    ("who", "status"), [("other_physio", 404), ("physio", 200), ("staff", 200)]
)
def test_clinicians_pass_the_runner_and_only_theirs_answer(client, world, who, status):
    c = _client(client, world, who)
    for path in ("/programme", "/decisions"):
        assert c.get(f"{BASE}{path}?runner={world.runner.pk}").status_code == status


def test_a_physio_without_a_runner_parameter_is_told_to_give_one(client, world):
    response = _client(client, world, "physio").get(BASE + "/programme")
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"runner": ["Required."]}


def test_a_bearer_token_works_too(client, world):
    _, raw = token_create(user=world.runner, name="watch")
    response = client.get(BASE + "/programme", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json()["runner"]["id"] == world.runner.pk


# --- POST /sessions ------------------------------------------------------------------------


def test_sessions_need_credentials(client, world):
    response = client.post(
        BASE + "/sessions", _session_body(world), content_type="application/json"
    )
    assert response.status_code == 401


def test_the_owner_logs_a_session_and_a_retry_records_it_once(client, world):
    c = _client(client, world, "runner")
    body = _session_body(world, token=uuid.uuid4())

    first = c.post(BASE + "/sessions", body, content_type="application/json")
    before = _counts()
    again = c.post(BASE + "/sessions", body, content_type="application/json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["session"]["exercises"][0]["status"] == "pending"
    assert "tomorrow morning" in first.json()["message"]
    assert again.json()["created"] is False
    assert again.json()["session"]["id"] == first.json()["session"]["id"]
    assert _counts() == before


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"pain": 11}, 422, "exercises.0.sets.0.pain_during"),
        ({"reps": -1}, 422, "exercises.0.sets.0.reps_or_seconds"),
        ({"day": "tomorrow"}, 422, "date"),  # a session cannot be logged in advance
        ({"day": WEEK2 - timedelta(days=1)}, 422, "date"),  # before the latest session
    ],
)
def test_bad_sessions_are_refused_and_nothing_saved(client, world, change, status, field):
    if change.get("day") == "tomorrow":  # the pinned clock is set per test, not at import
        change = {"day": now_london().date() + timedelta(days=1)}
    c = _client(client, world, "runner")
    before = _counts()
    response = c.post(
        BASE + "/sessions", _session_body(world, **change), content_type="application/json"
    )
    assert response.status_code == status
    assert field in response.json()["error"]["fields"]
    assert _counts() == before


def test_another_runner_cannot_log_into_the_owners_programme(client, world):
    c = _client(client, world, "other_runner")
    before = _counts()
    response = c.post(BASE + "/sessions", _session_body(world), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert _counts() == before


@pytest.mark.parametrize("who", ["physio", "other_physio"])
def test_physios_do_not_log_sessions(client, world, who):
    before = _counts()
    response = _client(client, world, who).post(
        BASE + "/sessions", _session_body(world), content_type="application/json"
    )
    assert response.status_code == 403
    assert _counts() == before


# --- POST /checkins ------------------------------------------------------------------------


def test_check_ins_need_credentials(client, world):
    response = client.post(
        BASE + "/checkins", {"date": "2026-03-20", "pain": 0, "stiffness": 1},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 401


def test_the_owner_checks_in_and_gets_the_decisions(client, world):
    c = _client(client, world, "runner")
    c.post(BASE + "/sessions", _session_body(world), content_type="application/json")
    day = WEEK2 + timedelta(days=4)
    response = c.post(
        BASE + "/checkins", {"date": day.isoformat(), "pain": 0, "stiffness": 1},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201
    decisions = response.json()["decisions"]
    # The regression left the clam at its entry dose: a good session there steps up.
    assert [(d["exercise"], d["rule"]) for d in decisions][:2] == [
        ("Clam", "P1_sets_complete_pain_ok"),
        ("Side plank on knees", "C1_check_in_recorded"),
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2099-01-01", "pain": 0, "stiffness": 1}, "date"),
        ({"date": "2026-03-20", "pain": 11, "stiffness": 1}, "pain"),
        ({"date": "2026-03-20", "pain": 1, "stiffness": -2}, "stiffness"),
    ],
)
def test_bad_check_ins_are_refused_and_nothing_saved(client, world, body, field):
    before = _counts()
    response = _client(client, world, "runner").post(
        BASE + "/checkins", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert _counts() == before


@pytest.mark.parametrize("who", ["physio", "other_physio"])
def test_physios_do_not_check_in(client, world, who):
    response = _client(client, world, who).post(
        BASE + "/checkins", {"date": "2026-03-20", "pain": 0, "stiffness": 1},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403


# --- POST /screenings ----------------------------------------------------------------------


def _screening(runner_id=None, **extra):
    body = {"age": 35, "sex": "female", "current_pain": 0, "date": MONDAY.isoformat()}
    if runner_id is not None:
        body["runner"] = runner_id
    return body | extra


def test_screenings_need_credentials(client, world):
    response = client.post(BASE + "/screenings", _screening(), content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize("who", ["physio", "staff"])
def test_the_runners_physio_or_staff_screen_a_runner(client, world, who):
    response = _client(client, world, who).post(
        BASE + "/screenings", _screening(world.runner.pk), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["screening"]["is_self_screen"] is False
    assert body["see_physio"] is False
    assert len(body["programme"]["entries"]) == 3
    # A screening never changes the runner's physio (ADR 0014), even when staff record it.
    assert world.runner.training_programmes.get(is_active=True).physio == world.physio


def test_red_flags_return_see_a_physio_and_the_booking_link(client, world):
    response = _client(client, world, "physio").post(
        BASE + "/screenings",
        _screening(world.runner.pk, red_flags=["unexplained_weight_loss"]),
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 201
    assert (body["programme"], body["see_physio"]) == (None, True)
    assert body["booking_url"] == "http://testserver" + booking_path()


def test_a_runner_self_screens_and_cannot_screen_someone_else(client, world):
    c = _client(client, world, "other_runner")
    own = c.post(BASE + "/screenings", _screening(), content_type="application/json")
    before = _counts()
    theirs = c.post(
        BASE + "/screenings", _screening(world.runner.pk), content_type="application/json"
    )
    assert own.status_code == 201
    assert own.json()["screening"]["is_self_screen"] is True
    assert theirs.status_code == 404
    assert _counts() == before


def test_a_screening_with_pain_11_is_refused(client, world):
    before = _counts()
    response = _client(client, world, "physio").post(
        BASE + "/screenings", _screening(world.other_runner.pk, current_pain=11),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    assert "current_pain" in response.json()["error"]["fields"]
    assert _counts() == before


# --- POST /overrides -----------------------------------------------------------------------


def _override(world, **extra):
    return {"entry": world.entries[0].pk, "rung": "hip_clam", "note": "Ease off"} | extra


def test_overrides_need_credentials(client, world):
    response = client.post(BASE + "/overrides", _override(world), content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("runner", 403),
        ("other_runner", 404),
        ("other_physio", 404),
        ("physio", 201),
        ("staff", 201),
    ],
)
def test_only_their_physio_or_staff_override(client, world, who, status):
    before = Decision.objects.count()
    response = _client(client, world, who).post(
        BASE + "/overrides", _override(world), content_type="application/json"
    )
    assert response.status_code == status
    assert Decision.objects.count() == before + (1 if status == 201 else 0)
    if status == 201:
        assert response.json()["decision"]["rule"] == "O1_physio_override_set"


def test_a_physio_pins_a_dose_then_clears_it(client, world):
    c = _client(client, world, "physio")
    pinned = c.post(
        BASE + "/overrides", _override(world, rung="hip_bridge", sets=3, target=12, load_step=1),
        content_type="application/json",
    )  # fmt: skip
    cleared = c.post(
        BASE + "/overrides", {"entry": world.entries[0].pk, "action": "clear"},
        content_type="application/json",
    )  # fmt: skip
    assert pinned.json()["decision"]["dose"] == "3 × 12 reps, medium band"
    assert cleared.json()["decision"]["rule"] == "O2_physio_override_removed"


def test_an_override_to_another_ladders_rung_is_refused(client, world):
    before = Decision.objects.count()
    response = _client(client, world, "physio").post(
        BASE + "/overrides", _override(world, rung="trunk_plank"), content_type="application/json"
    )
    assert response.status_code == 422
    assert "rung" in response.json()["error"]["fields"]
    assert Decision.objects.count() == before


def test_every_endpoint_is_documented_in_openapi():
    from tests.training.runner.urls import api

    paths = api.get_openapi_schema()["paths"]
    assert {
        "/api/training/screenings": {"post"},
        "/api/training/programme": {"get"},
        "/api/training/sessions": {"post"},
        "/api/training/checkins": {"post"},
        "/api/training/decisions": {"get"},
        "/api/training/overrides": {"post"},
    }.items() <= {path: set(ops) for path, ops in paths.items()}.items()
    pain = paths["/api/training/checkins"]["post"]["requestBody"]["content"]["application/json"]
    assert pain["schema"]["$ref"].endswith("CheckInIn")


# --- POST /screenings: pain, running history, bone stress (issue 10) ------------------------


def test_a_self_screen_with_pain_6_says_see_a_physio_with_the_booking_link(client, world):
    response = _client(client, world, "other_runner").post(
        BASE + "/screenings", _screening(current_pain=6), content_type="application/json"
    )
    body = response.json()
    assert response.status_code == 201
    assert (body["programme"], body["see_physio"]) == (None, True)
    assert body["booking_url"] == "http://testserver" + booking_path()
    assert body["placement"]["rules"] == ["S3_self_screen_pain_5_plus_refer"]


def test_a_physio_starts_despite_pain_through_the_api(client, world):
    response = _client(client, world, "physio").post(
        BASE + "/screenings",
        _screening(world.runner.pk, current_pain=7, start_despite_pain=True),
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 201
    assert body["see_physio"] is False
    assert body["screening"]["start_despite_pain"] is True
    assert body["placement"]["baseline_pain"] == 4
    assert body["placement"]["placements"][0]["reason"].startswith(
        "Started by Priya Raman despite pain 7/10 at rest."
    )


def test_a_runner_cannot_start_their_own_programme_despite_pain(client, world):
    before = _counts()
    response = _client(client, world, "other_runner").post(
        BASE + "/screenings",
        _screening(current_pain=6, start_despite_pain=True),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "start_despite_pain" in response.json()["error"]["fields"]
    assert _counts() == before


def test_running_history_and_bone_stress_signs_come_back(client, world):
    response = _client(client, world, "physio").post(
        BASE + "/screenings",
        _screening(
            world.runner.pk,
            years_running=6,
            weekly_km=45,
            marathons_finished=2,
            bone_stress_signs=["groin_pain_with_running"],
        ),
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 201
    assert body["see_physio"] is True
    history = {
        k: body["screening"][k] for k in ("years_running", "weekly_km", "marathons_finished")
    }
    assert history == {"years_running": 6, "weekly_km": 45, "marathons_finished": 2}
    assert body["screening"]["bone_stress_signs"] == ["groin_pain_with_running"]


@pytest.mark.parametrize(
    "extra",
    [
        {"weekly_km": 301},
        {"years_running": -1},
        {"marathons_finished": 501},
        {"bone_stress_signs": ["shin_splints"]},
        {"years_running": 50},  # more than the age of 35
    ],
)
def test_bad_running_history_is_a_422_and_nothing_is_saved(client, world, extra):
    before = _counts()
    response = _client(client, world, "physio").post(
        BASE + "/screenings",
        _screening(world.runner.pk, **extra),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]
    assert _counts() == before


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"notes": "knee\x07sore"}, "notes"),
        ({"injuries": [{"area": "hip\x1b[31m", "months_ago": 2}]}, "injuries.0.area"),
    ],
)
def test_control_characters_in_screening_text_are_refused_and_nothing_saved(
    client, world, extra, field
):
    before = _counts()
    response = _client(client, world, "physio").post(
        BASE + "/screenings", _screening(world.runner.pk, **extra), content_type="application/json"
    )
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert _counts() == before


def test_a_screening_note_keeps_its_line_breaks(client, world):
    response = _client(client, world, "physio").post(
        BASE + "/screenings",
        _screening(world.runner.pk, notes="Left hip sore.\r\nSettles after 10 min."),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Screening.objects.get(pk=response.json()["screening"]["id"]).notes.count("\n") == 1


def test_a_yes_no_answer_must_be_true_or_false_not_a_number(client, world):
    """Found by the schemathesis run: `start_despite_pain: 0` was taken as false."""
    before = _counts()
    response = _client(client, world, "physio").post(
        BASE + "/screenings",
        _screening(world.runner.pk, start_despite_pain=0),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "start_despite_pain" in response.json()["error"]["fields"]
    assert _counts() == before


def test_a_clash_with_stored_data_is_a_documented_409(client):
    document = client.get("/api/openapi.json").json()
    for path in ("/sessions", "/checkins"):
        assert "409" in document["paths"][BASE + path]["post"]["responses"], path
