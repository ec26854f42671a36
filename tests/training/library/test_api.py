"""The public library API: filters, one exercise with its evidence and ladder places, the
ladders with doses and prerequisites, and the one error shape for bad input."""

from __future__ import annotations

import pytest

from stridewell.training.models.library import Exercise

pytestmark = pytest.mark.django_db


def test_list_is_public_and_filters_by_ladder_and_level(client, library):
    response = client.get("/api/training/exercises", {"ladder": "clinic_glute_med", "level": 4})

    assert response.status_code == 200
    body = response.json()
    assert [e["slug"] for e in body] == [
        "banded-split-squat",
        "banded-step-up",
        "single-leg-press",
    ]
    assert body[0]["ladders"] == ["clinic_glute_med"]
    assert body[0]["unit"] == "reps"
    assert body[0]["is_per_side"] is True
    assert body[0]["url"] == "/training/exercises/banded-split-squat/"


def test_list_filters_by_equipment_and_muscle(client, library):
    body = client.get(
        "/api/training/exercises", {"equipment": "leg_press", "muscle": "quadriceps"}
    ).json()

    assert [e["slug"] for e in body] == ["banded-leg-press", "single-leg-press"]
    assert body[0]["equipment"] == [
        {"slug": "leg_press", "name": "Leg-press machine"},
        {"slug": "mini_band", "name": "Mini-band (loop band)"},
    ]


def test_list_leaves_out_unpublished_exercises(client, library):
    Exercise.objects.filter(key="banded_step_up").update(is_published=False)

    body = client.get("/api/training/exercises", {"ladder": "clinic_glute_med", "level": 4})

    assert [e["slug"] for e in body.json()] == ["banded-split-squat", "single-leg-press"]


def test_unknown_filter_values_are_a_422_naming_each_field(client, library):
    response = client.get(
        "/api/training/exercises", {"ladder": "moon", "muscle": "spleen", "equipment": "mat"}
    )

    assert response.status_code == 422
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Some filters are not valid.",
            "fields": {"ladder": ["No ladder 'moon'."], "muscle": ["No muscle 'spleen'."]},
        }
    }


def test_a_level_outside_one_to_six_is_a_422(client, library):
    response = client.get("/api/training/exercises", {"level": 7})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert list(response.json()["error"]["fields"]) == ["level"]


def test_one_exercise_with_evidence_and_its_places_on_ladders(client, library):
    response = client.get("/api/training/exercises/lateral-band-walk")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Lateral band walk (side-step) in mini-squat"
    assert body["gmed_mvic"]["value"] == "61.0"
    assert body["gmed_mvic"]["sd"] == "34.0"
    assert body["gmed_mvic"]["verification"] == "M"
    assert body["gmed_mvic"]["source"]["label"] == "Distefano 2009"
    assert [(f["measure"], f["source"]["key"]) for f in body["evidence"]] == [
        ("gmed_mvic", "youdas2013"),
        ("gmed_mvic", "youdas2013"),
        ("gluteal_tfl_index", "selkowitz2013"),
    ]
    assert "not across studies" in body["mvic_caveat"]
    assert body["places"] == [
        {
            "ladder": "clinic_glute_med",
            "ladder_name": "Clinic glute-med ladder",
            "rung": "gmed_banded_side_steps",
            "step": 3,
            "of": 12,
        },
        {
            "ladder": "frontal_plane_wb",
            "ladder_name": "Standing hip control",
            "rung": "lateral_band_walk",
            "step": 3,
            "of": 5,
        },
    ]
    assert [x["slug"] for x in body["regressions"]] == ["banded-squat"]
    assert len(body["cues"]) == 3


def test_an_unknown_exercise_is_a_404_in_the_error_shape(client, library):
    response = client.get("/api/training/exercises/moonwalk")

    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "No exercise with the slug 'moonwalk'.",
            "fields": {},
        }
    }


def test_ladders_come_with_rungs_doses_load_steps_and_prerequisites(client, library):
    body = client.get("/api/training/ladders").json()

    assert [x["key"] for x in body][:2] == ["clinic_glute_med", "abductor_nwb"]
    gmed = body[0]
    gated = gmed["rungs"][11]
    assert gated["key"] == "gmed_banded_single_leg_squat"
    assert gated["step"] == 12
    assert gated["prerequisites"] == [
        {"rung": "gmed_banded_weighted_squat", "kind": "completed", "min_good_sessions": 1}
    ]
    assert gated["load"] == {
        "kind": "band",
        "steps": ["light band", "medium band", "heavy band"],
    }
    weighted = gmed["rungs"][4]
    assert weighted["dose"] == {
        "sets": 3,
        "low": 8,
        "high": 12,
        "increment": 2,
        "unit": "reps",
        "tempo": "2-1-3",
        "rest_seconds": 60,
    }
    pht = next(x for x in body if x["key"] == "proximal_hamstring")
    assert pht["is_placed_by_screening"] is False
    assert pht["rungs"][0]["dose"]["unit"] == "seconds"


def test_the_endpoints_are_documented_in_openapi(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert {
        "/api/training/exercises",
        "/api/training/exercises/{slug}",
        "/api/training/ladders",
    } <= set(paths)
    params = {p["name"] for p in paths["/api/training/exercises"]["get"]["parameters"]}
    assert params == {"ladder", "level", "equipment", "muscle"}
