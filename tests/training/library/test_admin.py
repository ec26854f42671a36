"""Staff edit ladders in the admin. Every edit is checked over all ladders before it is saved:
a cycle, an unreachable rung, a dangling prerequisite or a shared position comes back as an
error naming the rungs, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from stridewell.training.models.library import Exercise, Ladder, Rung, RungPrerequisite
from tests.training.library.conftest import snapshot

pytestmark = pytest.mark.django_db


def _add_form(data: dict[str, Any], form: Any) -> None:
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif value is not None:
            data[key] = str(value)


def current_data(response) -> dict[str, Any]:
    """What the admin page would post back unchanged."""
    data: dict[str, Any] = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return data


def errors_of(response) -> list[str]:
    messages: list[str] = []
    for field_errors in response.context["adminform"].form.errors.values():
        messages.extend(field_errors)
    for inline in response.context["inline_admin_formsets"]:
        messages.extend(inline.formset.non_form_errors())
        for form_errors in inline.formset.errors:
            for field_errors in form_errors.values():
                messages.extend(field_errors)
    return messages


def ladder_url(key: str) -> str:
    return f"/admin/training/ladder/{Ladder.objects.get(key=key).pk}/change/"


def rung_url(key: str) -> str:
    return f"/admin/training/rung/{Rung.objects.get(key=key).pk}/change/"


def rung_index(data: dict[str, Any], key: str) -> int:
    return next(
        int(name.split("-")[1])
        for name, value in data.items()
        if name.startswith("rungs-") and name.endswith("-key") and value == key
    )


def edit_ladder(client, ladder: str, changes: dict[str, dict[str, str | None]]):
    url = ladder_url(ladder)
    data = current_data(client.get(url))
    for rung_key, fields in changes.items():
        i = rung_index(data, rung_key)
        for field, value in fields.items():
            if value is None:
                data.pop(f"rungs-{i}-{field}", None)
            else:
                data[f"rungs-{i}-{field}"] = value
    return client.post(url, data)


def add_prerequisite(client, rung: str, requires: str, kind: str = "completed"):
    url = rung_url(rung)
    data = current_data(client.get(url))
    i = int(data["prerequisites-TOTAL_FORMS"]) - 1  # the blank extra row
    data[f"prerequisites-{i}-requires"] = str(Rung.objects.get(key=requires).pk)
    data[f"prerequisites-{i}-kind"] = kind
    data[f"prerequisites-{i}-min_good_sessions"] = "2"
    return client.post(url, data)


def test_posting_a_ladder_back_unchanged_saves(staff_client, library):
    response = staff_client.post(
        ladder_url("clinic_glute_med"),
        current_data(staff_client.get(ladder_url("clinic_glute_med"))),
    )

    assert response.status_code == 302


def test_two_rungs_can_swap_places(staff_client, library):
    response = edit_ladder(
        staff_client,
        "clinic_glute_med",
        {"gmed_banded_step_up": {"position": "11"}, "gmed_banded_split_squat": {"position": "10"}},
    )

    assert response.status_code == 302
    assert dict(
        Rung.objects.filter(key__in=["gmed_banded_step_up", "gmed_banded_split_squat"]).values_list(
            "key", "position"
        )
    ) == {"gmed_banded_step_up": 11, "gmed_banded_split_squat": 10}
    assert Rung.objects.filter(ladder__key="clinic_glute_med", is_active=True).count() == 12


def test_two_rungs_on_one_position_are_refused(staff_client, library):
    before = snapshot()

    response = edit_ladder(
        staff_client, "clinic_glute_med", {"gmed_banded_clam": {"position": "1"}}
    )

    assert response.status_code == 200
    assert errors_of(response) == [
        "Rungs 'gmed_banded_clam' and 'gmed_clam' share position 1 in ladder 'clinic_glute_med'."
    ]
    assert snapshot() == before


def test_retiring_a_rung_that_another_rung_requires_is_refused(staff_client, library):
    before = snapshot()

    response = edit_ladder(
        staff_client, "clinic_glute_med", {"gmed_banded_weighted_squat": {"is_active": None}}
    )

    assert response.status_code == 200
    assert errors_of(response) == [
        "Rung 'gmed_banded_single_leg_squat' requires 'gmed_banded_weighted_squat', "
        "which is not a rung of any ladder."
    ]
    assert snapshot() == before


def test_moving_the_gate_above_the_rung_it_unlocks_is_refused_as_unreachable(staff_client, library):
    before = snapshot()

    response = edit_ladder(
        staff_client, "clinic_glute_med", {"gmed_banded_weighted_squat": {"position": "13"}}
    )

    assert response.status_code == 200
    assert errors_of(response)[0].startswith(
        "Rung 'gmed_banded_single_leg_squat' can never be reached: it requires "
        "'gmed_banded_weighted_squat', which comes later in the ladder"
    )
    assert snapshot() == before


def test_a_prerequisite_that_closes_a_cycle_is_refused_and_not_saved(staff_client, library):
    before = snapshot()

    response = add_prerequisite(
        staff_client, "gmed_banded_weighted_squat", requires="gmed_banded_single_leg_squat"
    )

    assert response.status_code == 200
    errors = errors_of(response)
    assert (
        "Prerequisites form a cycle: gmed_banded_single_leg_squat → gmed_banded_weighted_squat "
        "→ gmed_banded_single_leg_squat."
    ) in errors
    assert snapshot() == before


def test_a_cycle_across_two_ladders_is_refused(staff_client, library):
    before = snapshot()

    # single_leg_rdl_bodyweight (hinge) already needs standing_single_leg_balance (standing).
    response = add_prerequisite(
        staff_client, "standing_single_leg_balance", requires="single_leg_rdl_bodyweight"
    )

    assert response.status_code == 200
    assert (
        "Prerequisites form a cycle: single_leg_rdl_bodyweight → standing_single_leg_balance "
        "→ single_leg_rdl_bodyweight."
    ) in errors_of(response)
    assert snapshot() == before


def test_a_valid_prerequisite_is_saved(staff_client, library):
    response = add_prerequisite(
        staff_client, "gmed_step_up", requires="standing_single_leg_balance", kind="reached"
    )

    assert response.status_code == 302
    saved = RungPrerequisite.objects.get(rung__key="gmed_step_up")
    assert (saved.requires.key, saved.kind) == ("standing_single_leg_balance", "reached")


def test_an_upside_down_range_is_a_field_error(staff_client, library):
    before = snapshot()
    url = rung_url("gmed_clam")
    data = current_data(staff_client.get(url)) | {"low": "15", "high": "10"}

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert errors_of(response) == ["The top of the range must be at least the bottom."]
    assert snapshot() == before


def test_a_kg_load_that_does_not_step_evenly_is_refused(staff_client, library):
    url = rung_url("gmed_banded_weighted_squat")
    data = current_data(staff_client.get(url)) | {"kg_max": "15", "kg_increment": "2"}

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert errors_of(response) == [
        "This load does not work: max_kg must be start_kg plus a whole number of increments."
    ]


def test_a_new_ladder_with_rungs_is_saved(staff_client, library):
    clam = Exercise.objects.get(key="clam_basic")
    bridge = Exercise.objects.get(key="glute_bridge")
    rows = [
        {"position": "1", "key": "easy_clam", "exercise": str(clam.pk)},
        {"position": "2", "key": "easy_bridge", "exercise": str(bridge.pk)},
    ]
    data: dict[str, str] = {
        "key": "easy_start",
        "name": "Easy start",
        "position": "9",
        "is_active": "on",
        "rungs-TOTAL_FORMS": "2",
        "rungs-INITIAL_FORMS": "0",
        "rungs-MIN_NUM_FORMS": "0",
        "rungs-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data |= {f"rungs-{i}-{k}": v for k, v in row.items()}
        data |= {
            f"rungs-{i}-is_active": "on",
            f"rungs-{i}-sets": "3",
            f"rungs-{i}-low": "10",
            f"rungs-{i}-high": "15",
            f"rungs-{i}-increment": "2",
            f"rungs-{i}-load_kind": "bodyweight",
            f"rungs-{i}-rest_seconds": "60",
        }

    response = staff_client.post("/admin/training/ladder/add/", data)

    assert response.status_code == 302
    assert list(Rung.objects.filter(ladder__key="easy_start").values_list("key", "position")) == [
        ("easy_clam", 1),
        ("easy_bridge", 2),
    ]


def test_cues_are_edited_one_per_line(staff_client, library):
    exercise = Exercise.objects.get(key="pelvic_drop")
    url = f"/admin/training/exercise/{exercise.pk}/change/"
    data = current_data(staff_client.get(url))
    assert data["cues"].splitlines()[0] == exercise.cues[0]
    data["cues"] = "Stand side-on\n\n  Lower, then lift  \n"

    response = staff_client.post(url, data)

    assert response.status_code == 302
    exercise.refresh_from_db()
    assert exercise.cues == ["Stand side-on", "Lower, then lift"]


def test_ladders_rungs_and_exercises_cannot_be_deleted_only_retired(staff_client, library):
    ladder = Ladder.objects.get(key="hinge")
    rung = Rung.objects.get(key="hip_thrust")
    exercise = Exercise.objects.get(key="hip_thrust")

    for url in (
        f"/admin/training/ladder/{ladder.pk}/delete/",
        f"/admin/training/rung/{rung.pk}/delete/",
        f"/admin/training/exercise/{exercise.pk}/delete/",
    ):
        assert staff_client.post(url, {"post": "yes"}).status_code == 403
    assert (Ladder.objects.count(), Rung.objects.count(), Exercise.objects.count()) == (8, 58, 47)


def test_runners_cannot_reach_the_ladder_admin(client, django_user_model, library):
    runner = django_user_model.objects.create_user(
        email="runner@stridewell.test", password="pw-for-tests-only"
    )
    client.force_login(runner)

    response = client.get(ladder_url("hinge"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
